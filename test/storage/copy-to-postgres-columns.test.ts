import { strict as assert } from 'node:assert';
import {
  canonical,
  kindOf,
  toPgParam,
  type ColumnKind,
} from '../../src/storage/copy-to-postgres/columns';
import { dependencyOrder, type TargetTable } from '../../src/storage/copy-to-postgres/target';
import { CopyRefused } from '../../src/storage/copy-to-postgres/refused';

/** [kind, what better-sqlite3 returns, what PostgreSQL prints for the stored value]. */
const SAME: [ColumnKind, unknown, string][] = [
  ['integer', 9_007_199_254_740_993n, '9007199254740993'],
  ['integer', 0n, '0'],
  ['boolean', 1n, 't'],
  ['boolean', 0n, 'f'],
  [
    'json',
    '{"b": 1, "a": [1, {"d": null, "c": "é"}]}',
    '{"a": [1, {"c": "é", "d": null}], "b": 1}',
  ],
  ['timestamp', '2025-03-01T09:30:00.120Z', '2025-03-01 09:30:00.12+00'],
  ['timestamp', '2025-03-01T09:30:00.000Z', '2025-03-01 09:30:00+00'],
  ['bytes', Buffer.from([0, 255, 16]), '\\x00ff10'],
  ['text', 'Nguyễn — « été »', 'Nguyễn — « été »'],
];

describe('migrate-to-postgres: the canonical rendering both checksums share', () => {
  for (const [kind, sqlite, postgres] of SAME) {
    it(`renders SQLite's ${typeof sqlite === 'object' ? 'buffer' : String(sqlite)} and PostgreSQL's ${postgres} (${kind}) the same`, () => {
      assert.equal(canonical(kind, sqlite, 'sqlite'), canonical(kind, postgres, 'postgres'));
    });
  }

  it('tells apart values that differ only in what a careless rendering would drop', () => {
    assert.notEqual(
      canonical('integer', 9_007_199_254_740_993n, 'sqlite'),
      canonical('integer', '9007199254740992', 'postgres'),
    );
    assert.notEqual(canonical('text', 'a ', 'sqlite'), canonical('text', 'a', 'postgres'));
    assert.notEqual(canonical('json', '[1, 2]', 'sqlite'), canonical('json', '[2, 1]', 'postgres'));
    assert.notEqual(
      canonical('bytes', Buffer.from('00', 'hex'), 'sqlite'),
      canonical('bytes', '\\x', 'postgres'),
    );
    assert.equal(canonical('text', null, 'sqlite'), null);
    assert.notEqual(canonical('text', '', 'sqlite'), null);
  });

  it('sends integers as exact decimal text and refuses what does not fit the column', () => {
    assert.equal(toPgParam('integer', 9_007_199_254_740_993n, 't.c'), '9007199254740993');
    assert.equal(toPgParam('boolean', 0n, 't.c'), false);
    assert.throws(
      () => toPgParam('integer', 'twelve', 'requests.heures_fl (row 3)'),
      (e: Error) =>
        e instanceof CopyRefused &&
        /requests\.heures_fl \(row 3\): expected an integer, found the text "twelve"/.test(
          e.message,
        ),
    );
    assert.throws(() => toPgParam('text', Buffer.from('x'), 't.c'), CopyRefused);
    assert.throws(
      () => kindOf('requests', 'amount', 'numeric'),
      /requests\.amount has PostgreSQL type "numeric"/,
    );
  });

  it('orders tables so that each comes after the tables its foreign keys reference', () => {
    const t = (name: string, references: string[]): TargetTable => ({
      name,
      columns: [],
      key: [],
      references,
    });
    const order = dependencyOrder([
      t('outbox_payloads', ['outbox']),
      t('requests', ['structures']),
      t('outbox', []),
      t('structures', []),
    ]).map((x) => x.name);
    assert.ok(order.indexOf('outbox') < order.indexOf('outbox_payloads'));
    assert.ok(order.indexOf('structures') < order.indexOf('requests'));
    assert.throws(() => dependencyOrder([t('a', ['b']), t('b', ['a'])]), /cycle/);
  });
});
