import { strict as assert } from 'node:assert';
import { answerWithin } from '../../src/teams/edge/handoff';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pending = { id: 'pending' };

describe('answering an invoke within a budget (handoff)', () => {
  it('answers with the work’s card when it ends in time, and the work does not post it', async () => {
    let late: boolean | undefined;
    const card = await answerWithin(
      200,
      pending,
      async (h) => {
        await sleep(10);
        late = h.settle();
        return { id: 'done' };
      },
      () => undefined,
    );
    assert.deepEqual(card, { id: 'done' });
    assert.equal(late, false);
  });

  it('answers with the progress card when the work is slow; the work, now late, posts its own', async () => {
    let late: boolean | undefined;
    let finished!: Promise<void>;
    const card = await answerWithin(
      30,
      pending,
      (h) => {
        const work = (async () => {
          await sleep(80);
          late = h.settle();
          return { id: 'done' };
        })();
        finished = work.then(() => undefined);
        return work;
      },
      () => undefined,
    );
    assert.equal(card, pending);
    await finished;
    assert.equal(late, true);
  });

  it('waits for work that settled in time even if it ends after the budget: one delivery, never two', async () => {
    const card = await answerWithin(
      30,
      pending,
      async (h) => {
        await sleep(10);
        assert.equal(h.settle(), false);
        await sleep(60);
        return { id: 'done' };
      },
      () => undefined,
    );
    assert.deepEqual(card, { id: 'done' });
  });

  it('answers at once when the work says much is left', async () => {
    const card = await answerWithin(
      5_000,
      pending,
      async (h) => {
        await sleep(10);
        assert.equal(h.settle(true), true);
        await sleep(50);
        return { id: 'done' };
      },
      () => undefined,
    );
    // The pending card came back although the work finished later: it did not wait for it.
    assert.equal(card, pending);
  });
});
