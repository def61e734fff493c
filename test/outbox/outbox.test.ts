import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectorStandIn } from '../helpers/connector-stand-in';
import { birthDateForAge, startTestBot, type TestBot } from '../helpers/app';
import { drainOutbox } from '../helpers/committees';
import { invokeActivity, messageActivity, people, personalChat, post } from '../helpers/teams';

const identity = () => ({
  civilite: 'Mme',
  nom: 'Haddad',
  prenom: 'Rania',
  dateNaissance: birthDateForAge(24),
  numeroCir: '123456789',
  dtId: 'dt-lyon',
  cardVersion: 1,
});

async function knowDtChats(bot: TestBot) {
  for (const p of [people.dt1, people.dt2])
    await post(bot.url, messageActivity(p, bot.serviceUrl, 'aide'));
}

/** Resolves once `done` holds, polled; the test's own timeout bounds the wait. */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((r) => setTimeout(r, 20));
}

const dtCards = (c: ConnectorStandIn, p = people.dt1) =>
  c.sentTo(personalChat(p)).filter((r) => JSON.stringify(r.activity).includes('demande.voir'));

describe('the outbox, through a real submit', () => {
  let bot: TestBot;
  afterEach(async () => {
    await bot?.stop();
  });

  it('waits for Retry-After after a 429, then delivers the card exactly once', async () => {
    bot = await startTestBot();
    await knowDtChats(bot);
    bot.connector.failures.push({ status: 429, retryAfter: '1' });
    await post(
      bot.url,
      invokeActivity(people.advisor, bot.serviceUrl, 'demande.creer', identity(), 'form-429'),
    );
    await bot.connector.waitFor(
      () => dtCards(bot.connector).length === 1 && dtCards(bot.connector, people.dt2).length === 1,
      8_000,
    );
    // Nothing left to send: the counts below are final, however slow the machine.
    await drainOutbox(bot, 15_000);
    assert.equal(dtCards(bot.connector).length, 1);
    assert.equal(dtCards(bot.connector, people.dt2).length, 1);
    const throttled = bot.logs.find(
      (l) => l.msg === 'outbox: send failed, will retry' && l.status === 429,
    );
    assert.ok(throttled, 'the 429 is logged for the operator');
    const delivered = bot.connector.recorded.filter(
      (r) => r.method === 'POST' && JSON.stringify(r.activity).includes('demande.voir'),
    );
    const throttledConversation = String(throttled.conversationId);
    const late = delivered.find((r) => r.conversationId === throttledConversation)!;
    // Counted from when the stand-in answered 429: the retry cannot come sooner, whatever the load.
    const [refusal] = bot.connector.refused;
    assert.equal(refusal.conversationId, throttledConversation);
    assert.ok(late.at - refusal.at >= 1000, `Retry-After honoured (${late.at - refusal.at} ms)`);
  });

  it('keeps delivering to other conversations while one send hangs, and that one in order after', async () => {
    bot = await startTestBot();
    await knowDtChats(bot);
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    const held = personalChat(people.dt1);
    bot.connector.chaos = (conversationId) => (conversationId === held ? { hold } : undefined);
    await post(
      bot.url,
      invokeActivity(people.advisor, bot.serviceUrl, 'demande.creer', identity(), 'form-hold-1'),
    );
    // dt1's card reached Teams, which has not answered; dt2's went through.
    await bot.connector.waitFor(
      () => dtCards(bot.connector).length === 1 && dtCards(bot.connector, people.dt2).length === 1,
      15_000,
    );
    await post(
      bot.url,
      invokeActivity(
        people.advisor,
        bot.serviceUrl,
        'demande.creer',
        { ...identity(), numeroCir: '987654321', nom: 'Benali' },
        'form-hold-2',
      ),
    );
    // The second request's card reaches dt2 while dt1's first send still hangs.
    await bot.connector.waitFor(() => dtCards(bot.connector, people.dt2).length === 2, 15_000);
    assert.equal(dtCards(bot.connector).length, 1, 'dt1 is held behind its own first send');
    release();
    await bot.connector.waitFor(() => dtCards(bot.connector).length === 2, 15_000);
    await drainOutbox(bot, 15_000);
    // dt2 got them as they were opened: dt1, held, must get them in the same order.
    const order = (p: typeof people.dt1) =>
      dtCards(bot.connector, p).map(
        (r) => /"requestId":"([^"]+)"/.exec(JSON.stringify(r.activity))?.[1],
      );
    assert.equal(new Set(order(people.dt2)).size, 2);
    assert.deepEqual(order(people.dt1), order(people.dt2), 'one conversation keeps its order');
  });

  it('backs off on 5xx and gives up after the configured attempts with an operator log line', async () => {
    bot = await startTestBot({ env: { OUTBOX_MAX_ATTEMPTS: '3' } });
    await knowDtChats(bot);
    for (let i = 0; i < 20; i++) bot.connector.failures.push({ status: 503 });
    await post(
      bot.url,
      invokeActivity(people.advisor, bot.serviceUrl, 'demande.creer', identity(), 'form-503'),
    );
    await until(() => bot.logs.some((l) => l.msg === 'outbox: message given up'));
    const givenUp = bot.logs.filter((l) => l.msg === 'outbox: message given up');
    assert.ok(givenUp.length >= 1);
    assert.ok(givenUp.every((l) => l.attempt === 3 && !JSON.stringify(l).includes('Haddad')));
    const rows = await bot.app.store.listOutbox();
    assert.ok(rows.some((r) => r.status === 'failed' && r.attempts === 3));
  });

  it('delivers after a restart a message committed but never sent', async () => {
    const connector = new ConnectorStandIn();
    await connector.start();
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-restart-'));
    try {
      bot = await startTestBot({ connector, dir });
      await knowDtChats(bot);
      // The bot goes down before its dispatcher could send anything.
      await bot.app.dispatcher.stop();
      await post(
        bot.url,
        invokeActivity(people.advisor, bot.serviceUrl, 'demande.creer', identity(), 'form-restart'),
      );
      assert.equal(dtCards(connector).length, 0);
      await bot.stop();
      bot = await startTestBot({ connector, dir });
      await connector.waitFor(
        () => dtCards(connector).length === 1 && dtCards(connector, people.dt2).length === 1,
      );
      await drainOutbox(bot, 15_000);
      assert.equal(dtCards(connector).length, 1, 'sent once, not twice');
    } finally {
      await bot.stop();
      bot = undefined as unknown as TestBot;
      await connector.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps to 7 cards a second in one chat, and delivers the rest later, in order, once each', async () => {
    bot = await startTestBot({ overrides: { dispatcherPollMs: 200 } });
    await knowDtChats(bot);
    const count = 10;
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        post(
          bot.url,
          invokeActivity(
            people.advisor,
            bot.serviceUrl,
            'demande.creer',
            { ...identity(), numeroCir: `12345670${i}` },
            `form-rl-${i}`,
          ),
        ),
      ),
    );
    await bot.connector.waitFor(() => dtCards(bot.connector).length === count, 10_000);
    const cards = dtCards(bot.connector);
    for (const c of cards) {
      const within = cards.filter((o) => o.at >= c.at && o.at < c.at + 1_000).length;
      assert.ok(within <= 7, `${within} cards within a second of one another`);
    }
    const numbers = cards.map((c) => /\d{4}-\d{6}/.exec(JSON.stringify(c.activity))?.[0]);
    assert.deepEqual(numbers, [...numbers].sort(), 'in the order the requests were made');
    assert.equal(new Set(numbers).size, count);
  });

  it('sends a new request to the DT as soon as it is committed, not at the next poll', async () => {
    // The poll is an hour away: only the commit's wake-up can deliver the card in time.
    bot = await startTestBot({ overrides: { dispatcherPollMs: 3_600_000 } });
    await knowDtChats(bot);
    await post(
      bot.url,
      invokeActivity(people.advisor, bot.serviceUrl, 'demande.creer', identity(), 'form-fast'),
    );
    await bot.connector.waitFor(() => dtCards(bot.connector).length === 1);
  });
});
