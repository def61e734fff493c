/** Row counts of every table of a test bot's SQLite file: what "nothing was stored" means. */
import Database from 'better-sqlite3';

export function rowCounts(sqliteFile: string): Record<string, number> {
  const db = new Database(sqliteFile, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
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
