/**
 * The embedded engine: better-sqlite3 on a file under ./data/ (WAL). Calls are synchronous
 * underneath; transactions are serialised so that an async step cannot interleave two.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations } from '../migrations';
import type { ClaimedOutboxRow, Repo, Store } from '../store';
import { ContextRunner } from '../context-runner';
import { startCheckpointer, type Checkpointer } from './checkpointer';
import { SqlRepo } from '../sql-repo';
import type { SqlRunner } from '../sql-runner';
import { ReadCache } from './read-cache';
import { GroupCommit } from './group-commit';

class SqliteRunner implements SqlRunner {
  private readonly cache = new Map<string, Database.Statement>();
  constructor(private readonly db: Database.Database) {}

  /** True when the statement only reads (better-sqlite3 knows it once prepared). */
  readsOnly(sql: string): boolean {
    return this.stmt(sql).readonly;
  }

  private stmt(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.stmt(sql).all(...params) as T[];
  }

  async run(sql: string, params: unknown[] = []): Promise<number> {
    return this.stmt(sql).run(...params).changes;
  }
}

/**
 * Opens (and migrates) the SQLite database at `file`; ':memory:' for throwaway tests. Checkpoint
 * failures go to `onCheckpointError`.
 */
export function openSqliteStore(
  file: string,
  onCheckpointError: (message: string) => void = () => undefined,
): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Erased means gone (issue 16 §7): what a delete or an update frees is overwritten with zeros,
  // so the retention purge leaves no copy of a person's values in the file's free space.
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  // Savepoints (one per transaction of a group commit) journal in memory, not in a temp file.
  db.pragma('temp_store = MEMORY');
  // 64 MB of page cache instead of SQLite's 2 MB: the outbox and requests tables outgrow it
  // within hours of use, and every miss is a read system call.
  db.pragma('cache_size = -65536');
  migrate(db);
  // WAL lets a second connection read committed data while the first writes: a long write
  // (an import) then never holds up other people's reads.
  const reader = file === ':memory:' ? null : new Database(file, { readonly: true });
  reader?.pragma('busy_timeout = 5000');
  // Checkpoints run in a worker thread; the writer's own is only a safety net (~40 MB of WAL).
  const checkpointer = file === ':memory:' ? null : startCheckpointer(file, onCheckpointError);
  if (checkpointer) db.pragma('wal_autocheckpoint = 10000');
  return new SqliteStore(db, reader, checkpointer);
}

function migrate(db: Database.Database): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    // PRAGMA foreign_keys is a no-op inside a transaction: set it around the rebuild.
    if (m.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(
          (m.sqlite ?? m.sql)
            .replaceAll('{{id}}', 'INTEGER PRIMARY KEY AUTOINCREMENT')
            .replaceAll('{{bytes}}', 'BLOB'),
        );
        if (m.rebuildsTables && (db.pragma('foreign_key_check') as unknown[]).length)
          throw new Error(`migration ${m.version} left broken references`);
        db.prepare(
          'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
        ).run(m.version, m.name, new Date().toISOString());
      })();
    } finally {
      if (m.rebuildsTables) db.pragma('foreign_keys = ON');
    }
  }
}

/**
 * Outside a transaction: while one is in progress, a read goes to the reader connection
 * (committed data, no waiting) and a write waits for it (one connection, one writer).
 */
class QueuedRunner implements SqlRunner {
  constructor(
    private readonly inner: SqliteRunner,
    private readonly reader: SqliteRunner | null,
    private readonly busy: () => Promise<unknown> | null,
  ) {}

  async all<T>(sql: string, params?: unknown[]): Promise<T[]> {
    // The writer's own connection reads fastest (its page cache is warm); the reader is for
    // when a transaction holds the writer.
    if (this.reader && this.busy() && this.inner.readsOnly(sql))
      return this.reader.all<T>(sql, params);
    // Re-checked after each wait: the statement itself then runs synchronously, so nothing
    // can open a transaction between the check and the statement.
    for (let wait = this.busy(); wait; wait = this.busy()) await wait;
    return this.inner.all<T>(sql, params);
  }

  async run(sql: string, params?: unknown[]): Promise<number> {
    for (let wait = this.busy(); wait; wait = this.busy()) await wait;
    return this.inner.run(sql, params);
  }
}

class SqliteStore extends SqlRepo implements Store {
  readonly engine = 'sqlite' as const;
  private readonly direct: SqliteRunner;
  private readonly context: ContextRunner;
  private readonly groups: GroupCommit;

  constructor(
    private readonly db: Database.Database,
    private readonly reader: Database.Database | null,
    private readonly checkpointer: Checkpointer | null,
  ) {
    const direct = new SqliteRunner(db);
    const cache = new ReadCache((sql) => direct.readsOnly(sql));
    const groups = new GroupCommit(db, () => cache.transactionEnded());
    const outside = new QueuedRunner(direct, reader && new SqliteRunner(reader), () =>
      groups.busy(),
    );
    const context = new ContextRunner(outside);
    super(
      cache.wrap(context, () => context.active() !== undefined),
      'sqlite',
    );
    this.direct = direct;
    this.context = context;
    this.groups = groups;
  }

  transaction<T>(fn: (tx: Repo) => Promise<T>): Promise<T> {
    // A transaction opened inside another joins it (SQLite has one connection anyway).
    if (this.context.active()) return fn(this);
    return this.groups.run(() => this.context.within(this.direct, () => fn(this)));
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
                    AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY due_at, id LIMIT ?)
       RETURNING *`,
      [worker, leaseUntil, now, now, limit],
    );
    return SqlRepo.toClaimed(rows);
  }

  poolStats(): null {
    return null;
  }

  async settleErasure(): Promise<void> {
    // The write-ahead log still holds the pages as they were before the purge: copy the new
    // ones into the database file, then empty the log. A reader in the middle of a read can
    // hold the log for a moment: try again a few times.
    await this.groups.drain();
    for (let attempt = 1; ; attempt++) {
      const [r] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (!r.busy) return;
      if (attempt === 5) throw new Error('the write-ahead log is busy: not truncated after purge');
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }

  async close(): Promise<void> {
    await this.groups.drain();
    await this.checkpointer?.stop();
    this.reader?.close();
    this.db.close();
  }
}
