/**
 * The scheduler's worker (DESIGN.md §8): claims due jobs atomically, runs each in ONE
 * transaction with its side effects (outbox rows) and its completion, retries failures with
 * back-off. A crash after the claim leaves the job claimed until its lease ends, then it runs
 * again from scratch: nothing of the first run was committed, so nothing is sent twice. Woken
 * by a timer set to the next due job, with a poll as a safety net (other instances' jobs).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../domain/model';
import type { Repo, Store } from '../storage/store';
import type { JobRow } from '../domain/records';

export interface JobContext {
  /** The job's transaction: whatever the handler writes commits with the job's completion. */
  tx: Repo;
  job: JobRow;
  /** The worker clock's instant when the run started. */
  now: Date;
}

export interface JobResult {
  /** Short English outcome for the operator (`sent`, `skipped: answered`…), no personal data. */
  outcome: string;
  /** True when outbox rows were written: the dispatcher is woken after the commit. */
  queued?: boolean;
  /** Runs once the job's transaction has committed (a failure is logged, the job stays done). */
  afterCommit?: () => Promise<void>;
}

export type JobHandler = (ctx: JobContext) => Promise<JobResult>;

export interface WorkerOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  handlers: Record<string, JobHandler>;
  wakeOutbox: () => void;
  /** Safety-net poll; the timer is otherwise set to the next due job. */
  pollMs?: number;
  /** How long a claim protects a job from other workers. */
  leaseMs?: number;
  /** First retry delay, doubled at each attempt (capped at six hours). */
  retryBaseMs?: number;
  maxAttempts?: number;
  batch?: number;
  /** A stable name in tests; random otherwise (one per process). */
  id?: string;
}

export type RunOutcome = 'done' | 'lost' | 'retry' | 'failed';

export class JobWorker {
  readonly id: string;
  private running: Promise<void> | null = null;
  private again = false;
  private started = false;
  private halting = false;
  private timer: NodeJS.Timeout | null = null;
  private ran = 0;

  constructor(private readonly o: WorkerOptions) {
    this.id = o.id ?? `worker-${randomUUID().slice(0, 8)}`;
  }

  start(): void {
    this.started = true;
    this.halting = false;
    this.wake();
  }

  /** Stops taking jobs and waits for the one running; claimed ones go back after their lease. */
  async stop(): Promise<void> {
    this.halting = true;
    if (this.timer) clearTimeout(this.timer);
    await this.idle();
  }

  /** Something was scheduled: re-arm the timer (or run now if it is already due). */
  wake(): void {
    if (!this.started || this.halting) return;
    this.kick();
  }

  /** Runs every job due now and resolves when none is left; returns how many were run (tests). */
  async runDue(): Promise<number> {
    const before = this.ran;
    this.kick();
    await this.idle();
    return this.ran - before;
  }

  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop()
      .catch((err: unknown) =>
        this.o.logger.error(
          { err: (err as Error).message, worker: this.id },
          'scheduler: loop failed',
        ),
      )
      .finally(() => {
        this.running = null;
        void this.arm();
      });
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      for (;;) {
        if (this.halting) return;
        const jobs = await this.claim();
        if (!jobs.length) break;
        for (const job of jobs) {
          if (this.halting) return;
          await this.run(job);
        }
      }
    } while (this.again && !this.halting);
  }

  private async arm(): Promise<void> {
    if (!this.started || this.halting) return;
    if (this.timer) clearTimeout(this.timer);
    const poll = this.o.pollMs ?? 30_000;
    let delay = poll;
    try {
      const due = await this.o.store.jobs.nextDue();
      if (due) delay = Math.min(poll, Math.max(0, due.getTime() - this.o.clock.now().getTime()));
    } catch (err) {
      this.o.logger.error({ err: (err as Error).message }, 'scheduler: cannot read next due time');
    }
    if (this.halting) return;
    this.timer = setTimeout(() => this.wake(), delay);
    this.timer.unref();
  }

  /** Claims the due jobs (inside a transaction: SQLite serialises it with the others). */
  async claim(): Promise<JobRow[]> {
    const now = this.o.clock.now();
    const leaseUntil = new Date(now.getTime() + (this.o.leaseMs ?? 300_000));
    return this.o.store.transaction((tx) =>
      tx.jobs.claimDue(now, this.o.batch ?? 32, this.id, leaseUntil),
    );
  }

  /** Runs one claimed job: its effects and its completion commit together, or not at all. */
  async run(job: JobRow): Promise<RunOutcome> {
    const log = {
      jobId: job.id,
      kind: job.kind,
      subject: job.subject,
      attempt: job.attempts,
      worker: this.id,
    };
    const handler = this.o.handlers[job.kind];
    const now = this.o.clock.now();
    if (!handler) {
      await this.o.store.transaction((tx) =>
        tx.jobs.fail(job.id, this.id, `no handler for ${job.kind}`, now),
      );
      this.o.logger.error(log, 'scheduler: unknown job kind, given up');
      return 'failed';
    }
    try {
      const result = await this.o.store.transaction(async (tx) => {
        // Another worker took the job over (our lease ran out): leave it to them.
        if (!(await tx.jobs.hold(job.id, this.id, now))) return null;
        const r = await handler({ tx, job, now });
        await tx.jobs.complete(job.id, r.outcome, now);
        return r;
      });
      this.ran += 1;
      if (!result) {
        this.o.logger.warn(log, 'scheduler: job taken over by another worker, skipped');
        return 'lost';
      }
      if (result.queued) this.o.wakeOutbox();
      if (result.afterCommit)
        await result
          .afterCommit()
          .catch((err: Error) =>
            this.o.logger.error(
              { ...log, err: err.message },
              'scheduler: after-commit step failed',
            ),
          );
      this.o.logger.info({ ...log, outcome: result.outcome }, 'scheduler: job done');
      return 'done';
    } catch (err) {
      return this.failed(job, err as Error, log);
    }
  }

  private async failed(job: JobRow, err: Error, log: Record<string, unknown>): Promise<RunOutcome> {
    const now = this.o.clock.now();
    const message = `${err.name}: ${err.message}`;
    if (job.attempts >= (this.o.maxAttempts ?? 8)) {
      await this.o.store.transaction((tx) => tx.jobs.fail(job.id, this.id, message, now));
      this.o.logger.error({ ...log, error: message }, 'scheduler: job given up');
      return 'failed';
    }
    const delay = Math.min((this.o.retryBaseMs ?? 60_000) * 2 ** (job.attempts - 1), 6 * 3_600_000);
    await this.o.store.transaction((tx) =>
      tx.jobs.retry(job.id, this.id, new Date(now.getTime() + delay), message, now),
    );
    this.o.logger.warn(
      { ...log, error: message, retryInMs: delay },
      'scheduler: job failed, will retry',
    );
    return 'retry';
  }
}
