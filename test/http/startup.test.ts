import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeConfig, loadConfig, ConfigError } from '../../src/config';
import { startTestBot } from '../helpers/app';

const ROOT = join(__dirname, '..', '..');

/** Runs the real entry point with `env` and returns its exit code and error output. */
function runBot(env: Record<string, string>) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: res.status, stderr: res.stderr };
}

describe('start-up', () => {
  it('refuses to start without credentials outside local mode, saying why', () => {
    const { code, stderr } = runBot({ PORT: '0' });
    assert.notEqual(code, 0);
    assert.match(stderr, /MicrosoftAppId: Bot Framework credentials are required/);
  });

  it('reports every bad variable by name and exits non-zero', () => {
    const { code, stderr } = runBot({
      PASSERELLE_LOCAL: '1',
      PORT: 'quatre',
      ALLOWED_TENANTS: 'pas-un-guid',
      RETENTION_DAYS: '-3',
      PUBLIC_URL: 'ftp://x',
    });
    assert.equal(code, 2);
    for (const name of ['PORT', 'ALLOWED_TENANTS', 'RETENTION_DAYS', 'PUBLIC_URL'])
      assert.match(stderr, new RegExp(`${name}`), name);
  });

  it('requires the password and tenant that the app type needs', () => {
    assert.throws(
      () => loadConfig({ MicrosoftAppId: 'x', MicrosoftAppType: 'SingleTenant' }),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.problems.some((p) => p.startsWith('MicrosoftAppPassword')) &&
        err.problems.some((p) => p.startsWith('MicrosoftAppTenantId')),
    );
  });

  it('listens on 127.0.0.1 only in local mode', () => {
    assert.equal(loadConfig({ PASSERELLE_LOCAL: '1' }).host, '127.0.0.1');
    assert.equal(
      loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'secret', ALLOWED_TENANTS: '*' })
        .host,
      '0.0.0.0',
    );
  });

  it('stops on a malformed directory file, naming each bad entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-dir-'));
    try {
      const file = join(dir, 'annuaire.json');
      writeFileSync(
        file,
        JSON.stringify({
          structures: [
            { id: 'dt-lyon', kind: 'DT', name: 'DT', departements: ['99'] },
            { id: 'ml-a', kind: 'XX', name: 'ML', departements: ['69'] },
          ],
          correspondents: [
            { aadObjectId: 'pas-un-guid', structureId: 'dt-lyon', role: 'chef', name: 'X' },
          ],
          partnerships: [],
        }),
      );
      const { code, stderr } = runBot({
        PASSERELLE_LOCAL: '1',
        PORT: '0',
        DIRECTORY_FILE: file,
        SQLITE_FILE: join(dir, 'db.sqlite'),
      });
      assert.equal(code, 3);
      for (const path of [
        'structures.0.departements.0',
        'structures.1.kind',
        'correspondents.0.aadObjectId',
        'correspondents.0.role',
      ]) {
        assert.ok(stderr.includes(path), `names ${path}: ${stderr}`);
      }
      writeFileSync(file, '{ not json');
      assert.match(
        runBot({
          PASSERELLE_LOCAL: '1',
          PORT: '0',
          DIRECTORY_FILE: file,
          SQLITE_FILE: join(dir, 'db.sqlite'),
        }).stderr,
        /invalid directory file/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads the directory file idempotently: twice changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-idem-'));
    try {
      const first = await startTestBot({ dir });
      const before = JSON.stringify(await first.app.store.directory.listStructures());
      await first.stop({ keepFiles: true });
      const second = await startTestBot({ dir });
      assert.equal(JSON.stringify(await second.app.store.directory.listStructures()), before);
      await second.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the HTTP server', () => {
  it('answers /healthz once the database is ready, and refuses oversized bodies with 413', async () => {
    const bot = await startTestBot();
    try {
      const health = await fetch(`${bot.url}/healthz`);
      assert.equal(health.status, 200);
      const big = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'x'.repeat(400_000) }),
      });
      assert.equal(big.status, 413);
    } finally {
      await bot.stop();
    }
  });
});

describe('/api/messages', () => {
  it('answers 400 to a body that is not an activity, with a log line for the operator', async () => {
    const bot = await startTestBot();
    try {
      for (const body of ['[1, 2]', '{"text": "no type"}', '"texte"']) {
        const res = await fetch(`${bot.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        assert.equal(res.status, 400, body);
      }
      // One line per reason and minute: a client cannot flood the operator's log.
      const lines = bot.logs.filter((l) =>
        String(l.msg).startsWith('activity refused: not an activity'),
      );
      assert.deepEqual(
        lines.map((l) => l.reason),
        ['the body must be a JSON object', 'type must be a non-empty string'],
      );
    } finally {
      await bot.stop();
    }
  });

  it('answers 401 to an activity without a valid token outside local mode', async () => {
    const bot = await startTestBot({
      env: {
        PASSERELLE_LOCAL: '',
        MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
        MicrosoftAppPassword: 'secret',
        ALLOWED_TENANTS: '*',
      },
    });
    try {
      const res = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          text: '/aide',
          channelId: 'msteams',
          serviceUrl: bot.serviceUrl,
          conversation: { id: 'c' },
          from: { id: 'u' },
          recipient: { id: 'b' },
        }),
      });
      assert.equal(res.status, 401);
      assert.equal(bot.connector.recorded.length, 0, 'nothing was sent');
      assert.ok(bot.logs.some((l) => l.msg === 'activity refused: authentication failed'));
    } finally {
      await bot.stop();
    }
  });
});

describe('the pages the Teams manifest links to', () => {
  it('serves the privacy and terms pages in French', async () => {
    const bot = await startTestBot();
    try {
      for (const [path, title] of [
        ['/confidentialite', 'Confidentialité'],
        ['/conditions-utilisation', "Conditions d'utilisation"],
      ]) {
        const res = await fetch(`${bot.url}${path}`);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /text\/html/);
        assert.ok((await res.text()).includes(title));
      }
    } finally {
      await bot.stop();
    }
  });
});

describe('the start-up log line', () => {
  it('never shows a secret', async () => {
    const secrets = {
      MicrosoftAppPassword: 'app-secret-value',
      DOWNLOAD_SECRET: 'd'.repeat(40),
      DATABASE_URL: 'postgres://user:pg-secret@db/x',
    };
    const line = JSON.stringify(
      describeConfig(loadConfig({ MicrosoftAppId: 'id', ALLOWED_TENANTS: '*', ...secrets })),
    );
    for (const secret of ['app-secret-value', 'd'.repeat(40), 'pg-secret'])
      assert.ok(!line.includes(secret), secret);
  });
});
