/** Counts for the operator's metrics (issue 16 §5): the outbox and the jobs, never a row's content. */
import type { OperationsSnapshot, ReadinessSnapshot } from '../domain/records';
import type { OperationsRepository } from './repositories';
import type { SqlRunner } from './sql-runner';

export class OperationsRepo implements OperationsRepository {
  constructor(private readonly sql: SqlRunner) {}

  async snapshot(): Promise<OperationsSnapshot> {
    const [outbox] = await this.sql.all<Record<string, unknown>>(
      `SELECT
         SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS pending,
         SUM(CASE WHEN status = 'pending' AND attempts > 0 THEN 1 ELSE 0 END) AS retrying,
         SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed,
         MIN(CASE WHEN status = 'pending' THEN created_at END) AS oldest
       FROM outbox`,
    );
    const jobs = await this.sql.all<Record<string, unknown>>(
      'SELECT status, kind, COUNT(*) AS n FROM jobs GROUP BY status, kind',
    );
    return {
      outboxPending: Number(outbox?.pending ?? 0),
      outboxRetrying: Number(outbox?.retrying ?? 0),
      outboxFailed: Number(outbox?.failed ?? 0),
      outboxOldestPendingAt: outbox?.oldest ? String(outbox.oldest) : null,
      jobs: jobs.map((j) => ({
        status: String(j.status),
        kind: String(j.kind),
        count: Number(j.n),
      })),
    };
  }

  async readiness(): Promise<ReadinessSnapshot> {
    // status = 'pending' walks the outbox_due index. Sent rows are never deleted: the last send
    // is looked for among the 200 most recently queued rows, read backwards along the primary key
    // (a filter on status would sort every sent row); sent_at is null on the others.
    const [pending] = await this.sql.all<Record<string, unknown>>(
      "SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE status = 'pending'",
    );
    const [sent] = await this.sql.all<Record<string, unknown>>(
      'SELECT MAX(sent_at) AS last FROM (SELECT sent_at FROM outbox ORDER BY id DESC LIMIT 200) recent',
    );
    return {
      outboxPending: Number(pending?.n ?? 0),
      outboxOldestPendingAt: pending?.oldest ? String(pending.oldest) : null,
      lastSentAt: sent?.last ? String(sent.last) : null,
    };
  }
}
