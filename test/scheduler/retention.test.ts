import { strict as assert } from 'node:assert';
import { applyDirectory, readDirectoryFile } from '../../src/domain/directory-load';
import type { RequestRecord, RequestStatus } from '../../src/domain/model';
import { createLogger } from '../../src/logger';
import { ensureDailyPurge, RETENTION_JOB, retentionHandler } from '../../src/scheduler/retention';
import { JobWorker } from '../../src/scheduler/worker';
import type { Store } from '../../src/storage/store';
import { FIXTURE_DIRECTORY } from '../helpers/app';
import { FixedClock } from '../helpers/clock';
import { engines } from '../helpers/engines';
import { sqlOf } from '../helpers/sql';

const DAY = 86_400_000;
// Tuesday 12 January 2027, 09:00 in Paris.
const NOW = new Date('2027-01-12T08:00:00.000Z');

function request(id: string, status: RequestStatus, closedDaysAgo: number): RequestRecord {
  const at = new Date(NOW.getTime() - closedDaysAgo * DAY).toISOString();
  return {
    id,
    number: `2026-${id.padStart(6, '0')}`,
    status,
    mlId: 'ml-villeurbanne',
    dtId: 'dt-lyon',
    partnershipId: 'rhone',
    createdBy: 'x',
    createdAt: at,
    updatedAt: at,
    identity: {
      civilite: 'Mme',
      nom: 'Haddad',
      prenom: 'Rania',
      dateNaissance: '2003-05-01',
      numeroCir: 'ABC123',
    },
    answer: null,
    answeredBy: null,
    answeredByName: null,
    answeredAt: null,
    prescriptionML: null,
    prescribedAt: null,
  };
}

for (const engine of engines())
  describe(`the retention purge, on ${engine.name}`, () => {
    let db: Awaited<ReturnType<typeof engine.open>>;
    let store: Store;
    let clock: FixedClock;
    let worker: JobWorker;
    beforeEach(async () => {
      db = await engine.open();
      store = db.store;
      // 03:00 in Paris: the purge of the day (03:15) is not due yet.
      clock = new FixedClock(new Date('2027-01-12T02:00:00.000Z'));
      await applyDirectory(store, readDirectoryFile(FIXTURE_DIRECTORY), clock);
      await store.transaction(async (tx) => {
        await tx.requests.insert(request('1', 'cloturee', 400), null);
        await tx.requests.insert(request('2', 'annulee', 366), null);
        await tx.requests.insert(request('3', 'cloturee', 100), null);
        await tx.requests.insert(request('4', 'completee', 400), null);
        await tx.requests.insert(request('5', 'transmise', 400), null);
      });
      worker = new JobWorker({
        store,
        clock,
        logger: createLogger('silent'),
        wakeOutbox: () => undefined,
        handlers: { [RETENTION_JOB]: retentionHandler(365) },
      });
    });
    afterEach(async () => {
      await store.close();
      await db.dispose();
    });

    it('erases the identity of requests closed (or answered and left untouched) more than RETENTION_DAYS ago, and keeps the rest', async () => {
      await store.transaction((tx) => ensureDailyPurge(tx.jobs, clock.now()));
      assert.equal(await worker.runDue(), 0, 'not before 03:15');
      clock.set(NOW);
      assert.equal(await worker.runDue(), 1);
      const erased = (id: string) => store.requests.get(id).then((r) => r?.identity === null);
      assert.deepEqual(
        await Promise.all(['1', '2', '3', '4', '5'].map(erased)),
        [true, true, false, true, false],
        'closed (clôturée, annulée, or complétée and left untouched) and older than 365 days only; transmise kept',
      );
      const [row] = await sqlOf(store).all<{
        erased_at: string | null;
        status: string;
        number: string;
      }>('SELECT erased_at, status, number FROM requests WHERE id = ?', ['1']);
      assert.equal(row.erased_at, NOW.toISOString());
      assert.equal(row.status, 'cloturee', 'the request itself stays, for the figures');
      assert.deepEqual(
        (await store.requests.listEvents('1')).map((e) => e.kind),
        ['erased'],
      );
      const purged = await sqlOf(store).all<{ n: number | string }>(
        'SELECT COUNT(*) AS n FROM requests WHERE erased_at IS NOT NULL',
      );
      assert.equal(Number(purged[0].n), 3);
    });

    it('is scheduled once per day, whatever the number of instances starting, and schedules the next day', async () => {
      await store.transaction((tx) => ensureDailyPurge(tx.jobs, clock.now()));
      await store.transaction((tx) => ensureDailyPurge(tx.jobs, clock.now()));
      assert.equal((await store.jobs.list()).length, 1);
      clock.set(NOW);
      await worker.runDue();
      await store.transaction((tx) => ensureDailyPurge(tx.jobs, clock.now()));
      const jobs = await store.jobs.list();
      assert.deepEqual(
        jobs.map((j) => [j.status, j.dueAt]),
        [
          ['done', '2027-01-12T02:15:00.000Z'],
          ['pending', '2027-01-13T02:15:00.000Z'],
        ],
      );
      // The next day, the purge finds nothing new and erases nothing twice.
      clock.set(new Date('2027-01-13T02:15:00.000Z'));
      await worker.runDue();
      assert.match((await store.jobs.list())[1].outcome ?? '', /^erased 0/);
    });
  });
