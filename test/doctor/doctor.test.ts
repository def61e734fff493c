/**
 * `npm run doctor` (issue 17 §2), spawned as an operator runs it, in a directory of its own with
 * a crafted environment or `.env`: a good configuration passes; each broken one fails exactly
 * one check, named, with the reason.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { buildAppPackage } from '../../scripts/package-app';
import { openPostgresStore } from '../../src/storage/postgres/postgres-store';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { postgresUrl } from '../helpers/engines';
import { OpenIdStandIn } from '../helpers/openid-stand-in';

const ROOT = join(__dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'doctor.ts');
const TSX = pathToFileURL(require.resolve('tsx')).href;
const APP_ID = '1b2c3d4e-0000-4000-8000-00000000b071';
const HOME = '11111111-1111-4111-8111-111111111111';
const TENANTS = `${HOME},22222222-2222-4222-8222-222222222222,33333333-3333-4333-8333-333333333333`;

interface Line {
  status: string;
  detail: string;
}
interface Run {
  code: number | null;
  out: string;
  checks: Map<string, Line>;
}

let dir: string;
let zip: string;

function good(): Record<string, string> {
  return {
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'a-client-secret-value',
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: HOME,
    PUBLIC_URL: 'https://passerelle.example.org',
    ALLOWED_TENANTS: TENANTS,
    DIRECTORY_FILE: join(ROOT, 'test', 'fixtures', 'directory.json'),
    SQLITE_FILE: join(dir, 'good.sqlite'),
  };
}

/** Spawns the doctor; never blocks this process, so the stand-ins keep answering. */
function doctor(
  env: Record<string, string>,
  o: { args?: string[]; cwd?: string; pkg?: string } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', TSX, SCRIPT, '--package', o.pkg ?? zip, ...(o.args ?? [])],
      { cwd: o.cwd ?? dir, env: { PATH: process.env.PATH ?? '', ...env } },
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
function failsOnly(run: Run, name: string, reason: RegExp): void {
  const failed = [...run.checks].filter(([, l]) => l.status === 'ERROR').map(([n]) => n);
  assert.deepEqual(failed, [name], run.out);
  assert.match(run.checks.get(name)?.detail ?? '', reason, run.out);
  assert.equal(run.code, 1, run.out);
}

function passes(run: Run, extra: string[] = []): void {
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

describe('npm run doctor', function () {
  this.timeout(120_000);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'passerelle-doctor-'));
    await openSqliteStore(join(dir, 'good.sqlite')).close();
    zip = join(dir, 'passerelle-cir.zip');
    const env = { MicrosoftAppId: APP_ID, PUBLIC_URL: 'https://passerelle.example.org' };
    await buildAppPackage({ env, allowPlaceholder: false, outFile: zip });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('passes a good configuration, one OK line per check, exit 0', async () => {
    passes(await doctor(good()));
  });

  it('reads .env as the bot does, and a variable already set wins over it', async () => {
    const cwd = mkdtempSync(join(dir, 'dotenv-'));
    const lines = Object.entries(good()).map(([k, v]) => `${k}=${v}`);
    writeFileSync(join(cwd, '.env'), `${lines.join('\n')}\n`);
    const fromFile = await doctor({}, { cwd });
    passes(fromFile);
    assert.match(fromFile.out, /and .*\.env/);
    failsOnly(
      await doctor({ MicrosoftAppTenantId: 'contoso' }, { cwd }),
      'credentials',
      /MicrosoftAppTenantId: expected a tenant id/,
    );
  });

  it('without a built zip, checks the manifest as npm run package would fill it', async () => {
    passes(await doctor(good(), { pkg: join(dir, 'none.zip') }));
  });

  const broken: [string, Record<string, string>, string, RegExp][] = [
    ['a value the bot refuses', { RETENTION_DAYS: 'soon' }, 'configuration', /RETENTION_DAYS/],
    [
      'SingleTenant without its tenant',
      { MicrosoftAppTenantId: '' },
      'credentials',
      /MicrosoftAppTenantId is not set/,
    ],
    [
      'a client secret without an app id',
      { MicrosoftAppId: '' },
      'credentials',
      /MicrosoftAppId is not set/,
    ],
    [
      'a plain http public URL',
      { PUBLIC_URL: 'http://passerelle.example.org' },
      'public-url',
      /https/,
    ],
    [
      'a public URL the package was not built for',
      { PUBLIC_URL: 'https://autre.example.org' },
      'public-url',
      /validDomains \[passerelle\.example\.org\], not autre\.example\.org/,
    ],
    [
      'an app id the package was not built for',
      { MicrosoftAppId: '99999999-0000-4000-8000-000000000000' },
      'app-package',
      /bots\[0\]\.botId is 1b2c3d4e.*MicrosoftAppId is 99999999/,
    ],
    [
      'a structure whose tenant is not allowed',
      { ALLOWED_TENANTS: TENANTS.split(',').slice(0, 2).join(',') },
      'tenants',
      /ml-grenoble \(directory file\) has tenant 33333333/,
    ],
    ['a download secret too short', { DOWNLOAD_SECRET: 'short' }, 'download-secret', /at least 32/],
    [
      'Graph on without a secret for its own client id',
      { GRAPH_ENABLED: '1', GRAPH_CLIENT_ID: '44444444-0000-4000-8000-000000000000' },
      'graph',
      /GRAPH_CLIENT_SECRET/,
    ],
  ];
  for (const [what, change, name, reason] of broken)
    it(`fails ${name} alone on ${what}`, async () => {
      failsOnly(await doctor({ ...good(), ...change }), name, reason);
    });

  it('fails directory alone on a malformed directory file, naming the entry', async () => {
    const file = join(dir, 'annuaire.json');
    writeFileSync(
      file,
      JSON.stringify({
        structures: [{ id: 'x', kind: 'ZZ' }],
        correspondents: [],
        partnerships: [],
      }),
    );
    failsOnly(await doctor({ ...good(), DIRECTORY_FILE: file }), 'directory', /structures\.0/);
  });

  it('fails app-package alone on a placeholder package or one that is not a zip', async () => {
    const placeholder = join(dir, 'placeholder.zip');
    await buildAppPackage({ env: {}, allowPlaceholder: true, outFile: placeholder });
    const run = await doctor(
      { ...good(), PUBLIC_URL: 'https://passerelle-cir.example.org' },
      { pkg: placeholder },
    );
    failsOnly(run, 'app-package', /placeholder 00000000/);
    const garbage = join(dir, 'garbage.zip');
    writeFileSync(garbage, 'not a zip');
    failsOnly(await doctor(good(), { pkg: garbage }), 'app-package', /cannot read/);
  });

  it('fails database alone on a SQLite file missing a migration, or not a database', async () => {
    const file = join(dir, 'behind.sqlite');
    copyFileSync(join(dir, 'good.sqlite'), file);
    const db = new Database(file);
    const last = (
      db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as {
        v: number;
      }
    ).v;
    db.prepare('DELETE FROM schema_migrations WHERE version = ?').run(last);
    db.close();
    failsOnly(
      await doctor({ ...good(), SQLITE_FILE: file }),
      'database',
      new RegExp(`migrations ${last} not applied`),
    );
    const garbage = join(dir, 'garbage.sqlite');
    writeFileSync(garbage, 'not a database, just text that is long enough to be read');
    failsOnly(await doctor({ ...good(), SQLITE_FILE: garbage }), 'database', /cannot read/);
  });

  describe('on PostgreSQL', () => {
    const schema = `doctor_${randomBytes(4).toString('hex')}`;
    const url = () => `${postgresUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const secret = 'a-download-secret-of-32-characters-at-least';
    before(async function () {
      if (!postgresUrl) {
        console.log('    [skipped] the doctor on PostgreSQL: TEST_DATABASE_URL is not set');
        this.skip();
      }
      await (await openPostgresStore(postgresUrl, { schema })).close();
    });
    after(async () => {
      if (!postgresUrl) return;
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    });

    it('passes a migrated database with a shared download secret', async () => {
      passes(await doctor({ ...good(), DATABASE_URL: url(), DOWNLOAD_SECRET: secret }));
    });

    it('fails download-secret alone when instances share the database without one', async () => {
      failsOnly(
        await doctor({ ...good(), DATABASE_URL: url() }),
        'download-secret',
        /DATABASE_URL is set/,
      );
    });

    it('fails database alone when unreachable, or missing a migration', async () => {
      const unreachable = await doctor({
        ...good(),
        DATABASE_URL: 'postgres://nobody:hunter2@127.0.0.1:1/none',
        DOWNLOAD_SECRET: secret,
      });
      failsOnly(unreachable, 'database', /unreachable/);
      assert.ok(!unreachable.out.includes('hunter2'), 'no password printed');
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      const { rows } = await client.query<{ v: number }>(
        `SELECT MAX(version) AS v FROM ${schema}.schema_migrations`,
      );
      await client.query(`DELETE FROM ${schema}.schema_migrations WHERE version = $1`, [rows[0].v]);
      await client.end();
      failsOnly(
        await doctor({ ...good(), DATABASE_URL: url(), DOWNLOAD_SECRET: secret }),
        'database',
        new RegExp(`migrations ${rows[0].v} not applied`),
      );
    });
  });

  describe('--online', () => {
    const openId = new OpenIdStandIn();
    let answer: { status: number; body: unknown } = { status: 200, body: {} };
    const asked: string[] = [];
    const login = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += String(d)));
      req.on('end', () => {
        asked.push(`${req.url} ${body}`);
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    const online = () => ({
      PASSERELLE_TEST_LOGIN_URL: `http://127.0.0.1:${(login.address() as AddressInfo).port}`,
      PASSERELLE_TEST_OPENID_URL: openId.metadataUrl,
    });
    before(async () => {
      await openId.start();
      await new Promise<void>((r) => login.listen(0, '127.0.0.1', r));
    });
    after(async () => {
      await openId.stop();
      login.closeAllConnections();
      await new Promise<void>((r) => login.close(() => r()));
    });

    it('fetches a token from the home tenant and the OpenID keys', async () => {
      answer = { status: 200, body: { access_token: 'eyJ0eXAi', expires_in: 3599 } };
      const run = await doctor({ ...good(), ...online() }, { args: ['--online'] });
      passes(run, ['bot-token', 'openid-metadata']);
      const request = asked.at(-1) ?? '';
      assert.match(request, new RegExp(`^/${HOME}/oauth2/v2.0/token `));
      assert.match(request, /scope=https%3A%2F%2Fapi\.botframework\.com%2F\.default/);
    });

    it('names the refused step and what the AADSTS code means', async () => {
      answer = {
        status: 401,
        body: {
          error: 'invalid_client',
          error_codes: [7000215],
          error_description: 'AADSTS7000215: x',
        },
      };
      const run = await doctor({ ...good(), ...online() }, { args: ['--online'] });
      failsOnly(
        run,
        'bot-token',
        /step 2\/2, token refused by tenant 11111111.*wrong client secret/,
      );
      assert.ok(!run.out.includes('a-client-secret-value'), 'no secret printed');
    });

    it('names the metadata step that failed', async () => {
      answer = { status: 200, body: { access_token: 'eyJ0eXAi', expires_in: 3599 } };
      const run = await doctor(
        {
          ...good(),
          ...online(),
          PASSERELLE_TEST_OPENID_URL: 'http://127.0.0.1:1/v1/.well-known/openidconfiguration',
        },
        { args: ['--online'] },
      );
      failsOnly(run, 'openid-metadata', /step 1\/2, metadata, reach http:\/\/127\.0\.0\.1:1/);
    });
  });
});
