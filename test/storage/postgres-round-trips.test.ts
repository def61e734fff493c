/**
 * PostgreSQL's two round-trip savers: writes nobody reads travel with the next write
 * (deferred-writes.ts), and directory reads come from a cache that other instances' commits
 * invalidate through LISTEN/NOTIFY (shared-read-cache.ts).
 */
import { strict as assert } from 'node:assert';
import { DeferredWrites } from '../../src/storage/postgres/deferred-writes';
import type { SqlRunner } from '../../src/storage/sql-runner';
import { postgresEngine, postgresUrl } from '../helpers/engines';

/** A runner that records what reaches the database. */
function recorder(): SqlRunner & { sent: { sql: string; params: unknown[] }[] } {
  const sent: { sql: string; params: unknown[] }[] = [];
  return {
    sent,
    all: async (sql, params = []) => {
      sent.push({ sql, params });
      return [];
    },
    run: async (sql, params = []) => {
      sent.push({ sql, params });
      return 1;
    },
  };
}

describe('deferred writes inside a PostgreSQL transaction', () => {
  it('sends waiting writes with the next write to other tables, parameters in order', async () => {
    const db = recorder();
    const w = new DeferredWrites(db);
    await w.defer('INSERT INTO request_events (a) VALUES (?)', [1]);
    await w.defer('INSERT INTO audit_log (b) VALUES (?)', [2]);
    assert.equal(db.sent.length, 0);
    await w.run('INSERT INTO jobs (c) VALUES (?)', [3]);
    assert.deepEqual(db.sent, [
      {
        sql: 'WITH d0 AS (INSERT INTO request_events (a) VALUES (?)), d1 AS (INSERT INTO audit_log (b) VALUES (?)) INSERT INTO jobs (c) VALUES (?)',
        params: [1, 2, 3],
      },
    ]);
  });

  it('sends them first, on their own, before a read or a write to one of their tables', async () => {
    const db = recorder();
    const w = new DeferredWrites(db);
    await w.defer('INSERT INTO requests (a) VALUES (?)', [1]);
    await w.all('SELECT * FROM requests WHERE id = ?', [9]);
    await w.defer('INSERT INTO requests (a) VALUES (?)', [2]);
    await w.run('UPDATE requests SET a = ? WHERE id = ?', [3, 4]);
    assert.deepEqual(
      db.sent.map((s) => s.sql),
      [
        'INSERT INTO requests (a) VALUES (?)',
        'SELECT * FROM requests WHERE id = ?',
        'INSERT INTO requests (a) VALUES (?)',
        'UPDATE requests SET a = ? WHERE id = ?',
      ],
    );
  });

  it('never puts two waiting writes to one table in one statement, and flushes what is left', async () => {
    const db = recorder();
    const w = new DeferredWrites(db);
    await w.defer('INSERT INTO request_events (a) VALUES (?)', [1]);
    await w.defer('INSERT INTO request_events (a) VALUES (?)', [2]);
    await w.flush();
    assert.deepEqual(db.sent, [
      { sql: 'INSERT INTO request_events (a) VALUES (?)', params: [1] },
      { sql: 'INSERT INTO request_events (a) VALUES (?)', params: [2] },
    ]);
  });
});

describe('the directory cache shared by two instances on one PostgreSQL database', () => {
  before(function () {
    if (!postgresUrl) {
      console.log('    [skipped] shared directory cache: TEST_DATABASE_URL is not set');
      this.skip();
    }
  });

  it('shows instance B a change committed through instance A (told by NOTIFY, not by polling the table)', async () => {
    const a = await postgresEngine.open();
    const b = await a.again();
    try {
      const at = new Date().toISOString();
      await a.store.directory.upsertStructure(
        { id: 'ml-x', kind: 'ML', name: 'Mission Locale X', departements: ['69'], tenantId: null },
        at,
      );
      // B reads (and caches) the structure.
      assert.equal((await b.directory.getStructure('ml-x'))?.name, 'Mission Locale X');
      assert.equal((await b.directory.getStructure('ml-x'))?.name, 'Mission Locale X');
      await a.store.transaction((tx) =>
        tx.directory.upsertStructure(
          {
            id: 'ml-x',
            kind: 'ML',
            name: 'Mission Locale Y',
            departements: ['69'],
            tenantId: null,
          },
          at,
        ),
      );
      // Waits on the notification, bounded generously (a busy machine): the latency is printed.
      const started = Date.now();
      let name = (await b.directory.getStructure('ml-x'))?.name;
      while (name !== 'Mission Locale Y' && Date.now() - started < 30_000) {
        await new Promise((r) => setTimeout(r, 5));
        name = (await b.directory.getStructure('ml-x'))?.name;
      }
      assert.equal(name, 'Mission Locale Y', 'B saw the change');
      console.log(`      B saw A's change ${Date.now() - started} ms after A's commit`);
      // A sees its own change at once.
      assert.equal((await a.store.directory.getStructure('ml-x'))?.name, 'Mission Locale Y');
    } finally {
      await b.close();
      await a.store.close();
      await a.dispose();
    }
  });
});
