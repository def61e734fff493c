/**
 * The built bot, started as an operator starts it (`npm start`): a request that once killed the
 * process before any authentication (a gzip-declared plain body, issue 11 §2), then a normal one.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectorStandIn } from '../helpers/connector-stand-in';
import { messageActivity, people } from '../helpers/teams';

const ROOT = join(__dirname, '..', '..');

/** Resolves with the port once the bot logs that it listens. */
function listening(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += String(chunk);
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) =>
      reject(new Error(`the bot exited (${code}) before listening: ${out.slice(-500)}`)),
    );
  });
}

describe('the built bot under `npm start` (issue 11)', function () {
  this.timeout(60_000);
  let child: ChildProcess;
  let dir: string;
  const connector = new ConnectorStandIn();

  before(async function () {
    assert.ok(
      existsSync(join(ROOT, 'dist', 'index.js')),
      'dist/index.js is missing: run `npm run build` first (CI builds before testing)',
    );
    await connector.start();
    dir = mkdtempSync(join(tmpdir(), 'passerelle-built-'));
    child = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PASSERELLE_LOCAL: '1',
        PORT: '0',
        SQLITE_FILE: join(dir, 'bot.sqlite'),
        DIRECTORY_FILE: join(ROOT, 'test', 'fixtures', 'directory.json'),
        LOG_LEVEL: 'info',
      },
    });
  });

  after(async () => {
    if (child.exitCode === null) {
      process.kill(-child.pid!, 'SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a gzip-declared plain body with 415 and answers the next request', async () => {
    const port = await listening(child);
    const url = `http://127.0.0.1:${port}/api/messages`;
    const hostile = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: '{"type":"message","text":"aide"}',
    });
    assert.equal(hostile.status, 415);
    const normal = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(messageActivity(people.advisor, connector.url, 'aide')),
    });
    assert.equal(normal.status, 200);
    await connector.waitFor(() => connector.recorded.length > 0);
    assert.match(JSON.stringify(connector.recorded[0].activity), /Passerelle CIR/);
    assert.equal(child.exitCode, null, 'the process is still up');
  });
});
