/** The router checks each verb's card data against its schema before the handler runs. */
import { strict as assert } from 'node:assert';
import { startTestBot, type TestBot } from '../helpers/app';
import { invokeActivity, people, post } from '../helpers/teams';

describe('card data checked by the verb table, through /api/messages', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
  });
  after(async () => {
    await bot.stop();
  });

  it('answers data that is not an object with a French message and an operator line, for every kind of verb', async () => {
    for (const verb of ['demande.voir', 'demande.creer', 'annuaire.page', 'tableau.motdepasse']) {
      for (const data of [[1, 2], 'texte', 42]) {
        const res = await post(
          bot.url,
          invokeActivity(people.advisor, bot.serviceUrl, verb, data as never, 'c-1'),
        );
        assert.equal(res.status, 200);
        assert.match(
          JSON.stringify(res.body.value),
          /Cette carte n'est plus lisible/,
          `${verb} ${JSON.stringify(data)}`,
        );
      }
    }
    assert.ok(bot.logs.some((l) => l.code === 'E_CARD_DATA_INVALID' && l.verb === 'annuaire.page'));
  });

  it('reads a page number sent as text, and a missing id as a card that is no longer valid', async () => {
    const page = await post(
      bot.url,
      invokeActivity(
        people.advisor,
        bot.serviceUrl,
        'annuaire.page',
        { q: 'camille', page: '1' },
        'c-2',
      ),
    );
    assert.match(JSON.stringify(page.body.value), /Camille Martin/);
    const stale = await post(
      bot.url,
      invokeActivity(people.advisor, bot.serviceUrl, 'demande.voir', {}, 'c-3'),
    );
    assert.equal(stale.status, 200);
    assert.doesNotMatch(JSON.stringify(stale.body.value), /erreur technique/i);
  });
});
