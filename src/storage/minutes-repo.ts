/**
 * SQL of the committees' minutes and the partners' shared figures (issue 14 §2, §5), on the
 * SqlRunner of the caller's transaction (both engines, `?` placeholders). Lists are JSON text.
 */
import type { CommitteeKind } from '../domain/committees';
import type { CommitteeMinutes } from '../domain/committee-minutes';
import type { SharedFigures } from '../domain/shared-figures';
import type { MinutesRepository, SharedFiguresRepository } from './repositories';
import type { SqlRunner } from './sql-runner';

type Row = Record<string, unknown>;

const list = (v: unknown): string[] => JSON.parse(String(v)) as string[];

function toMinutes(r: Row): CommitteeMinutes {
  return {
    committeeId: String(r.committee_id),
    partnershipId: String(r.partnership_id),
    kind: String(r.kind) as CommitteeKind,
    startsAt: new Date(String(r.starts_at)),
    held: Number(r.held) === 1,
    present: list(r.present),
    decisions: String(r.decisions),
    objectives: list(r.objectives),
    met: list(r.met),
    outcome: String(r.outcome),
    recordedBy: String(r.recorded_by),
    recordedAt: String(r.recorded_at),
    updatedBy: String(r.updated_by),
    updatedAt: String(r.updated_at),
    edits: Number(r.edits),
  };
}

function toFigures(r: Row): SharedFigures {
  return {
    partnershipId: String(r.partnership_id),
    structureId: String(r.structure_id),
    year: Number(r.year),
    formVersion: String(r.form_version),
    figures: JSON.parse(String(r.figures)) as Record<string, number>,
    updatedBy: String(r.updated_by),
    updatedAt: String(r.updated_at),
  };
}

export class MinutesRepo implements MinutesRepository {
  constructor(private readonly sql: SqlRunner) {}

  async get(committeeId: string): Promise<CommitteeMinutes | undefined> {
    const [r] = await this.sql.all<Row>('SELECT * FROM committee_minutes WHERE committee_id = ?', [
      committeeId,
    ]);
    return r && toMinutes(r);
  }

  /** Inserts, or edits keeping the first author and time; returns the minutes now stored. */
  async save(m: CommitteeMinutes): Promise<CommitteeMinutes> {
    const [r] = await this.sql.all<Row>(
      `INSERT INTO committee_minutes (committee_id, partnership_id, kind, starts_at, held, present, decisions,
         objectives, met, outcome, recorded_by, recorded_at, updated_by, updated_at, edits)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
       ON CONFLICT (committee_id) DO UPDATE SET kind = excluded.kind, starts_at = excluded.starts_at,
         held = excluded.held, present = excluded.present, decisions = excluded.decisions,
         objectives = excluded.objectives, met = excluded.met, outcome = excluded.outcome,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at,
         edits = committee_minutes.edits + 1
       RETURNING *`,
      [
        m.committeeId,
        m.partnershipId,
        m.kind,
        m.startsAt.toISOString(),
        m.held ? 1 : 0,
        JSON.stringify(m.present),
        m.decisions,
        JSON.stringify(m.objectives),
        JSON.stringify(m.met),
        m.outcome,
        m.recordedBy,
        m.recordedAt,
        m.updatedBy,
        m.updatedAt,
      ],
    );
    return toMinutes(r);
  }

  async listFor(partnershipId: string): Promise<CommitteeMinutes[]> {
    const rows = await this.sql.all<Row>(
      'SELECT * FROM committee_minutes WHERE partnership_id = ? ORDER BY starts_at, committee_id',
      [partnershipId],
    );
    return rows.map(toMinutes);
  }

  async previousCopil(
    partnershipId: string,
    before: Date,
    excludeId: string,
  ): Promise<CommitteeMinutes | undefined> {
    const [r] = await this.sql.all<Row>(
      `SELECT * FROM committee_minutes WHERE partnership_id = ? AND kind = 'COPIL' AND held = 1
         AND starts_at < ? AND committee_id <> ? ORDER BY starts_at DESC LIMIT 1`,
      [partnershipId, before.toISOString(), excludeId],
    );
    return r && toMinutes(r);
  }

  async firstCopilFrom(partnershipId: string, from: Date): Promise<CommitteeMinutes | undefined> {
    const [r] = await this.sql.all<Row>(
      `SELECT * FROM committee_minutes WHERE partnership_id = ? AND kind = 'COPIL' AND held = 1
         AND starts_at >= ? ORDER BY starts_at LIMIT 1`,
      [partnershipId, from.toISOString()],
    );
    return r && toMinutes(r);
  }
}

export class SharedFiguresRepo implements SharedFiguresRepository {
  constructor(private readonly sql: SqlRunner) {}

  async get(
    partnershipId: string,
    structureId: string,
    year: number,
  ): Promise<SharedFigures | undefined> {
    const [r] = await this.sql.all<Row>(
      'SELECT * FROM shared_figures WHERE partnership_id = ? AND structure_id = ? AND year = ?',
      [partnershipId, structureId, year],
    );
    return r && toFigures(r);
  }

  async save(f: SharedFigures): Promise<void> {
    await this.sql.run(
      `INSERT INTO shared_figures (partnership_id, structure_id, year, form_version, figures, updated_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (partnership_id, structure_id, year) DO UPDATE SET form_version = excluded.form_version,
         figures = excluded.figures, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      [
        f.partnershipId,
        f.structureId,
        f.year,
        f.formVersion,
        JSON.stringify(f.figures),
        f.updatedBy,
        f.updatedAt,
      ],
    );
  }

  async listFor(partnershipId: string, year: number): Promise<SharedFigures[]> {
    const rows = await this.sql.all<Row>(
      'SELECT * FROM shared_figures WHERE partnership_id = ? AND year = ? ORDER BY structure_id',
      [partnershipId, year],
    );
    return rows.map(toFigures);
  }
}
