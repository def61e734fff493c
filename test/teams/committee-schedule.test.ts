import { strict as assert } from 'node:assert';
import { ConfigError, loadConfig } from '../../src/config';
import { startTestBot, type TestBot } from '../helpers/app';
import { TestClock } from '../helpers/clock';
import {
  bindChannel,
  CHANNEL,
  invoke,
  planCommittee,
  postsTo,
  reminderJobs,
  runJobs,
} from '../helpers/committees';
import { people } from '../helpers/teams';
import { sqlOf } from '../helpers/sql';

const START = new Date('2027-01-11T08:00:00.000Z');

describe('committee reminders across Europe/Paris daylight saving and offsets', () => {
  let bot: TestBot;
  let clock: TestClock;
  afterEach(async () => {
    await bot.stop();
  });

  async function start(env: Record<string, string> = {}) {
    clock = new TestClock(START);
    bot = await startTestBot({ clock, env });
    await bindChannel(bot);
  }

  it('keeps the committee’s local hour when a reminder falls on the other side of a clock change', async () => {
    await start();
    // Monday 29 March 2027 09:00: summer time began on Sunday the 28th at 02:00.
    const spring = await planCommittee(bot, { date: '2027-03-29', time: '09:00' });
    assert.deepEqual(await reminderJobs(bot, spring), [
      ['pending', '2027-03-15T08:00:00.000Z'], // 09:00 winter time (UTC+1)
      ['pending', '2027-03-28T07:00:00.000Z'], // 09:00 summer time (UTC+2), the day of the change
      ['pending', '2027-03-29T06:30:00.000Z'], // 08:30 summer time
    ]);
    // Tuesday 2 November 2027 09:00: winter time came back on Sunday 31 October.
    const autumn = await planCommittee(bot, { kind: 'COTECH', date: '2027-11-02', time: '09:00' });
    assert.deepEqual(await reminderJobs(bot, autumn), [
      ['pending', '2027-10-19T07:00:00.000Z'],
      ['pending', '2027-11-01T08:00:00.000Z'],
      ['pending', '2027-11-02T07:30:00.000Z'],
    ]);
    clock.set(new Date('2027-03-28T07:00:00.000Z'));
    await runJobs(bot);
    const posted = postsTo(bot, CHANNEL).filter((t) => t.includes('Rappel'));
    assert.equal(
      posted.length,
      1,
      'the 14-day reminder, overtaken, is not posted on top of the next one',
    );
    assert.match(posted[0], /Comité de pilotage annuel demain, le 29\/03\/2027 à 09:00/);
    assert.deepEqual(
      (await reminderJobs(bot, spring)).map(([s]) => s),
      ['done', 'done', 'pending'],
    );
    // The bot was down that morning: a reminder that would come after the start is dropped.
    clock.set(new Date('2027-03-29T07:05:00.000Z'));
    await runJobs(bot);
    assert.equal(postsTo(bot, CHANNEL).filter((t) => t.includes('Rappel')).length, 1);
    const [last] = await sqlOf(bot.app.store).all<{ outcome: string }>(
      "SELECT outcome FROM jobs WHERE due_at = '2027-03-29T06:30:00.000Z'",
    );
    assert.equal(last.outcome, 'skipped: committee already started');
  });

  it('reminds at the offsets of REMINDER_OFFSETS, and refuses a bad value by name at start-up', async () => {
    await start({ REMINDER_OFFSETS: '7d, 2h' });
    const form = await invoke(bot, people.dtAdmin, 'comite.nouveau', {
      partnershipId: 'rhone',
      kind: 'VISITE',
    });
    assert.match(form.text, /7 jours avant, 2 h avant/);
    const id = await planCommittee(bot, { kind: 'VISITE' });
    assert.deepEqual(await reminderJobs(bot, id), [
      ['pending', '2027-02-11T08:30:00.000Z'],
      ['pending', '2027-02-18T06:30:00.000Z'],
    ]);
    const env = {
      PASSERELLE_LOCAL: '1',
      REMINDER_OFFSETS: '14d,3x',
      REMINDER_WORKING_DAYS: 'cinq',
      ESCALATION_WORKING_DAYS: '0',
    };
    assert.throws(
      () => loadConfig(env),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        const text = err.problems.join('\n');
        assert.match(text, /REMINDER_OFFSETS: not an offset \(at "3x"\)/);
        assert.match(text, /REMINDER_WORKING_DAYS/);
        assert.match(text, /ESCALATION_WORKING_DAYS/);
        return true;
      },
    );
  });
});
