/**
 * An ML's decisions on a fiche de liaison (flow 5): accept (a request opens, identity
 * pre-filled), redirect to another ML of the partnership, close `sans_suite` with a reason. The
 * fiche's conditional update comes first in the transaction, so a second click writes nothing.
 */
import { checkStructureTenant } from './tenant-check';
import { FICHE_MOTIF } from './request-life-codes';
import { requirePerson } from './access';
import { DomainError } from './errors';
import {
  ficheDecisionSchema,
  OPEN_FICHE_STATUSES,
  SANS_SUITE_REASONS,
  type FicheDecision,
  type FicheRecord,
  type SansSuiteReason,
} from './liaison';
import type { Caller, RequestRecord, StructureRecord } from './model';
import {
  insertNewRequest,
  requestCreated,
  type CardSource,
  type RequestServiceDeps,
} from './request-effects';
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

export type Refused = {
  ok: false;
  fieldErrors: FieldErrors;
  unknownFields: string[];
  values: Record<string, unknown>;
  /** Several MLs serve the département: the form comes back with them to choose from. */
  choices?: StructureRecord[];
};

/** A decision: made, refused field by field, or already made (by whom is on the fiche). */
export type Decided =
  | { ok: true; fiche: FicheRecord; request: RequestRecord | null }
  | Refused
  | { ok: false; alreadyDecided: FicheRecord };

/** The caller's tenant must be the structure's (strict outside local mode: tenant-check.ts). */
export function checkTenant(caller: Caller, s: StructureRecord | undefined): void {
  checkStructureTenant(caller, s);
}

/** One decision of an advisor of the ML the fiche is addressed to, in one transaction. */
export async function decideFiche(
  deps: FicheServiceDeps,
  caller: Caller,
  input: Record<string, unknown>,
  action: 'accept' | 'redirect' | 'close',
): Promise<Decided> {
  const person = requirePerson(caller, deps);
  const checked = validate(ficheDecisionSchema, input);
  if (!checked.ok) {
    if (checked.fieldErrors.ficheId) throw new DomainError('E_FICHE_NOT_FOUND');
    return { ...checked, values: input };
  }
  const ficheId = checked.value.ficheId;
  const fiche = await deps.store.fiches.get(ficheId);
  if (!fiche) throw new DomainError('E_FICHE_NOT_FOUND', { ficheId });
  const verb = `liaison.${action}`;
  if (person.structureId !== fiche.mlId) {
    // An advisor of the ML it was redirected from sees where it went; anyone else is refused.
    const left = (await deps.store.fiches.listEvents(fiche.id)).some(
      (e) => e.kind === 'redirigee' && e.detail?.startsWith(`from ${person.structureId} `),
    );
    if (left && person.role === 'conseiller') return { ok: false, alreadyDecided: fiche };
    throw new DomainError('E_FICHE_NOT_YOUR_ML', { ficheId });
  }
  if (person.role !== 'conseiller')
    throw new DomainError('E_ROLE_FORBIDDEN', { action: verb, ficheId });
  const ml = await deps.store.directory.getStructure(fiche.mlId);
  checkTenant(caller, ml);
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
    const partnership = await deps.store.directory.getPartnership(fiche.partnershipId);
    targetMlId = checked.value.targetMlId ?? '';
    if (!targetMlId) return refuse('targetMlId', 'E_FIELD_REQUIRED');
    if (targetMlId === fiche.mlId || !partnership?.mlIds.includes(targetMlId))
      return refuse('targetMlId', 'E_CHOICE_INVALID');
  }
  if (action === 'accept' && !fiche.identity) throw new DomainError('E_REQUEST_ERASED');

  const now = deps.clock.now().toISOString();
  const done = await deps.store
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
            // The DT already met the signatory: the ML asks for what the DT knows of the pathway.
            motif: FICHE_MOTIF,
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
      await recordFicheEvent(deps, tx, caller, updated, decision.status, detail);
      if (request) {
        const dt = await tx.directory.getStructure(fiche.dtId);
        await requestCreated(deps, tx, request, dt, {
          conversationId: '',
          activityId: null,
          reference: {},
        });
      }
      await deps.ficheNotifier.ficheDecided(tx, updated, fiche.mlId);
      return { fiche: updated, request };
    })
    .catch((err: unknown) => {
      if (err instanceof Lost) return undefined;
      throw err;
    });
  if (!done) {
    return {
      ok: false,
      alreadyDecided: (await deps.store.fiches.get(fiche.id)) as FicheRecord,
    };
  }
  deps.wakeOutbox();
  return { ok: true, ...done };
}

/** The fiche's event (ids and codes only) and its audit line. */
export async function recordFicheEvent(
  deps: FicheServiceDeps,
  tx: Repo,
  caller: Caller,
  f: FicheRecord,
  kind: string,
  detail: string,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  await tx.fiches.addEvent({ ficheId: f.id, at, actor: caller.aadObjectId, kind, detail });
  await tx.audit.record({
    at,
    actor: caller.aadObjectId,
    action: `fiche.${kind}`,
    requestId: f.requestId ?? undefined,
    detail: f.id,
  });
}

/** Thrown inside a decision's transaction when the fiche was decided meanwhile: rolls back. */
class Lost extends Error {}
