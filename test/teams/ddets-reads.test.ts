/**
 * What the DDETS reads (issue 14 §1, §6): the bilan, the committees' minutes, the shared figures
 * and the offers of its partnership — and still no person's data. Through /api/messages.
 */
import { strict as assert } from 'node:assert';
import { startTestBot, type TestBot } from '../helpers/app';
import { invoke } from '../helpers/committees';
import { DDETS_DIRECTORY, ddetsPeople } from '../helpers/ddets';
import { engines } from '../helpers/engines';
import { messageActivity, post } from '../helpers/teams';

for (const engine of engines())
  describe(`the DDETS reads the partnership's year, on ${engine.name}`, () => {
    let bot: TestBot;
    beforeEach(async () => {
      bot = await startTestBot({ engine, env: { DIRECTORY_FILE: DDETS_DIRECTORY } });
    });
    afterEach(async () => {
      await bot.stop();
    });

    const say = async (text: string) => {
      const before = bot.connector.recorded.length;
      const res = await post(bot.url, messageActivity(ddetsPeople.agent, bot.serviceUrl, text));
      assert.equal(res.status, 200);
      return JSON.stringify(bot.connector.recorded.slice(before).map((r) => r.activity));
    };

    it('gives a DDETS agent (not an admin) the bilan, the minutes, the figures and the offers', async () => {
      const bilan = await say('bilan');
      assert.match(bilan, /Bilan 20\d\d — /);
      assert.doesNotMatch(bilan, /réservé aux administrateurs/);
      const minutes = await invoke(bot, ddetsPeople.agent, 'comite.compteRendu.liste', {
        partnershipId: 'rhone',
      });
      assert.doesNotMatch(minutes.text, /introuvable|réservé|ne permet pas/);
      const figures = await invoke(bot, ddetsPeople.agent, 'chiffres.voir', {
        partnershipId: 'rhone',
      });
      assert.match(figures.text, /Chiffres partagés/);
      const offers = await say('offres');
      assert.doesNotMatch(offers, /introuvable|réservé|ne permet pas|pas accès/);
      // ... and still no request.
      assert.match(await say('suivi'), /n’a pas accès aux demandes ni aux données des personnes/);
    });
  });
