/**
 * Inside a PostgreSQL transaction, writes whose results nobody reads (an event, an audit line,
 * a request's row, outbox payloads) wait and travel with the next statement, as data-modifying
 * CTEs (`WITH d0 AS (INSERT …) <statement>`): one round trip instead of several.
 *
 * A statement takes the waiting writes along only when it writes itself and touches none of
 * their tables (the statements of one query share a snapshot: it would not see their rows).
 * Before a read, or a write to one of their tables, they are sent first, on their own; the
 * transaction sends the rest before its COMMIT. Foreign keys are checked at the end of the
 * whole statement, so a waiting row may reference another one sent with it.
 */
import type { SqlRunner } from '../sql-runner';

const TABLES = /\b(?:FROM|JOIN|INTO|UPDATE)\s+([a-z_][a-z0-9_]*)/gi;
const tablesOf = (sql: string): Set<string> =>
  new Set([...sql.matchAll(TABLES)].map((m) => m[1].toLowerCase()));

interface Waiting {
  sql: string;
  params: unknown[];
  tables: Set<string>;
}

export class DeferredWrites implements SqlRunner {
  private waiting: Waiting[] = [];

  constructor(private readonly inner: SqlRunner) {}

  async defer(sql: string, params: unknown[] = []): Promise<void> {
    const tables = tablesOf(sql);
    // The waiting writes never share a table: two of them on one table go in two statements.
    if (this.overlaps(tables)) await this.flush();
    this.waiting.push({ sql, params, tables });
  }

  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const merged = this.merge(sql, params);
    if (merged) return this.inner.all<T>(merged.sql, merged.params);
    await this.flush();
    return this.inner.all<T>(sql, params);
  }

  async run(sql: string, params: unknown[] = []): Promise<number> {
    const merged = this.merge(sql, params);
    if (merged) return this.inner.run(merged.sql, merged.params);
    await this.flush();
    return this.inner.run(sql, params);
  }

  /** Sends whatever still waits, in one statement. */
  async flush(): Promise<void> {
    if (!this.waiting.length) return;
    const last = this.waiting.pop() as Waiting;
    // Null only if `last` shared a table with another waiting write, which defer() prevents.
    const merged = this.merge(last.sql, last.params) ?? last;
    await this.inner.run(merged.sql, merged.params);
  }

  private overlaps(tables: Set<string>): boolean {
    return this.waiting.some((w) => [...w.tables].some((t) => tables.has(t)));
  }

  /** The statement with the waiting writes in front of it, or null when it may not carry them. */
  private merge(sql: string, params: unknown[]): { sql: string; params: unknown[] } | null {
    if (!this.waiting.length) return null;
    const head = sql.trimStart();
    // Only a plain write carries them (a statement of its own starting with WITH is sent alone).
    if (!/^(INSERT|UPDATE|DELETE)\b/i.test(head)) return null;
    if (this.overlaps(tablesOf(sql))) return null;
    const ctes = this.waiting.map((w, i) => `d${i} AS (${w.sql})`).join(', ');
    const merged = {
      sql: `WITH ${ctes} ${head}`,
      params: [...this.waiting.flatMap((w) => w.params), ...params],
    };
    this.waiting = [];
    return merged;
  }
}
