/**
 * The tabs inside Teams (issue 15), with a stand-in for Teams' web client that speaks teams-js's
 * protocol: the configuration page in the settings frame (validity, setConfig, the save event),
 * the team tab signed in by the host's SSO token, the theme from the context and its changes.
 * The built bot runs in local mode, so the host hands out a development token (Entra tokens are
 * test/tab/'s). Screenshot: test-output/tabs/teams-partenariat-contraste.png.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DDETS_DIRECTORY, ddetsPeople } from '../helpers/ddets';
import {
  devToken as tokenFor,
  frenchContext,
  launchChromium,
  requireBrowserAndBuild,
  SHOTS,
  startBuiltBot,
  TEAMS_HOST,
  UI_TIMEOUT_MS,
  type BuiltBot,
} from '../helpers/tab-browser';

describe('the tabs inside a Teams host (issue 15)', function () {
  this.timeout(120_000);
  let bot: BuiltBot | undefined;
  let browser: Browser | undefined;
  let url = '';
  const cspViolations: string[] = [];
  const devToken = (personId: string) => tokenFor(url, personId);

  before(async function () {
    requireBrowserAndBuild(this);
    bot = await startBuiltBot(DDETS_DIRECTORY);
    url = bot.url;
    browser = await launchChromium();
  });
  after(async function () {
    this.timeout(30_000);
    await browser?.close().catch(() => undefined);
    await bot?.stop();
  });

  it('signs in with the host SSO token, follows the theme of the context and its changes, saves the configuration', async () => {
    const token = await devToken(ddetsPeople.coordinator.aadObjectId);
    const context = await frenchContext(browser!, cspViolations);
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
    assert.deepEqual(cspViolations, []);
  });
});
