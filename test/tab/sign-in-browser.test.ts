/**
 * The local sign-in page in a real browser (issue 15 §3): chosen with the keyboard only, it keeps
 * the development token in sessionStorage and goes back to `?retour=` — a path of this site
 * only; its CSP holds (no inline script), and the token opens the API.
 */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { startTestBot, type TestBot } from '../helpers/app';
import { people } from '../helpers/teams';
import { tabGet } from '../helpers/tab';

const CHROMIUM = '/usr/bin/chromium';

describe('the local sign-in page in a browser', function () {
  this.timeout(90_000);
  let bot: TestBot;
  let browser: Browser;
  before(async function () {
    if (!existsSync(CHROMIUM)) this.skip();
    bot = await startTestBot();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
  });
  after(async () => {
    await browser?.close();
    await bot?.stop();
  });

  async function signIn(retour: string) {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(`${bot.url}/tab/connexion?retour=${encodeURIComponent(retour)}`);
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    // Keyboard only: the first radio, then down to Léa's, then the button.
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('name'));
    assert.equal(focused, 'personId', 'the first stop is the list of people');
    await page.getByLabel(/Léa Conseillère/).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Se connecter' }).focus();
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/tab/connexion')),
      page.keyboard.press('Enter'),
    ]);
    const token = await page.evaluate(() => sessionStorage.getItem('passerelle.tab.token'));
    return { page, token, problems };
  }

  it('keeps the token and goes back to the tab it came from', async () => {
    const { page, token, problems } = await signIn('/tab/mes-demandes?vue=annuaire#x');
    assert.equal(new URL(page.url()).pathname, '/tab/mes-demandes');
    assert.ok(token);
    assert.deepEqual(
      problems.filter((p) => /Content Security Policy/.test(p)),
      [],
    );
    const me = await tabGet(bot, '/api/tab/moi', token);
    assert.equal(me.body.person.id, people.advisor.aadObjectId);
    await page.close();
  });

  it('never goes to another site, whatever ?retour= says', async () => {
    for (const retour of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      const { page } = await signIn(retour);
      const url = new URL(page.url());
      assert.equal(url.origin, bot.url, retour);
      assert.equal(url.pathname, '/tab/mes-demandes', retour);
      await page.close();
    }
  });
});
