/**
 * The doctor's checks of what the bot loads: the directory file (the bot's own loader and
 * validation), the database (reachable, every migration applied; read-only) and the tenants
 * of every structure against ALLOWED_TENANTS.
 */
import { DirectoryFileError, readDirectoryFile } from '../domain/directory-load';
import type { DirectoryFile } from '../domain/directory';
import {
  readPostgresSchema,
  readSqliteSchema,
  SchemaReadError,
  type SchemaStatus,
} from '../storage/schema-status';
import { isLocal, problemsOf, type Env } from './env-checks';
import { verdict, type CheckResult } from './report';

const DEFAULT_SQLITE_FILE = './data/passerelle.sqlite';

/** The directory file read as the bot reads it at start-up, or why it cannot be. */
export function loadDirectory(env: Env): { file: DirectoryFile | null; problems: string[] } {
  const path = (env.DIRECTORY_FILE ?? '').trim();
  if (!path) return { file: null, problems: [] };
  try {
    return { file: readDirectoryFile(path, { requireTenant: !isLocal(env) }), problems: [] };
  } catch (err) {
    if (err instanceof DirectoryFileError) return { file: null, problems: err.problems };
    return { file: null, problems: [(err as Error).message] };
  }
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const MAX_LISTED = 5;
const listed = (items: string[]) =>
  items.length > MAX_LISTED
    ? [...items.slice(0, MAX_LISTED), `and ${items.length - MAX_LISTED} more`]
    : items;

/** DIRECTORY_FILE: valid, with a tenant for every structure outside local mode. */
export function checkDirectory(
  env: Env,
  dir: { file: DirectoryFile | null; problems: string[] },
): CheckResult {
  const path = (env.DIRECTORY_FILE ?? '').trim();
  if (!path)
    return {
      name: 'directory',
      status: 'ok',
      detail: 'DIRECTORY_FILE unset: the directory is the one stored in the database',
    };
  const f = dir.file;
  return verdict(
    'directory',
    dir.problems.length ? [`${path}: ${listed(dir.problems).join('; ')}`] : [],
    [],
    f
      ? `${path}: ${count(f.structures.length, 'structure')}, ${count(f.correspondents.length, 'person', 'people')}, ${count(f.partnerships.length, 'partnership')}`
      : path,
  );
}

/** The database's schema, read without writing; an error message when unreachable. */
export async function readDatabase(
  env: Env,
): Promise<{ status: SchemaStatus | null; error: string | null }> {
  const url = (env.DATABASE_URL ?? '').trim();
  try {
    const status = url
      ? await readPostgresSchema(url)
      : readSqliteSchema((env.SQLITE_FILE ?? '').trim() || DEFAULT_SQLITE_FILE);
    return { status, error: null };
  } catch (err) {
    if (err instanceof SchemaReadError) return { status: null, error: err.message };
    throw err;
  }
}

/** The database reachable and migrated by this version of the bot. */
export function checkDatabase(
  env: Env,
  db: { status: SchemaStatus | null; error: string | null },
): CheckResult {
  const url = (env.DATABASE_URL ?? '').trim();
  const label = url
    ? `PostgreSQL ${redactUrl(url)}`
    : `SQLite ${(env.SQLITE_FILE ?? '').trim() || DEFAULT_SQLITE_FILE}`;
  const errors = problemsOf(env, 'database');
  if (errors.length) return verdict('database', errors, [], label);
  if (db.error) return verdict('database', [`${label} unreachable: ${db.error}`], [], label);
  const s = db.status;
  if (!s) return verdict('database', [`${label}: not read`], [], label);
  if (!s.created)
    return verdict(
      'database',
      [],
      [
        `${label} holds no Passerelle tables yet: the bot creates them at its first start (run the doctor again after it)`,
      ],
      label,
    );
  const errs: string[] = [];
  if (s.unknown.length)
    errs.push(
      `${label} was migrated by a newer version of the bot (migrations ${s.unknown.join(', ')} unknown here): run that version`,
    );
  if (s.missing.length)
    errs.push(
      `${label}: migrations ${s.missing.join(', ')} not applied; this version applies them at start-up: start one instance, then run the doctor again`,
    );
  return verdict(
    'database',
    errs,
    [],
    `${label}: reachable, ${s.applied.length} migrations applied`,
  );
}

/** Every structure's tenant (directory file and database) listed in ALLOWED_TENANTS. */
export function checkTenants(
  env: Env,
  dir: { file: DirectoryFile | null; problems: string[] },
  db: { status: SchemaStatus | null; error: string | null },
): CheckResult {
  const errors = problemsOf(env, 'tenants');
  if (errors.length) return verdict('tenants', errors, [], '');
  const allowed = (env.ALLOWED_TENANTS ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (allowed.includes('*'))
    return verdict(
      'tenants',
      [],
      [
        'ALLOWED_TENANTS=*: any Microsoft 365 tenant may use the bot; list the partners’ tenant ids',
      ],
      '',
    );
  if (!allowed.length) return { name: 'tenants', status: 'ok', detail: 'local mode: any tenant' };
  const fromFile = (dir.file?.structures ?? []).map((s) => ({
    id: s.id,
    tenantId: s.tenantId ?? null,
    source: 'directory file',
  }));
  const inFile = new Set(fromFile.map((s) => s.id));
  const fromDb = (db.status?.structures ?? [])
    .filter((s) => !inFile.has(s.id))
    .map((s) => ({ ...s, source: 'database' }));
  const problems: string[] = [];
  for (const s of [...fromFile, ...fromDb]) {
    const tenant = (s.tenantId ?? '').toLowerCase();
    if (!tenant) {
      // A structure of the file without tenant is the directory check's error.
      if (s.source === 'database' && !isLocal(env))
        problems.push(`${s.id} (database) has no tenant id: its people are refused`);
    } else if (!allowed.includes(tenant)) {
      problems.push(`${s.id} (${s.source}) has tenant ${tenant}, not in ALLOWED_TENANTS`);
    }
  }
  const unread = [
    ...(dir.problems.length ? ['the directory file (see directory)'] : []),
    ...(db.error ? ['the database (see database)'] : []),
  ];
  return verdict(
    'tenants',
    problems.length ? [`${listed(problems).join('; ')}: their people would be refused`] : [],
    [],
    `${count(allowed.length, 'tenant')} allowed; ${count(fromFile.length + fromDb.length, 'structure')}, each in the list` +
      (unread.length ? `; not compared: ${unread.join(', ')}` : ''),
  );
}

/** The URL without its password. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*)(:[^@/]*)?@/, (_m, user: string) => `//${user}@`);
}
