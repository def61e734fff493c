/**
 * The fiche de liaison from a DT's request card (issue 13 §6: "/liaison, and a button on the DT's
 * cards"): the form opens in place of the card, and each form makes one fiche even though forms
 * opened from one card share its message.
 */
import { strict as assert } from 'node:assert';
import { birthDateForAge, startTestBot, type TestBot } from '../helpers/app';
import { engines } from '../helpers/engines';
import { sqlOf } from '../helpers/sql';
import { invokeActivity, messageActivity, people, post, type Persona } from '../helpers/teams';

for (const engine of engines())
  describe(`a fiche de liaison from the DT's request card, on ${engine.name}`, () => {
    let bot: TestBot;
    let requestId: string;
    beforeEach(async () => {
      bot = await startTestBot({ engine });
      for (const p of [people.advisor, people.dt1])
        await post(bot.url, messageActivity(p, bot.serviceUrl, 'aide'));
      await act(
        people.advisor,
        'demande.creer',
        {
          civilite: 'M.',
          nom: 'Kaya',
          prenom: 'Emre',
          dateNaissance: birthDateForAge(20),
          numeroCir: 'CARD1234',
          dtId: 'dt-lyon',
        },
        'form-1',
      );
      [{ id: requestId }] = await sqlOf(bot.app.store).all<{ id: string }>(
        'SELECT id FROM requests',
      );
    });
    afterEach(async () => {
      await bot.stop();
    });

    async function act(p: Persona, verb: string, data: Record<string, unknown>, replyTo = 'card') {
      const res = await post(
        bot.url,
        invokeActivity(p, bot.serviceUrl, verb, { cardVersion: 1, ...data }, replyTo),
      );
      assert.equal(res.status, 200);
      return JSON.stringify(res.body.value);
    }
    const fiches = async () =>
      Number(
        (
          await sqlOf(bot.app.store).all<{ n: number | string }>('SELECT COUNT(*) AS n FROM fiches')
        )[0].n,
      );

    it('offers the DT (never the ML) a fiche from the request card; one form makes one fiche', async () => {
      assert.match(
        await act(people.dt1, 'demande.voir', { requestId }),
        /"verb":"liaison.nouvelle"/,
      );
      assert.doesNotMatch(
        await act(people.advisor, 'demande.voir', { requestId }),
        /liaison.nouvelle/,
      );
      const form = await act(people.dt1, 'liaison.nouvelle', { requestId });
      assert.match(form, /"verb":"liaison.creer"/);
      const formId = /"formId":"([^"]+)"/.exec(form)?.[1];
      assert.ok(formId, 'the form carries its own id');
      const typed = {
        civilite: 'Mme',
        nom: 'Trần',
        prenom: 'Mai',
        dateNaissance: birthDateForAge(23),
        numeroCir: 'FICHE42',
        residence: '69100',
      };
      await act(people.dt1, 'liaison.creer', { ...typed, formId });
      await act(people.dt1, 'liaison.creer', { ...typed, formId }); // a double click
      assert.equal(await fiches(), 1);
      // A second form opened from the same card (same message) is a second fiche.
      const second = await act(people.dt1, 'liaison.nouvelle', { requestId });
      const secondId = /"formId":"([^"]+)"/.exec(second)?.[1];
      assert.notEqual(secondId, formId);
      await act(people.dt1, 'liaison.creer', { ...typed, numeroCir: 'FICHE43', formId: secondId });
      assert.equal(await fiches(), 2);
      // Only a DT correspondent records a fiche.
      assert.match(
        await act(people.advisor, 'liaison.nouvelle', { requestId }),
        /ne permet pas cette action/,
      );
    });
  });
