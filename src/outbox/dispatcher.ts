/**
 * The outbox dispatcher (DESIGN.md §6): claims due rows, sends them, marks them sent. 429s
 * honour Retry-After, 5xx and network errors back off, other refusals fail at once; after
 * `maxAttempts` a row is given up with an operator log line. Woken by commits, polls as a
 * safety net (another instance's rows, retries, expired claims).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../domain/model';
import type { SendPaceRepository } from '../storage/repositories';
import type { ClaimedOutboxRow, OutboxPacing, OutboxRow, Store } from '../storage/store';
import { SendError, type MessageSender } from './connector';
import { ConversationRateLimit } from './rate-limit';
import { SharedPacing } from './shared-pacing';

export interface DispatcherOptions {
  store: Store;
  sender: MessageSender;
  clock: Clock;
  logger: Logger;
  maxAttempts: number;
  /** How many conversations are served at once. */
  concurrency?: number;
  pollMs?: number;
  leaseMs?: number;
  /** First back-off step for 5xx and network errors. */
  backoffMs?: number;
  /** Other instances send too (PostgreSQL): every send is checked against their sends as well. */
  sharedPacing?: SendPaceRepository;
}

/**
 * Loops start at most this often. Under load every commit wakes the dispatcher: one claim for
 * a few commits' rows costs less than one claim (and one deferral) per commit.
 */
const MIN_LOOP_INTERVAL_MS = 10;
const CLAIM_BATCH = 64;

export class OutboxDispatcher {
  private readonly id = `dispatcher-${randomUUID().slice(0, 8)}`;
  private readonly limits = new ConversationRateLimit();
  private readonly shared: SharedPacing | null;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private lastLoopAt = -Infinity;
  private stopped = true;
  /** The soonest row this instance put off while a loop runs (a retry, a rate-limit slot). */
  private dueHint = Infinity;
  /** Ends a running loop's wait for a free worker: something was committed. */
  private nudge: (() => void) | null = null;

  constructor(private readonly o: DispatcherOptions) {
    this.shared = o.sharedPacing ? new SharedPacing(o.sharedPacing) : null;
  }

  /** For the store: a row for a conversation whose rows already wait is written due at its slot. */
  readonly pacing: OutboxPacing = {
    join: (conversationId, dueAt) => {
      const slot = this.limits.join(
        conversationId,
        this.o.clock.now().getTime(),
        Date.parse(dueAt),
      );
      return slot && { dueAt: new Date(slot.at).toISOString(), bind: slot.bind };
    },
  };

  start(): void {
    this.stopped = false;
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.nudge?.();
    if (this.timer) clearTimeout(this.timer);
    if (this.soon) clearTimeout(this.soon);
    await this.running;
  }

  /** Something was committed: send it now rather than at the next poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      // A loop waiting on slow sends claims what was just committed without waiting for them.
      this.nudge?.();
      return;
    }
    const since = performance.now() - this.lastLoopAt;
    if (since < MIN_LOOP_INTERVAL_MS) {
      this.soon ??= setTimeout(() => {
        this.soon = null;
        this.wake();
      }, MIN_LOOP_INTERVAL_MS - since);
      return;
    }
    this.lastLoopAt = performance.now();
    this.running = this.loop().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.wake();
      } else {
        void this.schedule();
      }
    });
  }

  /** Resolves once nothing due is left (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running || this.soon) {
      if (this.running) await this.running;
      else await new Promise((r) => setTimeout(r, 1));
    }
  }

  /**
   * Claims and sends until nothing is due. Conversations go side by side, `concurrency` at a
   * time; a freed worker lets the next claim in at once, so one slow answer holds back its own
   * conversation only, not the rest of a batch.
   */
  private async loop(): Promise<void> {
    this.again = false;
    const run: LoopRun = { queues: new Map(), waiting: [], workers: new Set() };
    const limit = this.o.concurrency ?? 8;
    let full = true;
    for (;;) {
      if (this.stopped) break;
      // Claim when the last claim was full, something was committed meanwhile, or at the poll;
      // otherwise only wait for a worker to free (nothing new is due).
      if (full || this.again || run.polled) {
        this.again = false;
        run.polled = false;
        this.dueHint = Infinity;
        const now = this.o.clock.now();
        const rows = await this.o.store.claimOutbox(
          now.toISOString(),
          CLAIM_BATCH,
          this.id,
          new Date(now.getTime() + (this.o.leaseMs ?? 30_000)).toISOString(),
        );
        full = rows.length === CLAIM_BATCH;
        if (rows.length) await this.enqueue(run, rows);
      }
      while (run.workers.size < limit && run.waiting.length) this.startWorker(run);
      if (run.workers.size === 0 && !full && !this.again) break;
      if (full && run.workers.size < limit) {
        // SQLite answers synchronously: without a pause, a long backlog would hold the event
        // loop (and every incoming request) until it is all claimed.
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      await this.nextFreeWorker(run);
    }
    // Stopped: the conversations no worker reached go back, unclaimed, like a worker's rest.
    const at = this.o.clock.now().getTime();
    const unsent = run.waiting.flatMap((c) => run.queues.get(c) ?? []);
    run.waiting.length = 0;
    await this.defer(unsent.map((r) => ({ id: r.id, at })));
    await Promise.all(run.workers);
  }

  /** Waits until a worker ends, or until the poll interval passes (retries falling due). */
  private async nextFreeWorker(run: LoopRun): Promise<void> {
    if (!run.workers.size) return;
    let timer: NodeJS.Timeout | undefined;
    const poll = new Promise<void>((resolve) => {
      const poll = this.o.pollMs ?? 5_000;
      const hint = Math.max(0, this.dueHint - this.o.clock.now().getTime());
      timer = setTimeout(
        () => {
          run.polled = true;
          resolve();
        },
        Math.min(poll, hint),
      );
    });
    const committed = new Promise<void>((resolve) => (this.nudge = resolve));
    await Promise.race([...run.workers, poll, committed]);
    this.nudge = null;
    clearTimeout(timer);
  }

  private startWorker(run: LoopRun): void {
    const conversationId = run.waiting.shift()!;
    // The queue leaves the run the moment it is emptied, in the same tick: a row claimed later
    // for this conversation starts a new queue rather than joining one nobody reads.
    const release = () => run.queues.delete(conversationId);
    const worker: Promise<void> = this.sendInOrder(run.queues.get(conversationId)!, release)
      .catch((err: unknown) => {
        release();
        this.o.logger.error({ err: (err as Error).message }, 'outbox: a send loop failed');
      })
      .finally(() => run.workers.delete(worker));
    run.workers.add(worker);
  }

  private async schedule(): Promise<void> {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const poll = this.o.pollMs ?? 5_000;
    let delay = poll;
    try {
      const due = await this.o.store.nextOutboxDue();
      if (due) delay = Math.min(poll, Math.max(0, Date.parse(due) - this.o.clock.now().getTime()));
    } catch (err) {
      this.o.logger.error({ err: (err as Error).message }, 'outbox: cannot read next due time');
    }
    this.timer = setTimeout(() => this.wake(), delay);
    this.timer.unref();
  }

  /**
   * One conversation's rows go in order: rows claimed for a conversation already being sent
   * join its queue. Rows past what a conversation's rate limit lets go now are deferred at
   * once, each to its own slot, before any payload is read.
   */
  private async enqueue(run: LoopRun, rows: ClaimedOutboxRow[]): Promise<void> {
    const now = this.o.clock.now().getTime();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const sendNow: ClaimedOutboxRow[] = [];
    const later: { id: number; at: number }[] = [];
    for (const [conversationId, list] of byConversationOf(rows)) {
      const plan = this.limits.plan(
        conversationId,
        now,
        list.map((r) => r.id),
      );
      sendNow.push(...plan.sendNow.map((id) => byId.get(id)!));
      later.push(...plan.later);
    }
    await this.defer(later);
    const loaded = await this.o.store.withPayloads(sendNow);
    for (const [conversationId, list] of byConversationOf(loaded)) {
      const queue = run.queues.get(conversationId);
      if (queue) queue.push(...list);
      else {
        run.queues.set(conversationId, list);
        run.waiting.push(conversationId);
      }
    }
  }

  /** Sends a conversation's queue in order; rows joining it meanwhile are sent too. */
  private async sendInOrder(rows: OutboxRow[], release: () => void): Promise<void> {
    for (;;) {
      const row = rows.shift();
      if (!row) {
        release();
        return;
      }
      // Shutting down: the message being sent ends; the rest of the queue goes back, unclaimed,
      // for the next instance or the next start.
      if (this.stopped) {
        const at = this.o.clock.now().getTime();
        const rest = [row, ...rows.splice(0)];
        release();
        await this.defer(rest.map((r) => ({ id: r.id, at })));
        return;
      }
      const { conversationId } = row;
      const now = this.o.clock.now().getTime();
      let wait = this.limits.waitFor(conversationId, now);
      if (wait === 0 && this.shared) wait = await this.sharedWait(this.shared, conversationId, now);
      // Alone on its database (SQLite), this instance's own sends are all there is to count.
      else if (wait === 0) this.limits.record(conversationId, now);
      const blocked = wait > 0 ? wait : await this.sendOne(row);
      if (blocked > 0) {
        // This row (a 429 has already put it back) and what follows it in this conversation
        // wait as long, and go before what was booked after them: messages keep their order.
        const held = [row, ...rows.splice(0)].map((r) => r.id);
        release();
        // Read again: a 429 answers after the request's round trip, and Retry-After counts from
        // then.
        const at = this.o.clock.now().getTime();
        await this.defer(this.limits.rebook(conversationId, at, held, at + blocked));
        return;
      }
    }
  }

  /** 0 once the send is recorded for every instance to see; else how long to wait. */
  private async sharedWait(
    shared: SharedPacing,
    conversationId: string,
    now: number,
  ): Promise<number> {
    const { wait, times } = await shared.admit(conversationId, now);
    this.limits.adopt(conversationId, now, times);
    return wait;
  }

  private async defer(later: { id: number; at: number }[]): Promise<void> {
    for (const l of later) this.dueHint = Math.min(this.dueHint, l.at);
    if (later.length)
      await this.o.store.outbox.deferRows(
        later.map((l) => ({ id: l.id, dueAt: new Date(l.at).toISOString() })),
      );
  }

  /** Sends one row; returns how long its conversation must now wait (0: carry on). */
  private async sendOne(row: OutboxRow): Promise<number> {
    const log = {
      outboxId: row.id,
      op: row.op,
      requestId: row.requestId,
      conversationId: row.conversationId,
      attempt: row.attempts + 1,
    };
    try {
      const activityId = await this.o.sender.send(row);
      const at = this.o.clock.now().toISOString();
      const { requestId, side } = row;
      if (row.op === 'send' && requestId && side && activityId) {
        // The posted card is remembered with the row marked sent, in one transaction.
        await this.o.store.transaction(async (tx) => {
          await tx.requests.addMessage({
            requestId,
            side,
            conversationId: row.conversationId,
            activityId,
          });
          await tx.outbox.markSent(row.id, activityId, at);
        });
      } else {
        // One statement needs no transaction of its own (on PostgreSQL: 1 round trip, not 3).
        await this.o.store.outbox.markSent(row.id, activityId, at);
      }
      this.o.logger.debug(log, 'outbox: sent');
      return 0;
    } catch (err) {
      const e = err instanceof SendError ? err : new SendError(0, null, (err as Error).message);
      const retryable = e.status === 0 || e.status === 429 || e.status >= 500;
      if (!retryable || row.attempts + 1 >= this.o.maxAttempts) {
        await this.o.store.outbox.markFailed(row.id, e.message);
        this.o.logger.error(
          { ...log, status: e.status, error: e.message },
          'outbox: message given up',
        );
        return 0;
      }
      const backoff = (this.o.backoffMs ?? 1_000) * 2 ** row.attempts;
      const delay =
        e.status === 429 && e.retryAfterMs !== null
          ? e.retryAfterMs
          : Math.min(backoff, 300_000) * (0.8 + Math.random() * 0.4);
      const retryAt = this.o.clock.now().getTime() + delay;
      this.dueHint = Math.min(this.dueHint, retryAt);
      await this.o.store.outbox.markRetry(row.id, new Date(retryAt).toISOString(), e.message, true);
      this.o.logger.warn(
        { ...log, status: e.status, retryInMs: Math.round(delay) },
        'outbox: send failed, will retry',
      );
      return e.status === 429 ? delay : 0;
    }
  }
}

/** One loop's conversations: their queues, those waiting for a worker, the workers running. */
interface LoopRun {
  queues: Map<string, OutboxRow[]>;
  waiting: string[];
  workers: Set<Promise<void>>;
  /** The poll interval passed while workers ran: claim again (retries may be due). */
  polled?: boolean;
}

/** Rows per conversation, each list in the order given. */
function byConversationOf<R extends { conversationId: string }>(rows: R[]): Map<string, R[]> {
  const by = new Map<string, R[]>();
  for (const row of rows) {
    const list = by.get(row.conversationId);
    if (list) list.push(row);
    else by.set(row.conversationId, [row]);
  }
  return by;
}
