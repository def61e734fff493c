import { strict as assert } from 'node:assert';
import { engines } from '../helpers/engines';

for (const engine of engines()) {
  describe(`statements and their transaction, on ${engine.name}`, () => {
    it('runs work a transaction left running after it ended outside it, not on the finished transaction', async () => {
      const { store, dispose } = await engine.open();
      try {
        let late: Promise<void> | undefined;
        await store.transaction(async (tx) => {
          await tx.references.save('user', 'inside', { a: 1 }, '2026-01-01T00:00:00Z');
          // Started inside, runs after the commit: it must be a transaction of its own.
          late = new Promise<void>((resolve) => setTimeout(resolve, 20)).then(async () => {
            await store.transaction(async (t2) => {
              await t2.references.save('user', 'late', { b: 2 }, '2026-01-01T00:00:00Z');
            });
            // And atomic: a failing one leaves nothing behind.
            await assert.rejects(
              store.transaction(async (t3) => {
                await t3.references.save('user', 'rolled-back', { c: 3 }, '2026-01-01T00:00:00Z');
                throw new Error('boom');
              }),
            );
          });
        });
        await late;
        assert.deepEqual(await store.references.get('user', 'late'), { b: 2 });
        assert.equal(await store.references.get('user', 'rolled-back'), undefined);
        assert.deepEqual(await store.references.get('user', 'inside'), { a: 1 });
      } finally {
        await store.close();
        await dispose();
      }
    });
  });
}
