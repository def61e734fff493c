import { strict as assert } from 'node:assert';
import { applyDirectory, readDirectoryFile } from '../../src/domain/directory-load';
import type { FicheRecord, FicheStatus } from '../../src/domain/liaison';
import { retentionHandler } from '../../src/scheduler/retention';
import type { JobRow } from '../../src/domain/records';
import { FixedClock } from '../helpers/clock';
import { engines } from '../helpers/engines';
import { LIAISON_DIRECTORY } from '../helpers/liaison';
import { sqlOf } from '../helpers/sql';

const DAY = 86_400_000;
const NOW = new Date('2027-01-12T08:00:00.000Z');

function fiche(id: string, status: FicheStatus, daysAgo: number): FicheRecord {
  const at = new Date(NOW.getTime() - daysAgo * DAY).toISOString();
  return {
    id,
    number: `L2026-${id.padStart(6, '0')}`,
    status,
    dtId: 'dt-lyon',
    mlId: 'ml-bourg',
    partnershipId: 'rhone',
    departement: '01',
    identity: {
      civilite: 'M.',
      nom: 'Trần',
      prenom: 'Minh',
      dateNaissance: '2004-02-03',
      numeroCir: 'CIR0001',
    },
    createdBy: 'x',
    createdAt: at,
    updatedAt: at,
    decidedBy: null,
    decidedByName: null,
    decidedAt: null,
    reason: null,
    requestId: null,
  };
}

for (const engine of engines())
  describe(`the retention purge of fiches de liaison, on ${engine.name}`, () => {
    it('erases the identity of fiches decided more than RETENTION_DAYS ago, keeps open and recent ones', async () => {
      const db = await engine.open();
      try {
        const store = db.store;
        await applyDirectory(store, readDirectoryFile(LIAISON_DIRECTORY), new FixedClock(NOW));
        await store.transaction(async (tx) => {
          await tx.fiches.insert(fiche('1', 'sans_suite', 400), null);
          await tx.fiches.insert(fiche('2', 'acceptee', 366), null);
          await tx.fiches.insert(fiche('3', 'sans_suite', 100), null);
          await tx.fiches.insert(fiche('4', 'proposee', 400), null);
        });
        const job = { payload: { date: '2027-01-12' } } as unknown as JobRow;
        await store.transaction((tx) => retentionHandler(365)({ tx, job, now: NOW }));
        const rows = await sqlOf(store).all<{ id: string; nom: string | null; erased_at: string }>(
          'SELECT id, nom, erased_at FROM fiches ORDER BY id',
        );
        assert.deepEqual(
          rows.map((r) => [r.id, r.nom]),
          [
            ['1', null],
            ['2', null],
            ['3', 'Trần'],
            ['4', 'Trần'],
          ],
        );
        assert.equal((await store.fiches.get('1'))?.identity, null);
        const events = await store.fiches.listEvents('1');
        assert.deepEqual(
          events.map((e) => [e.kind, e.actor]),
          [['erased', 'system']],
        );
        const audit = await sqlOf(store).all<{ detail: string }>(
          "SELECT detail FROM audit_log WHERE action = 'retention.purge'",
        );
        assert.ok(audit.some((a) => a.detail === '2 fiches de liaison erased'));
      } finally {
        await db.store.close();
        await db.dispose();
      }
    });
  });
