import { strict as assert } from 'node:assert';
import { SharedPacing } from '../../src/outbox/shared-pacing';
import type { Store } from '../../src/storage/store';
import { engines } from '../helpers/engines';

/** The most send times found in any window of `ms` (half-open, starting at each time). */
function busiest(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.max(0, ...sorted.map((t) => sorted.filter((o) => o >= t && o < t + ms).length));
}

for (const engine of engines())
  describe(`Teams' pacing shared by two instances, on ${engine.name}`, () => {
    let a: Store;
    let b: Store;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      const opened = await engine.open();
      a = opened.store;
      b = await opened.again();
      dispose = async () => {
        await b.close();
        await a.close();
        await opened.dispose();
      };
    });
    afterEach(async () => {
      await dispose();
    });

    it('writes a conversation’s send times only over the version it read', async () => {
      assert.deepEqual(await a.sendPace.read('c'), { version: 0, times: [] });
      assert.equal(await a.sendPace.write('c', 0, [1], 'x'), true);
      assert.equal(
        await b.sendPace.write('c', 0, [2], 'x'),
        false,
        'the other instance inserted first',
      );
      assert.deepEqual(await b.sendPace.read('c'), { version: 1, times: [1] });
      assert.equal(await b.sendPace.write('c', 1, [1, 2], 'x'), true);
      assert.equal(await a.sendPace.write('c', 1, [1, 3], 'x'), false, 'a stale version loses');
      assert.deepEqual(await a.sendPace.read('c'), { version: 2, times: [1, 2] });
      assert.deepEqual(await a.sendPace.read('other'), { version: 0, times: [] });
    });

    it('lets two instances racing for one conversation send no more together than Teams allows', async () => {
      const pacers = [new SharedPacing(a.sendPace), new SharedPacing(b.sendPace)];
      const admitted: number[] = [];
      const T = 1_700_000_000_000;
      // Both try every 25 ms for 4 s, at the same instants and concurrently: each instance alone
      // would let 7 go in the first second.
      for (let now = T; now < T + 4_000; now += 25) {
        const results = await Promise.all(pacers.map((p) => p.admit('19:dt-inbox', now)));
        for (const r of results) if (r.wait === 0) admitted.push(now);
        for (const r of results)
          if (r.wait > 0)
            assert.ok(r.times.length > 0, 'a wait comes with the sends that cause it');
      }
      assert.equal(busiest(admitted, 1_300), 7, 'at most 7 within 1 s (and our 300 ms margin)');
      assert.equal(busiest(admitted, 2_300), 8, 'at most 8 within 2 s');
      assert.ok(
        admitted.length >= 12,
        `the limits are used, not starved (${admitted.length} in 4 s)`,
      );
    });

    it('counts a send time ahead of this instance’s clock as now, not as a wait of that length', async () => {
      const T = 1_700_000_000_000;
      const fast = new SharedPacing(a.sendPace);
      for (let i = 0; i < 7; i++) assert.equal((await fast.admit('c', T + 86_400_000)).wait, 0);
      const slow = await new SharedPacing(b.sendPace).admit('c', T);
      assert.equal(slow.wait, 1_300, 'seven sends "now": the next one waits one window');
    });
  });
