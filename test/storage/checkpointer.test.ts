import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store';

describe('SQLite checkpoints, off the main thread', () => {
  it('copies the WAL back into the database from a worker, without the writer committing a checkpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-ckpt-'));
    const file = join(dir, 'db.sqlite');
    const errors: string[] = [];
    // Migrated and closed first: closing checkpoints, so the schema is in the file already.
    await openSqliteStore(file).close();
    const store = openSqliteStore(file, (m) => errors.push(m));
    try {
      const start = statSync(file).size;
      await store.transaction(async (tx) => {
        for (let i = 0; i < 200; i++)
          await tx.references.save(
            'user',
            `u${i}`,
            { conversation: { id: `a:${'x'.repeat(500)}${i}` } },
            '2026-01-01T00:00:00Z',
          );
      });
      // The writer's own checkpoint only starts past ~40 MB of WAL: if the database file grows
      // by what was written, the worker copied it. Polled, bounded.
      const before = start;
      const deadline = Date.now() + 10_000;
      while (statSync(file).size < before + 80_000 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      assert.ok(
        statSync(file).size >= before + 80_000,
        `database file ${before} → ${statSync(file).size} bytes`,
      );
      assert.deepEqual(errors, []);
      assert.equal((await store.references.get('user', 'u199')) !== undefined, true);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
