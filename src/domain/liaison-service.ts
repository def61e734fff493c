/**
 * The fiche de liaison (DESIGN.md §3 flow 5). A DT correspondent records it; the partnership's ML
 * serving the département of residence receives it; an advisor of that ML accepts it (a request
 * opens, identity pre-filled), redirects it to another ML of the partnership, or closes it
 * `sans_suite` with a reason. Each change is one transaction: state, event, audit, messages.
 */
import { randomUUID } from 'node:crypto';
import { requirePerson } from './access';
import { DomainError } from './errors';
import {
  ficheDecisionSchema,
  ficheSchema,
  OPEN_FICHE_STATUSES,
  SANS_SUITE_REASONS,
  type FicheDecision,
  type FicheRecord,
  type SansSuiteReason,
} from './liaison';
import type { Caller, CorrespondentRecord, RequestRecord, StructureRecord } from './model';
import { insertNewRequest, requestCreated, type CardSource } from './request-effects';
import type { RequestServiceDeps } from './request-effects';
import { parisToday } from './requests';
import { validate, type FieldErrors } from './schemas';
import type { Repo } from '../storage/store';

/** The outbound side of each change, written into the outbox by the Teams edge. */
export interface FicheNotifier {
  ficheProposed(tx: Repo, f: FicheRecord, source: CardSource): Promise<void>;
  ficheDecided(tx: Repo, f: FicheRecord, previousMlId: string): Promise<void>;
}

export interface FicheServiceDeps extends RequestServiceDeps {
  ficheNotifier: FicheNotifier;
}

/** The DT, and the MLs of its partnerships a fiche may go to. */
export interface FicheFormContext {
  dt: StructureRecord;
  mls: StructureRecord[];
}

export type Refused = {
  ok: false;
  fieldErrors: FieldErrors;
  unknownFields: string[];
  values: Record<string, unknown>;
  /** Several MLs serve the département: the form comes back with them to choose from. */
  choices?: StructureRecord[];
};

export type FicheSaved = { ok: true; fiche: FicheRecord; duplicate: boolean } | Refused;

/** A decision: made, refused field by field, or already made (by whom is on the fiche). */
export type Decided =
  | { ok: true; fiche: FicheRecord; request: RequestRecord | null }
  | Refused
  | { ok: false; alreadyDecided: FicheRecord };

type Side = 'ml' | 'dt';

/** Which side of a fiche a person is on: its DT, or the ML it is addressed to now. */
export function ficheSideOf(person: CorrespondentRecord | null, f: FicheRecord): Side | null {
  if (!person || !person.active) return null;
  if (person.structureId === f.dtId && (person.role === 'correspondant' || person.role === 'admin'))
    return 'dt';
  if (person.structureId === f.mlId && (person.role === 'conseiller' || person.role === 'admin'))
    return 'ml';
  return null;
}

export class FicheService {
  constructor(private readonly deps: FicheServiceDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private checkTenant(caller: Caller, s: StructureRecord | undefined): void {
    if (
      s?.tenantId &&
      caller.tenantId &&
      s.tenantId.toLowerCase() !== caller.tenantId.toLowerCase()
    )
      throw new DomainError('E_TENANT_MISMATCH', { structureId: s.id });
  }

  /** `/liaison`: a correspondent of a DT in a partnership with at least one ML. */
  async formContext(caller: Caller): Promise<FicheFormContext> {
    const person = requirePerson(caller, this.deps);
    const dt = await this.deps.store.directory.getStructure(person.structureId);
    if (person.role !== 'correspondant' || !dt || dt.kind !== 'DT')
      throw new DomainError('E_ROLE_FORBIDDEN', { action: 'liaison.creer' });
    this.checkTenant(caller, dt);
    const mls: StructureRecord[] = [];
    for (const p of await this.deps.store.directory.partnershipsOfStructure(dt.id)) {
      if (p.dtId !== dt.id) continue;
      for (const id of p.mlIds) {
        const ml = await this.deps.store.directory.getStructure(id);
        if (ml && !mls.some((m) => m.id === ml.id)) mls.push(ml);
      }
    }
    if (!mls.length) throw new DomainError('E_NO_PARTNERSHIP', { structureId: dt.id });
    return { dt, mls };
  }

  /**
   * Records a fiche and queues the ML's card: the one way a fiche is created (a partnership-level
   * guard, e.g. the accord-cadre's end date, belongs here).
   */
  async create(
    caller: Caller,
    input: Record<string, unknown>,
    source: CardSource,
  ): Promise<FicheSaved> {
    const form = await this.formContext(caller);
    const ctx = {
      today: parisToday(this.deps.clock.now()),
      cirPattern: this.deps.cirPattern,
      referentials: this.deps.referentials,
    };
    const checked = validate(ficheSchema(ctx), input);
    if (!checked.ok) return { ...checked, values: input };
    const { residence, mlId, cardVersion: _v, ...identity } = checked.value;
    const fitting = form.mls.filter((m) => m.departements.includes(residence));
    const refuse = (field: string, code: string, choices?: StructureRecord[]): Refused => ({
      ok: false,
      fieldErrors: { [field]: code },
      unknownFields: [],
      values: input,
      choices,
    });
    if (!fitting.length) return refuse('residence', 'E_RESIDENCE_NO_ML');
    const ml = fitting.length === 1 ? fitting[0] : fitting.find((m) => m.id === mlId);
    if (!ml) return refuse('mlId', mlId ? 'E_CHOICE_INVALID' : 'E_ML_CHOICE_NEEDED', fitting);
    const partnerships = await this.deps.store.directory.partnershipsOfStructure(form.dt.id);
    const partnership = partnerships.find((p) => p.dtId === form.dt.id && p.mlIds.includes(ml.id));
    if (!partnership) return refuse('mlId', 'E_CHOICE_INVALID', fitting);

    const sourceKey = source.activityId ? `${source.conversationId}|${source.activityId}` : null;
    const now = this.now();
    const outcome = await this.deps.store.transaction(async (tx) => {
      // Teams retries invokes and people double-click: one form card makes one fiche.
      const existing = sourceKey ? await tx.fiches.getBySource(sourceKey) : undefined;
      if (existing) return { fiche: existing, duplicate: true };
      const fiche: FicheRecord = {
        id: randomUUID(),
        number: await tx.fiches.nextNumber(Number(now.slice(0, 4))),
        status: 'proposee',
        dtId: form.dt.id,
        mlId: ml.id,
        partnershipId: partnership.id,
        departement: residence,
        identity,
        createdBy: caller.aadObjectId,
        createdAt: now,
        updatedAt: now,
        decidedBy: null,
        decidedByName: null,
        decidedAt: null,
        reason: null,
        requestId: null,
      };
      await tx.fiches.insert(fiche, sourceKey);
      await this.record(tx, caller, fiche, 'created', `to ${ml.id}`);
      await this.deps.ficheNotifier.ficheProposed(tx, fiche, source);
      return { fiche, duplicate: false };
    });
    if (!outcome.duplicate) this.deps.wakeOutbox();
    return { ok: true, ...outcome };
  }

  /** A fiche as the caller may see it; `side` null for outsiders, who get no identity. */
  async view(caller: Caller, ficheId: string): Promise<{ fiche: FicheRecord; side: Side | null }> {
    const person = requirePerson(caller, this.deps);
    const fiche = await this.deps.store.fiches.get(ficheId);
    if (!fiche) throw new DomainError('E_FICHE_NOT_FOUND', { ficheId });
    const side = ficheSideOf(person, fiche);
    if (side) {
      this.checkTenant(caller, await this.deps.store.directory.getStructure(person.structureId));
      await this.deps.store.audit.record({
        at: this.now(),
        actor: caller.aadObjectId,
        action: 'fiche.read',
        detail: fiche.id,
      });
    }
    return { fiche, side };
  }

  /** Accepts: a `transmise` request opens with the fiche's identity, linked to it. */
  accept(caller: Caller, input: Record<string, unknown>): Promise<Decided> {
    return this.decide(caller, input, 'accept');
  }

  /** Redirects the fiche to another ML of its partnership, whose inbox gets the card. */
  redirect(caller: Caller, input: Record<string, unknown>): Promise<Decided> {
    return this.decide(caller, input, 'redirect');
  }

  /** Closes the fiche without follow-up, with a reason from the closed list. */
  close(caller: Caller, input: Record<string, unknown>): Promise<Decided> {
    return this.decide(caller, input, 'close');
  }

  private async decide(
    caller: Caller,
    input: Record<string, unknown>,
    action: 'accept' | 'redirect' | 'close',
  ): Promise<Decided> {
    const person = requirePerson(caller, this.deps);
    const checked = validate(ficheDecisionSchema, input);
    if (!checked.ok) {
      if (checked.fieldErrors.ficheId) throw new DomainError('E_FICHE_NOT_FOUND');
      return { ...checked, values: input };
    }
    const ficheId = checked.value.ficheId;
    const fiche = await this.deps.store.fiches.get(ficheId);
    if (!fiche) throw new DomainError('E_FICHE_NOT_FOUND', { ficheId });
    const verb = `liaison.${action}`;
    if (person.structureId !== fiche.mlId) {
      // The ML it was redirected from sees who has it now; anyone else, a plain refusal.
      if (fiche.status === 'redirigee' && fiche.decidedBy && person.role === 'conseiller')
        return { ok: false, alreadyDecided: fiche };
      throw new DomainError('E_FICHE_NOT_YOUR_ML', { ficheId });
    }
    if (person.role !== 'conseiller')
      throw new DomainError('E_ROLE_FORBIDDEN', { action: verb, ficheId });
    const ml = await this.deps.store.directory.getStructure(fiche.mlId);
    this.checkTenant(caller, ml);
    if (!OPEN_FICHE_STATUSES.includes(fiche.status)) return { ok: false, alreadyDecided: fiche };
    const refuse = (field: string, code: string): Refused => ({
      ok: false,
      fieldErrors: { [field]: code },
      unknownFields: [],
      values: input,
    });

    let reason: SansSuiteReason | null = null;
    let targetMlId = fiche.mlId;
    if (action === 'close') {
      const r = (checked.value.reason ?? '').trim();
      if (!r) return refuse('reason', 'E_FIELD_REQUIRED');
      if (!(SANS_SUITE_REASONS as readonly string[]).includes(r))
        return refuse('reason', 'E_CHOICE_INVALID');
      reason = r as SansSuiteReason;
    }
    if (action === 'redirect') {
      const partnership = await this.deps.store.directory.getPartnership(fiche.partnershipId);
      targetMlId = checked.value.targetMlId ?? '';
      if (!targetMlId) return refuse('targetMlId', 'E_FIELD_REQUIRED');
      if (targetMlId === fiche.mlId || !partnership?.mlIds.includes(targetMlId))
        return refuse('targetMlId', 'E_CHOICE_INVALID');
    }
    if (action === 'accept' && !fiche.identity) throw new DomainError('E_REQUEST_ERASED');

    const now = this.now();
    const done = await this.deps.store
      .transaction(async (tx) => {
        const decision: FicheDecision = {
          status:
            action === 'accept' ? 'acceptee' : action === 'redirect' ? 'redirigee' : 'sans_suite',
          mlId: targetMlId,
          decidedBy: caller.aadObjectId,
          decidedByName: person.name,
          at: now,
          reason,
          requestId: null,
        };
        // First, and conditional: the fiche's row is locked before anything else is written, so a
        // double click or a second advisor finds it decided and rolls back, having written nothing.
        if (!(await tx.fiches.decide(fiche.id, fiche.mlId, decision))) throw new Lost();
        let request: RequestRecord | null = null;
        if (action === 'accept' && fiche.identity) {
          // One fiche opens one request: its source key is the fiche's.
          request = await insertNewRequest(
            tx,
            caller,
            now,
            {
              number: await tx.requests.nextNumber(Number(now.slice(0, 4))),
              mlId: fiche.mlId,
              dtId: fiche.dtId,
              partnershipId: fiche.partnershipId,
              identity: fiche.identity,
              sourceKey: `fiche:${fiche.id}`,
            },
            { action: 'request.create', detail: `from fiche ${fiche.id}` },
          );
          await tx.fiches.linkRequest(fiche.id, request.id);
        }
        const updated = (await tx.fiches.get(fiche.id)) as FicheRecord;
        const detail =
          action === 'accept'
            ? `request ${request?.id ?? ''}`
            : action === 'redirect'
              ? `from ${fiche.mlId} to ${targetMlId}`
              : `reason ${reason ?? ''}`;
        await this.record(tx, caller, updated, decision.status, detail);
        if (request) {
          const dt = await tx.directory.getStructure(fiche.dtId);
          await requestCreated(this.deps, tx, request, dt, {
            conversationId: '',
            activityId: null,
            reference: {},
          });
        }
        await this.deps.ficheNotifier.ficheDecided(tx, updated, fiche.mlId);
        return { fiche: updated, request };
      })
      .catch((err: unknown) => {
        if (err instanceof Lost) return undefined;
        throw err;
      });
    if (!done) {
      return {
        ok: false,
        alreadyDecided: (await this.deps.store.fiches.get(fiche.id)) as FicheRecord,
      };
    }
    this.deps.wakeOutbox();
    return { ok: true, ...done };
  }

  /** The fiche's event (ids and codes only) and its audit line. */
  private async record(
    tx: Repo,
    caller: Caller,
    f: FicheRecord,
    kind: string,
    detail: string,
  ): Promise<void> {
    const at = this.now();
    await tx.fiches.addEvent({ ficheId: f.id, at, actor: caller.aadObjectId, kind, detail });
    await tx.audit.record({
      at,
      actor: caller.aadObjectId,
      action: `fiche.${kind}`,
      requestId: f.requestId ?? undefined,
      detail: f.id,
    });
  }
}

/** Thrown inside a decision's transaction to roll back the request a lost race inserted. */
class Lost extends Error {}
