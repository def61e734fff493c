/**
 * Fiches de liaison in the tabs (issue 15 §1): listed beside the requests, decided through the
 * same service as the card.
 */
import { strict as assert } from 'node:assert';
import { startTestBot, type TestBot } from '../helpers/app';
import { engines } from '../helpers/engines';
import { cast, fiche, greetAll, LIAISON_DIRECTORY, submitFiche } from '../helpers/liaison';
import { devToken, tabGet, tabPost } from '../helpers/tab';
import { sqlOf } from '../helpers/sql';

for (const engine of engines())
  describe(`fiches de liaison in the tabs, on ${engine.name}`, function () {
    this.timeout(60_000);
    let bot: TestBot;
    before(async () => {
      bot = await startTestBot({ engine, env: { DIRECTORY_FILE: LIAISON_DIRECTORY } });
      await greetAll(bot);
    });
    after(async () => {
      await bot.stop();
    });

    const ficheIds = async (token: string) =>
      (await tabGet(bot, '/api/tab/demandes', token)).body.items
        .filter((i: { kind: string }) => i.kind === 'fiche')
        .map((i: { id: string; status: string }) => `${i.id} ${i.status}`);

    it('lists a fiche to its DT and its ML, lets the ML redirect and accept it as the card does', async () => {
      await submitFiche(bot, fiche());
      const [{ id }] = await sqlOf(bot.app.store).all<{ id: string }>('SELECT id FROM fiches');
      const bourg = await devToken(bot, cast.bourg);
      const auditor = await devToken(bot, cast.auditor);
      assert.deepEqual(await ficheIds(bourg), [`${id} proposee`]);
      assert.deepEqual(await ficheIds(auditor), [`${id} proposee`]);
      assert.deepEqual(await ficheIds(await devToken(bot, cast.lyon)), []);

      const detail = await tabGet(bot, `/api/tab/demandes/fiche/${id}`, bourg);
      assert.equal(detail.status, 200);
      assert.equal(detail.body.person.lastName, 'Nguyễn');
      assert.deepEqual(
        detail.body.actions.map((a: { id: string }) => a.id),
        ['accepter', 'rediriger', 'classer'],
      );
      const target = detail.body.actions[1].inputs[0];
      assert.ok(target.choices.some((c: { value: string }) => c.value === 'ml-lyon'));

      const redirected = await tabPost(
        bot,
        `/api/tab/demandes/fiche/${id}/actions/rediriger`,
        bourg,
        {
          values: { targetMlId: 'ml-lyon' },
        },
      );
      assert.equal(redirected.status, 200, JSON.stringify(redirected.body));
      assert.equal(redirected.body.status, 'redirigee');
      assert.equal(redirected.body.person, undefined, 'the ML it left no longer sees the person');
      assert.equal((await tabGet(bot, `/api/tab/demandes/fiche/${id}`, bourg)).status, 404);

      const lyon = await devToken(bot, cast.lyon);
      const accepted = await tabPost(bot, `/api/tab/demandes/fiche/${id}/actions/accepter`, lyon, {
        values: {},
      });
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      assert.equal(accepted.body.status, 'acceptee');
      assert.ok(accepted.body.fields.some((f: { id: string }) => f.id === 'request'));
      const list = (await tabGet(bot, '/api/tab/demandes', lyon)).body.items;
      assert.deepEqual(list.map((i: { kind: string }) => i.kind).sort(), ['demande', 'fiche']);
      const again = await tabPost(bot, `/api/tab/demandes/fiche/${id}/actions/classer`, lyon, {
        values: { reason: 'refus' },
      });
      assert.equal(again.status, 200, 'decided by the caller already: nothing changes');
      assert.match(again.body.message, /^Acceptée par Inès Conseillère Lyon/);
      const [{ status }] = await sqlOf(bot.app.store).all<{ status: string }>(
        'SELECT status FROM fiches WHERE id = ?',
        [id],
      );
      assert.equal(status, 'acceptee');
      const timeline = (await tabGet(bot, `/api/tab/demandes/fiche/${id}`, auditor)).body.timeline;
      assert.deepEqual(
        timeline.map((t: { label: string }) => t.label),
        [
          'Fiche de liaison transmise à la Mission Locale',
          'Fiche redirigée vers une autre Mission Locale',
          'Fiche acceptée : demande ouverte',
        ],
      );
      assert.match(timeline[2].by, /Inès Conseillère Lyon \(/);
    });

    it('tells a second advisor the fiche was decided by a colleague (409), changing nothing', async () => {
      await submitFiche(
        bot,
        fiche({ residence: '69', mlId: 'ml-villeurbanne', numeroCir: '0069 8888 1234' }),
      );
      const [{ id }] = await sqlOf(bot.app.store).all<{ id: string }>(
        "SELECT id FROM fiches WHERE ml_id = 'ml-villeurbanne'",
      );
      const first = await tabPost(
        bot,
        `/api/tab/demandes/fiche/${id}/actions/classer`,
        await devToken(bot, cast.advisor),
        { values: { reason: 'injoignable' } },
      );
      assert.equal(first.status, 200, JSON.stringify(first.body));
      const second = await tabPost(
        bot,
        `/api/tab/demandes/fiche/${id}/actions/accepter`,
        await devToken(bot, cast.advisor2),
        { values: {} },
      );
      assert.equal(second.status, 409);
      assert.match(second.body.error.message, /déjà été traitée.*Classée sans suite par Léa/);
      const missing = await tabPost(
        bot,
        `/api/tab/demandes/fiche/${id}/actions/classer`,
        await devToken(bot, cast.advisor2),
        { values: { reason: 'nope' } },
      );
      assert.equal(missing.status, 409, 'decided: the reason is not even read');
    });
  });
