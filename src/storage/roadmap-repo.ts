/**
 * SQL of the partnerships' roadmap records and their amendments (issue 14 §3), on the caller's
 * transaction (both engines, `?` placeholders). Not cached: read by `/partenariat`, new
 * requests and the daily reminder sweep only.
 */
import type { Amendment, RoadmapRecord, Signatory } from '../domain/roadmap';
import type { RoadmapRepository } from './repositories';
import type { SqlRunner } from './sql-runner';

type Row = Record<string, unknown>;

const optStr = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export class RoadmapRepo implements RoadmapRepository {
  constructor(private readonly sql: SqlRunner) {}

  async get(partnershipId: string): Promise<RoadmapRecord | undefined> {
    const [r] = await this.sql.all<Row>(
      'SELECT * FROM partnership_roadmaps WHERE partnership_id = ?',
      [partnershipId],
    );
    if (!r) return undefined;
    return {
      partnershipId: String(r.partnership_id),
      signatories: JSON.parse(String(r.signatories)) as Signatory[],
      signedOn: optStr(r.signed_on),
      signedPlace: optStr(r.signed_place),
      endDate: optStr(r.end_date),
      updatedBy: String(r.updated_by),
      updatedAt: String(r.updated_at),
    };
  }

  async save(r: RoadmapRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO partnership_roadmaps (partnership_id, signatories, signed_on, signed_place, end_date, updated_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (partnership_id) DO UPDATE SET signatories = excluded.signatories,
         signed_on = excluded.signed_on, signed_place = excluded.signed_place, end_date = excluded.end_date,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      [
        r.partnershipId,
        JSON.stringify(r.signatories),
        r.signedOn,
        r.signedPlace,
        r.endDate,
        r.updatedBy,
        r.updatedAt,
      ],
    );
  }

  async addAmendment(a: Omit<Amendment, 'id'>): Promise<void> {
    await this.sql.run(
      `INSERT INTO roadmap_amendments (partnership_id, amended_on, summary, created_by, created_at)
       VALUES (?, ?, ?, ?, ?)`,
      [a.partnershipId, a.amendedOn, a.summary, a.createdBy, a.createdAt],
    );
  }

  async amendments(partnershipId: string): Promise<Amendment[]> {
    const rows = await this.sql.all<Row>(
      'SELECT * FROM roadmap_amendments WHERE partnership_id = ? ORDER BY amended_on, id',
      [partnershipId],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      partnershipId: String(r.partnership_id),
      amendedOn: String(r.amended_on),
      summary: String(r.summary),
      createdBy: String(r.created_by),
      createdAt: String(r.created_at),
    }));
  }
}
