/**
 * The storage engines the contract tests run on: SQLite always, PostgreSQL when TEST_DATABASE_URL
 * is set.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgresStore } from '../../src/storage/postgres/postgres-store';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store';
import type { Store } from '../../src/storage/store';

export interface Engine {
  name: 'sqlite' | 'postgres';
  /** Opens a fresh, empty store; `again` reopens the same database. */
  open(): Promise<{ store: Store; again: () => Promise<Store>; dispose: () => Promise<void> }>;
}

export const sqliteEngine: Engine = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-store-'));
    const file = join(dir, 'store.sqlite');
    return {
      store: openSqliteStore(file),
      again: async () => openSqliteStore(file),
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

export const postgresUrl = process.env.TEST_DATABASE_URL;

export const postgresEngine: Engine = {
  name: 'postgres',
  async open() {
    const url = postgresUrl as string;
    const schema = `t_${randomBytes(6).toString('hex')}`;
    return {
      store: await openPostgresStore(url, { schema }),
      again: () => openPostgresStore(url, { schema }),
      dispose: async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      },
    };
  },
};

/** Engines to run: PostgreSQL only when configured, and the skip is said out loud. */
let skipSaid = false;

export function engines(): Engine[] {
  if (!postgresUrl) {
    if (!skipSaid)
      console.log(
        '    [skipped] every PostgreSQL run (storage contract, request flow, scheduler, table, …): TEST_DATABASE_URL is not set',
      );
    skipSaid = true;
    return [sqliteEngine];
  }
  return [sqliteEngine, postgresEngine];
}
