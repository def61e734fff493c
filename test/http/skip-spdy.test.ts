/**
 * restify requires spdy, whose http-deceiver calls `process.binding('http_parser')` (DEP0111):
 * the built bot puts an inert module in spdy's place (src/http/skip-spdy.ts) and starts without
 * the warning, restify serving as before. Needs `npm run build`.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Runs `node args…` in the repository; resolves with its exit code and stderr. */
function node(args: string[], env: Record<string, string> = {}, onOut?: (s: string) => void) {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (c) => (stderr += String(c)));
  child.stdout.on('data', (c) => {
    stdout += String(c);
    onOut?.(stdout);
  });
  const done = new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stderr, stdout })),
  );
  return { child, done };
}

/** Loads restify (after the stand-in when asked), serves one request, prints its status. */
const serveOnce = (withStub: boolean) => `
${withStub ? "require('./dist/http/skip-spdy');" : ''}
const restify = require('restify');
const server = restify.createServer();
server.get('/ping', (req, res, next) => { res.send(200, { ok: true }); next(); });
server.listen(0, '127.0.0.1', async () => {
  const r = await fetch('http://127.0.0.1:' + server.address().port + '/ping');
  console.log(r.status, Object.keys(require.cache).some((f) => /[\\\\/]spdy[\\\\/]lib[\\\\/]spdy[\\\\/]/.test(f)));
  server.close();
});`;

describe('restify without spdy (DEP0111, issue 16 §9)', function () {
  this.timeout(60_000);

  before(() =>
    assert.ok(
      existsSync(join(ROOT, 'dist', 'http', 'skip-spdy.js')),
      'dist/ is missing or old: run `npm run build` first (CI builds before testing)',
    ),
  );

  it('warns DEP0111 when restify loads spdy, which loads http-deceiver', async () => {
    const r = await node(['-e', serveOnce(false)]).done;
    assert.match(r.stderr, /DEP0111/);
    assert.equal(r.stdout.trim(), '200 true');
  });

  it('serves the same with spdy left out, without the warning', async () => {
    const r = await node(['-e', serveOnce(true)]).done;
    assert.doesNotMatch(r.stderr, /DEP0111|DeprecationWarning/);
    assert.equal(r.stdout.trim(), '200 false');
  });

  it('starts the built bot without a deprecation warning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-spdy-'));
    try {
      const env = {
        PASSERELLE_LOCAL: '1',
        PORT: '0',
        SQLITE_FILE: join(dir, 'bot.sqlite'),
        LOG_LEVEL: 'info',
      };
      let answered: Promise<number> | undefined;
      const bot = node(['dist/index.js'], env, (out) => {
        const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1];
        answered ??= port
          ? fetch(`http://127.0.0.1:${port}/healthz`).then((res) => {
              bot.child.kill('SIGTERM');
              return res.status;
            })
          : undefined;
      });
      const r = await bot.done;
      assert.equal(await answered, 200, r.stderr);
      assert.equal(r.code, 0);
      assert.doesNotMatch(r.stderr, /DEP0111|DeprecationWarning/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
