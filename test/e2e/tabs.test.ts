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
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ConnectorStandIn } from '../helpers/connector-stand-in';
import { DDETS_DIRECTORY } from '../helpers/ddets';
import { channelMessage } from '../helpers/directory';
import { planData } from '../helpers/committees';
import { sheetData } from '../helpers/offers';
import { identity, figures } from '../helpers/request-life';
import {
  axe,
  devToken as tokenFor,
  fillForm,
  frenchContext,
  launchChromium,
  requireBrowserAndBuild,
  SHOTS,
  startBuiltBot,
  UI_TIMEOUT_MS,
  type BuiltBot,
} from '../helpers/tab-browser';
import { invokeActivity, messageActivity, people, post, type Persona } from '../helpers/teams';

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

describe('the tabs in a browser (issue 15)', function () {
  this.timeout(180_000);
  let bot: BuiltBot | undefined;
  let url = '';
  let browser: Browser | undefined;
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
    requireBrowserAndBuild(this);
    await connector.start();
    bot = await startBuiltBot(DDETS_DIRECTORY);
    url = bot.url;
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
    browser = await launchChromium();
  });

  const devToken = (personId: string) => tokenFor(url, personId);

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
    await bot?.stop();
    await connector.stop();
  });

  /** A fresh browser session (its own sessionStorage) signed in as `name` on /tab/connexion. */
  async function signIn(name: RegExp, path = '/tab/mes-demandes'): Promise<BrowserContext> {
    const context = await frenchContext(browser!, cspViolations);
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    await page.goto(`${url}${path}`);
    await page.waitForURL(/\/tab\/connexion\?retour=/);
    await page.getByLabel(name).check();
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL((u) => u.pathname + u.search === path);
    return context;
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
    // The list reloads after an answer: click its row once it has.
    await page.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
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
    await page.setViewportSize({ width: 320, height: 800 });
    await page.screenshot({ path: join(SHOTS, 'partenariat-320px.png'), fullPage: true });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `the team tab scrolls sideways at 320 px (${width} px)`);
    await context.close();
  });

  it('broke no Content-Security-Policy on any page', () => {
    assert.deepEqual(cspViolations, []);
  });
});
