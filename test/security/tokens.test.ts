/**
 * Bot Framework tokens outside local mode (issue 11 §4): the adapter's key metadata points at a
 * local stand-in, so real signatures are checked. Any token that cannot be validated is a 401,
 * before any handler runs and before anything is stored.
 */
import { strict as assert } from 'node:assert';
import { generateKeyPairSync } from 'node:crypto';
import { startTestBot, type TestBot } from '../helpers/app';
import { invokeActivity, people } from '../helpers/teams';
import { OpenIdStandIn, type TokenClaims } from '../helpers/openid-stand-in';
import { rowCounts } from './row-counts';

const APP_ID = '00000000-0000-4000-8000-0000000000b1';
const nonLocal = {
  PASSERELLE_LOCAL: '',
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: 'test-password',
  ALLOWED_TENANTS: `${people.advisor.tenantId},${people.dt1.tenantId}`,
};

async function postWithToken(bot: TestBot, token: string | null, activity: object) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers,
    body: JSON.stringify(activity),
  });
  await res.text();
  return res.status;
}

describe('Bot Framework tokens outside local mode (issue 11)', () => {
  const now = () => Math.floor(Date.now() / 1000);

  describe('when the signing keys cannot be fetched', () => {
    let bot: TestBot;
    before(async () => {
      // Nothing listens on port 1: the key metadata fetch fails at once, as with no network.
      bot = await startTestBot({
        env: nonLocal,
        overrides: { openIdMetadataUrl: 'http://127.0.0.1:1/openid' },
      });
    });
    after(async () => {
      await bot.stop();
    });

    it('answers 401 to self-signed, unsigned, HS256 and malformed tokens, with one operator line a minute', async () => {
      const keys = new OpenIdStandIn();
      const claims: TokenClaims = {
        iss: 'https://api.botframework.com',
        aud: APP_ID,
        exp: now() + 600,
        nbf: now() - 60,
        serviceurl: bot.serviceUrl,
      };
      const before = rowCounts(bot.sqliteFile);
      const activity = invokeActivity(
        people.advisor,
        bot.serviceUrl,
        'demande.voir',
        {},
        undefined,
      );
      for (let round = 0; round < 3; round += 1) {
        for (const token of [
          keys.token(claims),
          keys.forged(claims, 'none'),
          keys.forged(claims, 'HS256'),
          'garbage',
          'a.b.c',
          '',
        ]) {
          assert.equal(await postWithToken(bot, token, activity), 401, token.slice(0, 30));
        }
      }
      const keyLines = bot.logs.filter(
        (l) => l.msg === 'activity refused: the token signing keys cannot be fetched',
      );
      assert.equal(
        keyLines.length,
        1,
        `logged once, not once per request: ${JSON.stringify(bot.logs.filter((l) => String(l.msg).startsWith('activity')))}`,
      );
      assert.equal(
        bot.logs.filter((l) => l.level === 50 && l !== keyLines[0]).length,
        0,
        'no other error line',
      );
      assert.deepEqual(rowCounts(bot.sqliteFile), before, 'nothing stored');
      assert.equal(bot.connector.recorded.length, 0, 'nothing sent');
    });
  });

  describe('with the keys published by a local stand-in', () => {
    let bot: TestBot;
    const keys = new OpenIdStandIn();
    before(async () => {
      await keys.start();
      bot = await startTestBot({
        env: nonLocal,
        overrides: { openIdMetadataUrl: keys.metadataUrl },
      });
    });
    after(async () => {
      await bot.stop();
      await keys.stop();
    });

    const good = (): TokenClaims => ({
      iss: 'https://api.botframework.com',
      aud: APP_ID,
      exp: now() + 600,
      nbf: now() - 60,
      serviceurl: bot.serviceUrl.replace(/\/$/, ''),
    });
    // An https service URL, as Teams sends it: the only kind whose reference outside local mode may
    // be kept.
    const activity = () => ({
      ...invokeActivity(
        people.advisor,
        'https://smba.example.invalid/emea/',
        'passerelle.inconnu',
        {},
        undefined,
      ),
    });

    it("accepts a token signed with the published key, for this bot, from the activity's service URL", async () => {
      const a = activity();
      const status = await postWithToken(
        bot,
        keys.token({ ...good(), serviceurl: a.serviceUrl }),
        a,
      );
      assert.equal(
        status,
        200,
        JSON.stringify(bot.logs.filter((l) => String(l.msg).startsWith('activity'))),
      );
    });

    it('refuses a wrong issuer, audience, expiry, start, key, service URL or algorithm with 401 and stores nothing', async () => {
      const a = activity();
      const claims = { ...good(), serviceurl: a.serviceUrl };
      const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      const before = rowCounts(bot.sqliteFile);
      const tokens: [string, string | null][] = [
        ['wrong issuer', keys.token({ ...claims, iss: 'https://sts.example.invalid/' })],
        ['wrong audience', keys.token({ ...claims, aud: '00000000-0000-4000-8000-0000000000ff' })],
        ['expired', keys.token({ ...claims, exp: now() - 3600, nbf: now() - 7200 })],
        ['not yet valid', keys.token({ ...claims, nbf: now() + 3600, exp: now() + 7200 })],
        ['unknown key', keys.token(claims, { kid: 'other-key', key: other })],
        ['published kid, other key', keys.token(claims, { key: other })],
        [
          'wrong serviceUrl claim',
          keys.token({ ...claims, serviceurl: 'https://attacker.example.invalid/' }),
        ],
        ['unsigned', keys.forged(claims, 'none')],
        ['HS256', keys.forged(claims, 'HS256')],
        ['no token', null],
      ];
      for (const [what, token] of tokens)
        assert.equal(await postWithToken(bot, token, a), 401, what);
      assert.deepEqual(rowCounts(bot.sqliteFile), before, 'nothing stored');
    });
  });
});
