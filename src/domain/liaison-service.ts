/**
 * The fiche de liaison (DESIGN.md §3 flow 5). A DT correspondent records it; the partnership's ML
 * serving the département of residence receives it; an advisor of that ML accepts it (a request
 * opens, identity pre-filled), redirects it to another ML of the partnership, or closes it
 * `sans_suite` with a reason. Each change is one transaction: state, event, audit, messages.
 */
import { randomUUID } from 'node:crypto';
import { requirePerson } from './access';
import { mayFillFiche, profileOf } from './command-access';
import { DomainError } from './errors';
import { ficheSchema, type FicheRecord } from './liaison';
import {
  checkTenant,
  decideFiche,
  recordFicheEvent,
  type Decided,
  type FicheServiceDeps,
  type Refused,
} from './liaison-decisions';
import type { Caller, CorrespondentRecord, StructureRecord } from './model';
import type { CardSource } from './request-effects';
import { parisToday } from './requests';
import { validate } from './schemas';
import { endedRefusal } from './roadmap';

export type { Decided, FicheNotifier, FicheServiceDeps, Refused } from './liaison-decisions';

/** The DT, and the MLs of its partnerships a fiche may go to. */
export interface FicheFormContext {
  dt: StructureRecord;
  mls: StructureRecord[];
}

export type FicheSaved = { ok: true; fiche: FicheRecord; duplicate: boolean } | Refused;

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

  /** `/liaison`: a correspondent of a DT in a partnership with at least one ML. */
  async formContext(caller: Caller): Promise<FicheFormContext> {
    const person = requirePerson(caller, this.deps);
    const dt = await this.deps.store.directory.getStructure(person.structureId);
    if (!dt || !mayFillFiche(profileOf(person, dt)))
      throw new DomainError('E_ROLE_FORBIDDEN', { action: 'liaison.creer' });
    checkTenant(caller, dt);
    const mls: StructureRecord[] = [];
    let ended: DomainError | null = null;
    for (const p of await this.deps.store.directory.partnershipsOfStructure(dt.id)) {
      if (p.dtId !== dt.id) continue;
      // After the national accord-cadre's end, no new fiche either (issue 14 §3).
      const refusal = await this.endedRefusal(p.id);
      if (refusal) {
        ended = refusal;
        continue;
      }
      for (const id of p.mlIds) {
        const ml = await this.deps.store.directory.getStructure(id);
        if (ml && !mls.some((m) => m.id === ml.id)) mls.push(ml);
      }
    }
    if (!mls.length) throw ended ?? new DomainError('E_NO_PARTNERSHIP', { structureId: dt.id });
    return { dt, mls };
  }

  /** The refusal of a partnership whose accord-cadre has ended, or null while it runs. */
  private endedRefusal(partnershipId: string): Promise<DomainError | null> {
    return endedRefusal(
      this.deps.store,
      partnershipId,
      parisToday(this.deps.clock.now()),
      this.deps.accordCadreEndDate,
    );
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
    const { residence, mlId, formId, cardVersion: _v, ...identity } = checked.value;
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

    // A form opened from a request's card shares that card's message: its own id tells forms apart.
    const sourceKey = formId
      ? `liaison-form|${formId}`
      : source.activityId
        ? `${source.conversationId}|${source.activityId}`
        : null;
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
      await recordFicheEvent(this.deps, tx, caller, fiche, 'created', `to ${ml.id}`);
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
      checkTenant(caller, await this.deps.store.directory.getStructure(person.structureId));
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
    return decideFiche(this.deps, caller, input, 'accept');
  }

  /** Redirects the fiche to another ML of its partnership, whose inbox gets the card. */
  redirect(caller: Caller, input: Record<string, unknown>): Promise<Decided> {
    return decideFiche(this.deps, caller, input, 'redirect');
  }

  /** Closes the fiche without follow-up, with a reason from the closed list. */
  close(caller: Caller, input: Record<string, unknown>): Promise<Decided> {
    return decideFiche(this.deps, caller, input, 'close');
  }
}
