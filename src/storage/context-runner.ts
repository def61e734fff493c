/**
 * Statements follow the transaction they are part of. Inside `store.transaction(fn)`, every
 * statement of `fn`'s async flow (through `tx` or through the store itself) runs on that
 * transaction; outside, statements take the engine's default path. Without this, SQLite's
 * single connection would sweep a concurrent turn's statement into an open transaction (and
 * roll it back with it), and PostgreSQL would run it on another connection.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqlRunner } from './sql-repo';

export class ContextRunner implements SqlRunner {
  private readonly current = new AsyncLocalStorage<SqlRunner>();

  constructor(private readonly outside: SqlRunner) {}

  /** The transaction's runner if the caller is inside one. */
  active(): SqlRunner | undefined {
    return this.current.getStore();
  }

  /** Runs `fn` with `runner` as the runner of its whole async flow. */
  within<T>(runner: SqlRunner, fn: () => Promise<T>): Promise<T> {
    return this.current.run(runner, fn);
  }

  all<T>(sql: string, params?: unknown[]): Promise<T[]> {
    return (this.current.getStore() ?? this.outside).all<T>(sql, params);
  }

  run(sql: string, params?: unknown[]): Promise<number> {
    return (this.current.getStore() ?? this.outside).run(sql, params);
  }
}
