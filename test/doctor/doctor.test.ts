/**
 * `npm run doctor` (issue 17 §2), spawned as an operator runs it, in a directory of its own with
 * a crafted environment or `.env`: a good configuration passes; each broken one fails exactly
 * one check, named, with the reason. The database check on both engines.
 */
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { buildAppPackage } from '../../scripts/package-app';
import { openPostgresStore } from '../../src/storage/postgres/postgres-store';
import {
  TENANTS,
  doctor,
  failsOnly,
  good,
  passes,
  place,
  setUpPlace,
  tearDownPlace,
} from '../helpers/doctor';
import { postgresUrl } from '../helpers/engines';

describe('npm run doctor', function () {
  this.timeout(120_000);

  before(setUpPlace);
  after(tearDownPlace);

  it('passes a good configuration, one OK line per check, exit 0', async () => {
    passes(await doctor(good()));
  });

  it('reads .env as the bot does, and a variable already set wins over it', async () => {
    const cwd = mkdtempSync(join(place.dir, 'dotenv-'));
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
    passes(await doctor(good(), { pkg: join(place.dir, 'none.zip') }));
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
    const file = join(place.dir, 'annuaire.json');
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
    const placeholder = join(place.dir, 'placeholder.zip');
    await buildAppPackage({ env: {}, allowPlaceholder: true, outFile: placeholder });
    const run = await doctor(
      { ...good(), PUBLIC_URL: 'https://passerelle-cir.example.org' },
      { pkg: placeholder },
    );
    failsOnly(run, 'app-package', /placeholder 00000000/);
    const garbage = join(place.dir, 'garbage.zip');
    writeFileSync(garbage, 'not a zip');
    failsOnly(await doctor(good(), { pkg: garbage }), 'app-package', /cannot read/);
  });

  it('fails database alone on a SQLite file missing a migration, or not a database', async () => {
    const file = join(place.dir, 'behind.sqlite');
    copyFileSync(join(place.dir, 'good.sqlite'), file);
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
    const garbage = join(place.dir, 'garbage.sqlite');
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
});
