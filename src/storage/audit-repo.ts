/**
 * The audit log (DESIGN.md §11, issue 16 §1): one row per read, change or refusal — who (Entra
 * id and structure), when, what (action, request), how it ended — never a person's fields. The
 * journal reads it by page, newest first; the retention job deletes what is older than
 * `AUDIT_RETENTION_DAYS`.
 */
import type { AuditEntry, AuditEvent, AuditQuery, AuditRepository } from './store';
import { optStr, str, type Row } from './row-mappers';
import { deferWrite, type SqlRunner } from './sql-runner';

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

function toEvent(r: Row): AuditEvent {
  return {
    id: Number(r.id),
    at: str(r.at),
    actor: str(r.actor),
    actorStructureId: optStr(r.actor_structure_id),
    action: str(r.action),
    outcome: str(r.outcome),
    requestId: optStr(r.request_id),
    requestNumber: optStr(r.request_number),
    detail: optStr(r.detail),
  };
}

export class AuditRepo implements AuditRepository {
  constructor(private readonly sql: SqlRunner) {}

  /** The actor's structure, when not given, is the directory's at the time of the event. */
  async record(e: AuditEntry): Promise<void> {
    await deferWrite(
      this.sql,
      `INSERT INTO audit_log (at, actor, actor_structure_id, action, request_id, detail, outcome)
       VALUES (?, ?, COALESCE(?, (SELECT structure_id FROM correspondents WHERE aad_object_id = ?)), ?, ?, ?, ?)`,
      [
        e.at,
        e.actor,
        e.actorStructureId ?? null,
        e.actor,
        e.action,
        e.requestId ?? null,
        e.detail ?? null,
        e.outcome ?? 'ok',
      ],
    );
  }

  async list(q: AuditQuery): Promise<{ events: AuditEvent[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.structureIds !== 'all') {
      const ids = q.structureIds;
      if (!ids.length) return { events: [], total: 0 };
      const list = placeholders(ids.length);
      where.push(
        `(a.actor_structure_id IN (${list}) OR r.ml_id IN (${list}) OR r.dt_id IN (${list}))`,
      );
      params.push(...ids, ...ids, ...ids);
    }
    if (q.requestId !== undefined) {
      where.push('a.request_id = ?');
      params.push(q.requestId);
    }
    if (q.actors !== undefined) {
      if (!q.actors.length) return { events: [], total: 0 };
      where.push(`a.actor IN (${placeholders(q.actors.length)})`);
      params.push(...q.actors);
    }
    if (q.from !== undefined) {
      where.push('a.at >= ?');
      params.push(q.from);
    }
    if (q.to !== undefined) {
      where.push('a.at < ?');
      params.push(q.to);
    }
    const from = `FROM audit_log a LEFT JOIN requests r ON r.id = a.request_id${
      where.length ? ` WHERE ${where.join(' AND ')}` : ''
    }`;
    const [count] = await this.sql.all<Row>(`SELECT COUNT(*) AS n ${from}`, params);
    const rows = await this.sql.all<Row>(
      `SELECT a.id, a.at, a.actor, a.actor_structure_id, a.action, a.outcome, a.request_id,
              r.number AS request_number, a.detail
       ${from} ORDER BY a.at DESC, a.id DESC LIMIT ? OFFSET ?`,
      [...params, q.limit, q.offset ?? 0],
    );
    return { events: rows.map(toEvent), total: Number(count?.n ?? 0) };
  }

  async purgeBefore(cutoff: string): Promise<number> {
    return this.sql.run('DELETE FROM audit_log WHERE at < ?', [cutoff]);
  }
}
