/** One schema change: applied once, in version order, inside a transaction. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Replaces `sql` on SQLite, where the engines cannot share the SQL (a table rebuild). */
  sqlite?: string;
  /** Replaces `sql` on PostgreSQL. */
  postgres?: string;
  /**
   * SQLite: run with foreign keys off, because the migration drops and recreates a table other
   * tables reference; the references are checked before the commit.
   */
  rebuildsTables?: boolean;
}
