/**
 * The national table's own SQL (issue 4), beside the shared Repo: the rows of an export,
 * exported files behind their links, sealed passwords, encrypted uploads waiting for their
 * password, and export/import jobs. Runs on a transaction's SqlRunner when given one.
 */
import type { StructureRecord } from '../domain/model';
import type {
  NationalRow,
  PendingImport,
  SecretRecord,
  StoredFile,
  TableJob,
} from '../domain/records';
import type { StoredFileContent, TableFileRepository } from './repositories';
import type { SqlRunner } from './sql-runner';

type Row = Record<string, unknown>;

/** Open requests: a new one for the same n° CIR would be a duplicate. */
const OPEN = "('transmise', 'completee')";
const CHUNK = 400;

function toNationalRow(r: Row): NationalRow {
  const opt = (v: unknown): string | null => (v === null ? null : String(v));
  return {
    civilite: String(r.civilite),
    nom: String(r.nom),
    prenom: String(r.prenom),
    dateNaissance: String(r.date_naissance),
    numeroCir: String(r.numero_cir),
    positionnementLinguistique: opt(r.positionnement_linguistique),
    prescriptionInitiale: opt(r.prescription_initiale),
    heuresFL: r.heures_fl === null ? null : Number(r.heures_fl),
    journeesFC: r.journees_fc === null ? null : Number(r.journees_fc),
    prescriptionML: opt(r.prescription_ml),
    motif: r.motif === undefined ? null : opt(r.motif),
  };
}

const bytes = (v: unknown): Buffer => (Buffer.isBuffer(v) ? v : Buffer.from(v as Uint8Array));
const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

export class FilesRepo implements TableFileRepository {
  constructor(private readonly sql: SqlRunner) {}

  /**
   * The structure's requests created in [start, end), identities not erased, cancelled ones left
   * out, oldest first. Read in pages, letting other turns run between them: a DT's year can be
   * thousands of rows.
   */
  async exportRows(
    structure: Pick<StructureRecord, 'id' | 'kind'>,
    start: string,
    end: string,
    pageSize = 500,
  ): Promise<NationalRow[]> {
    const side = structure.kind === 'ML' ? 'ml_id' : 'dt_id';
    const out: NationalRow[] = [];
    let after: [string, string] = ['', ''];
    for (;;) {
      const rows = await this.sql.all<Row>(
        `SELECT created_at, number, civilite, nom, prenom, date_naissance, numero_cir, positionnement_linguistique,
           prescription_initiale, heures_fl, journees_fc, prescription_ml, motif FROM requests
         WHERE ${side} = ? AND created_at >= ? AND created_at < ? AND nom IS NOT NULL AND erased_at IS NULL
           AND status <> 'annulee' AND (created_at > ? OR (created_at = ? AND number > ?))
         ORDER BY created_at, number LIMIT ?`,
        [structure.id, start, end, after[0], after[0], after[1], pageSize],
      );
      out.push(...rows.map(toNationalRow));
      if (rows.length < pageSize) return out;
      const last = rows[rows.length - 1];
      after = [String(last.created_at), String(last.number)];
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** The number of the ML's open request for each of these n° CIR that has one. */
  async openRequestsByCir(mlId: string, cirs: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (let i = 0; i < cirs.length; i += CHUNK) {
      const chunk = cirs.slice(i, i + CHUNK);
      const rows = await this.sql.all<{ numero_cir: string; number: string }>(
        `SELECT numero_cir, number FROM requests WHERE ml_id = ? AND status IN ${OPEN} AND numero_cir IN (${marks(chunk.length)})
         ORDER BY created_at`,
        [mlId, ...chunk],
      );
      for (const r of rows) if (!found.has(r.numero_cir)) found.set(r.numero_cir, r.number);
    }
    return found;
  }

  /**
   * Reserves `n` request numbers of `year` at once (same counter as SqlRepo.nextNumber), in a
   * short transaction of its own: an import then never holds the counter's row lock while it
   * creates its requests, so flow-1 submits do not wait for it. A rolled-back import leaves a gap.
   */
  async reserveNumbers(year: number, n: number): Promise<string[]> {
    const [row] = await this.sql.all<{ value: number | string }>(
      `INSERT INTO counters (name, value) VALUES (?, ?)
       ON CONFLICT (name) DO UPDATE SET value = counters.value + ? RETURNING value`,
      [`request-${year}`, n, n],
    );
    const last = Number(row.value);
    return Array.from(
      { length: n },
      (_, i) => `${year}-${String(last - n + 1 + i).padStart(6, '0')}`,
    );
  }

  async saveFile(f: StoredFile): Promise<void> {
    await this.sql.run(
      `INSERT INTO table_files (id, owner, structure_id, conversation_id, file_name, content, created_at, expires_at, max_uses)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        f.id,
        f.owner,
        f.structureId,
        f.conversationId,
        f.fileName,
        f.content,
        f.createdAt,
        f.expiresAt,
        f.maxUses,
      ],
    );
  }

  /** One use of a file's link, atomically: two clicks at once cannot both pass the limit. */
  async consumeFile(id: string, now: string): Promise<'ok' | 'exhausted' | 'unknown'> {
    const changed = await this.sql.run(
      'UPDATE table_files SET uses = uses + 1 WHERE id = ? AND uses < max_uses AND expires_at > ? AND content IS NOT NULL',
      [id, now],
    );
    if (changed === 1) return 'ok';
    const [row] = await this.sql.all<Row>(
      'SELECT id FROM table_files WHERE id = ? AND content IS NOT NULL',
      [id],
    );
    return row ? 'exhausted' : 'unknown';
  }

  async fileContent(id: string): Promise<StoredFileContent | undefined> {
    const [r] = await this.sql.all<Row>(
      'SELECT file_name, content, owner, structure_id FROM table_files WHERE id = ? AND content IS NOT NULL',
      [id],
    );
    return (
      r && {
        fileName: String(r.file_name),
        content: bytes(r.content),
        owner: String(r.owner),
        structureId: String(r.structure_id),
      }
    );
  }

  async saveSecret(s: SecretRecord): Promise<void> {
    await this.sql.run(
      'INSERT INTO table_secrets (id, owner, file_name, sealed, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      [s.id, s.owner, s.fileName, s.sealed, s.createdAt, s.expiresAt],
    );
  }

  async getSecret(id: string): Promise<SecretRecord | undefined> {
    const [r] = await this.sql.all<Row>('SELECT * FROM table_secrets WHERE id = ?', [id]);
    return (
      r && {
        id: String(r.id),
        owner: String(r.owner),
        fileName: String(r.file_name),
        sealed: r.sealed === null ? null : String(r.sealed),
        createdAt: String(r.created_at),
        expiresAt: String(r.expires_at),
      }
    );
  }

  async markRevealed(id: string, at: string): Promise<void> {
    await this.sql.run(
      'UPDATE table_secrets SET revealed_at = COALESCE(revealed_at, ?) WHERE id = ?',
      [at, id],
    );
  }

  /** Erases one password now (its window is over). */
  async eraseSecret(id: string, at: string): Promise<void> {
    await this.sql.run(
      'UPDATE table_secrets SET sealed = NULL, erased_at = ? WHERE id = ? AND sealed IS NOT NULL',
      [at, id],
    );
  }

  async saveImport(p: PendingImport, createdAt: string): Promise<void> {
    await this.sql.run(
      `INSERT INTO table_imports (id, owner, conversation_id, activity_id, file_name, content, status, attempts, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
      [
        p.id,
        p.owner,
        p.conversationId,
        p.activityId,
        p.fileName,
        p.content,
        p.attempts,
        createdAt,
        p.expiresAt,
      ],
    );
  }

  /** Takes its owner's waiting upload for one attempt; 'running' when another attempt holds it. */
  async claimImport(
    id: string,
    owner: string,
    now: string,
  ): Promise<PendingImport | 'running' | undefined> {
    const [r] = await this.sql.all<Row>(
      'SELECT * FROM table_imports WHERE id = ? AND owner = ? AND expires_at > ?',
      [id, owner, now],
    );
    if (!r) return undefined;
    const changed = await this.sql.run(
      "UPDATE table_imports SET status = 'running', claimed_at = ? WHERE id = ? AND status = 'pending'",
      [now, id],
    );
    if (changed !== 1) return 'running';
    return {
      id: String(r.id),
      owner: String(r.owner),
      conversationId: String(r.conversation_id),
      activityId: r.activity_id === null ? null : String(r.activity_id),
      fileName: String(r.file_name),
      content: bytes(r.content),
      attempts: Number(r.attempts),
      expiresAt: String(r.expires_at),
    };
  }

  /** The upload waits again for its password; a wrong one spends an attempt. */
  async releaseImport(id: string, spend: boolean): Promise<void> {
    await this.sql.run(
      "UPDATE table_imports SET status = 'pending', attempts = attempts + ? WHERE id = ?",
      [spend ? 1 : 0, id],
    );
  }

  async deleteImport(id: string): Promise<void> {
    await this.sql.run('DELETE FROM table_imports WHERE id = ?', [id]);
  }

  async startJob(j: TableJob, at: string): Promise<void> {
    await this.sql.run(
      `INSERT INTO table_jobs (id, kind, owner, conversation_id, activity_id, reference, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'running', ?)`,
      [j.id, j.kind, j.owner, j.conversationId, j.activityId, JSON.stringify(j.reference), at],
    );
  }

  async finishJob(id: string, status: 'done' | 'failed', at: string): Promise<void> {
    await this.sql.run(
      "UPDATE table_jobs SET status = ?, finished_at = ? WHERE id = ? AND status = 'running'",
      [status, at, id],
    );
  }

  /** Jobs still 'running' that started before `before`: their process is gone. */
  async staleJobs(before: string): Promise<TableJob[]> {
    const rows = await this.sql.all<Row>(
      "SELECT * FROM table_jobs WHERE status = 'running' AND created_at < ? ORDER BY created_at",
      [before],
    );
    return rows.map((r) => ({
      id: String(r.id),
      kind: String(r.kind) as TableJob['kind'],
      owner: String(r.owner),
      conversationId: String(r.conversation_id),
      activityId: r.activity_id === null ? null : String(r.activity_id),
      reference: JSON.parse(String(r.reference)) as Record<string, unknown>,
    }));
  }

  /**
   * Erases what has outlived its window: passwords, files, uploads; forgets old jobs; frees stuck
   * uploads.
   */
  async purge(
    now: string,
    forgetBefore: string,
    staleBefore: string,
  ): Promise<{ secrets: number; files: number; imports: number }> {
    await this.sql.run(
      "UPDATE table_imports SET status = 'pending' WHERE status = 'running' AND claimed_at < ?",
      [staleBefore],
    );
    const secrets = await this.sql.run(
      'UPDATE table_secrets SET sealed = NULL, erased_at = ? WHERE sealed IS NOT NULL AND expires_at <= ?',
      [now, now],
    );
    await this.sql.run('DELETE FROM table_secrets WHERE expires_at < ?', [forgetBefore]);
    const files = await this.sql.run('DELETE FROM table_files WHERE expires_at <= ?', [now]);
    const imports = await this.sql.run('DELETE FROM table_imports WHERE expires_at <= ?', [now]);
    await this.sql.run("DELETE FROM table_jobs WHERE status <> 'running' AND created_at < ?", [
      forgetBefore,
    ]);
    return { secrets, files, imports };
  }
}
