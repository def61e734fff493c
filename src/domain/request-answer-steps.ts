/**
 * The steps of flows 2 and 3 and of the DT's update (issue 13 §3) inside a caller's transaction:
 * one code path shared by the cards (requests.ts, request-life.ts, pathway.ts) and the table
 * import (issue 13 §5), so an imported row changes a request exactly as a card would.
 */
import type { Caller, RequestRecord } from './model';
import type { ChangeBy } from './request-life-codes';
import type { RequestServiceDeps } from './request-effects';
import type { RequestLifeNotifier } from './request-life-types';
import type { Answer } from './schemas';
import type { Repo } from '../storage/store';

/** Flow 2's first answer on a `transmise` request drawn at `version`; undefined when stale. */
export async function answerStep(
  deps: RequestServiceDeps,
  tx: Repo,
  request: RequestRecord,
  version: number,
  answer: Answer,
  c: ChangeBy,
): Promise<RequestRecord | undefined> {
  // The version first: a correction or a cancellation committed meanwhile makes the card stale.
  if (!(await tx.requestLife.answered(request.id, version, answer, c))) return undefined;
  // Unreachable (the version's update holds the row, still `transmise`); never half-applied.
  if (!(await tx.requests.answer(request.id, answer, c.by, c.byName, c.at)))
    throw new Error('request left transmise inside the answer transaction');
  const updated = (await tx.requests.get(request.id)) as RequestRecord;
  await tx.requests.addEvent({
    requestId: request.id,
    at: c.at,
    actor: c.by,
    kind: 'answered',
    detail: 'flow-2 fields set',
  });
  await tx.audit.record({ at: c.at, actor: c.by, action: 'request.answer', requestId: request.id });
  await deps.notifier.requestAnswered(tx, updated);
  return updated;
}

/** A new version of the DT's four fields; `fields` names what changed, never the values. */
export async function updateStep(
  notifier: RequestLifeNotifier,
  tx: Repo,
  request: RequestRecord,
  answer: Answer,
  c: ChangeBy,
  fields: readonly string[],
): Promise<RequestRecord | undefined> {
  if (!(await tx.requestLife.update(request.id, request.version ?? 1, answer, c))) return undefined;
  const r = (await tx.requests.get(request.id)) as RequestRecord;
  await tx.requests.addEvent({
    requestId: r.id,
    at: c.at,
    actor: c.by,
    kind: 'updated',
    detail: `fields: ${fields.join(', ')}`,
  });
  await tx.audit.record({ at: c.at, actor: c.by, action: 'request.update', requestId: r.id });
  await notifier.updated(tx, r);
  return r;
}

/** Flow 3: the ML's prescription; an answered request becomes `cloturee`; the DT is informed. */
export async function prescribeStep(
  deps: RequestServiceDeps,
  tx: Repo,
  caller: Caller,
  request: RequestRecord,
  code: string,
  now: string,
): Promise<RequestRecord> {
  await tx.requests.setPrescription(request.id, code, caller.aadObjectId, now);
  const r = (await tx.requests.get(request.id)) as RequestRecord;
  await tx.requests.addEvent({
    requestId: r.id,
    at: now,
    actor: caller.aadObjectId,
    kind: 'prescribed',
    detail: 'prescriptionML set',
  });
  await tx.audit.record({
    at: now,
    actor: caller.aadObjectId,
    action: 'request.prescribe',
    requestId: r.id,
  });
  await deps.notifier.requestPrescribed(tx, r);
  return r;
}
