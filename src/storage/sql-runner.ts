/** What the engines give the SQL repositories: statements with `?` placeholders. Never seen outside src/storage/. */
export interface SqlRunner {
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
}
