/**
 * The tabs in local mode (issue 15): the sign-in page lists the directory, a development session
 * opens the API in that person's name, and each role sees what the bot's rules let it see.
 */
import { strict as assert } from 'node:assert';
import { startTestBot, type TestBot } from '../helpers/app';
import { engines } from '../helpers/engines';
import { answer, identity, openRequest, people } from '../helpers/request-life';
import { devToken, tabGet } from '../helpers/tab';
import { sqlOf } from '../helpers/sql';

for (const engine of engines())
  describe(`the tabs in local mode, on ${engine.name}`, function () {
    this.timeout(60_000);
    let bot: TestBot;
    let requestId: string;
    before(async () => {
      bot = await startTestBot({ engine });
      requestId = await openRequest(bot);
      await answer(bot, requestId);
      await openRequest(bot, { nom: 'Bénard', prenom: 'Éloïse', numeroCir: 'CIR-0069-9999' });
    });
    after(async () => {
      await bot.stop();
    });

    it('serves a French, labelled sign-in page that lists the directory, with its script apart', async () => {
      const res = await fetch(`${bot.url}/tab/connexion?retour=/tab/mes-demandes`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      const html = await res.text();
      assert.match(html, /<html lang="fr">/);
      assert.match(html, /Léa Conseillère/);
      assert.match(html, /Camille Martin/);
      // Every radio has its label; no inline script.
      const inputs = [...html.matchAll(/<input type="radio"[^>]* id="([^"]+)"/g)].map((m) => m[1]);
      assert.ok(inputs.length >= 6);
      for (const id of inputs) assert.match(html, new RegExp(`<label for="${id}">`));
      assert.doesNotMatch(html, /<script>(?!<\/script>)/);
      const js = await fetch(`${bot.url}/tab/connexion.js`);
      assert.equal(js.status, 200);
      assert.match(js.headers.get('content-type') ?? '', /javascript/);
      assert.match(await js.text(), /sessionStorage\.setItem/);
    });

    it('opens a development session only for a person of the directory', async () => {
      const res = await fetch(`${bot.url}/api/tab/dev-session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ personId: people.stranger.aadObjectId }),
      });
      assert.equal(res.status, 404);
      const body = (await res.json()) as { error: { code: string; message: string } };
      assert.match(body.error.message, /annuaire/);
    });

    it('tells the advisor who they are and which partnerships they belong to', async () => {
      const me = await tabGet(bot, '/api/tab/moi', await devToken(bot, people.advisor));
      assert.equal(me.status, 200);
      assert.equal(me.headers.get('cache-control'), 'no-store');
      assert.equal(me.headers.get('x-content-type-options'), 'nosniff');
      assert.deepEqual(me.body.person.structure, {
        id: 'ml-villeurbanne',
        name: 'Mission Locale de Villeurbanne',
        kind: 'ml',
      });
      assert.equal(me.body.person.role, 'conseiller');
      assert.deepEqual(me.body.partnerships, [{ id: 'rhone', name: 'rhone', isAdmin: false }]);
      assert.equal(me.body.local, true);
    });

    it("lists the advisor's requests with the person, and none of them to another ML", async () => {
      const mine = await tabGet(bot, '/api/tab/demandes', await devToken(bot, people.advisor));
      assert.equal(mine.status, 200);
      assert.equal(mine.body.total, 2);
      assert.equal(mine.body.pageSize, 50);
      const item = mine.body.items.find((i: { id: string }) => i.id === requestId);
      assert.equal(item.kind, 'demande');
      assert.deepEqual(item.person, {
        lastName: identity().nom,
        firstName: identity().prenom,
        cir: identity().numeroCir,
      });
      assert.equal(item.status, 'completee');
      assert.equal(item.waitingOn, 'ml', 'answered, the prescription is expected from the ML');
      assert.equal(item.ml.name, 'Mission Locale de Villeurbanne');
      assert.ok(mine.body.statuses.some((s: { code: string }) => s.code === 'proposee'));

      const other = await tabGet(bot, '/api/tab/demandes', await devToken(bot, people.otherMl));
      assert.equal(other.status, 200);
      assert.equal(other.body.total, 0);
      const dt = await tabGet(bot, '/api/tab/demandes', await devToken(bot, people.otherDt));
      assert.equal(dt.body.total, 0);
      assert.doesNotMatch(JSON.stringify(other.body) + JSON.stringify(dt.body), /Diallo|Bénard/);
    });

    it('searches by name with or without accents, and by n° CIR however it is typed', async () => {
      const token = await devToken(bot, people.dt1);
      for (const q of ['Bénard', 'benard', 'ELOISE bénard', 'cir-0069 9999', 'CIR00699999']) {
        const r = await tabGet(bot, `/api/tab/demandes?q=${encodeURIComponent(q)}`, token);
        assert.equal(r.status, 200, q);
        assert.deepEqual(
          r.body.items.map((i: { person: { lastName: string } }) => i.person.lastName),
          ['Bénard'],
          q,
        );
      }
    });

    it('filters by status, by the side it waits on and by period, and sorts', async () => {
      const token = await devToken(bot, people.dt1);
      const transmise = await tabGet(bot, '/api/tab/demandes?statut=transmise', token);
      assert.equal(transmise.body.total, 1);
      const onDt = await tabGet(bot, '/api/tab/demandes?cote=dt', token);
      assert.deepEqual(
        onDt.body.items.map((i: { status: string }) => i.status),
        ['transmise'],
      );
      const future = await tabGet(bot, '/api/tab/demandes?du=2999-01-01', token);
      assert.equal(future.body.total, 0);
      const byName = await tabGet(bot, '/api/tab/demandes?tri=nom&ordre=asc', token);
      assert.deepEqual(
        byName.body.items.map((i: { person: { lastName: string } }) => i.person.lastName),
        ['Bénard', 'Diallo'],
      );
      for (const bad of ['statut=nope', 'du=2026-13-01', 'cote=x', 'tri=secret', 'page=0'])
        assert.equal((await tabGet(bot, `/api/tab/demandes?${bad}`, token)).status, 400, bad);
    });

    it('records every list and detail read in the audit log, without the search text', async () => {
      const token = await devToken(bot, people.advisor);
      await tabGet(bot, '/api/tab/demandes?q=Diallo', token);
      const detail = await tabGet(bot, `/api/tab/demandes/demande/${requestId}`, token);
      assert.equal(detail.status, 200);
      const rows = await sqlOf(bot.app.store).all<{ action: string; detail: string | null }>(
        "SELECT action, detail FROM audit_log WHERE action LIKE 'tab.%' AND actor = ?",
        [people.advisor.aadObjectId],
      );
      assert.ok(rows.some((r) => r.action === 'tab.demandes.lire'));
      assert.ok(rows.some((r) => r.action === 'tab.demande.lire'));
      assert.doesNotMatch(JSON.stringify(rows), /Diallo/);
    });

    it('finds the partnership’s people with their contact links, and no one of another partnership', async () => {
      const res = await tabGet(
        bot,
        '/api/tab/annuaire?q=camille',
        await devToken(bot, people.advisor),
      );
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const [camille] = res.body.items;
      assert.equal(camille.name, 'Camille Martin');
      assert.equal(camille.structure, 'DT OFII de Lyon');
      assert.equal(camille.email, 'camille.martin@ofii.example.org');
      assert.equal(
        camille.chatUrl,
        'https://teams.microsoft.com/l/chat/0/0?users=camille.martin%40ofii.example.org',
      );
      assert.ok(camille.phone);
      const other = await tabGet(
        bot,
        '/api/tab/annuaire?q=camille',
        await devToken(bot, people.otherMl),
      );
      assert.deepEqual(other.body.items, []);
      assert.equal((await tabGet(bot, '/api/tab/annuaire?q=camille', null)).status, 401);
    });
  });

describe("the partnership tab's overview (issue 15 §2)", function () {
  this.timeout(60_000);
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
    const store = bot.app.store;
    const at = new Date().toISOString();
    const committee = (id: string, startsAt: string) => ({
      id,
      partnershipId: 'rhone',
      kind: 'COPIL' as const,
      startsAt: new Date(startsAt),
      place: 'DT OFII de Lyon, salle 2',
      placeKind: 'place' as const,
      agenda: 'Bilan',
      participants: ['dt-lyon', 'ml-villeurbanne'],
      status: 'planned' as const,
      sequence: 0,
      icsToken: `token-${id}`,
      createdBy: people.dtAdmin.aadObjectId,
      createdAt: at,
      updatedAt: at,
    });
    await store.committees.insert(committee('copil-next', '2099-02-18T08:30:00.000Z'), null);
    await store.committees.insert(committee('copil-last', '2020-02-18T08:30:00.000Z'), null);
    await store.minutes.save({
      committeeId: 'copil-last',
      partnershipId: 'rhone',
      kind: 'COPIL',
      startsAt: new Date('2020-02-18T08:30:00.000Z'),
      held: true,
      present: ['dt-lyon', 'ml-villeurbanne'],
      decisions: 'Immersions croisées au printemps',
      objectives: ['Deux immersions'],
      met: [],
      outcome: '',
      recordedBy: people.dtAdmin.aadObjectId,
      recordedAt: at,
      updatedBy: people.dtAdmin.aadObjectId,
      updatedAt: at,
      edits: 0,
    });
    await store.roadmaps.save({
      partnershipId: 'rhone',
      signatories: [{ structureId: 'dt-lyon', name: 'Directrice DT', fonction: 'Directrice' }],
      signedOn: '2021-03-15',
      signedPlace: 'Lyon',
      endDate: null,
      updatedBy: people.dtAdmin.aadObjectId,
      updatedAt: at,
    });
    await store.offers.insert(
      {
        id: 'offre-1',
        structureId: 'ml-villeurbanne',
        title: 'Garantie jeunes',
        audience: '16–25 ans',
        referral: 'Par mail',
        contact: 'accueil@ml.example.org',
        link: 'https://ml.example.org/offre',
        fileName: null,
        fileSize: null,
        createdBy: people.advisor.aadObjectId,
        createdAt: at,
        updatedBy: people.advisor.aadObjectId,
        updatedAt: at,
      },
      null,
      null,
    );
  });
  after(async () => {
    await bot.stop();
  });

  it('shows an admin the committees planned and held with their record, the roadmap, the offers and the bilan', async () => {
    const res = await tabGet(
      bot,
      '/api/tab/partenariats/rhone',
      await devToken(bot, people.dtAdmin),
    );
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const b = res.body;
    assert.deepEqual(b.partnership, { id: 'rhone', name: 'rhone' });
    assert.deepEqual(
      b.committees.planned.map((c: { id: string }) => c.id),
      ['copil-next'],
    );
    assert.equal(b.committees.planned[0].place, 'DT OFII de Lyon, salle 2');
    assert.equal(b.committees.held[0].minutes.decisions, 'Immersions croisées au printemps');
    assert.deepEqual(b.roadmap.signatories, [
      { structure: 'DT OFII de Lyon', name: 'Directrice DT', fonction: 'Directrice' },
    ]);
    assert.equal(b.roadmap.endDate, '2099-12-31');
    assert.deepEqual(
      b.offers.map((o: { title: string; structure: string }) => [o.title, o.structure]),
      [['Garantie jeunes', 'Mission Locale de Villeurbanne']],
    );
    assert.ok(b.bilan.sections.length > 0);
    for (const s of b.bilan.sections) assert.ok(s.title && Array.isArray(s.rows), s.id);
  });
});
