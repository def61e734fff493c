/**
 * What the request service and the import share: their dependencies, and what every new
 * request brings along in its transaction. Kept apart so that neither imports the other.
 */
import { randomUUID } from 'node:crypto';
import type { AccessOptions } from './access';
import type { Caller, Clock, RequestRecord, StructureRecord } from './model';
import type { Referentials } from './referentials';
import { scheduleUnanswered, type UnansweredPolicy } from './request-reminders';
import type { Identity } from './schemas';
import type { Motif } from './request-life-codes';
import type { Repo, Store } from '../storage/store';

/** Where the card that carried a form lives, so that the bot can update it in place. */
export interface CardSource {
  conversationId: string;
  activityId: string | null;
  reference: Record<string, unknown>;
}

/** The outbound side effects of a change, written into the outbox by the Teams edge. */
export interface RequestNotifier {
  requestCreated(tx: Repo, r: RequestRecord, source: CardSource): Promise<void>;
  requestAnswered(tx: Repo, r: RequestRecord): Promise<void>;
  requestPrescribed(tx: Repo, r: RequestRecord): Promise<void>;
  followUpRequested(tx: Repo, r: RequestRecord): Promise<void>;
}

export interface RequestServiceDeps extends AccessOptions {
  store: Store;
  clock: Clock;
  referentials: Referentials;
  cirPattern: RegExp;
  notifier: RequestNotifier;
  /** When set, each new request gets its reminder and escalation jobs (request-reminders.ts). */
  unanswered?: UnansweredPolicy;
  /** Called after a commit that queued messages: the dispatcher sends them now. */
  wakeOutbox: () => void;
  /** ACCORD_CADRE_END_DATE: the end date of partnerships that recorded none (issue 14 §3). */
  accordCadreEndDate?: string;
}

/**
 * What every new request brings along in its transaction: its unanswered reminders, then its cards.
 */
export async function requestCreated(
  deps: RequestServiceDeps,
  tx: Repo,
  r: RequestRecord,
  dt: StructureRecord | undefined,
  source: CardSource,
): Promise<void> {
  if (deps.unanswered)
    await scheduleUnanswered(tx.jobs, r, dt?.departements[0], deps.unanswered, deps.clock.now());
  await deps.notifier.requestCreated(tx, r, source);
}

/** What a new request is made of: who opened it, where it goes, and the person's identity. */
export interface NewRequest {
  number: string;
  mlId: string;
  dtId: string;
  partnershipId: string;
  identity: Identity;
  /** Why the ML asks; null when the form card that carried it had no motif yet. */
  motif: Motif | null;
  sourceKey: string | null;
}

/**
 * Stores a new `transmise` request with its `created` event and its audit line (`action`:
 * request.create or request.import), in the caller's transaction; returns the record.
 */
export async function insertNewRequest(
  tx: Repo,
  caller: Caller,
  at: string,
  r: NewRequest,
  audit: { action: string; detail: string },
): Promise<RequestRecord> {
  const request: RequestRecord = {
    id: randomUUID(),
    number: r.number,
    status: 'transmise',
    mlId: r.mlId,
    dtId: r.dtId,
    partnershipId: r.partnershipId,
    createdBy: caller.aadObjectId,
    createdAt: at,
    updatedAt: at,
    identity: r.identity,
    answer: null,
    answeredBy: null,
    answeredByName: null,
    answeredAt: null,
    prescriptionML: null,
    prescribedAt: null,
    motif: r.motif,
    version: 1,
    lastChange: null,
    cancelReason: null,
  };
  await tx.requests.insert(request, r.sourceKey);
  const actor = caller.aadObjectId;
  await tx.requests.addEvent({
    requestId: request.id,
    at,
    actor,
    kind: 'created',
    detail: audit.detail,
  });
  await tx.audit.record({ at, actor, action: audit.action, requestId: request.id });
  return request;
}
