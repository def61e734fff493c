/**
 * What `npm run doctor` reads from the database, without writing anything: the migrations
 * recorded and the structures' tenants. SQLite is opened read-only (a missing file is never
 * created); PostgreSQL gets one short connection and only SELECTs.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { migrations } from './migrations';

export interface SchemaStatus {
  engine: 'sqlite' | 'postgres';
  /** False: the SQLite file does not exist yet, or the database has no schema_migrations table. */
  created: boolean;
  /** Migration versions recorded in the database. */
  applied: number[];
  /** Versions this code knows that the database has not applied. */
  missing: number[];
  /** Versions the database has that this code does not know (a newer bot wrote it). */
  unknown: number[];
  /** Every structure's id and tenant, when the table exists. */
  structures: { id: string; tenantId: string | null }[];
}

/** Raised when the database cannot be reached or read: the message says which. */
export class SchemaReadError extends Error {}

function status(
  engine: SchemaStatus['engine'],
  created: boolean,
  applied: number[],
  structures: SchemaStatus['structures'],
): SchemaStatus {
  const known = migrations.map((m) => m.version);
  return {
    engine,
    created,
    applied,
    missing: created ? known.filter((v) => !applied.includes(v)) : known,
    unknown: applied.filter((v) => !known.includes(v)),
    structures,
  };
}

/** The SQLite file's migrations, opened read-only. */
export function readSqliteSchema(file: string): SchemaStatus {
  if (!existsSync(file)) return status('sqlite', false, [], []);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new SchemaReadError(`cannot open ${file}: ${(err as Error).message}`);
  }
  try {
    db.pragma('busy_timeout = 5000');
    const tables = new Set(
      (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
          name: string;
        }[]
      ).map((r) => r.name),
    );
    if (!tables.has('schema_migrations')) return status('sqlite', false, [], []);
    const applied = (
      db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as {
        version: number;
      }[]
    ).map((r) => Number(r.version));
    const structures = tables.has('structures')
      ? (
          db.prepare('SELECT id, tenant_id FROM structures ORDER BY id').all() as {
            id: string;
            tenant_id: string | null;
          }[]
        ).map((r) => ({ id: r.id, tenantId: r.tenant_id }))
      : [];
    return status('sqlite', true, applied, structures);
  } catch (err) {
    throw new SchemaReadError(`cannot read ${file}: ${(err as Error).message}`);
  } finally {
    db.close();
  }
}

/** The PostgreSQL database's migrations, through one connection that only reads. */
export async function readPostgresSchema(url: string, timeoutMs = 10_000): Promise<SchemaStatus> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
  } catch (err) {
    throw new SchemaReadError(`cannot connect: ${(err as Error).message}`);
  }
  try {
    await client.query('SET default_transaction_read_only = on');
    const exists = async (table: string) =>
      (await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [table])).rows[0]
        ?.t != null;
    if (!(await exists('schema_migrations'))) return status('postgres', false, [], []);
    const applied = (
      await client.query<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      )
    ).rows.map((r) => Number(r.version));
    const structures = (await exists('structures'))
      ? (
          await client.query<{ id: string; tenant_id: string | null }>(
            'SELECT id, tenant_id FROM structures ORDER BY id',
          )
        ).rows.map((r) => ({ id: r.id, tenantId: r.tenant_id }))
      : [];
    return status('postgres', true, applied, structures);
  } catch (err) {
    throw new SchemaReadError(`cannot read: ${(err as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
