import { strict as assert } from 'node:assert';
import { loadConfig } from '../../src/config';
import { applyDirectory, readDirectoryFile } from '../../src/domain/directory-load';
import { createLogger } from '../../src/logger';
import { ensureDailyPurge, RETENTION_JOB, retentionHandler } from '../../src/scheduler/retention';
import { JobWorker } from '../../src/scheduler/worker';
import { FIXTURE_DIRECTORY } from '../helpers/app';
import { FixedClock } from '../helpers/clock';
import { engines } from '../helpers/engines';

const DAY = 86_400_000;
// Tuesday 12 January 2027, 09:00 in Paris: the day's purge (03:15) is due.
const NOW = new Date('2027-01-12T08:00:00.000Z');
const ADVISOR = 'aaaaaaaa-0000-4000-8000-000000000001';

describe('AUDIT_RETENTION_DAYS', () => {
  it('defaults to 365 days and refuses what is not a whole number of days, by name', () => {
    assert.equal(loadConfig({ PASSERELLE_LOCAL: '1' }).auditRetentionDays, 365);
    assert.equal(
      loadConfig({ PASSERELLE_LOCAL: '1', AUDIT_RETENTION_DAYS: '183' }).auditRetentionDays,
      183,
    );
    assert.throws(
      () => loadConfig({ PASSERELLE_LOCAL: '1', AUDIT_RETENTION_DAYS: 'six mois' }),
      /AUDIT_RETENTION_DAYS/,
    );
  });
});

for (const engine of engines())
  describe(`the retention purge of audit events, on ${engine.name}`, () => {
    it('deletes audit events older than AUDIT_RETENTION_DAYS at the nightly run, and only those', async () => {
      const db = await engine.open();
      const store = db.store;
      try {
        const clock = new FixedClock(new Date('2027-01-12T02:00:00.000Z'));
        await applyDirectory(store, readDirectoryFile(FIXTURE_DIRECTORY), clock);
        for (const [name, daysAgo] of [
          ['ancient', 400],
          ['just-past', 181],
          ['just-kept', 179],
          ['recent', 10],
        ] as const)
          await store.audit.record({
            at: new Date(NOW.getTime() - daysAgo * DAY).toISOString(),
            actor: ADVISOR,
            action: 'request.read',
            detail: name,
          });
        const worker = new JobWorker({
          store,
          clock,
          logger: createLogger('silent'),
          wakeOutbox: () => undefined,
          handlers: { [RETENTION_JOB]: retentionHandler(365, undefined, 180) },
        });
        await store.transaction((tx) => ensureDailyPurge(tx.jobs, clock.now()));
        assert.equal(await worker.runDue(), 0, 'not before 03:15');
        clock.set(NOW);
        assert.equal(await worker.runDue(), 1);
        const { events } = await store.audit.list({ structureIds: 'all', limit: 100 });
        const left = events.map((e) => e.detail).sort();
        assert.deepEqual(left, ['2 audit events deleted', 'just-kept', 'recent']);
        const purge = events.find((e) => e.action === 'retention.purge');
        assert.equal(purge?.actor, 'system');
        assert.equal(purge?.detail, '2 audit events deleted');
        // The people's own events kept their structure, looked up when they were written.
        assert.ok(
          events
            .filter((e) => e.actor === ADVISOR)
            .every((e) => e.actorStructureId === 'ml-villeurbanne'),
        );
      } finally {
        await store.close();
        await db.dispose();
      }
    });
  });
