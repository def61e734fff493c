import { strict as assert } from 'node:assert';
import { startTestBot, type TestBot } from '../helpers/app';
import { TestClock } from '../helpers/clock';
import {
  bindChannel,
  invoke,
  meet,
  planCommittee,
  planData,
  postsTo,
  runJobs,
} from '../helpers/committees';
import { engines } from '../helpers/engines';
import { people, personalChat } from '../helpers/teams';
import { sqlOf } from '../helpers/sql';

// Monday 11 January 2027, 09:00 in Paris; committees are planned on 18/02/2027.
const START = new Date('2027-01-11T08:00:00.000Z');

for (const engine of engines())
  describe(`the asks to record a committee, on ${engine.name}`, () => {
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
      await meet(bot, people.dtAdmin);
      await meet(bot, people.advisor);
    });
    afterEach(async () => {
      await bot.stop();
    });

    const asksJobs = async (committeeId: string) =>
      (await bot.app.store.jobs.list())
        .filter((j) => j.subject === `committee-minutes:${committeeId}`)
        .map((j) => [j.payload.stage, j.status, j.dueAt]);

    it('asks the planner the day after, then the admins a week later, each once, and nobody once recorded', async () => {
      const cotech = await planCommittee(bot, { kind: 'COTECH' });
      const visit = await planCommittee(bot, { kind: 'VISITE', time: '14:00' });
      const asks = (p: typeof people.dtAdmin, what: RegExp) =>
        postsTo(bot, personalChat(p)).filter((t) => what.test(t));

      clock.set(new Date('2027-02-18T20:00:00.000Z'));
      await runJobs(bot);
      assert.equal(asks(people.dtAdmin, /Compte rendu à saisir/).length, 0, 'not before a day');
      clock.set(new Date('2027-02-19T14:00:00.000Z'));
      await runJobs(bot);
      await runJobs(bot);
      assert.equal(asks(people.dtAdmin, /Compte rendu à saisir : Comité technique/).length, 1);
      assert.equal(asks(people.dtAdmin, /Compte rendu à saisir : Visite des locaux/).length, 1);
      assert.equal(asks(people.advisor, /Compte rendu/).length, 0, 'the planner only, first');
      assert.match(asks(people.dtAdmin, /Comité technique/)[0], /comite.compteRendu.saisir/);

      // The visit is recorded in between: its admins are not asked.
      await invoke(bot, people.dtAdmin, 'comite.compteRendu.enregistrer', {
        committeeId: visit,
        held: 'true',
        present: 'dt-lyon',
        outcome: 'Visite faite',
      });
      clock.set(new Date('2027-02-25T14:00:00.000Z'));
      await runJobs(bot);
      await runJobs(bot);
      for (const p of [people.dtAdmin, people.advisor]) {
        assert.equal(asks(p, /Compte rendu toujours attendu : Comité technique/).length, 1);
        assert.equal(asks(p, /toujours attendu : Visite/).length, 0);
      }
      const jobs = (await bot.app.store.jobs.list()).filter((j) =>
        j.subject?.startsWith('committee-minutes:'),
      );
      assert.deepEqual(
        jobs
          .filter((j) => j.subject === `committee-minutes:${visit}`)
          .map((j) => [j.payload.stage, j.status]),
        [
          ['planner', 'done'],
          ['admins', 'cancelled'],
        ],
      );
      assert.ok(
        jobs
          .filter((j) => j.subject === `committee-minutes:${cotech}`)
          .every((j) => j.status === 'done'),
      );
    });

    it('follows a moved committee, and asks nobody about a cancelled one', async () => {
      const moved = await planCommittee(bot, { kind: 'COTECH' });
      const cancelled = await planCommittee(bot, { kind: 'IMMERSION' });
      assert.deepEqual(await asksJobs(moved), [
        ['planner', 'pending', '2027-02-19T08:30:00.000Z'],
        ['admins', 'pending', '2027-02-25T08:30:00.000Z'],
      ]);
      await invoke(bot, people.dtAdmin, 'comite.enregistrer', {
        ...planData({ kind: 'COTECH' }),
        partnershipId: undefined,
        committeeId: moved,
        date: '2027-03-04',
        time: '10:00',
      });
      assert.deepEqual(await asksJobs(moved), [
        ['planner', 'cancelled', '2027-02-19T08:30:00.000Z'],
        ['admins', 'cancelled', '2027-02-25T08:30:00.000Z'],
        ['planner', 'pending', '2027-03-05T09:00:00.000Z'],
        ['admins', 'pending', '2027-03-11T09:00:00.000Z'],
      ]);
      await invoke(bot, people.dtAdmin, 'comite.annulerConfirme', { committeeId: cancelled });
      assert.ok((await asksJobs(cancelled)).every(([, status]) => status === 'cancelled'));

      clock.set(new Date('2027-02-20T09:00:00.000Z'));
      await runJobs(bot);
      assert.equal(
        postsTo(bot, personalChat(people.dtAdmin)).filter((t) => t.includes('Compte rendu')).length,
        0,
      );
      const early = await invoke(bot, people.dtAdmin, 'comite.compteRendu.saisir', {
        committeeId: moved,
      });
      assert.match(early.text, /n’a pas encore eu lieu/);
      const gone = await invoke(bot, people.dtAdmin, 'comite.compteRendu.saisir', {
        committeeId: cancelled,
      });
      assert.match(gone.text, /Ce comité a été annulé/);
      clock.set(new Date('2027-03-05T09:30:00.000Z'));
      await runJobs(bot);
      assert.equal(
        postsTo(bot, personalChat(people.dtAdmin)).filter((t) =>
          t.includes('Compte rendu à saisir : Comité technique — 04/03/2027 à 10:00'),
        ).length,
        1,
      );
    });
  });
