/**
 * The PostgreSQL engine (`DATABASE_URL`), for several bot instances behind one endpoint.
 * Same SQL as SQLite; claims use row locks (FOR UPDATE SKIP LOCKED) so that two instances
 * never take the same outbox row or job.
 */
import pg from 'pg';
import { migrations } from '../migrations';
import { ContextRunner } from '../context-runner';
import { SqlRepo } from '../sql-repo';
import type { SqlRunner } from '../sql-runner';
import { DeferredWrites } from './deferred-writes';
import { SharedReadCache } from './shared-read-cache';
import type { ClaimedOutboxRow, Repo, Store } from '../store';

/** `?` placeholders become `$1…$n` (our SQL has no `?` inside string literals). */
export function toPg(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

class PgRunner implements SqlRunner {
  constructor(private readonly client: pg.Pool | pg.PoolClient) {}

  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query(toPg(sql), params)).rows as T[];
  }

  async run(sql: string, params: unknown[] = []): Promise<number> {
    return (await this.client.query(toPg(sql), params)).rowCount ?? 0;
  }
}

export interface PostgresOptions {
  /** A schema of its own (created if missing): tests run side by side without seeing each other. */
  schema?: string;
  max?: number;
  /** The read cache's listening connection failed (it reconnects; meanwhile nothing is cached). */
  onCacheError?: (message: string) => void;
}

/**
 * Connects, migrates (under an advisory lock: instances may start together) and returns the store.
 */
export async function openPostgresStore(url: string, o: PostgresOptions = {}): Promise<Store> {
  if (o.schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(o.schema)) throw new Error('invalid schema name');
  // search_path as a start-up option: set before the first query of every pooled connection.
  const options = o.schema ? `-c search_path=${o.schema}` : undefined;
  const pool = new pg.Pool({ connectionString: url, max: o.max ?? 10, options });
  if (o.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${o.schema}`);
  // One channel per schema: instances on the same database and schema hear each other's changes.
  const cache = new SharedReadCache(
    () => new pg.Client({ connectionString: url, options }),
    `passerelle_cache_${o.schema ?? 'public'}`,
    o.onCacheError,
  );
  const store = new PostgresStore(pool, cache);
  await store.migrate();
  await cache.start();
  return store;
}

class PostgresStore extends SqlRepo implements Store {
  readonly engine = 'postgres' as const;

  /**
   * Nothing PostgreSQL can promise here: an erased value stays in its dead row version until
   * VACUUM (autovacuum) marks the space reusable, and stays in the file's bytes until that space
   * is reused; WAL segments and base backups keep it until recycled (README, security).
   */
  async settleErasure(): Promise<void> {}

  poolStats(): { total: number; idle: number; waiting: number } {
    return {
      total: this.pool.totalCount,
      idle: this.pool.idleCount,
      waiting: this.pool.waitingCount,
    };
  }

  private readonly context: ContextRunner;

  constructor(
    private readonly pool: pg.Pool,
    private readonly cache: SharedReadCache,
  ) {
    const poolRunner = new PgRunner(pool);
    const notify = async (groups: string[]) => {
      await poolRunner.all(
        `SELECT ${groups.map(() => 'pg_notify(?, ?)').join(', ')}`,
        groups.flatMap((g) => [cache.channelName, g]),
      );
    };
    const context = new ContextRunner(cache.outside(poolRunner, notify));
    super(context, 'postgres');
    this.context = context;
  }

  async migrate(): Promise<void> {
    await this.withClient(async (client) => {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock(4242001)');
        await client.query(
          'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
        );
        const applied = new Set(
          (
            await client.query<{ version: number }>('SELECT version FROM schema_migrations')
          ).rows.map((r) => r.version),
        );
        for (const m of migrations) {
          if (applied.has(m.version)) continue;
          await client.query(
            (m.postgres ?? m.sql)
              .replaceAll('{{id}}', 'BIGSERIAL PRIMARY KEY')
              .replaceAll('{{bytes}}', 'BYTEA'),
          );
          await client.query(
            'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
            [m.version, m.name, new Date().toISOString()],
          );
        }
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    });
  }

  private async withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  }

  transaction<T>(fn: (tx: Repo) => Promise<T>): Promise<T> {
    // Nested: join the caller's transaction rather than wait for a second connection.
    if (this.context.active()) return fn(this);
    return this.withClient(async (client) => {
      await client.query('BEGIN');
      const writes = new DeferredWrites(new PgRunner(client));
      const tx = this.cache.transaction(writes);
      try {
        const result = await this.context.within(tx.runner, () => fn(this));
        await tx.beforeCommit();
        await writes.flush();
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        tx.ended();
      }
    });
  }

  async claimOutbox(
    now: string,
    limit: number,
    worker: string,
    leaseUntil: string,
  ): Promise<ClaimedOutboxRow[]> {
    const rows = await this.sql.all<Record<string, unknown>>(
      `UPDATE outbox SET claimed_by = ?, claimed_until = ?
       WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND due_at <= ?
                    AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY due_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [worker, leaseUntil, now, now, limit],
    );
    return SqlRepo.toClaimed(rows);
  }

  async close(): Promise<void> {
    await this.cache.close();
    await this.pool.end();
  }
}
