/**
 * `/suivi` without argument (issue 13 §7): the requests of one structure that still wait on
 * somebody. One indexed read; the domain decides who each one waits on.
 */
import type { OpenFicheRow, OpenRequestRow } from '../domain/records';
import type { OpenItemsRepository } from './repositories';
import type { SqlRunner } from './sql-runner';

type Row = Record<string, unknown>;
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** The side's column is picked from this closed map, never from the caller's text. */
const SIDE_COLUMN = { ml: 'ml_id', dt: 'dt_id' } as const;

export class OpenItemsRepo implements OpenItemsRepository {
  constructor(private readonly sql: SqlRunner) {}

  async openRequests(side: 'ml' | 'dt', structureId: string): Promise<OpenRequestRow[]> {
    const rows = await this.sql.all<Row>(
      `SELECT id, number, status, ml_id, dt_id, created_at, answered_at, prescribed_at, followup_at
       FROM (
         SELECT r.id, r.number, r.status, r.ml_id, r.dt_id, r.created_at, r.answered_at,
           r.prescribed_at,
           (SELECT MAX(e.at) FROM request_events e
             WHERE e.request_id = r.id AND e.kind = 'followup_requested') AS followup_at
         FROM requests r
         WHERE r.${SIDE_COLUMN[side]} = ? AND r.status <> 'annulee' AND r.erased_at IS NULL
       ) o
       WHERE status IN ('transmise', 'completee')
          OR (followup_at IS NOT NULL AND (prescribed_at IS NULL OR followup_at > prescribed_at))`,
      [structureId],
    );
    return rows.map((r) => ({
      id: String(r.id),
      number: String(r.number),
      status: String(r.status),
      mlId: String(r.ml_id),
      dtId: String(r.dt_id),
      createdAt: String(r.created_at),
      answeredAt: text(r.answered_at),
      prescribedAt: text(r.prescribed_at),
      followUpAt: text(r.followup_at),
    }));
  }

  async openFiches(side: 'ml' | 'dt', structureId: string): Promise<OpenFicheRow[]> {
    const rows = await this.sql.all<Row>(
      `SELECT id, number, ml_id, dt_id, updated_at FROM fiches
       WHERE ${SIDE_COLUMN[side]} = ? AND status IN ('proposee', 'redirigee') AND erased_at IS NULL`,
      [structureId],
    );
    return rows.map((r) => ({
      id: String(r.id),
      number: String(r.number),
      mlId: String(r.ml_id),
      dtId: String(r.dt_id),
      since: String(r.updated_at),
    }));
  }
}
