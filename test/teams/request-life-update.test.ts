import { strict as assert } from 'node:assert';
import { startTestBot, type TestBot } from '../helpers/app';
import { engines } from '../helpers/engines';
import {
  act,
  actionData,
  answer,
  events,
  figures,
  inputValue,
  openRequest,
  people,
  refusedWith,
  stored,
  text,
} from '../helpers/request-life';
import { sqlOf } from '../helpers/sql';
import { personalChat } from '../helpers/teams';

/** The machine running the suite may be busy: outbox deliveries get time. */
const SLOW = 15_000;

for (const engine of engines())
  describe(`the DT's answer over time, through /api/messages, on ${engine.name}`, function () {
    this.timeout(60_000);
    let bot: TestBot;
    let requestId: string;
    beforeEach(async () => {
      bot = await startTestBot({ engine });
      requestId = await openRequest(bot);
      await answer(bot, requestId);
    });
    afterEach(async () => {
      await bot.stop();
    });

    const versions = () =>
      sqlOf(bot.app.store).all<{ heures_fl: number; actor_name: string }>(
        'SELECT heures_fl, actor_name FROM request_answer_versions WHERE request_id = ? ORDER BY id',
        [requestId],
      );

    it('lets a correspondent update the figures: a new version, the ML told neutrally, the table and the card show the latest', async () => {
      const form = await act(bot, people.dt2, 'demande.miseAJour', { requestId });
      assert.equal(inputValue(form, 'heuresFL'), '120', 'pre-filled with the latest version');
      const done = await act(bot, people.dt2, 'demande.mettreAJour', {
        requestId,
        ...actionData(form, 'demande.mettreAJour'),
        ...figures({ heuresFL: '240', journeesFC: '3' }),
      });
      assert.match(text(done), /Mise à jour enregistrée/);
      assert.match(text(done), /Mis à jour.*par Karim Benali/);
      const rows = await versions();
      assert.deepEqual(
        rows.map((v) => [Number(v.heures_fl), v.actor_name]),
        [
          [120, 'Camille Martin'],
          [240, 'Karim Benali'],
        ],
      );
      const ev = (await events(bot, requestId)).filter((e) => e.kind === 'updated');
      assert.deepEqual(
        ev.map((e) => e.detail),
        ['fields: heuresFL, journeesFC'],
      );

      await bot.connector.waitFor(
        () =>
          bot.connector
            .sentTo(personalChat(people.advisor))
            .some((r) => r.method === 'POST' && /Chiffres mis à jour/.test(text(r.activity))),
        SLOW,
      );
      for (const r of bot.connector.recorded)
        // The figure as a text value ("240…"), not three digits inside an id or a port.
        assert.ok(!/Diallo|"240\b/.test(text(r.activity)), 'neutral messages only');

      const exported = await bot.app.store.tableFiles.exportRows(
        { id: 'ml-villeurbanne', kind: 'ML' },
        '2000-01-01',
        '2100-01-01',
      );
      assert.equal(exported[0].heuresFL, 240);
      assert.equal(exported[0].journeesFC, 3);

      // The history, on demand, for the two structures only.
      for (const p of [people.advisor, people.dt1]) {
        const detail = await act(bot, p, 'demande.voir', { requestId });
        assert.ok(actionData(detail, 'demande.historique'), 'the history button');
        const history = text(await act(bot, p, 'demande.historique', { requestId }));
        assert.match(history, /Réponse initiale.*Camille Martin/);
        assert.match(history, /Version 2.*Karim Benali/);
        assert.match(history, /"240"/);
      }
      for (const p of [people.otherDt, people.otherMl, people.stranger]) {
        const refused = text(await act(bot, p, 'demande.historique', { requestId }));
        assert.doesNotMatch(refused, /240|Karim/);
      }
      assert.ok(refusedWith(bot, 'E_NOT_CONCERNED'));
    });

    it('answers a stale update with who updated and when, keeping the typed values for one click', async () => {
      const form1 = await act(bot, people.dt1, 'demande.miseAJour', { requestId });
      const form2 = await act(bot, people.dt2, 'demande.miseAJour', { requestId });
      await act(bot, people.dt2, 'demande.mettreAJour', {
        requestId,
        ...actionData(form2, 'demande.mettreAJour'),
        ...figures({ heuresFL: '200' }),
      });
      const stale = await act(bot, people.dt1, 'demande.mettreAJour', {
        requestId,
        ...actionData(form1, 'demande.mettreAJour'),
        ...figures({ heuresFL: '300' }),
      });
      assert.match(text(stale), /Chiffres mis à jour par Karim Benali le/);
      assert.equal(inputValue(stale, 'heuresFL'), '300');
      assert.equal(Number((await stored(bot, requestId)).heures_fl), 200, 'nothing recorded');
      assert.ok(
        bot.logs.some((l) => l.code === 'STALE_CARD' && l.action === 'demande.mettreAJour'),
        'the operator sees the stale submit',
      );
      const resend = actionData(stale, 'demande.mettreAJour');
      assert.equal(resend?.cardVersion, 3);
      await act(bot, people.dt1, 'demande.mettreAJour', {
        requestId,
        ...resend,
        ...figures({ heuresFL: '300' }),
      });
      assert.equal(Number((await stored(bot, requestId)).heures_fl), 300);
      // A double click of that same submit records nothing more.
      const twice = await act(bot, people.dt1, 'demande.mettreAJour', {
        requestId,
        ...resend,
        ...figures({ heuresFL: '300' }),
      });
      assert.doesNotMatch(text(twice), /n’a pas été enregistrée/);
      assert.equal((await versions()).length, 3);
    });

    it('turns a second correspondent’s answer into an update form with their values, one click away', async () => {
      // The first correspondent's double click stays silent.
      const again = await answer(bot, requestId, people.dt1);
      assert.doesNotMatch(text(again), /n’a pas été enregistrée/);
      const second = await answer(bot, requestId, people.dt2, { heuresFL: '150' });
      assert.match(text(second), /Déjà traitée par Camille Martin le/);
      assert.equal(inputValue(second, 'heuresFL'), '150');
      assert.equal(Number((await stored(bot, requestId)).heures_fl), 120);
      await act(bot, people.dt2, 'demande.mettreAJour', {
        requestId,
        ...actionData(second, 'demande.mettreAJour'),
        ...figures({ heuresFL: '150' }),
      });
      assert.equal(Number((await stored(bot, requestId)).heures_fl), 150);
      // Their old answer card, clicked again after that update, is stale too: it says so.
      const late = await answer(bot, requestId, people.dt1);
      assert.match(text(late), /Chiffres mis à jour par Karim Benali le/);
      assert.equal(Number((await stored(bot, requestId)).heures_fl), 150);
      assert.equal((await versions()).length, 2);
    });

    it('refuses an update from outside the routed DT, from the ML, from a non-correspondent, before the answer, or with wrong values', async () => {
      for (const [p, code] of [
        [people.otherDt, 'E_NOT_ROUTED_DT'],
        [people.advisor, 'E_NOT_ROUTED_DT'],
        [people.dtAdmin, 'E_ROLE_FORBIDDEN'],
        [people.stranger, 'E_NOT_IN_DIRECTORY'],
      ] as const) {
        const card = await act(bot, p, 'demande.mettreAJour', {
          requestId,
          cardVersion: 2,
          ...figures({ heuresFL: '500' }),
        });
        assert.doesNotMatch(text(card), /Diallo/);
        assert.ok(refusedWith(bot, code), code);
      }
      const wrong = await act(bot, people.dt1, 'demande.mettreAJour', {
        requestId,
        cardVersion: 2,
        ...figures({ heuresFL: '999' }),
        commentaire: 'x',
      });
      assert.match(text(wrong), /champs non autorisés par le DPO \(commentaire\)/);
      const range = await act(bot, people.dt1, 'demande.mettreAJour', {
        requestId,
        cardVersion: 2,
        ...figures({ heuresFL: '999' }),
      });
      assert.match(text(range), /hors des limites/);
      assert.equal(inputValue(range, 'heuresFL'), '999');
      const other = await openRequest(bot, { numeroCir: 'CIR-2' });
      const early = await act(bot, people.dt1, 'demande.miseAJour', { requestId: other });
      assert.match(text(early), /Seule une demande à laquelle la DT a répondu/);
      assert.equal(Number((await stored(bot, requestId)).heures_fl), 120);
      assert.equal((await versions()).length, 1);
    });
  });
