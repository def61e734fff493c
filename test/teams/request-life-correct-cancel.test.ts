import { strict as assert } from 'node:assert';
import { startTestBot, type TestBot } from '../helpers/app';
import { engines } from '../helpers/engines';
import {
  act,
  actionData,
  answer,
  events,
  figures,
  identity,
  inputValue,
  openRequest,
  people,
  refusedWith,
  stored,
  text,
} from '../helpers/request-life';
import { sqlOf } from '../helpers/sql';
import { messageActivity, personalChat, post } from '../helpers/teams';

/** The machine running the suite may be busy: outbox deliveries get time. */
const SLOW = 15_000;

for (const engine of engines())
  describe(`a request corrected or cancelled, through /api/messages, on ${engine.name}`, function () {
    this.timeout(60_000);
    let bot: TestBot;
    let requestId: string;
    beforeEach(async () => {
      bot = await startTestBot({ engine });
      requestId = await openRequest(bot);
    });
    afterEach(async () => {
      await bot.stop();
    });

    it('stores the motif, shows its label, and asks for it on the form', async () => {
      assert.equal((await stored(bot, requestId)).motif, 'information');
      const detail = await act(bot, people.dt1, 'demande.voir', { requestId });
      assert.match(text(detail), /Bénéficier d’informations sur le parcours CIR/);
      const before = bot.connector.recorded.length;
      await post(bot.url, messageActivity(people.advisor, bot.serviceUrl, '/demande cir'));
      const form = bot.connector.recorded.slice(before).map((r) => r.activity);
      assert.match(text(form), /"id":"motif"/);
      const bad = await act(bot, people.advisor, 'demande.creer', {
        ...identity({ motif: 'curiosite' }),
        dtId: 'dt-lyon',
      });
      assert.match(text(bad), /Choisissez une valeur de la liste/);
      assert.equal(await count(bot), 1, 'a wrong motif stores nothing');
    });

    it('lets the advisor correct a field before the answer: the DT card is refreshed, the event names the fields only', async () => {
      const form = await act(bot, people.advisor, 'demande.correction', { requestId });
      assert.equal(inputValue(form, 'nom'), 'Diallo');
      assert.equal(actionData(form, 'demande.corriger')?.cardVersion, 1);
      await bot.connector.waitFor(
        () => bot.connector.sentTo(personalChat(people.dt1)).length > 1,
        SLOW,
      );
      const dtPosts = bot.connector.recorded.length;

      const done = await act(bot, people.advisor, 'demande.corriger', {
        requestId,
        cardVersion: 1,
        ...identity({ nom: 'Dialo', numeroCir: 'cir-0069-9999', motif: 'ajustement' }),
      });
      assert.match(text(done), /Correction enregistrée/);
      assert.match(text(done), /Dialo/);
      const row = await stored(bot, requestId);
      assert.equal(row.nom, 'Dialo');
      assert.equal(row.numero_cir, 'CIR-0069-9999');
      assert.equal(row.motif, 'ajustement');
      assert.equal(Number(row.version), 2);
      const corrected = (await events(bot, requestId)).filter((e) => e.kind === 'corrected');
      assert.equal(corrected.length, 1);
      assert.equal(corrected[0].detail, 'fields: nom, numeroCir, motif');
      assert.equal(corrected[0].actor, people.advisor.aadObjectId);

      // The DT's posted card turns to the corrected request in place, neutrally.
      await bot.connector.waitFor(
        () =>
          bot.connector.recorded
            .slice(dtPosts)
            .some(
              (r) =>
                r.method === 'PUT' &&
                r.conversationId === personalChat(people.dt1) &&
                /corrigée/.test(text(r.activity)),
            ),
        SLOW,
      );
      for (const r of bot.connector.recorded)
        for (const secret of ['Diallo', 'Dialo', 'CIR-0069'])
          assert.ok(!text(r.activity).includes(secret), 'no identity in a stored message');

      // A double click changes nothing more.
      const again = await act(bot, people.advisor, 'demande.corriger', {
        requestId,
        cardVersion: 1,
        ...identity({ nom: 'Dialo', numeroCir: 'cir-0069-9999', motif: 'ajustement' }),
      });
      assert.doesNotMatch(text(again), /n’a pas été enregistrée/);
      assert.equal((await events(bot, requestId)).filter((e) => e.kind === 'corrected').length, 1);
    });

    it('keeps the DT correspondent’s typed answer when the request was corrected in between; one click sends it', async () => {
      await act(bot, people.advisor, 'demande.corriger', {
        requestId,
        cardVersion: 1,
        ...identity({ prenom: 'Aissatou' }),
      });
      const stale = await answer(bot, requestId, people.dt1, { heuresFL: '42' });
      assert.match(text(stale), /La Mission Locale \(Léa Conseillère\) a corrigé la demande le/);
      assert.match(text(stale), /Vos valeurs sont reprises/);
      assert.equal(inputValue(stale, 'heuresFL'), '42');
      assert.equal((await stored(bot, requestId)).status, 'transmise', 'nothing recorded');
      const v = actionData(stale, 'demande.repondre')?.cardVersion;
      assert.equal(v, 2);
      const done = await act(bot, people.dt1, 'demande.repondre', {
        requestId,
        cardVersion: v,
        ...figures({ heuresFL: '42' }),
      });
      assert.match(text(done), /Réponse de Camille Martin/);
      assert.equal(Number((await stored(bot, requestId)).heures_fl), 42);
    });

    it('refuses a correction that is wrong, from another structure, from the DT, or after the answer, and loses nothing', async () => {
      const wrong = await act(bot, people.advisor, 'demande.corriger', {
        requestId,
        cardVersion: 1,
        ...identity({ nom: 'D1allo' }),
      });
      assert.match(text(wrong), /Lettres, espaces/);
      assert.equal(inputValue(wrong, 'nom'), 'D1allo', 'the typed value is kept');
      const extra = await act(bot, people.advisor, 'demande.corriger', {
        requestId,
        cardVersion: 1,
        ...identity(),
        nationalite: 'X',
      });
      assert.match(text(extra), /champs non autorisés par le DPO \(nationalite\)/);
      for (const [p, code] of [
        [people.otherMl, 'E_NOT_OWN_ML'],
        [people.dt1, 'E_NOT_OWN_ML'],
        [people.stranger, 'E_NOT_IN_DIRECTORY'],
      ] as const) {
        const card = await act(bot, p, 'demande.corriger', {
          requestId,
          cardVersion: 1,
          ...identity({ nom: 'Autre' }),
        });
        assert.doesNotMatch(text(card), /Diallo/);
        assert.ok(refusedWith(bot, code), code);
      }
      await answer(bot, requestId);
      const late = await act(bot, people.advisor, 'demande.corriger', {
        requestId,
        cardVersion: 1,
        ...identity({ nom: 'Autre' }),
      });
      assert.match(text(late), /Déjà traitée par Camille Martin le/);
      const open = await act(bot, people.advisor, 'demande.correction', { requestId });
      assert.match(text(open), /ne peut plus être corrigée/);
      const row = await stored(bot, requestId);
      assert.equal(row.nom, 'Diallo');
      assert.equal((await events(bot, requestId)).filter((e) => e.kind === 'corrected').length, 0);
    });

    it('lets the advisor cancel before the answer: the DT is informed, reminders stop, a later answer changes nothing', async () => {
      const jobs = () =>
        sqlOf(bot.app.store).all<{ status: string }>('SELECT status FROM jobs WHERE subject = ?', [
          `request:${requestId}`,
        ]);
      assert.ok((await jobs()).length >= 2);
      assert.ok((await jobs()).every((j) => j.status === 'pending'));
      const early = await act(bot, people.dt1, 'demande.annulation', { requestId });
      assert.match(text(early), /ne peut pas être annulée/);
      assert.ok(refusedWith(bot, 'E_CANCEL_NOT_ALLOWED'));

      const form = await act(bot, people.advisor, 'demande.annulation', { requestId });
      const noReason = await act(bot, people.advisor, 'demande.annuler', {
        requestId,
        cardVersion: 1,
        motifAnnulation: 'lassitude',
      });
      assert.match(text(noReason), /Choisissez une valeur de la liste/);
      assert.equal((await stored(bot, requestId)).status, 'transmise');
      const done = await act(bot, people.advisor, 'demande.annuler', {
        requestId,
        ...actionData(form, 'demande.annuler'),
        motifAnnulation: 'erreur_saisie',
      });
      assert.match(text(done), /Demande annulée : l’autre structure en est informée/);
      assert.match(text(done), /Erreur de saisie/);
      const row = await stored(bot, requestId);
      assert.equal(row.status, 'annulee');
      assert.equal(row.cancel_reason, 'erreur_saisie');
      assert.ok((await jobs()).every((j) => j.status === 'cancelled'));
      const again = await act(bot, people.advisor, 'demande.annuler', {
        requestId,
        cardVersion: 1,
        motifAnnulation: 'erreur_saisie',
      });
      assert.doesNotMatch(text(again), /n’a pas été enregistrée/);
      assert.equal((await events(bot, requestId)).filter((e) => e.kind === 'cancelled').length, 1);

      await bot.connector.waitFor(
        () =>
          bot.connector
            .sentTo(personalChat(people.dt1))
            .some(
              (r) => r.method === 'POST' && /annulée par la Mission Locale/.test(text(r.activity)),
            ),
        SLOW,
      );
      for (const r of bot.connector.recorded)
        assert.ok(!/Diallo|Erreur de saisie/.test(text(r.activity)), 'neutral messages only');

      const late = await answer(bot, requestId, people.dt2);
      assert.match(text(late), /Demande annulée par Léa Conseillère le/);
      assert.equal((await stored(bot, requestId)).status, 'annulee');
      assert.equal((await stored(bot, requestId)).heures_fl, null);
    });

    it('after the answer, lets either side cancel with a reason and tells the other', async () => {
      await answer(bot, requestId);
      for (const p of [people.otherDt, people.otherMl]) {
        await act(bot, p, 'demande.annuler', {
          requestId,
          cardVersion: 2,
          motifAnnulation: 'doublon',
        });
      }
      assert.ok(refusedWith(bot, 'E_NOT_CONCERNED'));
      const admin = await act(bot, people.dtAdmin, 'demande.annuler', {
        requestId,
        cardVersion: 2,
        motifAnnulation: 'doublon',
      });
      assert.match(text(admin), /rôle/);
      assert.equal((await stored(bot, requestId)).status, 'completee');
      const done = await act(bot, people.dt2, 'demande.annuler', {
        requestId,
        cardVersion: 2,
        motifAnnulation: 'demenagement',
      });
      assert.match(text(done), /Déménagement/);
      await bot.connector.waitFor(
        () =>
          bot.connector
            .sentTo(personalChat(people.advisor))
            .some((r) => r.method === 'POST' && /annulée par la DT/.test(text(r.activity))),
        SLOW,
      );
      // Cancelled is final: the ML's stale cancel card says so.
      const late = await act(bot, people.advisor, 'demande.annuler', {
        requestId,
        cardVersion: 2,
        motifAnnulation: 'doublon',
      });
      assert.match(text(late), /Demande annulée par Karim Benali le/);
      assert.equal((await stored(bot, requestId)).cancel_reason, 'demenagement');
    });
  });

async function count(bot: TestBot): Promise<number> {
  const [row] = await sqlOf(bot.app.store).all<{ n: number | string }>(
    'SELECT COUNT(*) AS n FROM requests',
  );
  return Number(row.n);
}
