/**
 * The SQLite side: opened read-only, checked to be a Passerelle database with every migration
 * applied, and described table by table. Nothing is ever written to it, not even a migration:
 * the file stays exactly what the operator backed up.
 */
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { migrations } from '../migrations';
import { CopyRefused } from './refused';

export interface SourceTable {
  name: string;
  columns: string[];
}

export interface Source {
  db: Database.Database;
  tables: Map<string, SourceTable>;
  /** AUTOINCREMENT's high-water mark per table (ids of deleted rows are never reused). */
  sequences: Map<string, bigint>;
  /** Migration versions recorded in the file. */
  versions: number[];
}

/** Opens `file` read-only and checks it; the caller closes `db`. */
export function openSource(file: string): Source {
  if (!existsSync(file)) throw new CopyRefused(`${file}: no such file`);
  if (!statSync(file).isFile()) throw new CopyRefused(`${file}: not a file`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new CopyRefused(
      `${file}: cannot be opened as a SQLite database (${(err as Error).message})`,
    );
  }
  try {
    return describe(db, file);
  } catch (err) {
    db.close();
    if (err instanceof CopyRefused) throw err;
    throw new CopyRefused(`${file}: not a readable SQLite database (${(err as Error).message})`);
  }
}

function describe(db: Database.Database, file: string): Source {
  // One read transaction from the first read to the last checksum: every step sees the same
  // snapshot, even if something were still writing to the file.
  db.exec('BEGIN');
  const names = (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
      )
      .all() as { name: string }[]
  ).map((r) => r.name);
  if (!names.includes('schema_migrations') || !names.includes('requests')) {
    throw new CopyRefused(
      `${file}: not a Passerelle CIR database (no schema_migrations or requests table)`,
    );
  }
  const versions = (
    db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as {
      version: number;
    }[]
  ).map((r) => Number(r.version));
  const known = migrations.map((m) => m.version);
  const missing = known.filter((v) => !versions.includes(v));
  const unknown = versions.filter((v) => !known.includes(v));
  if (unknown.length) {
    throw new CopyRefused(
      `${file}: written by a newer version of the bot (migrations ${unknown.join(', ')} are unknown to this one); run the tool from that version`,
    );
  }
  if (missing.length) {
    throw new CopyRefused(
      `${file}: migrations ${missing.join(', ')} are not applied; start this version of the bot once on the file (it migrates at start-up), stop it, then run the tool again`,
    );
  }
  const tables = new Map<string, SourceTable>();
  for (const name of names) {
    const columns = (
      db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).all(name) as {
        name: string;
      }[]
    ).map((c) => c.name);
    tables.set(name, { name, columns });
  }
  const sequences = new Map<string, bigint>();
  const hasSequences = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'")
    .get();
  if (hasSequences) {
    for (const r of db
      .prepare('SELECT name, seq FROM sqlite_sequence')
      .safeIntegers(true)
      .all() as { name: string; seq: bigint }[]) {
      sequences.set(r.name, r.seq);
    }
  }
  return { db, tables, sequences, versions };
}

/** Quotes an identifier for either engine. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
