import { strict as assert } from 'node:assert';
import type { RequestRecord } from '../../src/domain/model';
import { startTestBot, type TestBot } from '../helpers/app';
import { TestClock } from '../helpers/clock';
import {
  bindChannel,
  CHANNEL,
  invoke,
  planCommittee,
  postsTo,
  runJobs,
} from '../helpers/committees';
import { engines } from '../helpers/engines';
import { messageActivity, people, post } from '../helpers/teams';
import { sqlOf } from '../helpers/sql';

// Monday 11 January 2027, 09:00 in Paris; committees are planned on 18/02/2027 at 09:30.
const START = new Date('2027-01-11T08:00:00.000Z');
const AFTER = new Date('2027-02-18T12:00:00.000Z');

/** A valid minutes submit of a comité de pilotage. */
function copilMinutes(committeeId: string, overrides: Record<string, unknown> = {}) {
  return {
    committeeId,
    cardVersion: 1,
    held: 'true',
    present: 'dt-lyon,ml-villeurbanne',
    decisions: 'Deux immersions croisées au printemps',
    objectives: 'Formation réciproque des équipes\nDeux immersions croisées',
    ...overrides,
  };
}

function request(id: string, createdAt: string, status: RequestRecord['status']): RequestRecord {
  return {
    id,
    number: `2027-${id.padStart(6, '0')}`,
    status,
    mlId: 'ml-villeurbanne',
    dtId: 'dt-lyon',
    partnershipId: 'rhone',
    createdBy: 'x',
    createdAt,
    updatedAt: createdAt,
    identity: null,
    answer: null,
    answeredBy: null,
    answeredByName: null,
    answeredAt: null,
    prescriptionML: null,
    prescribedAt: null,
  };
}

for (const engine of engines())
  describe(`committee minutes, on ${engine.name}`, () => {
    let bot: TestBot;
    let clock: TestClock;
    beforeEach(async () => {
      clock = new TestClock(START);
      bot = await startTestBot({ engine, clock });
      await bindChannel(bot);
      // The ML's advisor is made an admin of the partnership: the admins are then two people.
      await sqlOf(bot.app.store).run('UPDATE correspondents SET role = ? WHERE aad_object_id = ?', [
        'admin',
        people.advisor.aadObjectId,
      ]);
    });
    afterEach(async () => {
      await bot.stop();
    });

    const minutesRows = () =>
      sqlOf(bot.app.store).all<Record<string, unknown>>('SELECT * FROM committee_minutes');

    it('records a committee after its date, by its planner or an admin only; recording twice edits and keeps who and when', async () => {
      const id = await planCommittee(bot);
      const early = await invoke(bot, people.dtAdmin, 'comite.compteRendu.saisir', {
        committeeId: id,
      });
      assert.match(early.text, /n’a pas encore eu lieu/);
      const earlySave = await invoke(
        bot,
        people.dtAdmin,
        'comite.compteRendu.enregistrer',
        copilMinutes(id),
      );
      assert.match(earlySave.text, /n’a pas encore eu lieu/);
      assert.ok(
        bot.logs.some((l) => l.code === 'E_MINUTES_TOO_EARLY' && l.committeeId === id),
        'the operator reads an English line with the code',
      );

      clock.set(AFTER);
      const notPlanner = await invoke(bot, people.dt1, 'comite.compteRendu.enregistrer', {
        ...copilMinutes(id),
      });
      assert.match(notPlanner.text, /Seuls la personne qui a planifié ce comité/);
      const outsider = await invoke(bot, people.otherMl, 'comite.compteRendu.voir', {
        committeeId: id,
      });
      assert.match(outsider.text, /Comité introuvable dans vos partenariats/);
      // A partner who may not record still reads the committee: "to record", no button.
      const reader = await invoke(bot, people.dt1, 'comite.compteRendu.voir', { committeeId: id });
      assert.match(reader.text, /Compte rendu à saisir/);
      assert.ok(!reader.text.includes('comite.compteRendu.saisir'));

      const form = await invoke(bot, people.dtAdmin, 'comite.compteRendu.saisir', {
        committeeId: id,
      });
      assert.match(form.text, /"id":"held"/);
      assert.match(form.text, /"id":"objectives"/);
      assert.ok(!form.text.includes('"id":"outcome"'), 'a comité de pilotage records no outcome');
      assert.match(form.text, /Aucun objectif enregistré au comité de pilotage précédent/);
      assert.match(
        form.text,
        /"id":"present"[^}]*"value":"dt-lyon,ml-villeurbanne"/,
        'the invited structures are ticked to start with',
      );

      // Wrong input: one French message per field, typed values kept, nothing stored.
      const nine = Array.from({ length: 9 }, (_, i) => `Objectif ${i + 1}`).join('\n');
      const refused = await invoke(
        bot,
        people.dtAdmin,
        'comite.compteRendu.enregistrer',
        copilMinutes(id, { present: '', objectives: nine, decisions: 'Garder ce texte' }),
      );
      assert.match(refused.text, /Certains champs sont à corriger/);
      assert.match(refused.text, /Champ obligatoire/);
      assert.match(refused.text, /8 objectifs au maximum/);
      assert.match(refused.text, /Garder ce texte/);
      assert.match(refused.text, /Objectif 9/);
      const foreign = await invoke(
        bot,
        people.dtAdmin,
        'comite.compteRendu.enregistrer',
        copilMinutes(id, { outcome: 'x', nom: 'Dupont' }),
      );
      assert.match(foreign.text, /champs non autorisés par le DPO \(outcome, nom\)/);
      assert.equal((await minutesRows()).length, 0);
      assert.ok(bot.logs.some((l) => l.msg === 'committee minutes refused'));

      const saved = await invoke(
        bot,
        people.dtAdmin,
        'comite.compteRendu.enregistrer',
        copilMinutes(id),
      );
      assert.match(saved.text, /Compte rendu enregistré/);
      assert.match(saved.text, /Formation réciproque des équipes/);
      assert.match(saved.text, /Saisi par Admin DT le 18\/02\/2027 à 13:00/);
      // The proposal to plan the next one, about a year later.
      assert.match(saved.text, /Et le prochain comité de pilotage/);
      assert.match(saved.text, /18\/02\/2028 à 09:30/);
      assert.match(saved.text, /"verb":"comite.prochain"/);

      clock.set(new Date('2027-02-19T09:00:00.000Z'));
      const edited = await invoke(
        bot,
        people.advisor,
        'comite.compteRendu.enregistrer',
        copilMinutes(id, { decisions: 'Trois immersions croisées' }),
      );
      assert.match(edited.text, /Compte rendu modifié/);
      assert.match(edited.text, /Modifié 1 fois, en dernier par Léa Conseillère le 19\/02\/2027/);
      // Teams retries the invoke: nothing more is edited.
      await invoke(
        bot,
        people.advisor,
        'comite.compteRendu.enregistrer',
        copilMinutes(id, { decisions: 'Trois immersions croisées' }),
      );
      const [row] = await minutesRows();
      assert.equal(row.recorded_by, people.dtAdmin.aadObjectId);
      assert.equal(row.updated_by, people.advisor.aadObjectId);
      assert.equal(Number(row.edits), 1);
      assert.equal(row.decisions, 'Trois immersions croisées');
      assert.deepEqual(JSON.parse(String(row.objectives)), [
        'Formation réciproque des équipes',
        'Deux immersions croisées',
      ]);
    });

    it('records an immersion’s outcome, and a committee that was not held', async () => {
      const immersion = await planCommittee(bot, { kind: 'IMMERSION' });
      const visit = await planCommittee(bot, { kind: 'VISITE', time: '14:00' });
      clock.set(new Date('2027-02-18T16:00:00.000Z'));
      const form = await invoke(bot, people.dtAdmin, 'comite.compteRendu.saisir', {
        committeeId: immersion,
      });
      assert.match(form.text, /"id":"outcome"/);
      assert.ok(!form.text.includes('"id":"objectives"'));
      const missing = await invoke(bot, people.dtAdmin, 'comite.compteRendu.enregistrer', {
        committeeId: immersion,
        held: 'true',
        present: 'ml-villeurbanne',
        outcome: '',
      });
      assert.match(missing.text, /Champ obligatoire/);
      const ok = await invoke(bot, people.dtAdmin, 'comite.compteRendu.enregistrer', {
        committeeId: immersion,
        held: 'true',
        present: 'dt-lyon,ml-villeurbanne',
        outcome: 'Deux conseillères accueillies une journée à la DT',
      });
      assert.match(ok.text, /Deux conseillères accueillies/);
      assert.ok(!ok.text.includes('comite.prochain'), 'only a comité de pilotage proposes');
      const notHeld = await invoke(bot, people.dtAdmin, 'comite.compteRendu.enregistrer', {
        committeeId: visit,
        held: 'false',
        present: '',
        outcome: '',
      });
      assert.match(notHeld.text, /Non, le comité ne s’est pas tenu/);
      const list = await invoke(bot, people.dt1, 'comite.compteRendu.liste', {
        partnershipId: 'rhone',
      });
      assert.match(list.text, /compte rendu saisi/);
      assert.match(list.text, /ne s’est pas tenu/);
    });

    it('opens the next comité de pilotage with last year’s objectives and the year’s request counts, under five shown "< 5"', async () => {
      const first = await planCommittee(bot);
      clock.set(AFTER);
      await invoke(bot, people.dtAdmin, 'comite.compteRendu.enregistrer', copilMinutes(first));
      await bot.app.store.transaction(async (tx) => {
        for (let i = 1; i <= 6; i++)
          await tx.requests.insert(
            request(String(i), '2027-03-01T09:00:00.000Z', 'transmise'),
            null,
          );
        await tx.requests.insert(request('7', '2027-03-02T09:00:00.000Z', 'annulee'), null);
        await tx.requests.insert(request('8', '2027-03-03T09:00:00.000Z', 'annulee'), null);
      });
      clock.set(new Date('2027-06-01T08:00:00.000Z'));

      // The proposal's button: the planning form a year on, its agenda opening with the objectives.
      const next = await invoke(bot, people.dtAdmin, 'comite.prochain', { committeeId: first });
      assert.match(next.text, /"value":"2028-02-18"/);
      assert.match(
        next.text,
        /Objectifs fixés l’an dernier :\\n- Formation réciproque des équipes\\n- Deux immersions croisées\\n\\n1\. Bilan/,
      );
      const blank = await invoke(bot, people.dtAdmin, 'comite.nouveau', {
        partnershipId: 'rhone',
        kind: 'COPIL',
      });
      assert.match(blank.text, /Objectifs fixés l’an dernier :\\n- Formation réciproque/);
      const notAdmin = await invoke(bot, people.dt1, 'comite.prochain', { committeeId: first });
      assert.match(notAdmin.text, /Votre rôle dans l'annuaire ne permet pas cette action/);

      const second = await planCommittee(bot, { date: '2028-02-18' });
      await runJobs(bot);
      const [announce] = postsTo(bot, CHANNEL).filter((t) => t.includes('18/02/2028 à 09:30'));
      assert.ok(announce, 'the next comité de pilotage is announced');
      assert.match(announce, /Objectifs fixés au comité de pilotage précédent/);
      assert.match(announce, /• Formation réciproque des équipes/);
      assert.match(announce, /\{"title":"Transmise à la DT","value":"6"\}/);
      assert.match(announce, /\{"title":"Annulée","value":"< 5"\}/);
      assert.match(announce, /\{"title":"Clôturée","value":"< 5"\}/);

      // Its minutes tick last year's objectives; the next announcement marks them met.
      clock.set(new Date('2028-02-18T12:00:00.000Z'));
      const form = await invoke(bot, people.dtAdmin, 'comite.compteRendu.saisir', {
        committeeId: second,
      });
      assert.match(form.text, /"id":"met"/);
      assert.match(form.text, /\{"title":"Deux immersions croisées","value":"1"\}/);
      const badPick = await invoke(
        bot,
        people.dtAdmin,
        'comite.compteRendu.enregistrer',
        copilMinutes(second, { met: '7' }),
      );
      assert.match(badPick.text, /Choisissez une valeur de la liste/);
      await invoke(
        bot,
        people.dtAdmin,
        'comite.compteRendu.enregistrer',
        copilMinutes(second, { met: '1', objectives: 'Accueillir la DDETS' }),
      );
      const row = (await minutesRows()).find((r) => r.committee_id === second);
      assert.deepEqual(JSON.parse(String(row?.met)), ['Deux immersions croisées']);
      const third = await planCommittee(bot, { date: '2029-02-20' });
      await runJobs(bot);
      const [later] = postsTo(bot, CHANNEL).filter((t) => t.includes('20/02/2029'));
      assert.match(later, /• Accueillir la DDETS/);
      const view = await invoke(bot, people.dt1, 'comite.compteRendu.voir', {
        committeeId: second,
      });
      assert.match(view.text, /✔ Deux immersions croisées/);
      assert.ok(third);
    });

    it('offers the minutes and the shared figures from /comite to every member of the partnership', async () => {
      const before = bot.connector.recorded.length;
      await post(bot.url, messageActivity(people.dt1, bot.serviceUrl, 'comite'));
      const list = JSON.stringify(bot.connector.recorded.slice(before).map((r) => r.activity));
      assert.match(
        list,
        /"verb":"comite.compteRendu.liste","associatedInputs":"none","data":\{"partnershipId":"rhone"/,
      );
      assert.match(list, /"verb":"chiffres.voir"/);
    });
  });
