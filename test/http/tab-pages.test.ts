/**
 * The tabs' static pages (src/http/tab-pages.ts): served from a build folder with a strict CSP
 * that lets only Teams and Microsoft 365 frame them; nothing outside the built files can be named,
 * whatever the path says.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import restify from 'restify';
import { createLogger } from '../../src/logger';
import { TAB_CSP, tabPagesRoute } from '../../src/http/tab-pages';
import { Writable } from 'node:stream';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: fetch would normalise `..` and `%2e` away before sending them. */
function raw(port: number, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('tab pages (static serving)', () => {
  let dir: string;
  let server: restify.Server;
  let port: number;
  const logs: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'passerelle-web-'));
    const web = join(dir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    for (const page of ['mes-demandes', 'annuaire', 'partenariat', 'configuration'])
      writeFileSync(join(web, `${page}.html`), `<!doctype html><title>${page}</title>`);
    writeFileSync(join(web, 'assets', 'mes-demandes.js'), 'console.log("ok");');
    writeFileSync(join(web, 'assets', 'tab.css'), 'body{}');
    writeFileSync(join(web, 'assets', 'notes.txt'), 'not a served type');
    // Files a traversal would aim at.
    writeFileSync(join(dir, 'secret.txt'), 'SECRET');
    writeFileSync(join(web, 'secret.js'), 'SECRET');
    const sink = new Writable({
      write(chunk, _e, cb) {
        logs.push(String(chunk));
        cb();
      },
    });
    server = restify.createServer();
    tabPagesRoute({ dir: web, logger: createLogger('info', sink) })(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as { port: number }).port;
  });
  after(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves each page as HTML with the strict CSP: own scripts only, framed by Teams and Microsoft 365', async () => {
    for (const page of ['mes-demandes', 'annuaire', 'partenariat', 'configuration']) {
      const res = await raw(port, `/tab/${page}?partenariat=rhone`);
      assert.equal(res.status, 200, page);
      assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
      assert.equal(res.headers['content-security-policy'], TAB_CSP);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.match(res.body, new RegExp(`<title>${page}</title>`));
    }
    const csp = Object.fromEntries(
      TAB_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
    );
    assert.deepEqual(csp['script-src'], ["'self'"]);
    assert.deepEqual(csp['default-src'], ["'none'"]);
    assert.deepEqual(csp['style-src'], ["'self'"]);
    for (const host of [
      'https://teams.microsoft.com',
      'https://*.teams.microsoft.com',
      'https://*.office.com',
      'https://*.cloud.microsoft',
      'https://*.skype.com',
    ])
      assert.ok(csp['frame-ancestors'].includes(host), host);
    assert.ok(!csp['frame-ancestors'].includes('*'));
  });

  it('serves the assets with their type, and 304 when the ETag matches', async () => {
    const js = await raw(port, '/tab/assets/mes-demandes.js');
    assert.equal(js.status, 200);
    assert.match(String(js.headers['content-type']), /^text\/javascript/);
    assert.equal(js.body, 'console.log("ok");');
    const css = await raw(port, '/tab/assets/tab.css');
    assert.match(String(css.headers['content-type']), /^text\/css/);
    const again = await raw(port, '/tab/assets/tab.css', {
      'if-none-match': String(css.headers.etag),
    });
    assert.equal(again.status, 304);
  });

  it('answers 404 to unknown pages and assets, and to files of other types', async () => {
    for (const path of [
      '/tab/inconnue',
      '/tab/assets/absent.js',
      '/tab/assets/notes.txt',
      '/tab/',
      '/tab',
      '/tab/assets/',
    ]) {
      const res = await raw(port, path);
      assert.equal(res.status, 404, path);
    }
  });

  it('cannot be walked out of its folder, however the path is spelt', async () => {
    for (const path of [
      '/tab/assets/../secret.js',
      '/tab/assets/..%2fsecret.js',
      '/tab/assets/..%2Fsecret.js',
      '/tab/assets/%2e%2e%2fsecret.js',
      '/tab/assets/%2e%2e/%2e%2e/secret.txt',
      '/tab/assets/..%5c..%5csecret.txt',
      '/tab/assets/....//secret.js',
      '/tab/../secret.txt',
      '/tab/assets/%252e%252e%252fsecret.js',
      '/tab/mes-demandes/../../secret.txt',
      '/tab/assets/mes-demandes.js%00.txt',
      '/tab/assets/secret.js',
    ]) {
      const res = await raw(port, path);
      assert.notEqual(res.status, 200, path);
      assert.doesNotMatch(res.body, /SECRET/, path);
    }
  });

  it('without a build, logs how to make one and serves nothing', async () => {
    const empty = restify.createServer();
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _e, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    tabPagesRoute({ dir: join(dir, 'absent'), logger: createLogger('info', sink) })(empty);
    await new Promise<void>((r) => empty.listen(0, '127.0.0.1', () => r()));
    try {
      const res = await raw((empty.address() as { port: number }).port, '/tab/mes-demandes');
      assert.equal(res.status, 404);
      assert.match(lines.join(''), /npm run build/);
    } finally {
      empty.close();
    }
  });
});
