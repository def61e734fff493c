/**
 * `/readyz` (issue 17 §3): the database, the outbox backlog and the last delivered message,
 * counts and times only; 503 when the database does not answer, while `/healthz` stays a
 * constant answer that reads nothing.
 */
import { strict as assert } from 'node:assert';
import type { Logger } from 'pino';
import { readiness } from '../../src/http/readiness';
import type { Store } from '../../src/storage/store';
import { birthDateForAge, startTestBot, type TestBot } from '../helpers/app';
import { TestClock } from '../helpers/clock';
import { engines } from '../helpers/engines';
import { invokeActivity, messageActivity, people, post } from '../helpers/teams';

interface ReadyBody {
  status: string;
  database: string;
  outbox?: { pending: number; oldestPendingAgeSeconds: number | null };
  lastSentAt?: string | null;
}

async function readyz(bot: TestBot): Promise<{ status: number; text: string; body: ReadyBody }> {
  const res = await fetch(`${bot.url}/readyz`);
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as ReadyBody };
}

for (const engine of engines())
  describe(`/readyz, on ${engine.name}`, () => {
    let bot: TestBot;
    afterEach(async () => {
      await bot.stop();
    });

    it('reports the backlog and the last send, and nothing about anyone', async () => {
      const clock = new TestClock();
      bot = await startTestBot({ engine, clock });
      const first = await readyz(bot);
      assert.equal(first.status, 200);
      assert.deepEqual(first.body, {
        status: 'ok',
        database: 'ok',
        outbox: { pending: 0, oldestPendingAgeSeconds: null },
        lastSentAt: null,
      });

      // The dispatcher paused: the DT's notification waits in the outbox.
      await bot.app.dispatcher.stop();
      await post(bot.url, messageActivity(people.dt1, bot.serviceUrl, 'aide'));
      const form = {
        civilite: 'Mme',
        nom: 'Rahmanova',
        prenom: 'Dilnoza',
        dateNaissance: birthDateForAge(19),
        numeroCir: 'RDY12345',
        dtId: 'dt-lyon',
        cardVersion: 1,
      };
      await post(
        bot.url,
        invokeActivity(people.advisor, bot.serviceUrl, 'demande.creer', form, 'r1'),
      );
      clock.advance(3_600_000);
      const waiting = await readyz(bot);
      assert.equal(waiting.status, 200);
      assert.ok((waiting.body.outbox?.pending ?? 0) >= 1, waiting.text);
      assert.ok((waiting.body.outbox?.oldestPendingAgeSeconds ?? 0) >= 3600, waiting.text);
      assert.equal(waiting.body.lastSentAt, null);

      // The in-turn replies went straight to the connector; the outbox's come after them.
      const before = bot.connector.recorded.length;
      bot.app.dispatcher.start();
      await bot.connector.waitFor(() => bot.connector.recorded.length > before);
      // Stopping waits for the dispatcher's current pass, which marks what it sent.
      await bot.app.dispatcher.stop();
      const done = await readyz(bot);
      assert.ok(done.body.lastSentAt, done.text);
      assert.ok(Date.parse(done.body.lastSentAt ?? '') >= clock.now().getTime() - 60_000);
      for (const text of [first.text, waiting.text, done.text]) {
        assert.deepEqual(Object.keys(JSON.parse(text) as object).sort(), [
          'database',
          'lastSentAt',
          'outbox',
          'status',
        ]);
        for (const secret of [
          'Rahmanova',
          'RDY12345',
          people.advisor.aadObjectId,
          people.dt1.aadObjectId,
          people.advisor.tenantId,
          'dt-lyon',
        ])
          assert.ok(!text.includes(secret), `no ${secret} in /readyz`);
      }
    });

    it('answers 503 when the database does not answer, while /healthz stays 200', async () => {
      bot = await startTestBot({ engine });
      const operations = bot.app.store.operations as { readiness: () => Promise<unknown> };
      const real = operations.readiness;
      operations.readiness = () => Promise.reject(new Error('connection terminated'));
      try {
        const down = await readyz(bot);
        assert.equal(down.status, 503);
        assert.deepEqual(down.body, { status: 'unavailable', database: 'unreachable' });
        assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
        const logged = bot.logs.filter((l) => l.msg === 'readyz: the database does not answer');
        assert.equal(logged.length, 1);
        assert.equal(logged[0].err, 'connection terminated');
        // Probes come every few seconds: the second failure within a minute is not logged again.
        assert.equal((await readyz(bot)).status, 503);
        assert.equal(bot.logs.filter((l) => l.msg === logged[0].msg).length, 1);
      } finally {
        operations.readiness = real;
      }
      assert.equal((await readyz(bot)).status, 200);
    });
  });

describe('readiness()', () => {
  it('counts a database that never answers as unreachable', async () => {
    const logs: unknown[] = [];
    const hung = { operations: { readiness: () => new Promise<never>(() => undefined) } };
    const body = await readiness({
      store: hung as unknown as Store,
      clock: new TestClock(),
      logger: { error: (...args: unknown[]) => logs.push(args) } as unknown as Logger,
      isReady: () => true,
      timeoutMs: 20,
    });
    assert.deepEqual(body, { status: 'unavailable', database: 'unreachable' });
    assert.equal(logs.length, 1);
  });

  it('says starting before the app is wired', async () => {
    const body = await readiness({
      store: {} as Store,
      clock: new TestClock(),
      logger: {} as Logger,
      isReady: () => false,
    });
    assert.deepEqual(body, { status: 'starting', database: 'unknown' });
  });
});
