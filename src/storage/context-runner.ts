/**
 * Statements follow the transaction they are part of. Inside `store.transaction(fn)`, every
 * statement of `fn`'s async flow (through `tx` or through the store itself) runs on that
 * transaction; outside, statements take the engine's default path. Without this, SQLite's
 * single connection would sweep a concurrent turn's statement into an open transaction (and
 * roll it back with it), and PostgreSQL would run it on another connection.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { deferWrite, type SqlRunner } from './sql-runner';

interface Scope {
  runner: SqlRunner;
  /** False once the transaction ended: work it started and left running goes outside. */
  open: boolean;
}

export class ContextRunner implements SqlRunner {
  private readonly current = new AsyncLocalStorage<Scope>();

  constructor(private readonly outside: SqlRunner) {}

  /** The transaction's runner if the caller is inside one that is still open. */
  active(): SqlRunner | undefined {
    const scope = this.current.getStore();
    return scope?.open ? scope.runner : undefined;
  }

  /** Runs `fn` with `runner` as the runner of its whole async flow, until `fn` settles. */
  async within<T>(runner: SqlRunner, fn: () => Promise<T>): Promise<T> {
    const scope: Scope = { runner, open: true };
    try {
      return await this.current.run(scope, fn);
    } finally {
      scope.open = false;
    }
  }

  all<T>(sql: string, params?: unknown[]): Promise<T[]> {
    return (this.active() ?? this.outside).all<T>(sql, params);
  }

  run(sql: string, params?: unknown[]): Promise<number> {
    return (this.active() ?? this.outside).run(sql, params);
  }

  defer(sql: string, params?: unknown[]): Promise<void> {
    return deferWrite(this.active() ?? this.outside, sql, params);
  }
}
