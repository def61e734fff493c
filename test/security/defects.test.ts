/**
 * The defects an outside probe found (issue 11), each replayed through /api/messages as the
 * attacker sent it: a Teams account, or none at all.
 */
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { birthDateForAge, startTestBot, type TestBot } from '../helpers/app';
import { invokeActivity, messageActivity, people, post, type Persona } from '../helpers/teams';
import { everythingSaid, leakedSecrets, sentinelEnv } from './sentinels';
import { referenceRows, rowCounts } from './row-counts';

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);
const OUTSIDE_TENANT = '44444444-4444-4444-8444-444444444444';
const outsider: Persona = { ...people.stranger, tenantId: OUTSIDE_TENANT };

async function rawPost(bot: TestBot, body: string, headers: Record<string, string>) {
  const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

describe('security defects found from outside (issue 11)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot({
      env: {
        ...sentinelEnv(),
        ALLOWED_TENANTS: `${people.advisor.tenantId},${people.dt1.tenantId}`,
      },
      overrides: { channelUploader: null },
    });
  });
  afterEach(async () => {
    await bot.stop();
  });

  describe('1. names inherited from Object.prototype', () => {
    it('answers a verb named constructor (or any prototype name) with the unknown-action card, never the handler context', async () => {
      for (const p of [outsider, people.stranger, people.advisor]) {
        for (const verb of PROTOTYPE_NAMES) {
          const res = await post(bot.url, invokeActivity(p, bot.serviceUrl, verb, {}, undefined));
          assert.equal(res.status, 200, verb);
          const body = JSON.stringify(res.body);
          assert.deepEqual(leakedSecrets(body), [], `${verb} leaks nothing`);
          assert.equal(res.body.value.type, 'AdaptiveCard', verb);
          assert.match(body, /Cette action n'est pas reconnue/, verb);
          assert.doesNotMatch(body, /services|config|store/, verb);
        }
      }
    });

    it('treats "annuaire constructor" and other prototype names as text, and posts no secret into the chat', async () => {
      for (const name of PROTOTYPE_NAMES) {
        for (const text of [`annuaire ${name}`, name, `/${name}`]) {
          await post(bot.url, messageActivity(people.advisor, bot.serviceUrl, text));
          await post(bot.url, messageActivity(outsider, bot.serviceUrl, text));
        }
      }
      const said = everythingSaid(bot);
      assert.deepEqual(leakedSecrets(said), []);
      assert.doesNotMatch(
        JSON.stringify(bot.connector.recorded),
        /native code|\[object Object\]|"services"/,
      );
      assert.ok(
        bot.connector.recorded.length >= PROTOTYPE_NAMES.length * 6,
        'every message was answered',
      );
    });
  });

  describe('3. conversation references are stored only after the checks', () => {
    it('stores nothing for a tenant outside the allow-list or a person absent from the directory', async () => {
      await post(bot.url, messageActivity(outsider, bot.serviceUrl, 'aide'));
      await post(bot.url, messageActivity(people.stranger, bot.serviceUrl, 'aide'));
      await post(
        bot.url,
        messageActivity(people.stranger, bot.serviceUrl, 'aide', {
          conversationId: '19:hostile@thread.tacv2',
          conversationType: 'channel',
        }),
      );
      assert.deepEqual(referenceRows(bot.sqliteFile), []);
      assert.equal(bot.connector.recorded.length, 3, 'they are still answered');
    });

    it("does not let an activity from another tenant overwrite a member's stored reference", async () => {
      await post(bot.url, messageActivity(people.advisor, bot.serviceUrl, 'aide'));
      const before = referenceRows(bot.sqliteFile);
      assert.ok(before.some((r) => r.kind === 'user' && r.key === people.advisor.aadObjectId));
      // The advisor's Entra id, but the DT's tenant (allowed, yet not the advisor's structure's).
      const forged = messageActivity(
        { ...people.advisor, tenantId: people.dt1.tenantId },
        'http://127.0.0.1:1/forged/',
        'aide',
      );
      await post(bot.url, forged).catch(() => undefined);
      const fileUrl = messageActivity(people.advisor, bot.serviceUrl, 'aide');
      await post(bot.url, { ...fileUrl, serviceUrl: 'file:///etc/passwd' });
      assert.deepEqual(referenceRows(bot.sqliteFile), before);
    });

    it('refuses a service URL off the loopback in local mode', async () => {
      const a = messageActivity(people.advisor, 'http://169.254.169.254/latest/', 'aide');
      await post(bot.url, a).catch(() => undefined);
      assert.deepEqual(referenceRows(bot.sqliteFile), []);
    });
  });

  describe('5. parseable but malformed activities', () => {
    const valid = () =>
      messageActivity(people.advisor, bot.serviceUrl, 'aide') as Record<string, unknown>;
    const cases: [string, () => Record<string, unknown>][] = [
      ['a missing conversation', () => ({ ...valid(), conversation: undefined })],
      ['a string conversation', () => ({ ...valid(), conversation: 'a:1' })],
      ['a missing from', () => ({ ...valid(), from: undefined })],
      ['type and text alone', () => ({ type: 'message', text: 'aide' })],
      ['a file: serviceUrl', () => ({ ...valid(), serviceUrl: 'file:///etc/passwd' })],
      ['a missing serviceUrl', () => ({ ...valid(), serviceUrl: undefined })],
      ['a numeric text', () => ({ ...valid(), text: 42 })],
      ['attachments that are not a list', () => ({ ...valid(), attachments: 'x' })],
      ['an invoke without a name', () => ({ ...valid(), type: 'invoke' })],
    ];
    for (const [what, body] of cases) {
      it(`answers ${what} with a prompt 400 and a reason`, async () => {
        const res = await rawPost(bot, JSON.stringify(body()), {
          'content-type': 'application/json',
        });
        assert.equal(res.status, 400, res.text);
        assert.ok(JSON.parse(res.text).error, 'a short reason');
      });
    }

    it('answers a form-encoded body with 400, and a compressed body with 415', async () => {
      const form = await rawPost(bot, 'type=message&text=aide', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      assert.equal(form.status, 400);
      for (const encoding of ['gzip', 'deflate', 'br', 'x-unknown']) {
        const res = await rawPost(bot, JSON.stringify(valid()), {
          'content-type': 'application/json',
          'content-encoding': encoding,
        });
        assert.equal(res.status, 415, encoding);
      }
      assert.equal((await post(bot.url, valid())).status, 200, 'the bot is still up');
    });
  });

  describe('6 and 7. field values', () => {
    const flow1 = () => ({
      civilite: 'M.',
      nom: 'Nguyen',
      prenom: 'Minh',
      dateNaissance: birthDateForAge(19),
      numeroCir: 'CIR-0042',
      dtId: 'dt-lyon',
      cardVersion: 1,
    });

    it("answers a field holding an object with its own toString/valueOf with the field's French error", async () => {
      for (const hostile of [
        { toString: 'x' },
        { valueOf: 'x', toString: 'y' },
        { toString: {} },
        [{ toString: 'x' }],
        { a: 1 },
      ]) {
        for (const field of ['nom', 'dateNaissance', 'civilite', 'dtId', 'numeroCir']) {
          const res = await post(
            bot.url,
            invokeActivity(
              people.advisor,
              bot.serviceUrl,
              'demande.creer',
              { ...flow1(), [field]: hostile },
              'form-1',
            ),
          );
          assert.equal(res.status, 200);
          const card = JSON.stringify(res.body.value);
          assert.doesNotMatch(
            card,
            /erreur technique|erreur de la passerelle/i,
            `${field}: ${JSON.stringify(hostile)}`,
          );
          assert.match(card, /Nouvelle demande CIR/, 'the form comes back');
        }
      }
      for (const verb of [
        'demande.voir',
        'demande.repondre',
        'demande.prescrire',
        'demande.relancer',
        'annuaire.page',
        'annuaire.journal',
        'comite.modifier',
      ]) {
        const res = await post(
          bot.url,
          invokeActivity(
            people.advisor,
            bot.serviceUrl,
            verb,
            {
              requestId: { toString: 'x' },
              page: { valueOf: 'x' },
              offset: { toString: 'x' },
              committeeId: { toString: 'x' },
            },
            'c-1',
          ),
        );
        assert.equal(res.status, 200);
        assert.doesNotMatch(
          JSON.stringify(res.body.value),
          /erreur technique|erreur de la passerelle/i,
          verb,
        );
      }
      assert.equal(
        bot.logs.filter((l) => l.code === 'E_INTERNAL').length,
        0,
        'no internal error logged',
      );
      assert.equal(rowCounts(bot.sqliteFile).requests, 0);
    });

    it('refuses a name made only of combining marks, and stores names in NFC', async () => {
      const marks = await post(
        bot.url,
        invokeActivity(
          people.advisor,
          bot.serviceUrl,
          'demande.creer',
          { ...flow1(), nom: '\u0301\u0301' },
          'form-1',
        ),
      );
      assert.match(JSON.stringify(marks.body.value), /Lettres, espaces/);
      assert.equal(rowCounts(bot.sqliteFile).requests, 0);
      const decomposed = 'E\u0301lodie';
      const ok = await post(
        bot.url,
        invokeActivity(
          people.advisor,
          bot.serviceUrl,
          'demande.creer',
          {
            ...flow1(),
            prenom: decomposed,
            numeroCir: `CIR-${randomUUID().slice(0, 8).toUpperCase()}`,
          },
          'form-2',
        ),
      );
      assert.equal(ok.status, 200);
      const db = new Database(bot.sqliteFile, { readonly: true });
      const stored = db.prepare('SELECT prenom FROM requests').all() as { prenom: string }[];
      db.close();
      assert.deepEqual(stored, [{ prenom: '\u00c9lodie' }]);
    });
  });
});
