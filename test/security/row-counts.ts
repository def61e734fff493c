/**
 * Row counts of every table of a test bot's SQLite file: what "nothing was stored" means. The
 * audit log is left out: a refusal is an audit event by design (issue 16 §1), checked by
 * test/teams/audit-*.test.ts.
 */
import Database from 'better-sqlite3';

export function rowCounts(sqliteFile: string): Record<string, number> {
  const db = new Database(sqliteFile, { readonly: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit_log'",
      )
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [
        name,
        (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n,
      ]),
    );
  } finally {
    db.close();
  }
}

export function referenceRows(
  sqliteFile: string,
): { kind: string; key: string; reference: string }[] {
  const db = new Database(sqliteFile, { readonly: true });
  try {
    return db.prepare('SELECT kind, ref_key AS key, reference FROM conversation_refs').all() as {
      kind: string;
      key: string;
      reference: string;
    }[];
  } finally {
    db.close();
  }
}
