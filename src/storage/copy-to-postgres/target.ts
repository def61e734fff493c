/**
 * The PostgreSQL side, read from its own catalogue once the bot's migrations are applied:
 * tables, columns and their types, primary keys, foreign keys and the sequences behind
 * auto-numbered ids. Reading the schema rather than listing tables here keeps the tool right
 * when a later migration adds a table or a column.
 */
import type pg from 'pg';
import { kindOf, type ColumnKind } from './columns';
import { CopyRefused } from './refused';
import { ident } from './source';

export interface TargetColumn {
  name: string;
  kind: ColumnKind;
  /** The sequence that numbers this column (serial or identity), if any. */
  sequence: string | null;
}

export interface TargetTable {
  name: string;
  columns: TargetColumn[];
  /** Primary key columns, in key order (every column when a table has no key). */
  key: string[];
  /** Tables this one references, other than itself. */
  references: string[];
}

/** The bookkeeping table each engine keeps for itself: never copied, never required empty. */
export const MIGRATIONS_TABLE = 'schema_migrations';

/** Describes every table of the connection's current schema. */
export async function describeTarget(client: pg.ClientBase): Promise<Map<string, TargetTable>> {
  const schema = (await client.query<{ s: string | null }>('SELECT current_schema() AS s')).rows[0]
    .s;
  if (!schema)
    throw new CopyRefused(
      'the target has no schema to write to (the search_path names no existing schema)',
    );
  const cols = await client.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    seq: string | null;
  }>(
    `SELECT c.table_name, c.column_name, c.data_type,
            pg_get_serial_sequence(quote_ident(c.table_schema) || '.' || quote_ident(c.table_name), c.column_name) AS seq
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
    [schema],
  );
  const keys = await client.query<{ table_name: string; column_name: string }>(
    `SELECT k.table_name, k.column_name
       FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage k ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name
      WHERE tc.table_schema = $1 AND tc.constraint_type = 'PRIMARY KEY'
      ORDER BY k.table_name, k.ordinal_position`,
    [schema],
  );
  const refs = await client.query<{ child: string; parent: string }>(
    `SELECT DISTINCT c.relname AS child, p.relname AS parent
       FROM pg_constraint f
       JOIN pg_class c ON c.oid = f.conrelid
       JOIN pg_class p ON p.oid = f.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE f.contype = 'f' AND n.nspname = $1`,
    [schema],
  );
  const tables = new Map<string, TargetTable>();
  for (const c of cols.rows) {
    let t = tables.get(c.table_name);
    if (!t)
      tables.set(c.table_name, (t = { name: c.table_name, columns: [], key: [], references: [] }));
    t.columns.push({
      name: c.column_name,
      kind: kindOf(c.table_name, c.column_name, c.data_type),
      sequence: c.seq,
    });
  }
  for (const k of keys.rows) tables.get(k.table_name)?.key.push(k.column_name);
  for (const r of refs.rows)
    if (r.child !== r.parent) tables.get(r.child)?.references.push(r.parent);
  for (const t of tables.values()) if (!t.key.length) t.key = t.columns.map((c) => c.name);
  return tables;
}

/** Tables in an order where each comes after every table it references. */
export function dependencyOrder(tables: TargetTable[]): TargetTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: TargetTable[] = [];
  const visit = (t: TargetTable): void => {
    if (done.has(t.name)) return;
    if (visiting.has(t.name))
      throw new CopyRefused(
        `tables reference each other in a cycle through ${t.name}; no copy order satisfies the foreign keys`,
      );
    visiting.add(t.name);
    for (const p of t.references) {
      const parent = byName.get(p);
      if (parent) visit(parent);
    }
    visiting.delete(t.name);
    done.add(t.name);
    order.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t);
  return order;
}

/** Row counts of the tables that are not empty (at most one row read from each of the others). */
export async function nonEmptyTables(
  client: pg.ClientBase,
  tables: TargetTable[],
): Promise<{ table: string; rows: number }[]> {
  const out: { table: string; rows: number }[] = [];
  for (const t of tables) {
    const any = await client.query(`SELECT 1 FROM ${ident(t.name)} LIMIT 1`);
    if (!any.rowCount) continue;
    const n = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${ident(t.name)}`);
    out.push({ table: t.name, rows: Number(n.rows[0].n) });
  }
  return out;
}

/**
 * Sets each auto-numbering sequence so that the next id follows both the highest id copied
 * and SQLite's own high-water mark: SQLite's AUTOINCREMENT never reuses the id of a deleted
 * row (a purged outbox row, say), and PostgreSQL must not either.
 */
export async function alignSequences(
  client: pg.ClientBase,
  tables: TargetTable[],
  sqliteHighWater: Map<string, bigint>,
): Promise<{ table: string; column: string; next: bigint }[]> {
  const out: { table: string; column: string; next: bigint }[] = [];
  for (const t of tables) {
    for (const c of t.columns) {
      if (!c.sequence) continue;
      const max = (
        await client.query<{ m: string | null }>(
          `SELECT max(${ident(c.name)})::text AS m FROM ${ident(t.name)}`,
        )
      ).rows[0].m;
      let last = max === null ? 0n : BigInt(max);
      const mark = sqliteHighWater.get(t.name);
      if (mark !== undefined && mark > last) last = mark;
      // setval(seq, n, true): the next nextval() returns n + 1; (seq, 1, false): it returns 1.
      if (last > 0n)
        await client.query('SELECT setval($1::regclass, $2::bigint, true)', [
          c.sequence,
          last.toString(),
        ]);
      else await client.query('SELECT setval($1::regclass, 1, false)', [c.sequence]);
      out.push({ table: t.name, column: c.name, next: last + 1n });
    }
  }
  return out;
}
