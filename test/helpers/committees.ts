/** Builders for the committee tests: a bound partnership channel, the planning card's submits. */
import { strict as assert } from 'node:assert';
import type { JobRow } from '../../src/domain/records';
import type { TestBot } from './app';
import { invokeActivity, messageActivity, people, post, type Persona, type Where } from './teams';
import { sqlOf } from './sql';

export const CHANNEL = '19:rhone-partenariat@thread.tacv2';
export const inChannel: Where = { conversationId: CHANNEL, conversationType: 'channel' };

/** The bot meets the channel (someone writes there), then the channel is bound to `rhone`. */
export async function bindChannel(
  bot: TestBot,
  conversationId = CHANNEL,
  partnershipId = 'rhone',
): Promise<void> {
  await post(
    bot.url,
    messageActivity(people.dtAdmin, bot.serviceUrl, 'aide', {
      conversationId,
      conversationType: 'channel',
    }),
  );
  // Issue 3's binding command writes the same column; the tests do not depend on its wording.
  await sqlOf(bot.app.store).run(
    'UPDATE partnerships SET channel_conversation_id = ? WHERE id = ?',
    [conversationId, partnershipId],
  );
}

/** The bot knows `p`'s personal chat once `p` has written to it. */
export async function meet(bot: TestBot, p: Persona): Promise<void> {
  await post(bot.url, messageActivity(p, bot.serviceUrl, 'aide'));
}

/** Posts an Action.Execute and returns the card that answers it, as JSON text and object. */
export async function invoke(
  bot: TestBot,
  p: Persona,
  verb: string,
  data: Record<string, unknown>,
): Promise<{ text: string; card: Record<string, unknown> }> {
  const res = await post(bot.url, invokeActivity(p, bot.serviceUrl, verb, data, 'card-1'));
  assert.equal(res.status, 200);
  return { text: JSON.stringify(res.body.value), card: res.body.value as Record<string, unknown> };
}

/** A complete, valid planning card submit. */
export function planData(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    partnershipId: 'rhone',
    formId: `form-${Math.random().toString(36).slice(2)}`,
    cardVersion: 1,
    kind: 'COPIL',
    date: '2027-02-18',
    time: '09:30',
    place: 'DT OFII de Lyon, salle 2',
    agenda: '1. Bilan de l’année passée\n2. Objectifs\n3. Listes de correspondants',
    participants: 'dt-lyon,ml-villeurbanne',
    ...overrides,
  };
}

/** Plans a committee as the DT admin; returns its id. */
export async function planCommittee(
  bot: TestBot,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const before = await sqlOf(bot.app.store).all<{ id: string }>('SELECT id FROM committees');
  const { text } = await invoke(bot, people.dtAdmin, 'comite.planifier', planData(overrides));
  assert.match(text, /Comité planifié et annoncé/);
  const after = await sqlOf(bot.app.store).all<{ id: string }>('SELECT id FROM committees');
  const created = after.find((r) => !before.some((b) => b.id === r.id));
  assert.ok(created, 'a committee was stored');
  return created.id;
}

/** The committee reminder jobs of a committee, as [status, due instant]. */
export async function reminderJobs(bot: TestBot, committeeId: string): Promise<[string, string][]> {
  const jobs: JobRow[] = await bot.app.store.jobs.list();
  return jobs
    .filter((j) => j.subject === `committee:${committeeId}`)
    .map((j) => [j.status, j.dueAt]);
}

/** What the bot posted to a conversation (POSTs only), as JSON texts. */
export function postsTo(bot: TestBot, conversationId: string): string[] {
  return bot.connector
    .sentTo(conversationId)
    .filter((r) => r.method === 'POST')
    .map((r) => JSON.stringify(r.activity));
}

/** Runs the due jobs, then waits until the outbox has sent everything (no failures expected). */
export async function runJobs(bot: TestBot): Promise<void> {
  await bot.app.scheduler.runDue();
  await drainOutbox(bot);
}

export async function drainOutbox(bot: TestBot, ms = 5_000): Promise<void> {
  // Waits on the outbox, not on a margin: the deadline is a floor under the test's own timeout.
  const deadline = Date.now() + Math.max(ms, 60_000);
  for (;;) {
    bot.app.dispatcher.wake();
    await bot.app.dispatcher.idle();
    if (!(await bot.app.store.listOutbox()).some((r) => r.status === 'pending')) return;
    if (Date.now() > deadline) throw new Error('outbox not drained');
    await new Promise((r) => setTimeout(r, 20));
  }
}
