import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createLogger } from '../../src/logger';
import { JobWorker, type JobHandler } from '../../src/scheduler/worker';
import type { Store } from '../../src/storage/store';
import { FixedClock } from '../helpers/clock';
import { engines } from '../helpers/engines';
import { sqlOf } from '../helpers/sql';

const T0 = new Date('2027-01-11T08:00:00.000Z');
const logger = createLogger('silent');

/** A job that posts one message: its outbox row is the proof that it ran (and committed). */
const post: JobHandler = async ({ tx, job, now }) => {
  await tx.outbox.enqueue(
    {
      op: 'send',
      conversationId: `conv-${String(job.payload.n)}`,
      reference: {},
      activity: { type: 'message' },
      dueAt: now.toISOString(),
    },
    now.toISOString(),
  );
  return { outcome: 'posted', queued: true };
};

function worker(
  store: Store,
  clock: FixedClock,
  id: string,
  handlers: Record<string, JobHandler> = { post },
  extra = {},
) {
  return new JobWorker({
    store,
    clock,
    logger,
    handlers,
    wakeOutbox: () => undefined,
    id,
    leaseMs: 60_000,
    retryBaseMs: 1_000,
    ...extra,
  });
}

async function schedule(store: Store, n: number, dueAt: Date, kind = 'post') {
  return store.transaction((tx) =>
    tx.jobs.scheduleOne({ kind, payload: { n }, dueAt, dedupeKey: `${kind}:${n}` }, T0),
  );
}

/** Another process on the same SQLite file: resolves once it is ready, with a `go` that runs it. */
async function secondProcess(file: string, at: Date): Promise<() => Promise<number>> {
  const child = spawn(process.execPath, [
    '--import',
    'tsx',
    join(__dirname, 'second-instance.ts'),
    file,
    at.toISOString(),
  ]);
  let out = '';
  child.stdout.on('data', (c) => (out += String(c)));
  const exited = new Promise<number>((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0
        ? resolve(Number(out.split('\n')[1]))
        : reject(new Error(`second instance exited with ${code}`)),
    ),
  );
  await new Promise<void>((resolve) =>
    child.stdout.on('data', () => out.startsWith('ready') && resolve()),
  );
  return () => {
    child.stdin.end('go\n');
    return exited;
  };
}

const sentPerConversation = async (store: Store) => {
  const counts = new Map<string, number>();
  for (const row of await store.listOutbox())
    counts.set(row.conversationId, (counts.get(row.conversationId) ?? 0) + 1);
  return counts;
};

for (const engine of engines())
  describe(`the database scheduler, on ${engine.name}`, () => {
    let db: Awaited<ReturnType<typeof engine.open>>;
    let store: Store;
    const extra: Store[] = [];
    beforeEach(async () => {
      db = await engine.open();
      store = db.store;
    });
    afterEach(async () => {
      for (const s of extra.splice(0)) await s.close();
      await store.close();
      await db.dispose();
    });

    it('runs a job once it is due, not before, and records its outcome', async () => {
      const clock = new FixedClock(T0);
      await schedule(store, 1, new Date(T0.getTime() + 60_000));
      const w = worker(store, clock, 'w1');
      assert.equal(await w.runDue(), 0);
      clock.advance(60_000);
      assert.equal(await w.runDue(), 1);
      assert.equal(await w.runDue(), 0, 'done jobs do not run again');
      const [job] = await store.jobs.list();
      assert.equal(job.status, 'done');
      assert.equal(job.outcome, 'posted');
      assert.equal((await store.listOutbox()).length, 1);
    });

    it('schedules a dedupe key once, however many times it is asked', async () => {
      assert.equal(await schedule(store, 1, T0), true);
      assert.equal(await schedule(store, 1, new Date(T0.getTime() + 5_000)), false);
      assert.equal((await store.jobs.list()).length, 1);
    });

    it('sends once when the bot dies between the claim and the send, then restarts', async () => {
      const clock = new FixedClock(T0);
      await schedule(store, 1, T0);
      // The first instance claims the job and dies before running it.
      const claimed = await store.transaction((tx) =>
        tx.jobs.claimDue(clock.now(), 10, 'dead', new Date(T0.getTime() + 60_000)),
      );
      assert.equal(claimed.length, 1);
      const restarted = await db.again();
      extra.push(restarted);
      const w = worker(restarted, clock, 'restarted');
      assert.equal(await w.runDue(), 0, 'the claim protects the job until its lease ends');
      clock.advance(61_000);
      assert.equal(await w.runDue(), 1);
      assert.deepEqual([...(await sentPerConversation(restarted))], [['conv-1', 1]]);
      const [job] = await restarted.jobs.list();
      assert.equal(job.attempts, 2, 'the dead attempt counts');
    });

    it('sends once when the job fails after writing its message: nothing of the failed run is kept', async () => {
      const clock = new FixedClock(T0);
      await schedule(store, 1, T0);
      let calls = 0;
      const flaky: JobHandler = async (ctx) => {
        await post(ctx);
        calls += 1;
        if (calls === 1) throw new Error('connection reset');
        return { outcome: 'posted' };
      };
      const w = worker(store, clock, 'w1', { post: flaky });
      await w.runDue();
      assert.equal(
        (await store.listOutbox()).length,
        0,
        'the message of the failed run was rolled back',
      );
      const [retry] = await store.jobs.list();
      assert.equal(retry.status, 'pending');
      assert.equal(
        retry.dueAt,
        new Date(T0.getTime() + 1_000).toISOString(),
        'first back-off step',
      );
      assert.match(retry.lastError ?? '', /connection reset/);
      clock.advance(1_000);
      await w.runDue();
      assert.equal((await store.listOutbox()).length, 1);
      assert.equal((await store.jobs.list())[0].status, 'done');
    });

    it('backs off exponentially and gives a failing job up after the last attempt', async () => {
      const clock = new FixedClock(T0);
      await schedule(store, 1, T0);
      const broken: JobHandler = async () => {
        throw new Error('always');
      };
      const w = worker(store, clock, 'w1', { post: broken }, { maxAttempts: 3 });
      const dues: string[] = [];
      for (let i = 0; i < 3; i++) {
        await w.runDue();
        const [job] = await store.jobs.list();
        dues.push(job.dueAt);
        clock.set(new Date(job.dueAt));
      }
      const [job] = await store.jobs.list();
      assert.equal(job.status, 'failed');
      assert.equal(job.attempts, 3);
      assert.deepEqual(dues.slice(0, 2), [
        new Date(T0.getTime() + 1_000).toISOString(),
        new Date(T0.getTime() + 3_000).toISOString(),
      ]);
    });

    it('never runs a job twice when two instances share the database', async () => {
      const clock = new FixedClock(T0);
      for (let n = 0; n < 40; n++) await schedule(store, n, T0);
      const slowPost: JobHandler = async (ctx) => {
        await new Promise((r) => setTimeout(r, 2));
        return post(ctx);
      };
      const a = worker(store, clock, 'a', { post: slowPost }, { batch: 4 });
      let other: () => Promise<number>;
      if (engine.name === 'sqlite') {
        // better-sqlite3 waits for the lock synchronously: a second instance is a second process.
        const [{ file }] = await sqlOf(store).all<{ file: string }>('PRAGMA database_list');
        other = await secondProcess(file, T0);
      } else {
        const second = await db.again();
        extra.push(second);
        other = () => worker(second, clock, 'b', { post: slowPost }, { batch: 4 }).runDue();
      }
      const [ranA, ranOther] = await Promise.all([a.runDue(), other()]);
      assert.equal(ranA + ranOther, 40);
      // PostgreSQL interleaves the two instances; SQLite's write lock is not fair (the process that
      // holds it often runs everything), which is fine: what matters is that nothing runs twice.
      if (engine.name === 'postgres')
        assert.ok(ranA > 0 && ranOther > 0, `both instances took jobs (${ranA} + ${ranOther})`);
      const counts = await sentPerConversation(store);
      assert.equal(counts.size, 40);
      assert.ok(
        [...counts.values()].every((c) => c === 1),
        'each job sent exactly once',
      );
    });

    it('lets a worker whose lease ran out lose the job to another, without sending twice', async () => {
      const clock = new FixedClock(T0);
      await schedule(store, 7, T0);
      const slow = worker(store, clock, 'slow');
      const [job] = await slow.claim();
      clock.advance(61_000);
      const second = await db.again();
      extra.push(second);
      assert.equal(await worker(second, clock, 'fast').runDue(), 1);
      assert.equal(await slow.run(job), 'lost');
      assert.deepEqual([...(await sentPerConversation(store))], [['conv-7', 1]]);
    });

    it('gives up at once a job of an unknown kind', async () => {
      const clock = new FixedClock(T0);
      await schedule(store, 1, T0, 'mystery');
      await worker(store, clock, 'w1').runDue();
      const [job] = await store.jobs.list();
      assert.equal(job.status, 'failed');
    });

    it('wakes up by itself when the next job falls due', async () => {
      const w = new JobWorker({
        store,
        clock: { now: () => new Date() },
        logger,
        handlers: { post },
        wakeOutbox: () => undefined,
        pollMs: 60_000,
      });
      await schedule(store, 1, new Date(Date.now() + 150));
      w.start();
      try {
        // Polled until done: the test's timeout is the only bound (a 60 s poll would exceed it).
        while ((await store.jobs.list())[0].status !== 'done')
          await new Promise((r) => setTimeout(r, 25));
        assert.equal(
          (await store.jobs.list())[0].status,
          'done',
          'the timer was set to the due time, not the 60 s poll',
        );
      } finally {
        await w.stop();
      }
    });
  });
