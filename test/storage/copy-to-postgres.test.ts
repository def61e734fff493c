import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { copyToPostgres, CopyRefused } from '../../src/storage/copy-to-postgres/copy';
import { formatReport } from '../../src/storage/copy-to-postgres/report';
import { openPostgresStore } from '../../src/storage/postgres/postgres-store';
import { startTestBot } from '../helpers/app';
import { ConnectorStandIn } from '../helpers/connector-stand-in';
import { postgresUrl } from '../helpers/engines';
import { invokeActivity, messageActivity, people, personalChat, post } from '../helpers/teams';
import {
  buildSourceDatabase,
  freshSchema,
  NAMES,
  requestForm,
  sqliteRows,
  TRICKY_KEYS,
} from './copy-to-postgres-fixture';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

describe('migrate-to-postgres: copying a SQLite database into PostgreSQL', () => {
  let dir: string;
  let source: string;
  const connector = new ConnectorStandIn();
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'passerelle-copy-'));
    await connector.start();
    source = await buildSourceDatabase(dir, connector);
  });
  after(async () => {
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  (postgresUrl ? describe : describe.skip)('into PostgreSQL (TEST_DATABASE_URL)', () => {
    if (!postgresUrl)
      console.log('    [skipped] copies into PostgreSQL: TEST_DATABASE_URL is not set');
    const base = postgresUrl as string;

    it('copies every table with matching counts and checksums, and the bot carries on from the copy', async () => {
      const target = await freshSchema(base);
      try {
        const result = await copyToPostgres({
          sqliteFile: source,
          databaseUrl: target.url,
          batchRows: 3,
        });
        console.log(formatReport(result).replace(/^/gm, '      '));
        assert.equal(result.ok, true);
        const sqliteTables = sqliteRows<{ name: string }>(
          source,
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name",
        ).map((r) => r.name);
        assert.deepEqual(result.tables.map((t) => t.table).sort(), sqliteTables);
        for (const t of result.tables) {
          const [{ n }] = sqliteRows<{ n: number }>(
            source,
            `SELECT count(*) AS n FROM "${t.table}"`,
          );
          const [{ m }] = await target.query<{ m: string }>(
            `SELECT count(*) AS m FROM "${t.table}"`,
          );
          assert.equal(Number(m), n, t.table);
          assert.equal(t.targetRows, n, t.table);
        }
        for (const t of [
          'requests',
          'request_events',
          'outbox',
          'outbox_payloads',
          'structures',
          'table_files',
        ]) {
          assert.ok(
            result.tables.find((r) => r.table === t)!.sourceRows > 0,
            `${t} has rows to copy`,
          );
        }
        const [file] = await target.query<{ content: Buffer; file_name: string }>(
          "SELECT content, file_name FROM table_files WHERE id = 'file-1'",
        );
        assert.deepEqual(
          [...file.content],
          Array.from({ length: 256 }, (_, i) => i),
        );
        assert.equal(file.file_name, 'Tableau national – été.xlsx');

        const highWater = sqliteRows<{ seq: number }>(
          source,
          "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'",
        )[0].seq;
        const [{ max }] = sqliteRows<{ max: number }>(source, 'SELECT max(id) AS max FROM outbox');
        assert.ok(highWater > max, 'the fixture purged the last outbox row');
        const requests = sqliteRows<{ id: string; number: string }>(
          source,
          'SELECT id, number FROM requests ORDER BY number',
        );

        const bot = await startTestBot({
          connector,
          overrides: { store: await openPostgresStore(target.url) },
        });
        try {
          // The DT opens the unanswered request, by its id, on the copy.
          const view = await post(
            bot.url,
            invokeActivity(
              people.dt1,
              bot.serviceUrl,
              'demande.voir',
              { requestId: requests[1].id },
              'x',
              undefined,
              'automatic',
            ),
          );
          assert.equal(view.status, 200);
          assert.ok(
            JSON.stringify(view.body.value).includes(NAMES[1]),
            'the copied request shows its identity',
          );
          assert.ok(JSON.stringify(view.body.value).includes(requests[1].number));

          // A new request takes the next number, and its messages the next outbox ids.
          for (const p of [people.dt1, people.dt2])
            await post(bot.url, messageActivity(p, bot.serviceUrl, 'aide'));
          const before = bot.connector.recorded.length;
          const dtBefore = bot.connector.sentTo(personalChat(people.dt1)).length;
          await post(bot.url, messageActivity(people.advisor, bot.serviceUrl, '/Demande cir'));
          const form = await requestForm(bot, before);
          const submit = await post(
            bot.url,
            invokeActivity(
              people.advisor,
              bot.serviceUrl,
              'demande.creer',
              {
                civilite: 'M.',
                nom: 'Martin',
                prenom: 'Paul',
                dateNaissance: '2002-03-04',
                numeroCir: '0069 9999 0000',
                dtId: 'dt-lyon',
                cardVersion: 1,
              },
              form.activityId,
            ),
          );
          const [year, seq] = requests[1].number.split('-');
          const next = `${year}-${String(Number(seq) + 1).padStart(seq.length, '0')}`;
          assert.match(JSON.stringify(submit.body.value), new RegExp(`Demande CIR n° ${next}`));
          await bot.connector.waitFor(() =>
            bot.connector
              .sentTo(personalChat(people.dt1))
              .slice(dtBefore)
              .some((r) => r.method === 'POST' && /demande\.voir/.test(JSON.stringify(r.activity))),
          );
          const [{ first }] = await target.query<{ first: string }>(
            'SELECT min(id)::text AS first FROM outbox WHERE id > $1',
            [max],
          );
          assert.equal(
            Number(first),
            highWater + 1,
            'outbox ids continue after SQLite’s high-water mark, never reusing a purged id',
          );
        } finally {
          await bot.stop();
        }
      } finally {
        await target.drop();
      }
    });

    it('refuses a target whose tables are not empty, naming them, and writes nothing', async () => {
      const target = await freshSchema(base);
      try {
        await copyToPostgres({ sqliteFile: source, databaseUrl: target.url });
        const [{ n: before }] = await target.query<{ n: string }>(
          'SELECT count(*) AS n FROM requests',
        );
        await assert.rejects(
          copyToPostgres({ sqliteFile: source, databaseUrl: target.url }),
          (e: Error) =>
            e instanceof CopyRefused &&
            /target is not empty: .*requests \(2 rows\)/.test(e.message),
        );
        const [{ n: after }] = await target.query<{ n: string }>(
          'SELECT count(*) AS n FROM requests',
        );
        assert.equal(after, before);
      } finally {
        await target.drop();
      }
    });

    it('detects a row changed between the copy and the check, rolls everything back, and takes a clean copy afterwards', async () => {
      const target = await freshSchema(base);
      try {
        const result = await copyToPostgres({
          sqliteFile: source,
          databaseUrl: target.url,
          beforeVerify: async (client) => {
            await client.query("UPDATE requests SET nom = 'Dupont' WHERE nom = $1", [NAMES[0]]);
            await client.query("UPDATE table_files SET content = decode('00', 'hex')");
          },
        });
        assert.equal(result.ok, false);
        assert.deepEqual(
          result.tables
            .filter((t) => !t.ok)
            .map((t) => t.table)
            .sort(),
          ['requests', 'table_files'],
        );
        assert.match(
          formatReport(result),
          /MISMATCH in requests, table_files: nothing was written to PostgreSQL \(rolled back\)/,
        );
        for (const t of ['requests', 'structures', 'outbox'])
          assert.deepEqual(await target.query(`SELECT 1 FROM ${t}`), [], `${t} rolled back`);
        const again = await copyToPostgres({ sqliteFile: source, databaseUrl: target.url });
        assert.equal(again.ok, true, 'the rolled-back target takes a new copy');
      } finally {
        await target.drop();
      }
    });

    it('compares in byte order even when the database sorts text the French way', async () => {
      const name = `passerelle_copy_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      try {
        await admin.query(
          `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'fr' LOCALE 'C.UTF-8'`,
        );
        const u = new URL(base);
        u.pathname = `/${name}`;
        const french = new pg.Client({ connectionString: u.toString() });
        await french.connect();
        const sorted = (
          await french.query<{ k: string }>(`SELECT unnest($1::text[]) AS k ORDER BY 1`, [
            TRICKY_KEYS,
          ])
        ).rows.map((r) => r.k);
        await french.end();
        assert.notDeepEqual(
          sorted,
          [...TRICKY_KEYS].sort(),
          'this database does not sort text byte-wise',
        );
        const result = await copyToPostgres({ sqliteFile: source, databaseUrl: u.toString() });
        assert.equal(result.ok, true, formatReport(result));
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    });

    it('runs as `npm run migrate-to-postgres -- <file>` with the target in DATABASE_URL', async () => {
      const target = await freshSchema(base);
      try {
        const ok = await run('npm', ['run', '--silent', 'migrate-to-postgres', '--', source], {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: target.url },
        });
        assert.match(ok.stdout, /^requests\s+2\s+[0-9a-f]{16}\s+ok$/m);
        assert.match(ok.stdout, /every row count and checksum matches\. Committed\./);
        const again = await run('npm', ['run', '--silent', 'migrate-to-postgres', '--', source], {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: target.url },
        }).then(
          () => assert.fail('a second copy into the same database must fail'),
          (e: { code: number; stderr: string }) => e,
        );
        assert.equal(again.code, 1);
        assert.match(again.stderr, /migrate-to-postgres: the target is not empty: /);
      } finally {
        await target.drop();
      }
    });
  });
});
