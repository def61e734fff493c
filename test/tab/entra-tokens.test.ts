/**
 * The tabs outside local mode (issue 15 §3–4), attacked as an outsider would: Entra access tokens
 * signed by a local stand-in of the tenant's published keys, each check failing in turn; the
 * development routes do not exist; each role sees only what the bot's rules let it see.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { startTestBot, type TestBot } from '../helpers/app';
import { ddetsPeople } from '../helpers/ddets';
import { engines } from '../helpers/engines';
import { EntraStandIn, TAB_APP_ID, TAB_HOST, type EntraClaims } from '../helpers/entra-stand-in';
import { act, answer, identity, openRequest, people } from '../helpers/request-life';
import { devToken, tabGet } from '../helpers/tab';
import { sqlOf } from '../helpers/sql';
import { TENANT_ML, TENANT_OFII, type Persona } from '../helpers/teams';

const DIRECTORY = join(__dirname, '..', 'fixtures', 'directory-tab.json');
const TENANT_ML_GRENOBLE = people.otherMl.tenantId;
const TENANT_DDETS = '44444444-4444-4444-8444-444444444444';
const TENANT_ELSEWHERE = '55555555-5555-4555-8555-555555555555';
const GLOBAL_ADMIN = '12345678-0000-4000-8000-0000000000ad';

const nonLocal = {
  PASSERELLE_LOCAL: '',
  MicrosoftAppId: TAB_APP_ID,
  MicrosoftAppPassword: 'test-password',
  PUBLIC_URL: `https://${TAB_HOST}`,
  ALLOWED_TENANTS: [TENANT_ML, TENANT_OFII, TENANT_ML_GRENOBLE, TENANT_DDETS].join(','),
  ADMIN_IDS: GLOBAL_ADMIN,
  DIRECTORY_FILE: DIRECTORY,
};

for (const engine of engines())
  describe(`the tabs' tokens and roles outside local mode, on ${engine.name}`, function () {
    this.timeout(90_000);
    const entra = new EntraStandIn();
    let bot: TestBot;
    let db: Awaited<ReturnType<typeof engine.open>>;
    let requestId: string;
    let grenobleId: string;
    let localDevToken: string;

    before(async () => {
      await entra.start();
      db = await engine.open();
      // Requests are made in local mode (cards through /api/messages), then the same database
      // is served outside local mode.
      const local = await startTestBot({
        env: { DIRECTORY_FILE: DIRECTORY },
        overrides: { store: db.store },
      });
      requestId = await openRequest(local);
      await answer(local, requestId);
      await act(local, people.otherMl, 'demande.creer', {
        ...identity({ nom: 'Grenoblois', numeroCir: 'CIR-0038-0001' }),
        dtId: 'dt-grenoble',
        cardVersion: 1,
      });
      [{ id: grenobleId }] = await sqlOf(local.app.store).all<{ id: string }>(
        "SELECT id FROM requests WHERE ml_id = 'ml-grenoble'",
      );
      localDevToken = await devToken(local, people.advisor);
      await local.stop();
      bot = await startTestBot({
        env: nonLocal,
        overrides: { store: await db.again(), tabKeysBaseUrl: entra.baseUrl },
      });
    });
    after(async () => {
      await bot?.stop();
      await db?.dispose();
      await entra.stop();
    });

    const tokenFor = (p: Pick<Persona, 'aadObjectId' | 'tenantId'>, c: EntraClaims = {}) =>
      entra.token({ oid: p.aadObjectId, tid: p.tenantId, ...c });
    const moi = async (token: string | null) => tabGet(bot, '/api/tab/moi', token);

    it('answers a valid Entra token for a person of the directory, with either audience form', async () => {
      const res = await moi(await tokenFor(people.advisor));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.person.name, 'Léa Conseillère');
      assert.equal(res.body.local, false);
      assert.equal((await moi(await tokenFor(people.advisor, { aud: TAB_APP_ID }))).status, 200);
      const v1 = await tokenFor(people.advisor, { iss: `https://sts.windows.net/${TENANT_ML}/` });
      assert.equal((await moi(v1)).status, 200, 'the v1 issuer form');
    });

    it('refuses every token that fails a check with 401 and one French line, storing nothing', async () => {
      const before = await sqlOf(bot.app.store).all<{ n: number }>(
        'SELECT COUNT(*) AS n FROM requests',
      );
      const stranger = await entra.unknownKey();
      const cases: [string, string | null][] = [
        ['no token', null],
        ['garbage', 'not-a-token'],
        ['expired', await tokenFor(people.advisor, { expIn: -600 })],
        ['not yet valid', await tokenFor(people.advisor, { nbfIn: 600 })],
        ['wrong audience', await tokenFor(people.advisor, { aud: 'api://evil.example/other' })],
        [
          'wrong issuer',
          await tokenFor(people.advisor, { iss: 'https://login.microsoftonline.com/evil/v2.0' }),
        ],
        [
          'issuer of another tenant',
          await tokenFor(people.advisor, {
            iss: `https://login.microsoftonline.com/${TENANT_OFII}/v2.0`,
          }),
        ],
        ['tenant not allowed', await tokenFor({ ...people.advisor, tenantId: TENANT_ELSEWHERE })],
        [
          'unknown key',
          await tokenFor(people.advisor, {}).then(() =>
            entra.token({ oid: people.advisor.aadObjectId, tid: TENANT_ML }, { key: stranger }),
          ),
        ],
        [
          'unknown kid',
          await entra.token(
            { oid: people.advisor.aadObjectId, tid: TENANT_ML },
            { key: stranger, kid: 'other-kid' },
          ),
        ],
        ['local development token', localDevToken],
        ['no access_as_user scope', await tokenFor(people.advisor, { scp: 'User.Read' })],
        ['application token', await tokenFor(people.advisor, { scp: undefined, roles: ['x'] })],
        [
          'unsigned',
          `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
            JSON.stringify({ oid: people.advisor.aadObjectId, tid: TENANT_ML, aud: TAB_APP_ID }),
          ).toString('base64url')}.`,
        ],
      ];
      for (const [name, token] of cases) {
        for (const path of [
          '/api/tab/moi',
          '/api/tab/demandes',
          `/api/tab/demandes/demande/${requestId}`,
        ]) {
          const res = await tabGet(bot, path, token);
          assert.equal(res.status, 401, `${name} on ${path}: ${JSON.stringify(res.body)}`);
          assert.equal(res.headers.get('cache-control'), 'no-store');
          assert.equal(typeof res.body.error.message, 'string');
          assert.doesNotMatch(JSON.stringify(res.body), /Diallo/);
        }
      }
      const after = await sqlOf(bot.app.store).all<{ n: number }>(
        'SELECT COUNT(*) AS n FROM requests',
      );
      assert.deepEqual(after, before);
      const devLine = bot.logs.find(
        (l) => l.msg === 'tab: token refused' && l.reason === 'dev-token-outside-local',
      );
      assert.ok(devLine, 'the development token is named in the operator line');
      assert.ok(
        !bot.logs.some((l) => l.reason === 'keys-unavailable'),
        'each refusal is the token, not the key endpoint',
      );
    });

    it('refuses a valid token for someone outside the directory, or from another tenant than their structure', async () => {
      const outsider = await moi(await tokenFor(people.stranger));
      assert.equal(outsider.status, 403);
      assert.equal(outsider.body.error.code, 'E_NOT_IN_DIRECTORY');
      const mismatch = await moi(await tokenFor({ ...people.advisor, tenantId: TENANT_OFII }));
      assert.equal(mismatch.status, 403);
      assert.equal(mismatch.body.error.code, 'E_TENANT_MISMATCH');
    });

    it("fetches a tenant's keys once and caches them", async () => {
      const before = entra.fetches.filter((f) => f.startsWith(`/${TENANT_OFII}/`)).length;
      for (let i = 0; i < 5; i += 1)
        assert.equal((await moi(await tokenFor(people.dt1))).status, 200);
      const after = entra.fetches.filter((f) => f.startsWith(`/${TENANT_OFII}/`)).length;
      assert.ok(after - before <= 1, `${after - before} fetches`);
    });

    it('has no sign-in page and no development session outside local mode', async () => {
      for (const path of ['/tab/connexion', '/tab/connexion.js', '/tab/connexion.css'])
        assert.equal((await fetch(`${bot.url}${path}`)).status, 404, path);
      const res = await fetch(`${bot.url}/api/tab/dev-session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ personId: people.advisor.aadObjectId }),
      });
      assert.equal(res.status, 404);
    });

    it("shows an advisor their ML's requests, never another ML's, whose id answers 404", async () => {
      const token = await tokenFor(people.advisor);
      const list = await tabGet(bot, '/api/tab/demandes', token);
      assert.equal(list.status, 200);
      assert.deepEqual(
        list.body.items.map((i: { id: string }) => i.id),
        [requestId],
      );
      const other = await tabGet(bot, `/api/tab/demandes/demande/${grenobleId}`, token);
      assert.equal(other.status, 404);
      assert.doesNotMatch(JSON.stringify(other.body), /Grenoblois/);
      const otherMl = await tabGet(bot, '/api/tab/demandes', await tokenFor(people.otherMl));
      assert.deepEqual(
        otherMl.body.items.map((i: { id: string }) => i.id),
        [grenobleId],
      );
      assert.equal(
        (
          await tabGet(
            bot,
            `/api/tab/demandes/demande/${requestId}`,
            await tokenFor(people.otherMl),
          )
        ).status,
        404,
      );
    });

    it("shows a DT correspondent and the DT's admin their DT's requests with the person", async () => {
      for (const p of [people.dt1, people.dtAdmin]) {
        const token = await tokenFor(p);
        const list = await tabGet(bot, '/api/tab/demandes', token);
        assert.deepEqual(
          list.body.items.map((i: { id: string }) => i.id),
          [requestId],
          p.name,
        );
        const detail = await tabGet(bot, `/api/tab/demandes/demande/${requestId}`, token);
        assert.equal(detail.status, 200);
        assert.ok(detail.body.fields.some((f: { value: string }) => f.value === 'Diallo'));
        assert.ok(detail.body.timeline.length >= 2);
        // The admin may read; only correspondents act (the card's rule).
        const ids = detail.body.actions.map((a: { id: string }) => a.id);
        if (p === people.dtAdmin) assert.deepEqual(ids, []);
        else assert.ok(ids.includes('mettre-a-jour'));
      }
      const otherDt = await tabGet(bot, '/api/tab/demandes', await tokenFor(people.otherDt));
      assert.deepEqual(
        otherDt.body.items.map((i: { id: string }) => i.id),
        [grenobleId],
        "the other DT sees its own ML's request only",
      );
    });

    it('gives the DDETS no request at all, but its partnership overview without any person', async () => {
      const agent = { ...ddetsPeople.agent, tenantId: TENANT_DDETS };
      const token = await tokenFor(agent);
      const me = await moi(token);
      assert.equal(me.body.person.role, 'ddets');
      const list = await tabGet(bot, '/api/tab/demandes', token);
      assert.equal(list.status, 403);
      assert.equal(list.body.error.code, 'E_DDETS_NO_PERSONAL_DATA');
      assert.equal(
        (await tabGet(bot, `/api/tab/demandes/demande/${requestId}`, token)).status,
        404,
      );
      const overview = await tabGet(bot, '/api/tab/partenariats/rhone', token);
      assert.equal(overview.status, 200, JSON.stringify(overview.body));
      assert.ok(overview.body.bilan, 'the DDETS reads the bilan');
      assert.doesNotMatch(JSON.stringify(overview.body), /Diallo|Aïssatou|CIR-0069/);
      assert.equal((await tabGet(bot, '/api/tab/partenariats/isere', token)).status, 404);
    });

    it("shows members their partnership's overview, and no one another partnership's", async () => {
      const advisor = await tokenFor(people.advisor);
      const mine = await tabGet(bot, '/api/tab/partenariats/rhone', advisor);
      assert.equal(mine.status, 200);
      assert.equal(mine.body.bilan, null, "the bilan follows /bilan's rule: admins and DDETS");
      for (const id of ['isere', 'nope', '..%2Fisere'])
        assert.equal((await tabGet(bot, `/api/tab/partenariats/${id}`, advisor)).status, 404, id);
      const admin = await tokenFor({ aadObjectId: GLOBAL_ADMIN, tenantId: TENANT_OFII });
      const isere = await tabGet(bot, '/api/tab/partenariats/isere', admin);
      assert.equal(isere.status, 200);
      assert.ok(isere.body.bilan);
      assert.equal((await moi(admin)).body.person.globalAdmin, true);
      assert.equal((await tabGet(bot, '/api/tab/demandes', admin)).status, 403);
    });
  });

describe("the tabs when the tenant's keys cannot be fetched", function () {
  this.timeout(60_000);
  const entra = new EntraStandIn();
  let bot: TestBot;
  before(async () => {
    await entra.start();
    // Nothing listens on port 1: the key fetch fails at once, as with no network.
    bot = await startTestBot({
      env: nonLocal,
      overrides: { tabKeysBaseUrl: 'http://127.0.0.1:1' },
    });
  });
  after(async () => {
    await bot.stop();
    await entra.stop();
  });

  it('answers 500 with a French line, logged once a minute, and never lets the token through', async () => {
    const token = await entra.token({ oid: people.advisor.aadObjectId, tid: TENANT_ML });
    for (let i = 0; i < 3; i += 1) {
      const res = await tabGet(bot, '/api/tab/moi', token);
      assert.equal(res.status, 500);
      assert.equal(res.body.error.code, 'token-keys-unavailable');
      assert.match(res.body.error.message, /connexion Microsoft/);
    }
    const lines = bot.logs.filter(
      (l) => l.msg === 'tab: token refused' && l.reason === 'keys-unavailable',
    );
    assert.equal(lines.length, 1);
  });
});
