import { strict as assert } from 'node:assert';
import { birthDateForAge, startTestBot, type TestBot } from '../helpers/app';
import { engines } from '../helpers/engines';
import { cardOf, fileMessage, text } from '../helpers/tableau';
import { inPersonal, messageActivity, people, post } from '../helpers/teams';
import { handMadeTable, identityRow, nationalHeaders } from '../files/fixtures';
import { sqlOf } from '../helpers/sql';
import { act } from '../helpers/request-life';

for (const engine of engines())
  describe(`requests created by the table import, on ${engine.name}`, function () {
    this.timeout(60_000);
    let bot: TestBot;
    beforeEach(async () => {
      bot = await startTestBot({ engine });
      for (const p of [people.advisor, people.dt1])
        await post(bot.url, messageActivity(p, bot.serviceUrl, 'aide'));
    });
    afterEach(async () => {
      await bot.stop();
    });

    it('get the motif « information » (the table carries none), shown on their cards, and live like any request', async () => {
      const born = new Date(`${birthDateForAge(20)}T00:00:00Z`);
      const file = await handMadeTable(nationalHeaders(), [
        identityRow('Mme', 'Diallo', 'Awa', born, '0069 1111'),
      ]);
      bot.connector.files.set('tableau.xlsx', file);
      const before = bot.connector.recorded.length;
      const url = `${bot.serviceUrl}files/tableau.xlsx`;
      await post(
        bot.url,
        fileMessage(
          people.advisor,
          bot.serviceUrl,
          'tableau.xlsx',
          url,
          inPersonal(people.advisor),
        ),
      );
      const progress = bot.connector.recorded[before];
      await bot.connector.waitFor(
        () =>
          bot.connector.recorded.some(
            (r) =>
              r.method === 'PUT' &&
              r.activityId === progress.activityId &&
              /importée/.test(text(cardOf(r))),
          ),
        30_000,
      );
      const [row] = await sqlOf(bot.app.store).all<{ id: string; motif: string; version: number }>(
        'SELECT id, motif, version FROM requests',
      );
      assert.equal(row.motif, 'information');
      assert.equal(Number(row.version), 1);
      const detail = await act(bot, people.dt1, 'demande.voir', { requestId: row.id });
      assert.match(text(detail), /Bénéficier d’informations sur le parcours CIR/);
      const cancelled = await act(bot, people.advisor, 'demande.annuler', {
        requestId: row.id,
        cardVersion: 1,
        motifAnnulation: 'doublon',
      });
      assert.match(text(cancelled), /Demande annulée/);
    });
  });
