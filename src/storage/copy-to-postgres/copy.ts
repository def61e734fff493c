/**
 * Copies a Passerelle SQLite file into an empty PostgreSQL database (`npm run
 * migrate-to-postgres`): the target is migrated the way the bot migrates it, then every table
 * is copied in foreign-key order, in batches, inside one transaction that commits only if
 * every table's row count and checksum match on both sides.
 */
import pg from 'pg';
import { openPostgresStore } from '../postgres/postgres-store';
import { toPgParam } from './columns';
import { postgresSum, sqliteRows, sqliteSum } from './checksum';
import { CopyRefused } from './refused';
import { ident, openSource, type Source } from './source';
import {
  alignSequences,
  dependencyOrder,
  describeTarget,
  MIGRATIONS_TABLE,
  nonEmptyTables,
  type TargetTable,
} from './target';

export { CopyRefused } from './refused';

export interface CopyOptions {
  sqliteFile: string;
  databaseUrl: string;
  /** Most rows per INSERT (fewer when PostgreSQL's 65,535 parameters or the byte budget say so). */
  batchRows?: number;
  /**
   * Runs inside the transaction after the copy, before the checks (tests tamper with the copy
   * here).
   */
  beforeVerify?: (client: pg.ClientBase) => Promise<void>;
  /** Progress lines for the operator. */
  progress?: (line: string) => void;
}

export interface TableResult {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceSha256: string;
  targetSha256: string;
  ok: boolean;
}

export interface CopyResult {
  /** True when every table matched and the transaction committed; false means rolled back. */
  ok: boolean;
  tables: TableResult[];
  sequences: { table: string; column: string; next: bigint }[];
}

const MAX_PARAMS = 65_535;
/** A batch is sent once its values reach this size: national-table files are stored inline. */
const BATCH_BYTES = 8 * 1024 * 1024;

/** Copies and verifies; throws CopyRefused for what the operator must fix first. */
export async function copyToPostgres(o: CopyOptions): Promise<CopyResult> {
  const progress = o.progress ?? (() => undefined);
  const source = openSource(o.sqliteFile);
  try {
    progress(`source: ${o.sqliteFile}, migrations ${source.versions.join(', ')}`);
    // The bot's own start-up path creates the schema, so the copy lands in exactly what the bot
    // expects.
    await migrateTarget(o.databaseUrl);
    const client = new pg.Client({ connectionString: o.databaseUrl });
    await client.connect();
    try {
      return await copyInTransaction(client, source, o, progress);
    } finally {
      await client.end();
    }
  } finally {
    source.db.close();
  }
}

async function migrateTarget(url: string): Promise<void> {
  try {
    const store = await openPostgresStore(url, { max: 1 });
    await store.close();
  } catch (err) {
    const message = (err as Error).message;
    const hint = /no schema has been selected/.test(message)
      ? ' (the search_path names a schema that does not exist; create it first)'
      : '';
    throw new CopyRefused(`cannot prepare the PostgreSQL database: ${message}${hint}`);
  }
}

async function copyInTransaction(
  client: pg.Client,
  source: Source,
  o: CopyOptions,
  progress: (l: string) => void,
): Promise<CopyResult> {
  await client.query('BEGIN');
  try {
    await client.query("SET LOCAL bytea_output = 'hex'");
    await client.query("SET LOCAL TimeZone = 'UTC'");
    await client.query("SET LOCAL DateStyle = 'ISO'");
    const encoding = (await client.query<{ server_encoding: string }>('SHOW server_encoding'))
      .rows[0].server_encoding;
    if (encoding !== 'UTF8')
      throw new CopyRefused(
        `the PostgreSQL database's encoding is ${encoding}; create it with ENCODING 'UTF8'`,
      );
    const all = await describeTarget(client);
    const tables = dependencyOrder([...all.values()].filter((t) => t.name !== MIGRATIONS_TABLE));
    checkSameTables(source, tables);
    // No bot instance may write while the copy runs, nor between the emptiness check and the copy.
    await client
      .query(`LOCK TABLE ${tables.map((t) => ident(t.name)).join(', ')} IN EXCLUSIVE MODE NOWAIT`)
      .catch((err: Error) => {
        throw new CopyRefused(
          `the target's tables are in use (${err.message}); stop every bot instance on it first`,
        );
      });
    const busy = await nonEmptyTables(client, tables);
    if (busy.length) {
      throw new CopyRefused(
        `the target is not empty: ${busy.map((b) => `${b.table} (${b.rows} row${b.rows === 1 ? '' : 's'})`).join(', ')}; give the tool an empty database`,
      );
    }
    for (const t of tables) {
      const n = await copyTable(client, source, t, o.batchRows ?? 500).catch((err: Error) => {
        throw err instanceof CopyRefused
          ? err
          : new CopyRefused(`copying ${t.name}: PostgreSQL refused a row (${err.message})`);
      });
      progress(`copied ${t.name}: ${n} row${n === 1 ? '' : 's'}`);
    }
    const sequences = await alignSequences(client, tables, source.sequences);
    await o.beforeVerify?.(client);
    const results: TableResult[] = [];
    for (const t of tables) {
      const s = sqliteSum(source.db, t);
      const p = await postgresSum(client, t);
      results.push({
        table: t.name,
        sourceRows: s.rows,
        targetRows: p.rows,
        sourceSha256: s.sha256,
        targetSha256: p.sha256,
        ok: s.rows === p.rows && s.sha256 === p.sha256,
      });
    }
    const ok = results.every((r) => r.ok);
    await client.query(ok ? 'COMMIT' : 'ROLLBACK');
    return { ok, tables: results, sequences };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** Refuses a file whose tables or columns are not the ones this version's migrations made. */
function checkSameTables(source: Source, tables: TargetTable[]): void {
  const problems: string[] = [];
  const expected = new Set(tables.map((t) => t.name));
  for (const name of source.tables.keys()) {
    if (name !== MIGRATIONS_TABLE && !expected.has(name))
      problems.push(`table ${name} exists only in the SQLite file`);
  }
  for (const t of tables) {
    const s = source.tables.get(t.name);
    if (!s) {
      problems.push(`table ${t.name} is missing from the SQLite file`);
      continue;
    }
    const want = t.columns.map((c) => c.name);
    for (const c of want)
      if (!s.columns.includes(c))
        problems.push(`column ${t.name}.${c} is missing from the SQLite file`);
    for (const c of s.columns)
      if (!want.includes(c)) problems.push(`column ${t.name}.${c} exists only in the SQLite file`);
  }
  if (problems.length)
    throw new CopyRefused(
      `the SQLite file's schema differs from the bot's: ${problems.join('; ')}`,
    );
}

async function copyTable(
  client: pg.ClientBase,
  source: Source,
  t: TargetTable,
  batchRows: number,
): Promise<number> {
  const perBatch = Math.max(1, Math.min(batchRows, Math.floor(MAX_PARAMS / t.columns.length)));
  const head = `INSERT INTO ${ident(t.name)} (${t.columns.map((c) => ident(c.name)).join(', ')}) VALUES `;
  let params: unknown[] = [];
  let rows = 0;
  let bytes = 0;
  let copied = 0;
  const flush = async (): Promise<void> => {
    if (!rows) return;
    const width = t.columns.length;
    const tuples = Array.from(
      { length: rows },
      (_, r) => `(${t.columns.map((_c, i) => `$${r * width + i + 1}`).join(', ')})`,
    );
    await client.query(head + tuples.join(', '), params);
    copied += rows;
    params = [];
    rows = 0;
    bytes = 0;
  };
  for (const row of sqliteRows(source.db, t)) {
    t.columns.forEach((c, i) => {
      const v = toPgParam(c.kind, row[i], `${t.name}.${c.name} (row ${copied + rows + 1})`);
      bytes += Buffer.isBuffer(v) ? v.length : typeof v === 'string' ? v.length : 8;
      params.push(v);
    });
    rows++;
    if (rows >= perBatch || bytes >= BATCH_BYTES) await flush();
  }
  await flush();
  return copied;
}
