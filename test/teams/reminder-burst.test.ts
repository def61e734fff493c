import { strict as assert } from 'node:assert';
import { startTestBot, type TestBot } from '../helpers/app';
import { TestClock } from '../helpers/clock';
import { drainOutbox, invoke, planData } from '../helpers/committees';
import { engines } from '../helpers/engines';
import { people } from '../helpers/teams';
import { sqlOf } from '../helpers/sql';

const START = new Date('2027-01-11T08:00:00.000Z');
const CHANNELS = 50;
const THROTTLED = 20;
const channel = (i: number) => `19:partenariat-${i}@thread.tacv2`;

for (const engine of engines())
  describe(`a burst of committee reminders, on ${engine.name}`, () => {
    let bot: TestBot;
    afterEach(async () => {
      await bot.stop();
    });

    it('delivers 50 channels’ reminders due at once through a 429 burst: all of them, none twice, Retry-After honoured', async function () {
      // Fifty plannings and a burst: 3–7 s alone, over 60 s with a second suite on the same
      // PostgreSQL and the same two cores. It waits on the outbox, not on a margin.
      this.timeout(300_000);
      const clock = new TestClock(START);
      bot = await startTestBot({ engine, clock });
      const store = bot.app.store;
      const at = clock.now().toISOString();
      // 50 partnerships of the Lyon DT, each with its own channel (its admin plans for all of them).
      for (let i = 1; i <= CHANNELS; i++) {
        await store.directory.upsertPartnership(
          { id: `p${i}`, dtId: 'dt-lyon', name: `Partenariat ${i}`, mlIds: ['ml-villeurbanne'] },
          at,
        );
        await store.references.save(
          'conversation',
          channel(i),
          {
            serviceUrl: bot.serviceUrl,
            channelId: 'msteams',
            bot: { id: '28:passerelle-bot', name: 'Passerelle CIR' },
            conversation: { id: channel(i), conversationType: 'channel', isGroup: true },
          },
          at,
        );
        await sqlOf(store).run('UPDATE partnerships SET channel_conversation_id = ? WHERE id = ?', [
          channel(i),
          `p${i}`,
        ]);
        const { text } = await invoke(
          bot,
          people.dtAdmin,
          'comite.planifier',
          planData({ partnershipId: `p${i}`, kind: 'COTECH' }),
        );
        assert.match(text, /Comité planifié/);
      }
      await drainOutbox(bot, 15_000);

      for (let i = 0; i < THROTTLED; i++)
        bot.connector.failures.push({ status: 429, retryAfter: '1' });
      clock.set(new Date('2027-02-04T08:30:00.000Z'));
      await bot.app.scheduler.runDue();
      const done = (await store.jobs.list()).filter(
        (j) => j.kind === 'committee.reminder' && j.status === 'done',
      );
      assert.equal(done.length, CHANNELS, 'one job per channel, all due at once');
      await drainOutbox(bot, 20_000);

      const reminders = bot.connector.recorded.filter(
        (r) =>
          r.method === 'POST' && JSON.stringify(r.activity).includes('Rappel : Comité technique'),
      );
      for (let i = 1; i <= CHANNELS; i++) {
        assert.equal(
          reminders.filter((r) => r.conversationId === channel(i)).length,
          1,
          `channel ${i} reminded exactly once`,
        );
      }
      const throttled = bot.logs.filter(
        (l) => l.msg === 'outbox: send failed, will retry' && l.status === 429,
      );
      assert.equal(throttled.length, THROTTLED);
      // Measured from when the stand-in answered 429: whatever the machine's load, a retry that
      // honours Retry-After: 1 arrives at least a second later.
      const refusals = bot.connector.refused.filter((r) => r.status === 429);
      assert.equal(refusals.length, THROTTLED);
      for (const refusal of refusals) {
        const delivered = reminders.find((r) => r.conversationId === refusal.conversationId);
        assert.ok(delivered, 'a throttled reminder is delivered later');
        const waited = delivered.at - refusal.at;
        assert.ok(
          waited >= 1000,
          `Retry-After honoured for ${refusal.conversationId} (${waited} ms)`,
        );
      }
      const outbox = await store.listOutbox();
      assert.ok(outbox.every((r) => r.status === 'sent'));
    });
  });
