/**
 * What the request service and the import share: their dependencies, and what every new
 * request brings along in its transaction. Kept apart so that neither imports the other.
 */
import type { AccessOptions } from './access';
import type { Clock, RequestRecord, StructureRecord } from './model';
import type { Referentials } from './referentials';
import { scheduleUnanswered, type UnansweredPolicy } from './request-reminders';
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
