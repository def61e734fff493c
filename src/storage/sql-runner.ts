/**
 * What the engines give the SQL repositories: statements with `?` placeholders. Never seen outside
 * src/storage/.
 */
export interface SqlRunner {
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  /**
   * A write whose result nobody reads, which may wait inside the transaction until the next
   * statement that needs it (PostgreSQL sends them together: fewer round trips). Where absent,
   * it runs at once.
   */
  defer?(sql: string, params?: unknown[]): Promise<void>;
}

/** Runs `sql` through the runner's `defer` where it has one, else at once. */
export async function deferWrite(
  runner: SqlRunner,
  sql: string,
  params: unknown[] = [],
): Promise<void> {
  if (runner.defer) await runner.defer(sql, params);
  else await runner.run(sql, params);
}
