/**
 * The tabs' lists (issue 15): every request and fiche de liaison of one structure, on the side the
 * caller's structure is on. The tab filters, searches (accent-insensitive) and pages them in the
 * domain: a structure's list is a few thousand rows at most.
 */
import type { FicheRecord } from '../domain/liaison';
import type { RequestRecord } from '../domain/model';
import { toFiche } from './fiche-repo';
import type { TabListRepository } from './repositories';
import { optStr, toRequest, type Row } from './row-mappers';
import type { SqlRunner } from './sql-runner';

/** The side's column is picked from this closed map, never from the caller's text. */
const SIDE_COLUMN = { ml: 'ml_id', dt: 'dt_id' } as const;

export class TabListRepo implements TabListRepository {
  constructor(private readonly sql: SqlRunner) {}

  async requestsOf(
    side: 'ml' | 'dt',
    structureId: string,
  ): Promise<(RequestRecord & { followUpAt: string | null })[]> {
    const rows = await this.sql.all<Row>(
      `SELECT r.*,
         (SELECT MAX(e.at) FROM request_events e
           WHERE e.request_id = r.id AND e.kind = 'followup_requested') AS followup_at
       FROM requests r WHERE r.${SIDE_COLUMN[side]} = ?`,
      [structureId],
    );
    return rows.map((r) => ({ ...toRequest(r), followUpAt: optStr(r.followup_at) }));
  }

  async fichesOf(side: 'ml' | 'dt', structureId: string): Promise<FicheRecord[]> {
    const rows = await this.sql.all<Row>(`SELECT * FROM fiches WHERE ${SIDE_COLUMN[side]} = ?`, [
      structureId,
    ]);
    return rows.map(toFiche);
  }
}
