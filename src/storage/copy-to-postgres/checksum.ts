/**
 * The checksum of a table, computed the same way on both engines: rows in primary-key order,
 * each rendered as the JSON array of its canonical values (columns in the target's order),
 * one line each, through SHA-256. Text keys are ordered byte-wise on both sides (SQLite's
 * BINARY collation, PostgreSQL's "C"), so that the order itself cannot differ.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { canonical } from './columns';
import { ident } from './source';
import type { TargetTable } from './target';

export interface TableSum {
  rows: number;
  sha256: string;
}

/** PostgreSQL's text output for every type: canonical() reads that form, not pg's parsed values. */
const RAW_TEXT = { getTypeParser: () => (v: string) => v };

const FETCH_ROWS = 1000;

function orderBy(t: TargetTable, engine: 'sqlite' | 'postgres'): string {
  const kinds = new Map(t.columns.map((c) => [c.name, c.kind]));
  const collate = engine === 'sqlite' ? ' COLLATE BINARY' : ' COLLATE "C"';
  return t.key.map((k) => `${ident(k)}${kinds.get(k) === 'text' ? collate : ''}`).join(', ');
}

/**
 * Rows of `t` in the SQLite file, in checksum order, as better-sqlite3 returns them (safe
 * integers).
 */
export function sqliteRows(db: Database.Database, t: TargetTable): IterableIterator<unknown[]> {
  const cols = t.columns.map((c) => ident(c.name)).join(', ');
  return db
    .prepare(`SELECT ${cols} FROM ${ident(t.name)} ORDER BY ${orderBy(t, 'sqlite')}`)
    .raw(true)
    .safeIntegers(true)
    .iterate() as IterableIterator<unknown[]>;
}

/** The checksum of `t` in the SQLite file. */
export function sqliteSum(db: Database.Database, t: TargetTable): TableSum {
  const hash = createHash('sha256');
  let rows = 0;
  for (const row of sqliteRows(db, t)) {
    hash.update(line(t, row, 'sqlite'));
    rows++;
  }
  return { rows, sha256: hash.digest('hex') };
}

/** The checksum of `t` in PostgreSQL, read through a cursor in the caller's transaction. */
export async function postgresSum(client: pg.ClientBase, t: TargetTable): Promise<TableSum> {
  const cols = t.columns.map((c) => ident(c.name)).join(', ');
  await client.query(
    `DECLARE passerelle_sum NO SCROLL CURSOR FOR SELECT ${cols} FROM ${ident(t.name)} ORDER BY ${orderBy(t, 'postgres')}`,
  );
  const hash = createHash('sha256');
  let rows = 0;
  try {
    for (;;) {
      const batch = await client.query<unknown[]>({
        text: `FETCH ${FETCH_ROWS} FROM passerelle_sum`,
        rowMode: 'array',
        types: RAW_TEXT,
      });
      for (const row of batch.rows) hash.update(line(t, row, 'postgres'));
      rows += batch.rows.length;
      if (batch.rows.length < FETCH_ROWS) break;
    }
  } finally {
    await client.query('CLOSE passerelle_sum');
  }
  return { rows, sha256: hash.digest('hex') };
}

function line(t: TargetTable, row: unknown[], side: 'sqlite' | 'postgres'): string {
  return `${JSON.stringify(t.columns.map((c, i) => canonical(c.kind, row[i], side)))}\n`;
}
