/**
 * SQL of the committees (issue 5), the partnership notices and the bilan's request facts, on
 * the SqlRunner of the caller's transaction (both engines, `?` placeholders).
 */
import type { CommitteeKind } from '../domain/committees';
import type { CommitteeRecord } from '../domain/records';
import type { RequestFact } from '../domain/stats';
import type { CommitteeRepository } from './repositories';
import type { SqlRunner } from './sql-runner';

type Row = Record<string, unknown>;

function toCommittee(r: Row): CommitteeRecord {
  return {
    id: String(r.id),
    partnershipId: String(r.partnership_id),
    kind: String(r.kind) as CommitteeKind,
    startsAt: new Date(String(r.starts_at)),
    place: String(r.place),
    placeKind: String(r.place_kind) as 'place' | 'link',
    agenda: String(r.agenda),
    participants: JSON.parse(String(r.participants)) as string[],
    status: String(r.status) as CommitteeRecord['status'],
    sequence: Number(r.sequence),
    icsToken: String(r.ics_token),
    createdBy: String(r.created_by),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

export class CommitteeRepo implements CommitteeRepository {
  constructor(private readonly sql: SqlRunner) {}

  /** Inserts a committee; false when `sourceKey` was already used (a retried submit). */
  async insert(c: CommitteeRecord, sourceKey: string | null): Promise<boolean> {
    const changed = await this.sql.run(
      `INSERT INTO committees (id, partnership_id, kind, starts_at, place, place_kind, agenda, participants, status,
         sequence, ics_token, source_key, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_key) DO NOTHING`,
      [
        c.id,
        c.partnershipId,
        c.kind,
        c.startsAt.toISOString(),
        c.place,
        c.placeKind,
        c.agenda,
        JSON.stringify(c.participants),
        c.status,
        c.sequence,
        c.icsToken,
        sourceKey,
        c.createdBy,
        c.createdAt,
        c.updatedAt,
      ],
    );
    return changed === 1;
  }

  async get(id: string): Promise<CommitteeRecord | undefined> {
    const [r] = await this.sql.all<Row>('SELECT * FROM committees WHERE id = ?', [id]);
    return r && toCommittee(r);
  }

  async getBySource(sourceKey: string): Promise<CommitteeRecord | undefined> {
    const [r] = await this.sql.all<Row>('SELECT * FROM committees WHERE source_key = ?', [
      sourceKey,
    ]);
    return r && toCommittee(r);
  }

  /** Saves an edit and bumps the sequence; returns the sequence now stored. */
  async update(
    c: Pick<
      CommitteeRecord,
      'id' | 'kind' | 'startsAt' | 'place' | 'placeKind' | 'agenda' | 'participants'
    >,
    at: string,
  ): Promise<number> {
    const [r] = await this.sql.all<{ sequence: number | string }>(
      `UPDATE committees SET kind = ?, starts_at = ?, place = ?, place_kind = ?, agenda = ?, participants = ?,
         sequence = sequence + 1, updated_at = ? WHERE id = ? AND status = 'planned' RETURNING sequence`,
      [
        c.kind,
        c.startsAt.toISOString(),
        c.place,
        c.placeKind,
        c.agenda,
        JSON.stringify(c.participants),
        at,
        c.id,
      ],
    );
    return r ? Number(r.sequence) : -1;
  }

  /** Cancels a planned committee; false if it was already cancelled (a double click). */
  async cancel(id: string, at: string): Promise<boolean> {
    const changed = await this.sql.run(
      "UPDATE committees SET status = 'cancelled', sequence = sequence + 1, updated_at = ? WHERE id = ? AND status = 'planned'",
      [at, id],
    );
    return changed === 1;
  }

  /** Committees of the partnerships, by start time. */
  async listFor(partnershipIds: string[]): Promise<CommitteeRecord[]> {
    if (!partnershipIds.length) return [];
    const rows = await this.sql.all<Row>(
      `SELECT * FROM committees WHERE partnership_id IN (${partnershipIds.map(() => '?').join(', ')}) ORDER BY starts_at, id`,
      partnershipIds,
    );
    return rows.map(toCommittee);
  }

  /** Every partnership id (global admins act on all of them). */
  async allPartnershipIds(): Promise<string[]> {
    return (await this.sql.all<{ id: string }>('SELECT id FROM partnerships ORDER BY id')).map(
      (r) => String(r.id),
    );
  }

  /** Records a notice about a partnership; true only the first time (told once). */
  async noteOnce(partnershipId: string, kind: string, at: string): Promise<boolean> {
    const changed = await this.sql.run(
      'INSERT INTO partnership_notices (partnership_id, kind, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      [partnershipId, kind, at],
    );
    return changed === 1;
  }

  /** Forgets a notice, so that the next occurrence is told again (a channel was bound since). */
  async clearNotice(partnershipId: string, kind: string): Promise<void> {
    await this.sql.run('DELETE FROM partnership_notices WHERE partnership_id = ? AND kind = ?', [
      partnershipId,
      kind,
    ]);
  }

  /** What the bilan counts of a partnership's requests created in [from, to): no identity. */
  async requestFacts(partnershipId: string, from: Date, to: Date): Promise<RequestFact[]> {
    const rows = await this.sql.all<Row>(
      'SELECT created_at, answered_at, status FROM requests WHERE partnership_id = ? AND created_at >= ? AND created_at < ?',
      [partnershipId, from.toISOString(), to.toISOString()],
    );
    return rows.map((r) => ({
      createdAt: new Date(String(r.created_at)),
      answeredAt:
        r.answered_at === null || r.answered_at === undefined
          ? null
          : new Date(String(r.answered_at)),
      status: String(r.status),
    }));
  }
}
