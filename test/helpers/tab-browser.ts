/**
 * What the tabs' browser tests share (test/e2e/tabs*.test.ts): the built bot in local mode in a
 * process of its own, Chromium with nothing leaving 127.0.0.1, axe-core, a stand-in for Teams'
 * web client, and the action forms' filler.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';

const ROOT = resolve(__dirname, '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
/** Where the screenshots go (git-ignored). */
export const SHOTS = join(ROOT, 'test-output', 'tabs');
// Waits on what the page shows; the bound is only a floor for a busy machine (issue 16 §10).
export const UI_TIMEOUT_MS = 60_000;
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((ok, ko) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', ko);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

/** Skips without Chromium (fails in CI); fails when the bot or the pages are not built. */
export function requireBrowserAndBuild(ctx: Mocha.Context): void {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI) throw new Error(`${CHROMIUM} is missing`);
    ctx.skip();
  }
  for (const built of ['dist/index.js', 'dist/web/mes-demandes.html'])
    assert.ok(existsSync(join(ROOT, built)), `${built} is missing: run \`npm run build\` first`);
  mkdirSync(SHOTS, { recursive: true });
}

export interface BuiltBot {
  url: string;
  stop(): Promise<void>;
}

/** `node dist/index.js` in local mode on a fresh SQLite file; resolves once /healthz answers. */
export async function startBuiltBot(directoryFile: string): Promise<BuiltBot> {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-tabs-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist', 'index.js')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      PASSERELLE_LOCAL: '1',
      PORT: String(port),
      SQLITE_FILE: join(dir, 'bot.sqlite'),
      DIRECTORY_FILE: directoryFile,
      LOG_LEVEL: 'info',
      ACCORD_CADRE_END_DATE: '2099-12-31',
    },
  });
  child.stdout?.on('data', (c) => (output += String(c)));
  child.stderr?.on('data', (c) => (output += String(c)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([new Promise((r) => child.once('exit', r)), sleep(10_000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const until = Date.now() + 30_000;
  for (;;) {
    const up = await fetch(`${url}/healthz`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (up) return { url, stop };
    if (child.exitCode !== null || Date.now() > until) {
      await stop();
      throw new Error(`the bot did not start: ${output.slice(-2000)}`);
    }
    await sleep(200);
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--lang=fr-FR',
    ],
  });
}

/**
 * A browser session in French where nothing leaves 127.0.0.1 (teams-js asks Microsoft's CDN for
 * Teams' origins) and every Content-Security-Policy report lands in `cspViolations`.
 */
export async function frenchContext(
  browser: Browser,
  cspViolations: string[],
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1200, height: 900 },
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  await context.route(
    (u) => u.hostname !== '127.0.0.1',
    (route) => route.abort(),
  );
  context.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  return context;
}

/** A local-mode token for `personId`, as /tab/connexion gets one. */
export async function devToken(url: string, personId: string): Promise<string> {
  const session = await fetch(`${url}/api/tab/dev-session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ personId }),
  });
  return ((await session.json()) as { token: string }).token;
}

/** axe-core on the page as it is: no serious or critical violation. */
export async function axe(page: Page, screen: string): Promise<void> {
  // Evaluated through the debugging protocol, which the page's CSP does not govern.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run(ctx: Document): Promise<{ violations: any[] }> };
    };
    const result = await w.axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n: { target: string[] }) => n.target.join(' ')).slice(0, 5),
    }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, [], `${screen}: ${JSON.stringify(bad, null, 2)}`);
}

/** Fills every field of an action form with a plausible value: first choice, today, a number. */
export async function fillForm(form: Locator): Promise<void> {
  for (const select of await form.locator('select').all()) {
    await select.selectOption({ index: 1 });
  }
  for (const input of await form.locator('input[type="date"]').all())
    await input.fill(new Date().toISOString().slice(0, 10));
  for (const input of await form.locator('input[type="text"]').all())
    if (!(await input.inputValue())) await input.fill('12');
}

/**
 * What Teams' web client does for a tab, as far as these pages use it: frames the tab, answers
 * teams-js's initialize (frame context, host, runtime), getContext (theme), getAuthToken (the
 * token given in the URL), records setValidityState and setSettings, and sends theme changes and
 * the save event. The page exposes its log for the test.
 */
export const TEAMS_HOST = `<!doctype html><html lang="fr"><head><title>Teams</title></head><body>
<script>
const q = new URLSearchParams(location.search);
const TAB = 'https://passerelle.test';
const frameContext = q.get('frame');
window.hostLog = []; window.valid = null; window.saved = null;
const frame = document.createElement('iframe');
frame.title = 'Onglet'; frame.width = 1100; frame.height = 800;
frame.src = TAB + q.get('tab');
document.body.append(frame);
const runtime = { apiVersion: 4, isLegacyTeams: false,
  supports: { pages: { config: {}, appButton: {}, tabs: {} }, appEntity: {}, teamsCore: {} } };
window.addEventListener('message', (e) => {
  const m = e.data;
  if (e.source !== frame.contentWindow || !m || typeof m.func !== 'string') return;
  hostLog.push(m.func);
  const reply = (...args) => frame.contentWindow.postMessage(
    { id: m.id, uuid: m.uuid, uuidAsString: m.uuidAsString, args }, TAB);
  if (m.func === 'initialize') reply(frameContext, 'web', JSON.stringify(runtime), '2.58.0');
  else if (m.func === 'getContext') reply({ theme: q.get('theme'), locale: 'fr-fr', frameContext,
    hostClientType: 'web', entityId: '', tid: 'tenant', userObjectId: 'user' });
  else if (m.func === 'authentication.getAuthToken') reply(true, q.get('token'));
  else if (m.func === 'settings.setSettings') { window.saved = m.args[0]; reply(true); }
  else if (m.func === 'settings.setValidityState') window.valid = m.args[0];
});
window.changeTheme = (t) => frame.contentWindow.postMessage({ func: 'themeChange', args: [t] }, TAB);
window.save = () => frame.contentWindow.postMessage({ func: 'settings.save', args: [{}] }, TAB);
</script></body></html>`;
