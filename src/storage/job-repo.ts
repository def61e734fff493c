/**
 * The jobs table (DESIGN.md §8): scheduled work as rows. Runs on the caller's transaction, so
 * that a job is scheduled, cancelled or completed atomically with the state change that causes
 * it (a committee planned, a request created, outbox rows written).
 */
import type { JobInput, JobRow, JobStatus } from '../domain/records';
import type { JobRepository } from './repositories';
import type { SqlRunner } from './sql-runner';

type Row = Record<string, unknown>;
const optStr = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toJob(r: Row): JobRow {
  return {
    id: Number(r.id),
    kind: String(r.kind),
    subject: optStr(r.subject),
    payload: JSON.parse(String(r.payload)) as Record<string, unknown>,
    dueAt: String(r.due_at),
    status: String(r.status) as JobStatus,
    attempts: Number(r.attempts),
    claimedBy: optStr(r.claimed_by),
    claimedUntil: optStr(r.claimed_until),
    lastError: optStr(r.last_error),
    outcome: optStr(r.outcome),
    dedupeKey: String(r.dedupe_key),
  };
}

export class JobRepo implements JobRepository {
  constructor(
    private readonly sql: SqlRunner,
    private readonly engine: 'sqlite' | 'postgres',
  ) {}

  /** Inserts a job unless one with the same dedupe key exists; true when it was inserted. */
  async scheduleOne(j: JobInput, at: Date): Promise<boolean> {
    return (await this.schedule([j], at)) === 1;
  }

  /**
   * Several jobs in one statement; one whose dedupe key exists is skipped. Returns how many were
   * new.
   */
  async schedule(jobs: JobInput[], at: Date): Promise<number> {
    if (!jobs.length) return 0;
    const when = at.toISOString();
    return this.sql.run(
      `INSERT INTO jobs (kind, subject, payload, due_at, dedupe_key, created_at, updated_at)
       VALUES ${jobs.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')} ON CONFLICT (dedupe_key) DO NOTHING`,
      jobs.flatMap((j) => [
        j.kind,
        j.subject ?? null,
        JSON.stringify(j.payload),
        j.dueAt.toISOString(),
        j.dedupeKey,
        when,
        when,
      ]),
    );
  }

  /** Cancels the pending jobs of a subject (of one kind if given); returns how many. */
  async cancel(subject: string, at: Date, kind?: string): Promise<number> {
    const sql0 = `UPDATE jobs SET status = 'cancelled', outcome = 'cancelled', claimed_by = NULL, claimed_until = NULL, updated_at = ?
       WHERE subject = ? AND status = 'pending'`;
    return kind
      ? this.sql.run(`${sql0} AND kind = ?`, [at.toISOString(), subject, kind])
      : this.sql.run(sql0, [at.toISOString(), subject]);
  }

  /**
   * Claims up to `limit` due jobs for `worker` until `leaseUntil`, counting an attempt (so that
   * a job that crashes its worker every time is given up in the end). A job whose lease expired
   * (its worker died) is due again. PostgreSQL skips rows another instance holds locked.
   */
  async claimDue(now: Date, limit: number, worker: string, leaseUntil: Date): Promise<JobRow[]> {
    const lock = this.engine === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
    const n = now.toISOString();
    const rows = await this.sql.all<Row>(
      `UPDATE jobs SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1, updated_at = ?
       WHERE id IN (SELECT id FROM jobs WHERE status = 'pending' AND due_at <= ?
                    AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY due_at, id LIMIT ?${lock})
       RETURNING *`,
      [worker, leaseUntil.toISOString(), n, n, n, limit],
    );
    return rows
      .map(toJob)
      .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id - b.id));
  }

  /**
   * First statement of a job's transaction: true if the job is still pending and claimed by
   * `worker`. On PostgreSQL it also locks the row until the transaction ends, so that no other
   * instance claims it meanwhile; a worker whose lease was taken over gets false and does nothing.
   */
  async hold(id: number, worker: string, at: Date): Promise<boolean> {
    const changed = await this.sql.run(
      "UPDATE jobs SET updated_at = ? WHERE id = ? AND status = 'pending' AND claimed_by = ?",
      [at.toISOString(), id, worker],
    );
    return changed === 1;
  }

  /** Marks a held job done, with a short outcome for the operator (no personal data). */
  async complete(id: number, outcome: string, at: Date): Promise<void> {
    await this.sql.run(
      `UPDATE jobs SET status = 'done', outcome = ?, last_error = NULL, claimed_by = NULL, claimed_until = NULL, updated_at = ?
       WHERE id = ?`,
      [outcome.slice(0, 200), at.toISOString(), id],
    );
  }

  /** Puts a failed job back for a later attempt, if `worker` still holds it. */
  async retry(id: number, worker: string, dueAt: Date, error: string, at: Date): Promise<void> {
    await this.sql.run(
      `UPDATE jobs SET due_at = ?, last_error = ?, claimed_by = NULL, claimed_until = NULL, updated_at = ?
       WHERE id = ? AND status = 'pending' AND claimed_by = ?`,
      [dueAt.toISOString(), error.slice(0, 500), at.toISOString(), id, worker],
    );
  }

  /** Gives a job up after its last attempt, if `worker` still holds it. */
  async fail(id: number, worker: string, error: string, at: Date): Promise<void> {
    await this.sql.run(
      `UPDATE jobs SET status = 'failed', last_error = ?, claimed_by = NULL, claimed_until = NULL, updated_at = ?
       WHERE id = ? AND status = 'pending' AND claimed_by = ?`,
      [error.slice(0, 500), at.toISOString(), id, worker],
    );
  }

  /** The earliest instant a pending job becomes runnable (its due time, or its lease's end). */
  async nextDue(): Promise<Date | undefined> {
    // Two statements: each single MIN is answered from an index (jobs_due, jobs_lease). Only a
    // claimed pending job has a lease: every way out of a claim clears it.
    const [d] = await this.sql.all<{ v: string | null }>(
      "SELECT MIN(due_at) AS v FROM jobs WHERE status = 'pending'",
    );
    const [l] = await this.sql.all<{ v: string | null }>(
      'SELECT MIN(claimed_until) AS v FROM jobs WHERE claimed_until IS NOT NULL',
    );
    const candidates = [d?.v, l?.v].filter((v): v is string => !!v).map((v) => Date.parse(v));
    return candidates.length ? new Date(Math.min(...candidates)) : undefined;
  }

  /**
   * Pending jobs of a subject and kind due in (after, upTo]: a later reminder supersedes an earlier
   * one.
   */
  async countPendingDue(subject: string, kind: string, after: string, upTo: Date): Promise<number> {
    const [r] = await this.sql.all<{ n: number | string }>(
      "SELECT COUNT(*) AS n FROM jobs WHERE subject = ? AND kind = ? AND status = 'pending' AND due_at > ? AND due_at <= ?",
      [subject, kind, after, upTo.toISOString()],
    );
    return Number(r?.n ?? 0);
  }

  /** Jobs of a subject (every status), oldest due first: for cards and tests. */
  async of(subject: string): Promise<JobRow[]> {
    return (
      await this.sql.all<Row>('SELECT * FROM jobs WHERE subject = ? ORDER BY due_at, id', [subject])
    ).map(toJob);
  }

  /** Every job, for tests and the operator. */
  async list(): Promise<JobRow[]> {
    return (await this.sql.all<Row>('SELECT * FROM jobs ORDER BY id')).map(toJob);
  }

  /** Forgets finished jobs older than `before` (their dedupe keys are no longer needed). */
  async prune(before: Date): Promise<number> {
    return this.sql.run(
      "DELETE FROM jobs WHERE status IN ('done', 'cancelled', 'failed') AND updated_at < ?",
      [before.toISOString()],
    );
  }
}
