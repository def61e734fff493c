/**
 * Issue 14 §1: the DDETS as a structure of the partnership. Its people are invited to the
 * committees they take part in and read the partnership's records; they never see a person's
 * data or open requests. Through /api/messages, on both engines.
 */
import { strict as assert } from 'node:assert';
import { startTestBot, type TestBot } from '../helpers/app';
import { drainOutbox, invoke, meet, planData } from '../helpers/committees';
import { command, say } from '../helpers/directory';
import { engines } from '../helpers/engines';
import { sqlOf } from '../helpers/sql';
import { fileMessage, seedRequest } from '../helpers/tableau';
import { DDETS_DIRECTORY, ddetsPeople } from '../helpers/ddets';
import { people, personalChat } from '../helpers/teams';

const REFUSED = /n’a pas accès aux demandes ni aux données des personnes/;

for (const engine of engines()) {
  describe(`the DDETS in a partnership (${engine.name})`, () => {
    let bot: TestBot;
    beforeEach(async () => {
      bot = await startTestBot({ engine, env: { DIRECTORY_FILE: DDETS_DIRECTORY } });
    });
    afterEach(async () => {
      await bot.stop();
    });

    it('refuses a DDETS person the request form, the follow-up, the table and an import', async () => {
      const r = await seedRequest(bot.app.store, { nom: 'Nguyen', numeroCir: 'CIR-0042' });
      for (const p of [ddetsPeople.agent, ddetsPeople.coordinator]) {
        for (const text of ['demande', `suivi ${r.number}`, 'suivi CIR-0042', 'tableau']) {
          const answer = await command(bot, p, text);
          assert.match(answer.text, REFUSED, `${p.name}: ${text}`);
          assert.doesNotMatch(answer.text, /Nguyen/);
        }
        const drop = await say(
          bot,
          fileMessage(p, bot.serviceUrl, 'tableau.xlsx', `${bot.connector.url}/files/none.xlsx`),
        );
        assert.match(drop.text, REFUSED, `${p.name}: import`);
      }
      const logs = bot.logs.filter((l) => l.code === 'E_DDETS_NO_PERSONAL_DATA');
      assert.ok(logs.some((l) => l.action === 'command:demande'));
      assert.ok(logs.some((l) => l.action === 'command:tableau'));
      assert.ok(!JSON.stringify(logs).includes('Nguyen'), 'no personal data in the log');
    });

    it('refuses a form submitted by a DDETS person and stores nothing', async () => {
      const before = await sqlOf(bot.app.store).all('SELECT id FROM requests');
      const { text } = await invoke(bot, ddetsPeople.coordinator, 'demande.creer', {
        civilite: 'M.',
        nom: 'Nguyen',
        prenom: 'Minh',
        dateNaissance: '2005-03-01',
        numeroCir: 'CIR-2026/0042',
        dtId: 'dt-lyon',
        cardVersion: 1,
      });
      assert.match(text, REFUSED);
      assert.deepEqual(await sqlOf(bot.app.store).all('SELECT id FROM requests'), before);
    });

    it('gives a DDETS person the neutral card of a request, never its detail', async () => {
      const r = await seedRequest(bot.app.store, { nom: 'Nguyen', numeroCir: 'CIR-0043' });
      const { text } = await invoke(bot, ddetsPeople.coordinator, 'demande.voir', {
        requestId: r.id,
      });
      assert.match(text, new RegExp(r.number));
      assert.doesNotMatch(text, /Nguyen|CIR-0043/);
    });

    it('invites the DDETS to a committee it takes part in, and lists the committees for it', async () => {
      await meet(bot, ddetsPeople.agent);
      await meet(bot, ddetsPeople.coordinator);
      const { text } = await invoke(
        bot,
        people.dtAdmin,
        'comite.planifier',
        planData({ participants: 'dt-lyon,ml-villeurbanne,ddets-rhone' }),
      );
      assert.match(text, /Comité planifié et annoncé/);
      await drainOutbox(bot);
      for (const p of [ddetsPeople.agent, ddetsPeople.coordinator]) {
        const posts = bot.connector
          .sentTo(personalChat(p))
          .filter((x) => x.method === 'POST')
          .map((x) => JSON.stringify(x.activity));
        assert.ok(
          posts.some((x) => /Comité de pilotage/.test(x) && /DDETS du Rhône/.test(x)),
          `${p.name} got the announcement`,
        );
      }
      const list = await command(bot, ddetsPeople.agent, 'comite');
      assert.match(list.text, /Comité de pilotage/);
    });

    it('does not write to the DDETS about a committee it is not invited to', async () => {
      await meet(bot, ddetsPeople.agent);
      const { text } = await invoke(bot, people.dtAdmin, 'comite.planifier', planData());
      assert.match(text, /Comité planifié et annoncé/);
      await drainOutbox(bot);
      const posts = bot.connector
        .sentTo(personalChat(ddetsPeople.agent))
        .filter(
          (x) => x.method === 'POST' && /Comité de pilotage/.test(JSON.stringify(x.activity)),
        );
      assert.equal(posts.length, 0);
    });

    it('finds the DDETS by its kind in the directory search', async () => {
      const found = await command(bot, people.advisor, 'annuaire ddets');
      assert.match(found.text, /DDETS du Rhône/);
    });

    it('shows the DDETS in the admin overview and in the partnership card', async () => {
      const admin = await command(bot, ddetsPeople.coordinator, 'annuaire admin');
      assert.match(admin.text, /DDETS du Rhône/);
      const card = await invoke(bot, ddetsPeople.coordinator, 'annuaire.partenariat.ouvrir', {
        id: 'rhone',
      });
      assert.match(card.text, /"id":"ddetsId"/);
      assert.match(card.text, /"value":"ddets-rhone"/);
    });

    it('exports the DDETS, its people and the partnership’s ddetsId in the directory file', async () => {
      const { cards } = await command(bot, ddetsPeople.coordinator, 'annuaire export');
      const url = JSON.stringify(cards).match(/"url":"(http[^"]+\/annuaire\/export\/[^"]+)"/)?.[1];
      assert.ok(url, 'an export link');
      const res = await fetch(`${bot.url}${new URL(url).pathname}`);
      const file = (await res.json()) as Record<string, any>;
      assert.ok(file.structures.some((x: any) => x.id === 'ddets-rhone' && x.kind === 'DDETS'));
      assert.ok(file.correspondents.some((x: any) => x.structureId === 'ddets-rhone'));
      assert.equal(file.partnerships.find((x: any) => x.id === 'rhone').ddetsId, 'ddets-rhone');
    });
  });
}
