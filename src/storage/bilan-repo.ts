/**
 * The bilan's aggregates (domain/bilan-sections.ts): COUNT … GROUP BY over a partnership's
 * requests created in [from, to) and its committees, on both engines. No row of a person is
 * ever returned, and a big year costs one grouped scan per figure, not one row per request.
 */
import type { BilanRepository, BilanRequestKey, KeyCount } from './repositories';
import type { SqlRunner } from './sql-runner';

type Row = Record<string, unknown>;

/** The grouped column and the condition that makes a request count, by key (never user text). */
const BY: Readonly<Record<BilanRequestKey, { column: string; where: string }>> = {
  status: { column: 'status', where: '' },
  ml: { column: 'ml_id', where: '' },
  // Requests stored before the motif existed (or from a form without it) count as not given.
  motif: { column: "COALESCE(motif, 'non_precise')", where: '' },
  // A figure of the year stays the same whenever it is computed: what happened after it is out.
  prescriptionInitiale: {
    column: 'prescription_initiale',
    where: 'AND prescription_initiale IS NOT NULL AND answered_at < ?',
  },
  prescriptionML: {
    column: 'prescription_ml',
    where: 'AND prescription_ml IS NOT NULL AND prescribed_at < ?',
  },
};

const counts = (rows: Row[]): KeyCount[] =>
  rows.map((r) => ({ key: String(r.k), count: Number(r.n) }));

export class BilanRepo implements BilanRepository {
  constructor(
    private readonly sql: SqlRunner,
    private readonly engine: 'sqlite' | 'postgres',
  ) {}

  async requestsBy(
    partnershipId: string,
    from: Date,
    to: Date,
    by: BilanRequestKey,
  ): Promise<KeyCount[]> {
    if (!Object.hasOwn(BY, by)) throw new RangeError(`unknown bilan key ${by}`);
    const { column, where } = BY[by];
    const params: unknown[] = [partnershipId, from.toISOString(), to.toISOString()];
    if (where) params.push(to.toISOString());
    const rows = await this.sql.all<Row>(
      `SELECT ${column} AS k, COUNT(*) AS n FROM requests
       WHERE partnership_id = ? AND created_at >= ? AND created_at < ? ${where}
       GROUP BY ${column} ORDER BY ${column}`,
      params,
    );
    return counts(rows);
  }

  async answerDelayHours(partnershipId: string, from: Date, to: Date): Promise<[number, number][]> {
    // Whole hours between creation and answer (ISO text columns): each engine's date arithmetic.
    const hours =
      this.engine === 'postgres'
        ? 'FLOOR(EXTRACT(EPOCH FROM (answered_at::timestamptz - created_at::timestamptz)) / 3600)'
        : 'CAST(ROUND((julianday(answered_at) - julianday(created_at)) * 86400) AS INTEGER) / 3600';
    const rows = await this.sql.all<Row>(
      `SELECT h, COUNT(*) AS n FROM (
         SELECT ${hours} AS h FROM requests
         WHERE partnership_id = ? AND created_at >= ? AND created_at < ?
           AND answered_at IS NOT NULL AND answered_at < ? AND status <> 'annulee'
       ) d GROUP BY h`,
      [partnershipId, from.toISOString(), to.toISOString(), to.toISOString()],
    );
    return rows.map((r) => [Math.max(0, Number(r.h)), Number(r.n)]);
  }

  async followUps(
    partnershipId: string,
    from: Date,
    to: Date,
  ): Promise<{ asked: number; answered: number }> {
    // A follow-up is answered when the ML's prescription came after the first time it was asked.
    const [r] = await this.sql.all<Row>(
      `SELECT COUNT(*) AS asked,
              COALESCE(SUM(CASE WHEN prescribed_at >= first_at AND prescribed_at < ? THEN 1 ELSE 0 END), 0) AS answered
       FROM (
         SELECT r.id, r.prescribed_at, MIN(e.at) AS first_at
         FROM requests r JOIN request_events e ON e.request_id = r.id
         WHERE r.partnership_id = ? AND r.created_at >= ? AND r.created_at < ?
           AND e.kind = 'followup_requested' AND e.at < ?
         GROUP BY r.id, r.prescribed_at
       ) f`,
      [to.toISOString(), partnershipId, from.toISOString(), to.toISOString(), to.toISOString()],
    );
    return { asked: Number(r?.asked ?? 0), answered: Number(r?.answered ?? 0) };
  }

  async committeesByKind(partnershipId: string, from: Date, to: Date): Promise<KeyCount[]> {
    const rows = await this.sql.all<Row>(
      `SELECT kind AS k, COUNT(*) AS n FROM committees
       WHERE partnership_id = ? AND status = 'planned' AND starts_at >= ? AND starts_at < ?
       GROUP BY kind ORDER BY kind`,
      [partnershipId, from.toISOString(), to.toISOString()],
    );
    return counts(rows);
  }

  async fichesByStatus(partnershipId: string, from: Date, to: Date): Promise<KeyCount[]> {
    const rows = await this.sql.all<Row>(
      `SELECT status AS k, COUNT(*) AS n FROM fiches
       WHERE partnership_id = ? AND created_at >= ? AND created_at < ?
       GROUP BY status ORDER BY status`,
      [partnershipId, from.toISOString(), to.toISOString()],
    );
    return counts(rows);
  }
}
