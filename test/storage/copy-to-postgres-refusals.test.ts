import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { copyToPostgres, CopyRefused } from '../../src/storage/copy-to-postgres/copy';
import { ConnectorStandIn } from '../helpers/connector-stand-in';
import { buildSourceDatabase, sqliteRows } from './copy-to-postgres-fixture';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

describe('migrate-to-postgres, with or without PostgreSQL', () => {
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

  describe('refusals before anything is written', () => {
    const url = 'postgres://nobody@127.0.0.1:1/never-reached';

    it('refuses a file that does not exist', async () => {
      await assert.rejects(
        copyToPostgres({ sqliteFile: join(dir, 'missing.sqlite'), databaseUrl: url }),
        (e: Error) => e instanceof CopyRefused && /no such file/.test(e.message),
      );
    });

    it('refuses a file that is not a SQLite database', async () => {
      const file = join(dir, 'notes.txt');
      writeFileSync(file, 'nothing to see here, certainly not a database\n'.repeat(100));
      await assert.rejects(
        copyToPostgres({ sqliteFile: file, databaseUrl: url }),
        (e: Error) => e instanceof CopyRefused && /not a readable SQLite database/.test(e.message),
      );
    });

    it('refuses a SQLite database of another application', async () => {
      const file = join(dir, 'other.sqlite');
      const db = new Database(file);
      db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
      db.close();
      await assert.rejects(
        copyToPostgres({ sqliteFile: file, databaseUrl: url }),
        (e: Error) => e instanceof CopyRefused && /not a Passerelle CIR database/.test(e.message),
      );
    });

    it('refuses a Passerelle database whose last migration is not applied, and leaves it untouched', async () => {
      const file = join(dir, 'behind.sqlite');
      copyFileSync(source, file);
      const db = new Database(file);
      const last = (
        db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }
      ).v;
      db.prepare('DELETE FROM schema_migrations WHERE version = ?').run(last);
      db.close();
      await assert.rejects(
        copyToPostgres({ sqliteFile: file, databaseUrl: url }),
        (e: Error) =>
          e instanceof CopyRefused &&
          new RegExp(`migrations ${last} are not applied`).test(e.message),
      );
      assert.deepEqual(
        sqliteRows(file, `SELECT version FROM schema_migrations WHERE version = ${last}`),
        [],
        'nothing applied to the source',
      );
    });
  });

  it('says what is missing when DATABASE_URL is not set', async () => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const failed = await run('npm', ['run', '--silent', 'migrate-to-postgres', '--', source], {
      cwd: ROOT,
      env,
    }).then(
      () => assert.fail('must fail without DATABASE_URL'),
      (e: { code: number; stderr: string }) => e,
    );
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /DATABASE_URL must be set/);
  });
});
