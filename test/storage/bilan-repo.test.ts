import { strict as assert } from 'node:assert';
import type { RequestRecord } from '../../src/domain/model';
import type { Store } from '../../src/storage/store';
import { engines } from '../helpers/engines';

const AT = '2026-01-05T09:00:00.000Z';
const FROM = new Date('2025-12-31T23:00:00.000Z');
const TO = new Date('2026-12-31T23:00:00.000Z');

function request(id: string, createdAt: string, o: Partial<RequestRecord> = {}): RequestRecord {
  return {
    id,
    number: `2026-${id.padStart(6, '0')}`,
    status: 'transmise',
    mlId: 'ml-a',
    dtId: 'dt-lyon',
    partnershipId: 'rhone',
    createdBy: 'x',
    createdAt,
    updatedAt: createdAt,
    identity: null,
    answer: null,
    answeredBy: null,
    answeredByName: null,
    answeredAt: null,
    prescriptionML: null,
    prescribedAt: null,
    ...o,
  };
}

const answer = (code: string) => ({
  positionnementLinguistique: 'INF_A2',
  prescriptionInitiale: code,
  heuresFL: 0,
  journeesFC: 0,
});

const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

for (const engine of engines()) {
  describe(`the bilan's aggregates on ${engine.name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await engine.open());
      await store.transaction(async (tx) => {
        await tx.directory.upsertStructure(
          { id: 'dt-lyon', kind: 'DT', name: 'DT', departements: ['69'], tenantId: null },
          AT,
        );
        await tx.directory.upsertStructure(
          { id: 'ml-a', kind: 'ML', name: 'ML A', departements: ['69'], tenantId: null },
          AT,
        );
        await tx.directory.upsertPartnership(
          { id: 'rhone', dtId: 'dt-lyon', name: null, mlIds: ['ml-a'] },
          AT,
        );
        // Answered after 0 s, 47 h 59 min 59 s and 48 h: whole hours 0, 47 and 48 on both engines.
        for (const [id, ms] of [
          ['1', 0],
          ['2', 48 * 3_600_000 - 1_000],
          ['3', 48 * 3_600_000],
        ] as const) {
          await tx.requests.insert(request(id, AT), null);
          await tx.requests.answer(id, answer('FL_600'), 'x', 'DT', plus(AT, ms));
        }
        // Answered after the end of the year: not answered in that year's bilan.
        await tx.requests.insert(request('4', '2026-12-30T09:00:00.000Z'), null);
        await tx.requests.answer('4', answer('PLATEFORME'), 'x', 'DT', '2027-01-04T09:00:00.000Z');
        // Cancelled, another partnership, another year: out of the delays.
        await tx.requests.insert(request('5', AT, { status: 'annulee' }), null);
        await tx.requests.insert(request('6', AT, { partnershipId: 'isere' }), null);
        await tx.requests.insert(request('7', '2025-12-31T22:59:59.999Z'), null);
        // Follow-ups: asked on 1 and 2; 1 answered after the ask, 3 prescribed without one.
        await tx.requests.addEvent({
          requestId: '1',
          at: plus(AT, 3_600_000),
          actor: 'x',
          kind: 'followup_requested',
        });
        await tx.requests.addEvent({
          requestId: '1',
          at: plus(AT, 7_200_000),
          actor: 'x',
          kind: 'followup_requested',
        });
        await tx.requests.addEvent({
          requestId: '2',
          at: plus(AT, 50 * 3_600_000),
          actor: 'x',
          kind: 'followup_requested',
        });
        await tx.requests.setPrescription('1', 'CEJ', 'y', plus(AT, 10_800_000));
        await tx.requests.setPrescription('3', 'PACEA', 'y', plus(AT, 10_800_000));
      });
    });
    afterEach(async () => {
      await store.close();
      await dispose();
    });

    it('groups the year’s requests by status, ML and prescription, within the partnership and the year', async () => {
      const b = store.bilan;
      assert.deepEqual(await b.requestsBy('rhone', FROM, TO, 'status'), [
        { key: 'annulee', count: 1 },
        { key: 'cloturee', count: 2 },
        { key: 'completee', count: 2 },
      ]);
      assert.deepEqual(await b.requestsBy('rhone', FROM, TO, 'ml'), [{ key: 'ml-a', count: 5 }]);
      assert.deepEqual(await b.requestsBy('rhone', FROM, TO, 'prescriptionInitiale'), [
        { key: 'FL_600', count: 3 },
      ]);
      assert.deepEqual(await b.requestsBy('rhone', FROM, TO, 'prescriptionML'), [
        { key: 'CEJ', count: 1 },
        { key: 'PACEA', count: 1 },
      ]);
    });

    it('gives the answer delays as a histogram of whole hours, the same on both engines', async () => {
      const h = await store.bilan.answerDelayHours('rhone', FROM, TO);
      assert.deepEqual(
        h.sort((a, b) => a[0] - b[0]),
        [
          [0, 1],
          [47, 1],
          [48, 1],
        ],
      );
    });

    it('counts follow-ups once per request, answered only by a prescription after the first ask', async () => {
      assert.deepEqual(await store.bilan.followUps('rhone', FROM, TO), { asked: 2, answered: 1 });
      assert.deepEqual(await store.bilan.followUps('isere', FROM, TO), { asked: 0, answered: 0 });
    });
  });
}
