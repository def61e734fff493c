/**
 * The directory's own SQL (issue 3), beside the shared Repo: channel bindings with their team,
 * deactivation, partnerships as sets, directory events and exported files. Runs on the
 * transaction's SqlRunner, so that a change and its audit event commit together.
 */
import type { CorrespondentRecord, PartnershipRecord } from '../domain/model';
import type { DirectoryEvent, LostBinding } from '../domain/records';
import type { DirectoryRepository } from './repositories';
import type { SqlRunner } from './sql-runner';

type Row = Record<string, unknown>;

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

export class DirectoryRepo implements DirectoryRepository {
  constructor(private readonly sql: SqlRunner) {}

  /** Everyone, the deactivated too (history and re-activation need them), by name. */
  async allCorrespondents(): Promise<CorrespondentRecord[]> {
    const rows = await this.sql.all<Row>(
      'SELECT * FROM correspondents ORDER BY name, aad_object_id',
    );
    return rows.map((r) => ({
      aadObjectId: String(r.aad_object_id),
      structureId: String(r.structure_id),
      role: String(r.role) as CorrespondentRecord['role'],
      name: String(r.name),
      email: r.email === null ? null : String(r.email),
      phone: r.phone === null ? null : String(r.phone),
      teamsUserId: r.teams_user_id === null ? null : String(r.teams_user_id),
      active: Number(r.active) === 1,
    }));
  }

  async allPartnerships(): Promise<PartnershipRecord[]> {
    const rows = await this.sql.all<Row>('SELECT * FROM partnerships ORDER BY id');
    const mls = await this.sql.all<{ partnership_id: string; ml_id: string }>(
      'SELECT * FROM partnership_mls ORDER BY ml_id',
    );
    return rows.map((r) => ({
      id: String(r.id),
      dtId: String(r.dt_id),
      name: r.name === null ? null : String(r.name),
      mlIds: mls.filter((m) => m.partnership_id === r.id).map((m) => m.ml_id),
      channelConversationId:
        r.channel_conversation_id === null ? null : String(r.channel_conversation_id),
      ddetsId: r.ddets_id === null || r.ddets_id === undefined ? null : String(r.ddets_id),
    }));
  }

  async setActive(aadObjectId: string, active: boolean, at: string): Promise<number> {
    return this.sql.run(
      'UPDATE correspondents SET active = ?, updated_at = ? WHERE aad_object_id = ? AND active <> ?',
      [active ? 1 : 0, at, aadObjectId.toLowerCase(), active ? 1 : 0],
    );
  }

  /**
   * Teams' id of a person added by mention: their cards refresh before they ever write to the bot.
   */
  async setTeamsUserIdIfUnknown(aadObjectId: string, teamsUserId: string): Promise<void> {
    await this.sql.run(
      'UPDATE correspondents SET teams_user_id = ? WHERE aad_object_id = ? AND teams_user_id IS NULL',
      [teamsUserId, aadObjectId.toLowerCase()],
    );
  }

  /** The partnership's MLs become exactly `mlIds` (the shared upsert only ever adds). */
  async setPartnershipMls(id: string, mlIds: string[]): Promise<void> {
    const current = await this.sql.all<{ ml_id: string }>(
      'SELECT ml_id FROM partnership_mls WHERE partnership_id = ?',
      [id],
    );
    for (const { ml_id } of current) {
      if (!mlIds.includes(ml_id))
        await this.sql.run('DELETE FROM partnership_mls WHERE partnership_id = ? AND ml_id = ?', [
          id,
          ml_id,
        ]);
    }
    for (const ml of mlIds) {
      await this.sql.run(
        'INSERT INTO partnership_mls (partnership_id, ml_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
        [id, ml],
      );
    }
  }

  async bindInbox(
    structureId: string,
    conversationId: string | null,
    teamId: string | null,
  ): Promise<void> {
    await this.sql.run(
      'UPDATE structures SET inbox_conversation_id = ?, inbox_team_id = ? WHERE id = ?',
      [conversationId, teamId, structureId],
    );
  }

  async bindChannel(
    partnershipId: string,
    conversationId: string | null,
    teamId: string | null,
  ): Promise<void> {
    await this.sql.run(
      'UPDATE partnerships SET channel_conversation_id = ?, channel_team_id = ? WHERE id = ?',
      [conversationId, teamId, partnershipId],
    );
  }

  /**
   * What is bound to this channel, or to any channel of this team (whose id is its General
   * channel's).
   */
  async boundTo(conversationId: string | null, teamId: string | null): Promise<LostBinding[]> {
    const ids = [conversationId, teamId].filter((v): v is string => !!v);
    if (!ids.length) return [];
    const list = placeholders(ids.length);
    const inboxes = await this.sql.all<{ id: string }>(
      `SELECT id FROM structures WHERE inbox_conversation_id IN (${list}) OR inbox_team_id IN (${list}) ORDER BY id`,
      [...ids, ...ids],
    );
    const channels = await this.sql.all<{ id: string }>(
      `SELECT id FROM partnerships WHERE channel_conversation_id IN (${list}) OR channel_team_id IN (${list}) ORDER BY id`,
      [...ids, ...ids],
    );
    return [
      ...inboxes.map((r) => ({ kind: 'inbox' as const, id: r.id })),
      ...channels.map((r) => ({ kind: 'channel' as const, id: r.id })),
    ];
  }

  async addEvent(e: DirectoryEvent): Promise<void> {
    await this.sql.run(
      'INSERT INTO directory_events (at, actor, action, target_kind, target_id, structure_id, fields) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [e.at, e.actor, e.action, e.targetKind, e.targetId, e.structureId, e.fields.join(',')],
    );
  }

  /** The latest events, newest first; `structureIds` limits them to a partnership admin's scope. */
  async events(
    structureIds: string[] | 'all',
    limit: number,
    offset = 0,
  ): Promise<DirectoryEvent[]> {
    if (structureIds !== 'all' && !structureIds.length) return [];
    const where =
      structureIds === 'all' ? '' : `WHERE structure_id IN (${placeholders(structureIds.length)})`;
    const rows = await this.sql.all<Row>(
      `SELECT * FROM directory_events ${where} ORDER BY id DESC LIMIT ? OFFSET ?`,
      [...(structureIds === 'all' ? [] : structureIds), limit, offset],
    );
    return rows.map((r) => ({
      at: String(r.at),
      actor: String(r.actor),
      action: String(r.action),
      targetKind: String(r.target_kind) as DirectoryEvent['targetKind'],
      targetId: String(r.target_id),
      structureId: r.structure_id === null ? null : String(r.structure_id),
      fields: r.fields ? String(r.fields).split(',').filter(Boolean) : [],
    }));
  }

  /**
   * Records that this content of the start-up directory file was applied; false if it already was.
   */
  async markFileApplied(hash: string, at: string): Promise<boolean> {
    const [seen] = await this.sql.all<{ hash: string }>(
      'SELECT hash FROM directory_file_loads WHERE hash = ?',
      [hash],
    );
    if (seen) return false;
    await this.sql.run(
      'INSERT INTO directory_file_loads (hash, applied_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
      [hash, at],
    );
    return true;
  }

  async saveExport(
    id: string,
    createdBy: string,
    content: string,
    at: string,
    expiresAt: string,
    maxUses: number,
  ): Promise<void> {
    await this.purgeExports(at);
    await this.sql.run(
      'INSERT INTO directory_exports (id, created_by, created_at, expires_at, uses, max_uses, content) VALUES (?, ?, ?, ?, 0, ?, ?)',
      [id, createdBy, at, expiresAt, maxUses, content],
    );
  }

  /** Takes one use of an export, atomically: two clicks cannot both pass the limit. */
  async consumeExport(id: string, at: string): Promise<'ok' | 'exhausted' | 'unknown'> {
    const changed = await this.sql.run(
      'UPDATE directory_exports SET uses = uses + 1 WHERE id = ? AND uses < max_uses AND expires_at > ? AND content IS NOT NULL',
      [id, at],
    );
    if (changed === 1) return 'ok';
    const [row] = await this.sql.all<Row>('SELECT id FROM directory_exports WHERE id = ?', [id]);
    return row ? 'exhausted' : 'unknown';
  }

  /** Exported files hold contact details: expired ones are dropped, spent ones emptied. */
  async purgeExports(at: string): Promise<void> {
    await this.sql.run('DELETE FROM directory_exports WHERE expires_at < ?', [at]);
    await this.sql.run(
      'UPDATE directory_exports SET content = NULL WHERE uses >= max_uses AND content IS NOT NULL',
    );
  }

  async exportContent(id: string): Promise<string | undefined> {
    const [row] = await this.sql.all<{ content: string | null }>(
      'SELECT content FROM directory_exports WHERE id = ?',
      [id],
    );
    return row?.content ?? undefined;
  }
}
