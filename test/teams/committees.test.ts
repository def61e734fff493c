import { strict as assert } from 'node:assert';
import { startTestBot, type TestBot } from '../helpers/app';
import { TestClock } from '../helpers/clock';
import {
  bindChannel,
  CHANNEL,
  invoke,
  planCommittee,
  planData,
  postsTo,
  reminderJobs,
  runJobs,
} from '../helpers/committees';
import { engines } from '../helpers/engines';
import { messageActivity, people, personalChat, post } from '../helpers/teams';
import { sqlOf } from '../helpers/sql';

// Monday 11 January 2027, 09:00 in Paris.
const START = new Date('2027-01-11T08:00:00.000Z');
const reminders = (bot: TestBot) => postsTo(bot, CHANNEL).filter((t) => t.includes('Rappel'));

/** The .ics link of a card, served by the bot under test. */
function icsPath(text: string): string {
  const m = /"url":"https?:\/\/[^/"]+(\/ics\/[^"]+)"/.exec(text);
  assert.ok(m, 'the card offers the invitation');
  return m[1];
}

for (const engine of engines())
  describe(`committees in the partnership channel, on ${engine.name}`, () => {
    let bot: TestBot;
    let clock: TestClock;
    beforeEach(async () => {
      clock = new TestClock(START);
      bot = await startTestBot({ engine, clock });
      await bindChannel(bot);
    });
    afterEach(async () => {
      await bot.stop();
    });

    it('lets an admin plan a comité de pilotage from /comite, announced once in the channel with its three reminders', async () => {
      const before = bot.connector.recorded.length;
      await post(bot.url, messageActivity(people.dtAdmin, bot.serviceUrl, '/comité'));
      const list = JSON.stringify(bot.connector.recorded.slice(before).map((r) => r.activity));
      assert.match(list, /Comités du partenariat/);
      assert.match(list, /comite\.nouveau/);

      const form = await invoke(bot, people.dtAdmin, 'comite.nouveau', {
        partnershipId: 'rhone',
        kind: 'COPIL',
      });
      assert.match(
        form.text,
        /Bilan de l’année passée du partenariat/,
        'the agenda comes from the roadmap',
      );
      assert.match(form.text, /"value":"dt-lyon,ml-villeurbanne"/, 'every structure is invited');
      assert.match(form.text, /14 jours avant, la veille, le jour même à 08 h 30/);

      const data = planData();
      const { text } = await invoke(bot, people.dtAdmin, 'comite.planifier', data);
      assert.match(text, /Comité planifié et annoncé/);
      assert.match(
        text,
        /Rappels prévus : 04\/02\/2027 à 09:30, 17\/02\/2027 à 09:30, 18\/02\/2027 à 08:30/,
      );
      const [{ id }] = await sqlOf(bot.app.store).all<{ id: string }>('SELECT id FROM committees');
      assert.deepEqual(await reminderJobs(bot, id), [
        ['pending', '2027-02-04T08:30:00.000Z'],
        ['pending', '2027-02-17T08:30:00.000Z'],
        ['pending', '2027-02-18T07:30:00.000Z'],
      ]);

      // Teams retries the invoke, or the admin clicks twice: one committee, one announcement.
      await invoke(bot, people.dtAdmin, 'comite.planifier', data);
      await runJobs(bot);
      assert.equal((await sqlOf(bot.app.store).all('SELECT id FROM committees')).length, 1);
      const announced = postsTo(bot, CHANNEL).filter((t) =>
        t.includes('Nouveau : Comité de pilotage annuel le 18/02/2027 à 09:30'),
      );
      assert.equal(announced.length, 1);

      const advisorList = await invoke(bot, people.advisor, 'comite.liste', {});
      assert.match(
        advisorList.text,
        /Comité de pilotage annuel — 18\/02\/2027 à 09:30/,
        'everyone of the partnership sees it',
      );
      assert.ok(
        !advisorList.text.includes('comite.nouveau') &&
          !advisorList.text.includes('comite.modifier'),
        'only admins get the buttons',
      );
    });

    it('reminds the channel at each offset exactly once, with the agenda, last year’s figures and the invitation', async () => {
      const id = await planCommittee(bot);
      clock.set(new Date('2027-02-04T08:30:00.000Z'));
      await runJobs(bot);
      await runJobs(bot);
      assert.equal(reminders(bot).length, 1);
      const first = reminders(bot)[0];
      assert.match(
        first,
        /Rappel : Comité de pilotage annuel dans 14 jours, le 18\/02\/2027 à 09:30/,
      );
      assert.match(first, /Listes de correspondants/, 'with the agenda');
      assert.match(
        first,
        /Chiffres du partenariat/,
        'the comité de pilotage gets the past year’s figures',
      );
      assert.match(first, /Délai médian de réponse/);
      assert.match(
        first,
        /comite\.correspondants/,
        'and the correspondent list for its third item',
      );
      // Any person of the partnership may ask (correspondents-list.test.ts follows the file).
      const outsider = await invoke(bot, people.otherMl, 'comite.correspondants', {
        partnershipId: 'rhone',
        committeeId: id,
      });
      assert.match(outsider.text, /Comité introuvable dans vos partenariats/);
      await post(bot.url, messageActivity(people.dtAdmin, bot.serviceUrl, 'aide'));
      const sent = await invoke(bot, people.dtAdmin, 'comite.correspondants', {
        partnershipId: 'rhone',
        committeeId: id,
      });
      assert.match(sent.text, /La liste des correspondants est en préparation/);

      const ics = await fetch(`${bot.url}${icsPath(first)}`);
      assert.equal(ics.status, 200);
      assert.match(ics.headers.get('content-type') ?? '', /^text\/calendar/);
      const body = await ics.text();
      assert.match(body, /BEGIN:VCALENDAR/);
      assert.match(body, /DTSTART:20270218T083000Z/);
      assert.match(body, /METHOD:PUBLISH/);
      const forged = await fetch(`${bot.url}/ics/${id}.ics?sig=guessed`);
      assert.equal(forged.status, 404, 'the invitation needs its link’s secret');

      clock.set(new Date('2027-02-17T08:30:00.000Z'));
      await runJobs(bot);
      clock.set(new Date('2027-02-18T07:30:00.000Z'));
      await runJobs(bot);
      await runJobs(bot);
      const texts = reminders(bot);
      assert.equal(texts.length, 3);
      assert.match(texts[1], /Comité de pilotage annuel demain/);
      assert.match(texts[2], /Comité de pilotage annuel aujourd’hui/);
      assert.deepEqual(
        (await reminderJobs(bot, id)).map(([s]) => s),
        ['done', 'done', 'done'],
      );
    });

    it('moves a committee: its pending reminders follow the new date and the channel is told', async () => {
      const id = await planCommittee(bot, { kind: 'COTECH' });
      clock.set(new Date('2027-02-04T08:31:00.000Z'));
      await runJobs(bot);
      assert.equal(reminders(bot).length, 1, 'the 14-day reminder went out');

      const form = await invoke(bot, people.dtAdmin, 'comite.modifier', { committeeId: id });
      assert.match(form.text, /"id":"date"[^}]*"value":"2027-02-18"/);
      const moved = await invoke(bot, people.dtAdmin, 'comite.enregistrer', {
        ...planData({ kind: 'COTECH' }),
        partnershipId: undefined,
        committeeId: id,
        date: '2027-03-04',
        time: '10:00',
      });
      assert.match(moved.text, /Comité déplacé/);
      assert.deepEqual(await reminderJobs(bot, id), [
        ['done', '2027-02-04T08:30:00.000Z'],
        ['cancelled', '2027-02-17T08:30:00.000Z'],
        ['cancelled', '2027-02-18T07:30:00.000Z'],
        ['pending', '2027-02-18T09:00:00.000Z'],
        ['pending', '2027-03-03T09:00:00.000Z'],
        ['pending', '2027-03-04T07:30:00.000Z'],
      ]);
      await runJobs(bot);
      assert.equal(
        postsTo(bot, CHANNEL).filter((t) =>
          t.includes('Nouvelle date : Comité technique le 04/03/2027 à 10:00'),
        ).length,
        1,
      );

      // The old dates pass silently; the new ones remind.
      clock.set(new Date('2027-02-17T08:30:00.000Z'));
      await runJobs(bot);
      assert.equal(reminders(bot).length, 1);
      for (const at of [
        '2027-02-18T09:00:00.000Z',
        '2027-03-03T09:00:00.000Z',
        '2027-03-04T07:30:00.000Z',
      ]) {
        clock.set(new Date(at));
        await runJobs(bot);
      }
      assert.equal(reminders(bot).length, 4);
      assert.ok(
        reminders(bot)
          .slice(1)
          .every((t) => t.includes('04/03/2027 à 10:00')),
      );

      // Changing only the place keeps the reminders as they are.
      clock.set(new Date('2027-03-04T07:45:00.000Z'));
      const before = await reminderJobs(bot, id);
      const save = {
        ...planData({ kind: 'COTECH' }),
        partnershipId: undefined,
        committeeId: id,
        date: '2027-03-04',
        time: '10:00',
        place: 'https://teams.microsoft.com/l/meetup-join/abc',
      };
      const edited = await invoke(bot, people.dtAdmin, 'comite.enregistrer', save);
      assert.match(edited.text, /Comité modifié/);
      await invoke(bot, people.dtAdmin, 'comite.enregistrer', save);
      assert.deepEqual(await reminderJobs(bot, id), before);
      await runJobs(bot);
      assert.equal(
        postsTo(bot, CHANNEL).filter((t) => t.includes('Modifié : Comité technique')).length,
        1,
        'a repeated save announces nothing more',
      );
      const outsider = await invoke(bot, people.otherDt, 'comite.enregistrer', save);
      assert.match(outsider.text, /Comité introuvable/, 'another partnership does not even see it');
    });

    it('cancels a committee: nothing more is reminded, the channel is told once and the invitation cancels', async () => {
      const id = await planCommittee(bot);
      const confirm = await invoke(bot, people.dtAdmin, 'comite.annuler', { committeeId: id });
      assert.match(confirm.text, /Annuler ce comité \?/);
      assert.deepEqual(
        (await reminderJobs(bot, id)).map(([s]) => s),
        ['pending', 'pending', 'pending'],
        'nothing changes before the confirmation',
      );
      const done = await invoke(bot, people.dtAdmin, 'comite.annulerConfirme', { committeeId: id });
      assert.match(done.text, /Comité annulé/);
      await invoke(bot, people.dtAdmin, 'comite.annulerConfirme', { committeeId: id });
      assert.deepEqual(
        (await reminderJobs(bot, id)).map(([s]) => s),
        ['cancelled', 'cancelled', 'cancelled'],
      );
      for (const at of [
        '2027-02-04T08:30:00.000Z',
        '2027-02-17T08:30:00.000Z',
        '2027-02-18T07:30:00.000Z',
      ]) {
        clock.set(new Date(at));
        await runJobs(bot);
      }
      assert.equal(reminders(bot).length, 0);
      assert.equal(
        postsTo(bot, CHANNEL).filter((t) =>
          t.includes('Annulé : Comité de pilotage annuel du 18/02/2027 à 09:30'),
        ).length,
        1,
      );
      const body = await (await fetch(`${bot.url}${icsPath(done.text)}`)).text();
      assert.match(body, /METHOD:CANCEL/);
      assert.match(body, /STATUS:CANCELLED/);
      const edit = await invoke(bot, people.dtAdmin, 'comite.modifier', { committeeId: id });
      assert.match(edit.text, /Ce comité a été annulé/);
    });

    it('re-renders the form with the typed values and a French message for a past date, the DST gap, a missing field or a non-admin', async () => {
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ date: '2027-01-04' }, /Cette date est déjà passée/],
        [{ date: '2027-03-28', time: '02:30' }, /Cette heure n’existe pas ce jour-là/],
        [{ place: '' }, /Champ obligatoire/],
        [{ place: 'http://visio.example.org/x' }, /commence par https:\/\//],
      ];
      for (const [overrides, message] of cases) {
        const { text } = await invoke(
          bot,
          people.dtAdmin,
          'comite.planifier',
          planData({ agenda: 'Ordre du jour tapé à la main', ...overrides }),
        );
        assert.match(text, message);
        assert.match(text, /Certains champs sont à corriger/);
        assert.match(text, /Ordre du jour tapé à la main/, 'nothing typed is lost');
      }
      const refused = await invoke(
        bot,
        people.advisor,
        'comite.planifier',
        planData({ place: 'Salle tapée' }),
      );
      assert.match(refused.text, /Votre rôle dans l'annuaire ne permet pas cette action/);
      assert.match(refused.text, /Salle tapée/);
      const form = await invoke(bot, people.advisor, 'comite.nouveau', {
        partnershipId: 'rhone',
        kind: 'COPIL',
      });
      assert.match(form.text, /Votre rôle dans l'annuaire ne permet pas cette action/);
      const outsider = await invoke(bot, people.otherDt, 'comite.planifier', planData());
      assert.match(
        outsider.text,
        /ne permet pas cette action/,
        'an agent of another partnership cannot plan for this one',
      );
      assert.equal((await sqlOf(bot.app.store).all('SELECT id FROM committees')).length, 0);
      assert.equal(
        (
          await sqlOf(bot.app.store).all('SELECT id FROM jobs WHERE kind = ?', [
            'committee.reminder',
          ])
        ).length,
        0,
      );
    });

    it('tells the partnership admins once, in their personal chat, when no channel is bound', async () => {
      await sqlOf(bot.app.store).run('UPDATE partnerships SET channel_conversation_id = NULL');
      await post(bot.url, messageActivity(people.dtAdmin, bot.serviceUrl, 'aide'));
      const { text } = await invoke(bot, people.dtAdmin, 'comite.planifier', planData());
      assert.match(text, /Aucun canal de partenariat n’est lié/);
      await planCommittee(bot, { kind: 'COTECH', date: '2027-02-25' });
      for (const at of ['2027-02-04T08:30:00.000Z', '2027-02-11T08:30:00.000Z']) {
        clock.set(new Date(at));
        await runJobs(bot);
      }
      const notices = postsTo(bot, personalChat(people.dtAdmin)).filter((t) =>
        t.includes('aucun canal lié'),
      );
      assert.equal(notices.length, 1, 'once, not at every committee or reminder');
      assert.match(notices[0], /annuaire canal rhone/, 'with how to bind one');
      assert.match(
        notices[0],
        /Nouveau : Comité de pilotage annuel/,
        'and the message that could not be posted',
      );

      // Once a channel is bound, the next reminder goes there.
      await bindChannel(bot);
      clock.set(new Date('2027-02-17T08:30:00.000Z'));
      await runJobs(bot);
      assert.equal(reminders(bot).length, 1);
    });
  });
