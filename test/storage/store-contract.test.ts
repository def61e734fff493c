import { strict as assert } from 'node:assert';
import type { RequestRecord } from '../../src/domain/model';
import type { Store } from '../../src/storage/store';
import { engines } from '../helpers/engines';
import { sqlOf } from '../helpers/sql';

const AT = '2026-03-10T09:00:00.000Z';

async function seed(store: Store) {
  await store.transaction(async (tx) => {
    await tx.directory.upsertStructure(
      { id: 'dt-lyon', kind: 'DT', name: 'DT OFII de Lyon', departements: ['69'], tenantId: null },
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
    await tx.directory.upsertCorrespondent(
      {
        aadObjectId: 'AAAAAAAA-0000-4000-8000-000000000001',
        structureId: 'dt-lyon',
        role: 'correspondant',
        name: 'Camille',
        email: null,
        phone: null,
      },
      AT,
    );
  });
}

function request(id: string, number: string): RequestRecord {
  return {
    id,
    number,
    status: 'transmise',
    mlId: 'ml-a',
    dtId: 'dt-lyon',
    partnershipId: 'rhone',
    createdBy: 'x',
    createdAt: AT,
    updatedAt: AT,
    identity: {
      civilite: 'Mme',
      nom: 'Test',
      prenom: 'Une',
      dateNaissance: '2004-01-01',
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

const answer = {
  positionnementLinguistique: 'INF_A2',
  prescriptionInitiale: 'FL_600',
  heuresFL: 100,
  journeesFC: 1,
};

for (const engine of engines()) {
  describe(`the storage contract on ${engine.name}`, () => {
    let store: Store;
    let again: () => Promise<Store>;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, again, dispose } = await engine.open());
      await seed(store);
    });
    afterEach(async () => {
      await store.close();
      await dispose();
    });

    it('applies migrations once: reopening the same database changes nothing', async () => {
      await store.close();
      store = await again();
      assert.equal((await store.directory.listStructures()).length, 2);
    });

    it('upserts the directory idempotently and finds partnerships from either side', async () => {
      await seed(store);
      assert.equal((await store.directory.listStructures()).length, 2);
      assert.deepEqual(
        (await store.directory.partnershipsOfStructure('ml-a')).map((p) => p.mlIds),
        [['ml-a']],
      );
      assert.equal((await store.directory.partnershipsOfStructure('dt-lyon')).length, 1);
      assert.equal(
        (await store.directory.getCorrespondent('aaaaaaaa-0000-4000-8000-000000000001'))?.name,
        'Camille',
      );
    });

    it('numbers requests without gaps or repeats, even from concurrent transactions', async () => {
      const numbers = await Promise.all(
        Array.from({ length: 20 }, () => store.transaction((tx) => tx.requests.nextNumber(2026))),
      );
      assert.deepEqual(
        [...numbers].sort(),
        Array.from({ length: 20 }, (_, i) => `2026-${String(i + 1).padStart(6, '0')}`),
      );
    });

    it('rolls back everything a failed transaction wrote, outbox included', async () => {
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.requests.insert(request('r1', '2026-000001'), null);
          await tx.outbox.enqueue(
            { op: 'send', conversationId: 'c', reference: {}, activity: {}, dueAt: AT },
            AT,
          );
          throw new Error('boom');
        }),
      );
      assert.equal(await store.requests.get('r1'), undefined);
      assert.equal((await store.listOutbox()).length, 0);
    });

    it('lets exactly one of two concurrent answers win', async () => {
      await store.transaction((tx) => tx.requests.insert(request('r2', '2026-000002'), 'src-1'));
      const wins = await Promise.all(
        [1, 2].map((i) =>
          store.transaction((tx) => tx.requests.answer('r2', answer, `p${i}`, `P${i}`, AT)),
        ),
      );
      assert.equal(wins.filter(Boolean).length, 1);
      assert.equal((await store.requests.get('r2'))?.status, 'completee');
      assert.equal((await store.requests.getBySource('src-1'))?.id, 'r2');
    });

    it('never gives the same outbox row to two claimers', async () => {
      await store.transaction(async (tx) => {
        for (let i = 0; i < 30; i++)
          await tx.outbox.enqueue(
            { op: 'send', conversationId: `c${i % 3}`, reference: {}, activity: { i }, dueAt: AT },
            AT,
          );
      });
      const later = '2026-03-10T09:01:00.000Z';
      const lease = '2026-03-10T09:02:00.000Z';
      const [a, b, c] = await Promise.all(
        ['w1', 'w2', 'w3'].map((w) => store.claimOutbox(later, 12, w, lease)),
      );
      const ids = [...a, ...b, ...c].map((r) => r.id);
      assert.equal(ids.length, 30);
      assert.equal(new Set(ids).size, 30);
      assert.equal(
        (await store.claimOutbox(later, 10, 'w4', lease)).length,
        0,
        'claimed rows are leased',
      );
      await store.outbox.markSent(a[0].id, 'act-1', later);
      await store.outbox.markRetry(a[1].id, '2026-03-10T10:00:00.000Z', 'HTTP 429', true);
      assert.equal(
        (await store.claimOutbox('2026-03-10T09:03:00.000Z', 100, 'w5', lease)).length,
        28,
        'expired leases are claimable again',
      );
      assert.equal(await store.nextOutboxDue(), AT);
    });

    it('writes several outbox rows at once, each id with its own payload, in order, past a chunk', async () => {
      await store.transaction((tx) =>
        tx.outbox.enqueue(
          { op: 'send', conversationId: 'c0', reference: {}, activity: { i: -1 }, dueAt: AT },
          AT,
        ),
      );
      const rows = Array.from({ length: 205 }, (_, i) => ({
        op: 'send' as const,
        conversationId: `c${i % 4}`,
        reference: { chat: i },
        activity: { i },
        dueAt: AT,
        side: i % 2 ? ('ml' as const) : ('dt' as const),
      }));
      const ids = await store.transaction((tx) => tx.outbox.enqueueAll(rows, AT));
      assert.equal(ids.length, 205);
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => a - b),
        'ids come in the order given',
      );
      const claimed = await store.claimOutbox(AT, 300, 'w1', '2026-03-10T09:02:00.000Z');
      const byId = new Map((await store.withPayloads(claimed)).map((r) => [r.id, r]));
      rows.forEach((r, i) => {
        const got = byId.get(ids[i]);
        assert.deepEqual(
          [got?.activity, got?.reference, got?.conversationId, got?.side],
          [r.activity, r.reference, r.conversationId, r.side],
        );
      });
      assert.deepEqual(await store.transaction((tx) => tx.outbox.enqueueAll([], AT)), []);
    });

    it('defers claimed rows each to its own time, and leaves sent ones alone', async () => {
      await store.transaction(async (tx) => {
        for (let i = 0; i < 5; i++)
          await tx.outbox.enqueue(
            { op: 'send', conversationId: 'c', reference: {}, activity: { i }, dueAt: AT },
            AT,
          );
      });
      const rows = await store.claimOutbox(AT, 10, 'w1', '2026-03-10T09:02:00.000Z');
      await store.outbox.markSent(rows[0].id, 'act-1', AT);
      const at = (s: number) => `2026-03-10T09:00:0${s}.000Z`;
      await store.outbox.deferRows(rows.map((r, i) => ({ id: r.id, dueAt: at(i + 1) })));
      const listed = new Map((await store.listOutbox()).map((r) => [r.id, r]));
      assert.deepEqual(
        rows.map((r) => listed.get(r.id)?.dueAt),
        [AT, at(2), at(3), at(4), at(5)],
      );
      assert.equal(listed.get(rows[0].id)?.status, 'sent');
      assert.deepEqual(
        (await store.claimOutbox(at(3), 10, 'w2', '2026-03-10T09:02:00.000Z')).map((r) => r.id),
        [rows[1].id, rows[2].id],
        'due again at their time, lease lifted',
      );
    });

    it('keeps what concurrent transactions wrote when one of them fails, durably', async () => {
      const results = await Promise.allSettled(
        [1, 2, 3].map((i) =>
          store.transaction(async (tx) => {
            await tx.requests.insert(request(`g${i}`, `2026-00010${i}`), `src-g${i}`);
            if (i === 2) throw new Error('refused');
          }),
        ),
      );
      assert.deepEqual(
        results.map((r) => r.status),
        ['fulfilled', 'rejected', 'fulfilled'],
      );
      assert.ok(await store.requests.get('g1'));
      assert.equal(await store.requests.get('g2'), undefined);
      // Another connection sees them: a resolved transaction is committed, not merely queued.
      const other = await again();
      try {
        assert.deepEqual(
          [await other.requests.get('g1'), await other.requests.get('g3')].map((r) => r?.id),
          ['g1', 'g3'],
        );
      } finally {
        await other.close();
      }
    });

    it('reads a directory change back at once, never an uncommitted or rolled back one', async () => {
      const mlA = (name: string) => ({
        id: 'ml-a',
        kind: 'ML' as const,
        name,
        departements: ['69'],
        tenantId: null,
      });
      assert.equal((await store.directory.getStructure('ml-a'))?.name, 'ML A');
      await store.transaction((tx) => tx.directory.upsertStructure(mlA('ML Alpha'), AT));
      assert.equal((await store.directory.getStructure('ml-a'))?.name, 'ML Alpha');

      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.directory.upsertStructure(mlA('ML Beta'), AT);
          assert.equal(
            (await tx.directory.getStructure('ml-a'))?.name,
            'ML Beta',
            'the transaction sees its own change',
          );
          throw new Error('rolled back');
        }),
      );
      assert.equal((await store.directory.getStructure('ml-a'))?.name, 'ML Alpha');

      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const pending = store.transaction(async (tx) => {
        await tx.directory.upsertStructure(mlA('ML Gamma'), AT);
        await gate;
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(
        (await store.directory.getStructure('ml-a'))?.name,
        'ML Alpha',
        'not committed yet',
      );
      release();
      await pending;
      assert.equal((await store.directory.getStructure('ml-a'))?.name, 'ML Gamma');

      // Raw SQL from a feature's own repository counts as a change too.
      await store.transaction((tx) =>
        sqlOf(tx).run('DELETE FROM partnership_mls WHERE ml_id = ?', ['ml-a']),
      );
      assert.deepEqual(
        (await store.directory.partnershipsOfStructure('ml-a')).map((p) => p.id),
        [],
      );
    });

    it('keeps conversation references per user and per conversation', async () => {
      await store.references.save('user', 'u1', { conversation: { id: 'a:1' } }, AT);
      await store.references.save('user', 'u1', { conversation: { id: 'a:2' } }, AT);
      assert.deepEqual(await store.references.get('user', 'u1'), { conversation: { id: 'a:2' } });
      assert.equal(await store.references.get('conversation', 'u1'), undefined);
    });
  });
}
