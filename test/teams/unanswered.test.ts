import { strict as assert } from 'node:assert';
import type { RequestRecord } from '../../src/domain/model';
import { scheduleUnanswered } from '../../src/domain/request-reminders';
import { birthDateForAge, startTestBot, type TestBot } from '../helpers/app';
import { TestClock } from '../helpers/clock';
import { drainOutbox, invoke, meet, postsTo, runJobs } from '../helpers/committees';
import { engines } from '../helpers/engines';
import { invokeActivity, messageActivity, people, personalChat, post } from '../helpers/teams';
import { sqlOf } from '../helpers/sql';

// Monday 11 January 2027, 09:00 in Paris.
const START = new Date('2027-01-11T08:00:00.000Z');
const DAY = 86_400_000;

async function createRequest(bot: TestBot): Promise<RequestRecord> {
  await post(
    bot.url,
    invokeActivity(
      people.advisor,
      bot.serviceUrl,
      'demande.creer',
      {
        civilite: 'Mme',
        nom: 'Haddad',
        prenom: 'Rania',
        dateNaissance: birthDateForAge(24),
        numeroCir: '123456789',
        dtId: 'dt-lyon',
        cardVersion: 1,
      },
      'form-1',
    ),
  );
  const [{ id }] = await sqlOf(bot.app.store).all<{ id: string }>('SELECT id FROM requests');
  return (await bot.app.store.requests.get(id))!;
}

const INBOX = '19:dt-lyon-inbox@thread.tacv2';
const reminded = (bot: TestBot, conversationId = INBOX) =>
  postsTo(bot, conversationId).filter((t) => t.includes('sans réponse'));

for (const engine of engines())
  describe(`unanswered requests, on ${engine.name}`, () => {
    let bot: TestBot;
    let clock: TestClock;
    beforeEach(async () => {
      clock = new TestClock(START);
      bot = await startTestBot({ engine, clock });
      for (const p of [people.advisor, people.dt1, people.dt2, people.dtAdmin]) await meet(bot, p);
      // The DT's inbox is a channel of its own (issue 3 binds it with a command; same column).
      await post(
        bot.url,
        messageActivity(people.dt1, bot.serviceUrl, 'aide', {
          conversationId: INBOX,
          conversationType: 'channel',
        }),
      );
      await bot.app.store.directory.setStructureInbox('dt-lyon', INBOX);
    });
    afterEach(async () => {
      await bot.stop();
    });

    it('reminds the DT inbox once after 5 working days, then escalates to the DT admins, and shows the advisor the delay', async () => {
      const r = await createRequest(bot);
      const sentAt = Date.parse(r.createdAt);
      const jobs = (await bot.app.store.jobs.list()).filter((j) => j.kind === 'request.unanswered');
      // Monday + 5 working days = next Monday; then 5 more = the Monday after, same time of day.
      assert.deepEqual(
        jobs.map((j) => [j.payload.stage, Date.parse(j.dueAt) - sentAt]),
        [
          ['reminder', 7 * DAY],
          ['escalation', 14 * DAY],
        ],
      );

      const card = await invoke(bot, people.advisor, 'demande.voir', { requestId: r.id });
      assert.match(
        card.text,
        /En attente depuis 0 jour ouvré — relance de la DT prévue le 18\/01\/2027 à 09:00/,
      );

      clock.set(new Date(sentAt + 7 * DAY - 1_000));
      await runJobs(bot);
      assert.equal(reminded(bot).length, 0, 'not a second early');
      clock.set(new Date(sentAt + 7 * DAY));
      await runJobs(bot);
      await runJobs(bot);
      const texts = reminded(bot);
      assert.equal(texts.length, 1, 'the inbox is reminded once');
      assert.match(texts[0], /Demande sans réponse depuis 5 jours ouvrés/);
      assert.ok(
        !texts[0].includes('Haddad') && !texts[0].includes('123456789'),
        'the reminder is a neutral card',
      );
      assert.match(texts[0], /demande\.voir/, 'the correspondent answers from it');
      assert.equal(
        postsTo(bot, personalChat(people.dtAdmin)).filter((t) => t.includes('sans réponse')).length,
        0,
      );
      assert.match(
        (await invoke(bot, people.advisor, 'demande.voir', { requestId: r.id })).text,
        /En attente depuis 5 jours ouvrés — la DT a été relancée/,
      );

      clock.set(new Date(sentAt + 14 * DAY));
      await runJobs(bot);
      await runJobs(bot);
      const escalated = postsTo(bot, personalChat(people.dtAdmin)).filter((t) =>
        t.includes('toujours sans réponse'),
      );
      assert.equal(escalated.length, 1);
      assert.match(escalated[0], /après 10 jours ouvrés/);
      assert.equal(reminded(bot).length, 1, 'the inbox is not reminded again');
      assert.deepEqual(
        (await bot.app.store.requests.listEvents(r.id)).map((e) => e.kind),
        ['created', 'reminded', 'escalated'],
      );
    });

    it('reminds nobody once the DT has answered, and shows the advisor how long the answer took', async () => {
      const r = await createRequest(bot);
      clock.set(new Date(Date.parse(r.createdAt) + 2 * DAY));
      await invoke(bot, people.dt1, 'demande.repondre', {
        requestId: r.id,
        positionnementLinguistique: 'INF_A2',
        prescriptionInitiale: 'FL_600',
        heuresFL: '120',
        journeesFC: '2',
        cardVersion: 1,
      });
      clock.set(new Date(Date.parse(r.createdAt) + 15 * DAY));
      await runJobs(bot);
      await drainOutbox(bot);
      assert.equal(
        bot.connector.recorded.filter((r) => JSON.stringify(r.activity).includes('sans réponse'))
          .length,
        0,
      );
      const outcomes = (await bot.app.store.jobs.list())
        .filter((j) => j.kind === 'request.unanswered')
        .map((j) => j.outcome);
      assert.deepEqual(outcomes, ['skipped: request completee', 'skipped: request completee']);
      assert.match(
        (await invoke(bot, people.advisor, 'demande.voir', { requestId: r.id })).text,
        /Réponse en 2 jours ouvrés/,
      );
    });

    it('counts working days with the holidays of the DT’s département: Good Friday in Moselle, not in the Rhône', async () => {
      const store = bot.app.store;
      const at = new Date().toISOString();
      await store.directory.upsertStructure(
        {
          id: 'dt-metz',
          kind: 'DT',
          name: 'DT OFII de Metz',
          departements: ['57', '54'],
          tenantId: null,
        },
        at,
      );
      // Thursday 25 March 2027, 10:00 in Paris; Good Friday is the 26th, Easter Monday the 29th.
      const createdAt = '2027-03-25T09:00:00.000Z';
      const base = {
        number: 'x',
        status: 'transmise' as const,
        mlId: 'ml-villeurbanne',
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
      const policy = { workingDays: 5, escalationWorkingDays: 5 };
      await store.transaction(async (tx) => {
        await scheduleUnanswered(
          tx.jobs,
          { ...base, id: 'metz', dtId: 'dt-metz' },
          '57',
          policy,
          new Date(createdAt),
        );
        await scheduleUnanswered(
          tx.jobs,
          { ...base, id: 'lyon', dtId: 'dt-lyon' },
          '69',
          policy,
          new Date(createdAt),
        );
      });
      const due = (id: string) =>
        store.jobs
          .list()
          .then((jobs) => jobs.filter((j) => j.subject === `request:${id}`).map((j) => j.dueAt));
      // Moselle: 30, 31 March, 1, 2, 5 April (26 March and Easter Monday off); Rhône: 26, 30, 31
      // March, 1, 2 April.
      assert.deepEqual((await due('metz'))[0], '2027-04-05T08:00:00.000Z');
      assert.deepEqual((await due('lyon'))[0], '2027-04-02T08:00:00.000Z');
    });
  });
