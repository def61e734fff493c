/**
 * The tabs (issue 15) in a real browser: the built bot in local mode (`npm run build` first) with
 * the DDETS test directory, requests opened through /api/messages as Teams would, and Debian's
 * Chromium driven by playwright-core signing in on /tab/connexion as each person in turn: the
 * advisor (her requests only, filters, search with and without accents, a timeline, an action),
 * the DT correspondent (answers a request), the directory, and the team tab and its
 * configuration page as the DDETS coordinator. axe-core runs on every screen, in light and dark:
 * no serious or critical violation. No page may break its Content-Security-Policy.
 *
 * Screenshots (light and dark, and 320 px wide for the list) go to test-output/tabs/ at the
 * repository's root (git-ignored). Without /usr/bin/chromium the suite is skipped, except in CI.
 */
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ConnectorStandIn } from '../helpers/connector-stand-in';
import { DDETS_DIRECTORY, ddetsPeople } from '../helpers/ddets';
import { channelMessage } from '../helpers/directory';
import { planData } from '../helpers/committees';
import { sheetData } from '../helpers/offers';
import { identity, figures } from '../helpers/request-life';
import { invokeActivity, messageActivity, people, post, type Persona } from '../helpers/teams';

const ROOT = resolve(__dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(ROOT, 'test-output', 'tabs');
const UI_TIMEOUT_MS = 15_000;
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The young people of the seeded requests. */
const young = {
  kebe: { nom: 'Kébé-Ndiaye', prenom: 'Aïssatou', numeroCir: 'CIR-0069-4217' },
  eloise: { nom: 'Lefèvre', prenom: 'Éloïse', numeroCir: 'CIR-0069-5120' },
  paul: { nom: 'Durand', prenom: 'Paul', numeroCir: 'CIR-0069-6001' },
  /** Grenoble's: another ML, another partnership. */
  zoe: { nom: 'Grenier', prenom: 'Zoé', numeroCir: 'CIR-0038-7777' },
};
/** Four more of the advisor's, so that one figure of the bilan reaches 5 and is drawn. */
const more = [1, 2, 3, 4].map((i) => ({
  nom: `Moreau-${'ABCD'[i - 1]}`,
  prenom: 'Sami',
  numeroCir: `CIR-0069-900${i}`,
}));

/**
 * What Teams' web client does for a tab, as far as these pages use it: frames the tab, answers
 * teams-js's initialize (frame context, host, runtime), getContext (theme), getAuthToken (the
 * token given in the URL), records setValidityState and setSettings, and sends theme changes and
 * the save event. The page exposes its log for the test.
 */
const TEAMS_HOST = `<!doctype html><html lang="fr"><head><title>Teams</title></head><body>
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the tabs in a browser (issue 15)', function () {
  this.timeout(180_000);
  let child: ChildProcess | undefined;
  let dir: string;
  let url: string;
  let browser: Browser | undefined;
  let output = '';
  const connector = new ConnectorStandIn();
  const numbers: Record<keyof typeof young, string> = { kebe: '', eloise: '', paul: '', zoe: '' };
  const moreNumbers: string[] = [];
  const cspViolations: string[] = [];

  /** Invokes a card verb as `p` from a card of its own; returns the card answered. */
  async function act(p: Persona, verb: string, data: Record<string, unknown>) {
    const res = await post(
      url,
      invokeActivity(p, connector.url, verb, data, `card-${randomUUID()}`),
    );
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return JSON.stringify(res.body.value);
  }

  async function openRequest(p: Persona, who: (typeof young)[keyof typeof young], dtId: string) {
    const card = await act(p, 'demande.creer', {
      ...identity(who),
      dtId,
      cardVersion: 1,
    });
    const m = /Demande CIR n° (\d{4}-\d{6})/.exec(card);
    assert.ok(m, card);
    return m[1];
  }

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      if (process.env.CI) throw new Error(`${CHROMIUM} is missing`);
      this.skip();
    }
    for (const built of ['dist/index.js', 'dist/web/mes-demandes.html'])
      assert.ok(existsSync(join(ROOT, built)), `${built} is missing: run \`npm run build\` first`);
    mkdirSync(SHOTS, { recursive: true });
    await connector.start();
    dir = mkdtempSync(join(tmpdir(), 'passerelle-tabs-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [join(ROOT, 'dist', 'index.js')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? dir,
        PASSERELLE_LOCAL: '1',
        PORT: String(port),
        SQLITE_FILE: join(dir, 'bot.sqlite'),
        DIRECTORY_FILE: DDETS_DIRECTORY,
        LOG_LEVEL: 'info',
        ACCORD_CADRE_END_DATE: '2099-12-31',
      },
    });
    child.stdout?.on('data', (c) => (output += String(c)));
    child.stderr?.on('data', (c) => (output += String(c)));
    const until = Date.now() + 30_000;
    for (;;) {
      const up = await fetch(`${url}/healthz`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (up) break;
      if (child.exitCode !== null) throw new Error(`the bot stopped: ${output.slice(-2000)}`);
      if (Date.now() > until) throw new Error(`the bot did not start: ${output.slice(-2000)}`);
      await sleep(200);
    }
    // Everyone says hello (the bot learns their chats), then the advisors open requests.
    for (const p of [
      people.advisor,
      people.dt1,
      people.dt2,
      people.dtAdmin,
      people.otherMl,
      people.otherDt,
    ])
      await post(url, messageActivity(p, connector.url, 'aide'));
    numbers.kebe = await openRequest(people.advisor, young.kebe, 'dt-lyon');
    numbers.eloise = await openRequest(people.advisor, young.eloise, 'dt-lyon');
    numbers.paul = await openRequest(people.advisor, young.paul, 'dt-lyon');
    numbers.zoe = await openRequest(people.otherMl, young.zoe, 'dt-grenoble');
    for (const who of more) moreNumbers.push(await openRequest(people.advisor, who, 'dt-lyon'));
    // The partnership's year: its channel, a committee planned, an offer of service.
    const bound = await post(
      url,
      channelMessage(people.dtAdmin, connector.url, '<at>Passerelle CIR</at> annuaire canal rhone'),
    );
    assert.equal(bound.status, 200);
    assert.match(await act(people.dtAdmin, 'comite.planifier', planData()), /Comité planifié/);
    const form = await act(people.dt1, 'offres.nouveau', { cardVersion: 1 });
    const formId = /"formId":"([^"]+)"/.exec(form)?.[1];
    assert.ok(formId, form);
    assert.match(
      await act(people.dt1, 'offres.enregistrer', sheetData({ formId })),
      /Fiche publiée/,
    );
    // The DT answers Kébé-Ndiaye's: two statuses to filter on.
    const requestId = await requestIdOf(numbers.kebe);
    await act(people.dt1, 'demande.repondre', { requestId, cardVersion: 1, ...figures() });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--lang=fr-FR',
      ],
    });
  });

  /** A local-mode token for `personId`, as /tab/connexion gets one. */
  async function devToken(personId: string): Promise<string> {
    const session = await fetch(`${url}/api/tab/dev-session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ personId }),
    });
    return ((await session.json()) as { token: string }).token;
  }

  /** A request's id, as the DT correspondent's tab API reads it (the browser is not needed). */
  async function requestIdOf(number: string): Promise<string> {
    const token = await devToken(people.dt1.aadObjectId);
    const list = await fetch(`${url}/api/tab/demandes?q=${encodeURIComponent(number)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await list.json()) as { items: { id: string; number: string }[] };
    const item = body.items.find((i) => i.number === number);
    assert.ok(item, JSON.stringify(body));
    return item.id;
  }

  after(async function () {
    this.timeout(30_000);
    await browser?.close().catch(() => undefined);
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([new Promise((r) => child!.once('exit', r)), sleep(10_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await connector.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh browser session (its own sessionStorage) signed in as `name` on /tab/connexion. */
  async function signIn(name: RegExp, path = '/tab/mes-demandes'): Promise<BrowserContext> {
    const context = await browser!.newContext({
      viewport: { width: 1200, height: 900 },
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
    });
    // Nothing leaves 127.0.0.1 (teams-js asks Microsoft's CDN for Teams' origins).
    await context.route(
      (u) => u.hostname !== '127.0.0.1',
      (route) => route.abort(),
    );
    context.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    await page.goto(`${url}${path}`);
    await page.waitForURL(/\/tab\/connexion\?retour=/);
    await page.getByLabel(name).check();
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL((u) => u.pathname + u.search === path);
    return context;
  }

  /** axe-core on the page as it is: no serious or critical violation. */
  async function axe(page: Page, screen: string): Promise<void> {
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

  /** Screenshots and axe in light then dark (the system preference the page follows). */
  async function check(page: Page, screen: string): Promise<void> {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'default');
    await page.screenshot({ path: join(SHOTS, `${screen}-clair.png`), fullPage: true });
    await axe(page, `${screen} (clair)`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await page.screenshot({ path: join(SHOTS, `${screen}-sombre.png`), fullPage: true });
    await axe(page, `${screen} (sombre)`);
    await page.emulateMedia({ colorScheme: 'light' });
  }

  const rows = (page: Page) => page.locator('table tbody tr');
  /** The French confirmation an action's answer carries. */
  const confirmed = (page: Page) =>
    page.getByRole('status').filter({ hasText: /\S/ }).first().waitFor();
  /** The list's count line ("3 demandes"), once the list shows that many. */
  const counted = (page: Page, text: string) =>
    page
      .locator('#resultats')
      .filter({ hasText: new RegExp(`^${text}$`) })
      .waitFor();
  async function listed(page: Page): Promise<string> {
    await page.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
    return (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  }

  it('shows an advisor her requests only; filters, searches with and without accents, opens a timeline and acts', async () => {
    const context = await signIn(/Léa Conseillère/);
    const page = context.pages()[0];
    await rows(page).first().waitFor();
    await counted(page, '7 demandes');
    let text = await listed(page);
    for (const n of [numbers.kebe, numbers.eloise, numbers.paul]) assert.match(text, new RegExp(n));
    assert.doesNotMatch(text, new RegExp(numbers.zoe));
    assert.doesNotMatch(text, /Grenier/i);
    assert.match(text, /KÉBÉ-NDIAYE Aïssatou/);
    await check(page, 'mes-demandes-conseillere');
    // Teams' third theme, high contrast, as its context names it (?theme= outside Teams).
    await page.goto(`${url}/tab/mes-demandes?theme=contrast`);
    await counted(page, '7 demandes');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'contrast');
    await page.screenshot({ path: join(SHOTS, 'mes-demandes-conseillere-contraste.png') });
    await axe(page, 'mes-demandes (contraste élevé)');
    await page.goto(`${url}/tab/mes-demandes`);
    await counted(page, '7 demandes');
    await page.setViewportSize({ width: 320, height: 800 });
    await page.screenshot({
      path: join(SHOTS, 'mes-demandes-conseillere-320px.png'),
      fullPage: true,
    });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= 320, `the page scrolls sideways at 320 px (${overflow} px)`);
    await axe(page, 'mes-demandes 320 px');
    await page.setViewportSize({ width: 1200, height: 900 });

    // Filter by the answered request's status: it alone is left.
    const answered = (
      await rows(page).filter({ hasText: numbers.kebe }).locator('.badge').innerText()
    ).trim();
    await page.getByLabel('Statut').selectOption({ label: answered });
    await counted(page, '1 demande');
    text = await listed(page);
    assert.match(text, new RegExp(numbers.kebe));
    assert.doesNotMatch(text, new RegExp(numbers.paul));
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await counted(page, '7 demandes');

    // Search: without accents, with them, in capitals, and by n° CIR.
    for (const [q, expected] of [
      ['kebe', numbers.kebe],
      ['KÉBÉ', numbers.kebe],
      ['eloise', numbers.eloise],
      ['Éloïse Lefèvre', numbers.eloise],
      ['CIR-0069-6001', numbers.paul],
    ]) {
      await page.getByLabel('Rechercher').fill(q);
      await page.getByRole('button', { name: 'Rechercher' }).click();
      await counted(page, '1 demande');
      text = await listed(page);
      assert.match(text, new RegExp(expected), q);
    }
    await page.getByLabel('Rechercher').fill('');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await counted(page, '7 demandes');

    // The answered request's timeline: opened, then answered.
    await page.getByRole('link', { name: numbers.kebe }).click();
    await page.getByRole('heading', { name: `Demande n° ${numbers.kebe}` }).waitFor();
    const steps = page.locator('ol.timeline li');
    assert.ok((await steps.count()) >= 2, await page.locator('ol.timeline').innerText());
    await check(page, 'detail-conseillere');

    // Act on Éloïse's request: cancel it. An empty required field is named in French first.
    await page.getByRole('link', { name: '← Retour à la liste' }).click();
    await page.getByRole('link', { name: numbers.eloise }).click();
    await page.getByRole('heading', { name: `Demande n° ${numbers.eloise}` }).waitFor();
    const before = await steps.count();
    const cancel = page.locator('details.action').filter({ hasText: /Annuler/ });
    if (!(await cancel.evaluate((d) => (d as HTMLDetailsElement).open)))
      await cancel.locator('summary').click();
    const form = cancel.locator('form');
    const required = form.locator('[aria-required="true"]');
    if ((await required.count()) > 0) {
      await form.getByRole('button', { name: /Annuler/ }).click();
      await form
        .getByRole('alert')
        .getByText(/^Renseignez : /)
        .waitFor();
    }
    await fillForm(form);
    await check(page, 'action-conseillere');
    await form.getByRole('button', { name: /Annuler/ }).click();
    await confirmed(page);
    assert.ok((await steps.count()) > before, 'the timeline shows the cancellation');
    await context.close();
  });

  it('shows the DT correspondent the requests sent to her DT only, and lets her answer one', async () => {
    const context = await signIn(/Camille Martin/);
    const page = context.pages()[0];
    await rows(page).first().waitFor();
    const text = await listed(page);
    for (const n of [numbers.kebe, numbers.paul]) assert.match(text, new RegExp(n));
    assert.doesNotMatch(text, new RegExp(numbers.zoe));
    await check(page, 'mes-demandes-correspondante');
    await page.getByRole('link', { name: numbers.paul }).click();
    await page.getByRole('heading', { name: `Demande n° ${numbers.paul}` }).waitFor();
    const answer = page.locator('details.action').filter({ hasText: /Répondre/ });
    if (!(await answer.evaluate((d) => (d as HTMLDetailsElement).open)))
      await answer.locator('summary').click();
    const form = answer.locator('form');
    await fillForm(form);
    // 12 training days is more than the data dictionary allows: the server's French refusal.
    const days = form.getByLabel(/journées FC/);
    await days.fill('12');
    await form.getByRole('button', { name: /Répondre/ }).click();
    const refusal = form.getByRole('alert');
    await refusal.filter({ hasText: /\S/ }).waitFor();
    assert.match(await refusal.innerText(), /[éèàç]|\b(le|la|les|de|du|des|doit|entre)\b/i);
    assert.equal(await days.getAttribute('aria-invalid'), 'true');
    await check(page, 'reponse-correspondante-refusee');
    await days.fill('2');
    await form.getByRole('button', { name: /Répondre/ }).click();
    await confirmed(page);
    await check(page, 'reponse-correspondante-enregistree');

    // A colleague answers another request from his card while she fills in its form: her answer
    // is refused with the card's French line, and the page offers the request as it now is.
    await page.getByRole('link', { name: '← Retour à la liste' }).click();
    await page.getByRole('link', { name: moreNumbers[0] }).click();
    await page.getByRole('heading', { name: `Demande n° ${moreNumbers[0]}` }).waitFor();
    const other = page.locator('details.action').filter({ hasText: /Répondre/ });
    if (!(await other.evaluate((d) => (d as HTMLDetailsElement).open)))
      await other.locator('summary').click();
    await fillForm(other.locator('form'));
    await other.getByLabel(/journées FC/).fill('1');
    const requestId = await requestIdOf(moreNumbers[0]);
    await act(people.dt2, 'demande.repondre', { requestId, cardVersion: 1, ...figures() });
    await other.getByRole('button', { name: /Répondre/ }).click();
    await other.getByRole('alert').filter({ hasText: /\S/ }).waitFor();
    await check(page, 'reponse-correspondante-perimee');
    await other.getByRole('button', { name: 'Afficher la version à jour' }).click();
    await page.getByRole('heading', { name: `Demande n° ${moreNumbers[0]}` }).waitFor();
    await page
      .locator('ol.timeline li')
      .filter({ hasText: /Karim Benali/ })
      .waitFor();
    await context.close();
  });

  it('finds a contact in the directory, with Teams chat, e-mail and phone links', async () => {
    const context = await signIn(/Léa Conseillère/, '/tab/annuaire');
    const page = context.pages()[0];
    await page.getByLabel('Nom, structure ou ville').fill('camille');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    const card = page.locator('article').filter({ hasText: 'Camille Martin' });
    await card.waitFor();
    const hrefs = await card
      .locator('a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const start of ['https://teams.microsoft.com/l/chat/0/0?users=', 'mailto:', 'tel:'])
      assert.ok(
        hrefs.some((h) => h?.startsWith(start)),
        `${start} in ${JSON.stringify(hrefs)}`,
      );
    await check(page, 'annuaire');
    await context.close();
  });

  it('shows the team tab and its configuration page to the DDETS coordinator, without any person', async () => {
    const context = await signIn(/Coordinatrice DDETS/, '/tab/configuration');
    const page = context.pages()[0];
    await page.getByLabel('Partenariat affiché dans ce canal').waitFor();
    const options = await page.locator('#partenariat option').allInnerTexts();
    assert.ok(options.length >= 2, JSON.stringify(options));
    await page.locator('#partenariat').selectOption({ index: 1 });
    await page.getByText(/L'onglet affichera/).waitFor();
    await check(page, 'configuration');

    await page.goto(`${url}/tab/partenariat?partenariat=rhone`);
    await page.getByRole('heading', { name: 'Comités', exact: true }).waitFor();
    for (const name of ['Feuille de route', 'Offres de service', /^Bilan/])
      await page.getByRole('heading', { name, exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Ateliers sociolinguistiques à Lyon' }).waitFor();
    await page
      .getByText(/Comité de pilotage.*2027/)
      .first()
      .waitFor();
    assert.ok((await page.locator('svg[role="img"]').count()) >= 1, 'the bilan draws a chart');
    const text = await page.locator('main').innerText();
    for (const p of [...Object.values(young), ...more]) {
      assert.doesNotMatch(text, new RegExp(p.nom, 'i'));
      assert.doesNotMatch(text, new RegExp(p.numeroCir, 'i'));
    }
    // Every chart is an image with a title and a description, and a table sits beside it.
    for (const chart of await page.locator('svg[role="img"]').all()) {
      assert.equal(await chart.locator('title').count(), 1);
      assert.equal(await chart.locator('desc').count(), 1);
      assert.equal(
        await chart.locator('xpath=../*[contains(@class,"table-wrap")]/table').count(),
        1,
      );
    }
    await check(page, 'partenariat');
    await context.close();
  });

  it('inside a Teams host: the SSO token, the theme from the context and its changes, the configuration saved', async () => {
    const token = await devToken(ddetsPeople.coordinator.aadObjectId);
    const context = await browser!.newContext({
      viewport: { width: 1200, height: 900 },
      locale: 'fr-FR',
    });
    await context.route(
      (u) => u.hostname !== '127.0.0.1',
      (route) => route.abort(),
    );
    // A stand-in for Teams' web client (the teams-js protocol), framing the tab as Teams does.
    await context.route('https://teams.microsoft.com/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: TEAMS_HOST }),
    );
    // The bot behind an https name, as Teams needs it.
    await context.route('https://passerelle.test/**', async (route) => {
      const u = new URL(route.request().url());
      const response = await route.fetch({ url: `${url}${u.pathname}${u.search}` });
      await route.fulfill({ response });
    });
    context.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    const host = (tab: string, frame: string) =>
      `https://teams.microsoft.com/host?${new URLSearchParams({ tab, frame, token, theme: 'dark' })}`;

    // The configuration page, in Teams' settings frame: valid once a partnership is chosen.
    await page.goto(host('/tab/configuration', 'settings'));
    const config = page.frameLocator('iframe');
    await config.getByLabel('Partenariat affiché dans ce canal').waitFor();
    const frame = page.frames().find((f) => f.url().startsWith('https://passerelle.test/'))!;
    assert.equal(await frame.evaluate(() => document.documentElement.dataset.theme), 'dark');
    // Signed in by the host's token: no detour through the local sign-in page.
    assert.equal(new URL(frame.url()).pathname, '/tab/configuration');
    await config.locator('#partenariat').selectOption('rhone');
    await page.waitForFunction(() => (window as any).valid === true);
    await page.evaluate(() => (window as any).save());
    await page.waitForFunction(() => (window as any).hostLog.includes('settings.save.success'));
    assert.deepEqual(await page.evaluate(() => (window as any).saved), {
      contentUrl: 'https://passerelle.test/tab/partenariat?partenariat=rhone',
      websiteUrl: 'https://passerelle.test/tab/partenariat?partenariat=rhone',
      entityId: 'partenariat-rhone',
      suggestedDisplayName: 'rhone',
    });

    // The team tab it saved: signed in by the host's token, then Teams switches to high contrast.
    await page.goto(host('/tab/partenariat?partenariat=rhone', 'content'));
    const tab = page.frameLocator('iframe');
    await tab.getByRole('heading', { name: 'Comités', exact: true }).waitFor();
    const content = page.frames().find((f) => f.url().startsWith('https://passerelle.test/'))!;
    assert.equal(await content.evaluate(() => document.documentElement.dataset.theme), 'dark');
    await page.evaluate(() => (window as any).changeTheme('contrast'));
    await content.waitForFunction(() => document.documentElement.dataset.theme === 'contrast');
    const calls: string[] = await page.evaluate(() => (window as any).hostLog);
    assert.ok(calls.includes('authentication.getAuthToken'), calls.join(', '));
    await page.screenshot({ path: join(SHOTS, 'teams-partenariat-contraste.png') });
    await context.close();
  });

  it('broke no Content-Security-Policy on any page', () => {
    assert.deepEqual(cspViolations, []);
  });
});

/** Fills every field of an action form with a plausible value: first choice, today, a number. */
async function fillForm(form: import('playwright-core').Locator): Promise<void> {
  for (const select of await form.locator('select').all()) {
    await select.selectOption({ index: 1 });
  }
  for (const input of await form.locator('input[type="date"]').all())
    await input.fill(new Date().toISOString().slice(0, 10));
  for (const input of await form.locator('input[type="text"]').all())
    if (!(await input.inputValue())) await input.fill('12');
}
