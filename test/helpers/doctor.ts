/**
 * Runs `npm run doctor` as an operator would (issue 17 §2): spawned in a directory of its own,
 * with a crafted environment, against a migrated SQLite file and a built app package.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildAppPackage } from '../../scripts/package-app';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store';

export const ROOT = join(__dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'doctor.ts');
const TSX = pathToFileURL(require.resolve('tsx')).href;
export const APP_ID = '1b2c3d4e-0000-4000-8000-00000000b071';
export const HOME = '11111111-1111-4111-8111-111111111111';
export const TENANTS = `${HOME},22222222-2222-4222-8222-222222222222,33333333-3333-4333-8333-333333333333`;

interface Line {
  status: string;
  detail: string;
}
export interface Run {
  code: number | null;
  out: string;
  checks: Map<string, Line>;
}

/** A temporary directory with good.sqlite (migrated) and passerelle-cir.zip (built). */
export const place = { dir: '', zip: '' };

export async function setUpPlace(): Promise<void> {
  place.dir = mkdtempSync(join(tmpdir(), 'passerelle-doctor-'));
  await openSqliteStore(join(place.dir, 'good.sqlite')).close();
  place.zip = join(place.dir, 'passerelle-cir.zip');
  const env = { MicrosoftAppId: APP_ID, PUBLIC_URL: 'https://passerelle.example.org' };
  await buildAppPackage({ env, allowPlaceholder: false, outFile: place.zip });
}

export function tearDownPlace(): void {
  rmSync(place.dir, { recursive: true, force: true });
}

/** A configuration every check passes. */
export function good(): Record<string, string> {
  return {
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'a-client-secret-value',
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: HOME,
    PUBLIC_URL: 'https://passerelle.example.org',
    ALLOWED_TENANTS: TENANTS,
    DIRECTORY_FILE: join(ROOT, 'test', 'fixtures', 'directory.json'),
    SQLITE_FILE: join(place.dir, 'good.sqlite'),
  };
}

/** Spawns the doctor; never blocks this process, so the stand-ins keep answering. */
export function doctor(
  env: Record<string, string>,
  o: { args?: string[]; cwd?: string; pkg?: string } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', TSX, SCRIPT, '--package', o.pkg ?? place.zip, ...(o.args ?? [])],
      { cwd: o.cwd ?? place.dir, env: { PATH: process.env.PATH ?? '', ...env } },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += String(d)));
    child.stderr.on('data', (d: Buffer) => (out += String(d)));
    child.on('error', reject);
    child.on('close', (code) => {
      const checks = new Map<string, Line>();
      for (const m of out.matchAll(/^(OK|WARN|ERROR|SKIP) +(\S+) {2}(.*)$/gm)) {
        assert.ok(!checks.has(m[2]), `${m[2]} printed once\n${out}`);
        checks.set(m[2], { status: m[1], detail: m[3] });
      }
      resolve({ code, out, checks });
    });
  });
}

/** Exit 1, `name` the only failing check, its line matching `reason`. */
export function failsOnly(run: Run, name: string, reason: RegExp): void {
  const failed = [...run.checks].filter(([, l]) => l.status === 'ERROR').map(([n]) => n);
  assert.deepEqual(failed, [name], run.out);
  assert.match(run.checks.get(name)?.detail ?? '', reason, run.out);
  assert.equal(run.code, 1, run.out);
}

/** Exit 0, every check OK, in the order of the README. */
export function passes(run: Run, extra: string[] = []): void {
  const offline = [
    'configuration',
    'credentials',
    'public-url',
    'app-package',
    'directory',
    'tenants',
    'database',
    'download-secret',
    'graph',
  ];
  assert.deepEqual([...run.checks.keys()], [...offline, ...extra], run.out);
  for (const [name, line] of run.checks) assert.equal(line.status, 'OK', `${name}\n${run.out}`);
  assert.equal(run.code, 0, run.out);
}
