/**
 * How a column's values cross from SQLite to PostgreSQL, and how either side's value is
 * rendered for the checksum. The PostgreSQL type decides: SQLite stores what it is given
 * (integers for booleans, ISO text for times, JSON as text), PostgreSQL stores its own types
 * and returns them in its own text form, so both are brought to one canonical string.
 */
import { CopyRefused } from './refused';

export type ColumnKind = 'integer' | 'text' | 'bytes' | 'boolean' | 'json' | 'timestamp';

const KINDS = new Map<string, ColumnKind>([
  ['smallint', 'integer'],
  ['integer', 'integer'],
  ['bigint', 'integer'],
  ['text', 'text'],
  ['character varying', 'text'],
  ['character', 'text'],
  ['bytea', 'bytes'],
  ['boolean', 'boolean'],
  ['json', 'json'],
  ['jsonb', 'json'],
  ['timestamp with time zone', 'timestamp'],
]);

/**
 * The kind of a PostgreSQL column (information_schema data_type); unknown types are refused, not
 * guessed.
 */
export function kindOf(table: string, column: string, pgType: string): ColumnKind {
  const kind = KINDS.get(pgType);
  if (!kind) {
    throw new CopyRefused(
      `column ${table}.${column} has PostgreSQL type "${pgType}", which this tool does not know how to copy and compare; teach src/storage/copy-to-postgres/columns.ts about it`,
    );
  }
  return kind;
}

/** A SQLite value as the parameter PostgreSQL should receive for a column of this kind. */
export function toPgParam(kind: ColumnKind, value: unknown, where: string): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'integer':
      if (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value)))
        return value.toString();
      throw new CopyRefused(`${where}: expected an integer, found ${describe(value)}`);
    case 'boolean':
      if (typeof value === 'bigint' || typeof value === 'number') return Number(value) !== 0;
      throw new CopyRefused(`${where}: expected 0 or 1, found ${describe(value)}`);
    case 'bytes':
      return Buffer.isBuffer(value) ? value : Buffer.from(String(value), 'utf8');
    default:
      // Text, JSON and times go as text: PostgreSQL parses JSON and times itself, and says so if it
      // cannot.
      if (Buffer.isBuffer(value))
        throw new CopyRefused(`${where}: expected text, found binary data`);
      return String(value);
  }
}

/**
 * One value in its canonical form (null stays null). `sqlite` values are as better-sqlite3
 * returns them with safe integers; `postgres` values are PostgreSQL's own text output (read
 * with every type parser disabled, bytea_output hex, TimeZone UTC).
 */
export function canonical(
  kind: ColumnKind,
  value: unknown,
  side: 'sqlite' | 'postgres',
): string | null {
  if (value === null || value === undefined) return null;
  if (side === 'postgres') return canonicalPg(kind, String(value));
  switch (kind) {
    case 'integer':
      return typeof value === 'bigint' || typeof value === 'number'
        ? BigInt(value).toString()
        : `?${String(value)}`;
    case 'boolean':
      return Number(value) !== 0 ? 'true' : 'false';
    case 'bytes':
      return (Buffer.isBuffer(value) ? value : Buffer.from(String(value), 'utf8')).toString('hex');
    case 'json':
      return canonicalJson(String(value));
    case 'timestamp':
      return canonicalTime(String(value));
    default:
      return Buffer.isBuffer(value) ? `?${value.toString('hex')}` : String(value);
  }
}

function canonicalPg(kind: ColumnKind, text: string): string {
  switch (kind) {
    case 'boolean':
      return text === 't' ? 'true' : 'false';
    case 'bytes':
      return text.startsWith('\\x') ? text.slice(2) : `?${text}`;
    case 'json':
      return canonicalJson(text);
    case 'timestamp':
      // "2025-03-01 09:30:00.123+00" with TimeZone UTC and DateStyle ISO.
      return canonicalTime(text.replace(' ', 'T').replace(/\+00$/, 'Z'));
    default:
      return text;
  }
}

/**
 * JSON with object keys sorted: jsonb reorders keys and drops spaces, text keeps them as written.
 */
export function canonicalJson(text: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(text)));
  } catch {
    return `?${text}`;
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
  return out;
}

/**
 * An instant as ISO-8601 UTC to the millisecond (what the bot writes); unparsable text stays as is,
 * marked.
 */
function canonicalTime(text: string): string {
  const t = new Date(text);
  return Number.isNaN(t.getTime()) ? `?${text}` : t.toISOString();
}

function describe(value: unknown): string {
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (Buffer.isBuffer(value)) return 'binary data';
  return `${typeof value} ${String(value)}`;
}
