/**
 * A PostgreSQL engine for the benches, on BENCH_DATABASE_URL or TEST_DATABASE_URL as read when
 * called (test/helpers/engines.ts reads TEST_DATABASE_URL once, when first imported), in a
 * schema of its own that is dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgresStore } from '../src/storage/postgres/postgres-store';
import type { Engine } from '../test/helpers/engines';

/** The benches' database URL, or undefined: the PostgreSQL parts then print 'skipped'. */
export function benchDatabaseUrl(): string | undefined {
  return process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
}

/** An Engine (as startTestBot takes) on `url`, a fresh schema per open(). */
export function postgresEngineAt(url: string): Engine {
  return {
    name: 'postgres',
    async open() {
      const schema = `bench_${randomBytes(6).toString('hex')}`;
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
}

/**
 * Collects every pg client that connects while `on` (the bot's pool and its listening
 * connection): their backends' pids give PostgreSQL's own CPU for the bot's work. Wraps
 * `connect`, not `query`, so that the bot's per-query cost is untouched.
 */
export function watchPgBackends(): { pids: () => number[]; restore: () => void } {
  const proto = pg.Client.prototype as unknown as { connect: (...args: unknown[]) => unknown };
  const original = proto.connect;
  const clients = new Set<{ processID: number | null }>();
  proto.connect = function (this: { processID: number | null }, ...args: unknown[]) {
    clients.add(this);
    return original.apply(this, args);
  };
  return {
    pids: () =>
      [...clients].map((c) => c.processID).filter((p): p is number => typeof p === 'number'),
    restore: () => {
      proto.connect = original;
    },
  };
}
