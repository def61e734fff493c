/**
 * SQL of the offers of service (issue 14 §4) and their drafts, on the SqlRunner of the caller's
 * transaction (both engines, `?` placeholders). Lists never read the PDFs' bytes.
 */
import type { OfferDraft, OfferFile, OfferRecord } from '../domain/offer-records';
import type { OfferRepository } from './repositories';
import type { SqlRunner } from './sql-runner';

type Row = Record<string, unknown>;

const COLUMNS =
  'id, structure_id, title, audience, referral, contact, link, file_name, file_size, created_by, created_at, updated_by, updated_at';
const optStr = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const optNum = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const bytes = (v: unknown): Buffer => (Buffer.isBuffer(v) ? v : Buffer.from(v as Uint8Array));

function toOffer(r: Row): OfferRecord {
  return {
    id: String(r.id),
    structureId: String(r.structure_id),
    title: String(r.title),
    audience: String(r.audience),
    referral: String(r.referral),
    contact: String(r.contact),
    link: optStr(r.link),
    fileName: optStr(r.file_name),
    fileSize: optNum(r.file_size),
    createdBy: String(r.created_by),
    createdAt: String(r.created_at),
    updatedBy: String(r.updated_by),
    updatedAt: String(r.updated_at),
  };
}

function toDraft(r: Row): OfferDraft {
  return {
    id: String(r.id),
    owner: String(r.owner),
    fileName: String(r.file_name),
    fileSize: Number(r.file_size),
    createdAt: String(r.created_at),
    expiresAt: String(r.expires_at),
  };
}

export class OfferRepo implements OfferRepository {
  constructor(private readonly sql: SqlRunner) {}

  async insert(o: OfferRecord, file: OfferFile | null, sourceKey: string | null): Promise<boolean> {
    const changed = await this.sql.run(
      `INSERT INTO offers (${COLUMNS}, file_content, source_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_key) DO NOTHING`,
      [
        o.id,
        o.structureId,
        o.title,
        o.audience,
        o.referral,
        o.contact,
        o.link,
        file?.name ?? null,
        file ? file.content.length : null,
        o.createdBy,
        o.createdAt,
        o.updatedBy,
        o.updatedAt,
        file?.content ?? null,
        sourceKey,
      ],
    );
    return changed === 1;
  }

  async getBySource(sourceKey: string): Promise<OfferRecord | undefined> {
    const [r] = await this.sql.all<Row>(`SELECT ${COLUMNS} FROM offers WHERE source_key = ?`, [
      sourceKey,
    ]);
    return r && toOffer(r);
  }

  async update(o: OfferRecord, file: OfferFile | null | 'keep'): Promise<boolean> {
    const texts = [o.title, o.audience, o.referral, o.contact, o.link, o.updatedBy, o.updatedAt];
    const changed =
      file === 'keep'
        ? await this.sql.run(
            `UPDATE offers SET title = ?, audience = ?, referral = ?, contact = ?, link = ?, updated_by = ?, updated_at = ?
             WHERE id = ?`,
            [...texts, o.id],
          )
        : await this.sql.run(
            `UPDATE offers SET title = ?, audience = ?, referral = ?, contact = ?, link = ?, updated_by = ?, updated_at = ?,
               file_name = ?, file_size = ?, file_content = ? WHERE id = ?`,
            [
              ...texts,
              file?.name ?? null,
              file ? file.content.length : null,
              file?.content ?? null,
              o.id,
            ],
          );
    return changed === 1;
  }

  async remove(id: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM offers WHERE id = ?', [id])) === 1;
  }

  async get(id: string): Promise<OfferRecord | undefined> {
    const [r] = await this.sql.all<Row>(`SELECT ${COLUMNS} FROM offers WHERE id = ?`, [id]);
    return r && toOffer(r);
  }

  async listFor(structureIds: string[]): Promise<OfferRecord[]> {
    if (!structureIds.length) return [];
    const rows = await this.sql.all<Row>(
      `SELECT ${COLUMNS} FROM offers WHERE structure_id IN (${structureIds.map(() => '?').join(', ')}) ORDER BY title, id`,
      structureIds,
    );
    return rows.map(toOffer);
  }

  async fileContent(id: string): Promise<OfferFile | undefined> {
    const [r] = await this.sql.all<Row>(
      'SELECT file_name, file_content FROM offers WHERE id = ? AND file_content IS NOT NULL',
      [id],
    );
    return r && { name: String(r.file_name), content: bytes(r.file_content) };
  }

  async createDraft(d: OfferDraft, file: OfferFile): Promise<void> {
    // Expired drafts go as new ones come: a PDF waits an hour for its sheet.
    await this.sql.run('DELETE FROM offer_drafts WHERE expires_at <= ?', [d.createdAt]);
    await this.sql.run(
      `INSERT INTO offer_drafts (id, owner, file_name, file_size, file_content, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [d.id, d.owner, d.fileName, d.fileSize, file.content, d.createdAt, d.expiresAt],
    );
  }

  async latestDraft(owner: string, now: string): Promise<OfferDraft | undefined> {
    const [r] = await this.sql.all<Row>(
      `SELECT id, owner, file_name, file_size, created_at, expires_at FROM offer_drafts
       WHERE owner = ? AND expires_at > ? ORDER BY created_at DESC, id DESC LIMIT 1`,
      [owner, now],
    );
    return r && toDraft(r);
  }

  async draftFile(id: string): Promise<OfferFile | undefined> {
    const [r] = await this.sql.all<Row>(
      'SELECT file_name, file_content FROM offer_drafts WHERE id = ? AND file_content IS NOT NULL',
      [id],
    );
    return r && { name: String(r.file_name), content: bytes(r.file_content) };
  }

  async deleteDraft(id: string): Promise<void> {
    await this.sql.run('DELETE FROM offer_drafts WHERE id = ?', [id]);
  }
}
