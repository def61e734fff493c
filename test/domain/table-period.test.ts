import { strict as assert } from 'node:assert';
import { parseTablePeriod, periodInstants } from '../../src/domain/table-period';

// 15 May 2026, 10:00 in Paris.
const now = new Date('2026-05-15T08:00:00Z');

describe('the period of /tableau', () => {
  it('defaults to the current year in Europe/Paris, even on New Year’s Eve night in UTC', () => {
    assert.deepEqual(parseTablePeriod('', now), { from: '2026-01-01', to: '2026-12-31' });
    // 31 Dec 2026 23:30 UTC is already 2027 in Paris.
    assert.deepEqual(parseTablePeriod('  ', new Date('2026-12-31T23:30:00Z')), {
      from: '2027-01-01',
      to: '2027-12-31',
    });
  });

  it('reads a year, a month, a day and ranges of them', () => {
    assert.deepEqual(parseTablePeriod('2025', now), { from: '2025-01-01', to: '2025-12-31' });
    assert.deepEqual(parseTablePeriod('2026-03', now), { from: '2026-03-01', to: '2026-03-31' });
    assert.deepEqual(parseTablePeriod('02/2024', now), { from: '2024-02-01', to: '2024-02-29' });
    assert.deepEqual(parseTablePeriod('2026-01..2026-06', now), {
      from: '2026-01-01',
      to: '2026-06-30',
    });
    assert.deepEqual(parseTablePeriod('2026-01 .. 2026-06', now), {
      from: '2026-01-01',
      to: '2026-06-30',
    });
    assert.deepEqual(parseTablePeriod('01/03/2026..15/04/2026', now), {
      from: '2026-03-01',
      to: '2026-04-15',
    });
    assert.deepEqual(parseTablePeriod('2025-12 au 2026-02', now), {
      from: '2025-12-01',
      to: '2026-02-28',
    });
    assert.deepEqual(parseTablePeriod('2026-04-07', now), { from: '2026-04-07', to: '2026-04-07' });
  });

  it('refuses what is not a period, a reversed range and years out of reach', () => {
    for (const bad of [
      '2026-13',
      'demain',
      '2026-06..2026-01',
      '1999',
      '2031',
      '2026..2027..2028',
      '31/02/2026',
      '2026-1-1..x',
    ]) {
      assert.equal(parseTablePeriod(bad, now), null, bad);
    }
  });

  it('turns Paris days into UTC instants, summer time included', () => {
    assert.deepEqual(periodInstants({ from: '2026-01-01', to: '2026-12-31' }), {
      start: '2025-12-31T23:00:00.000Z',
      end: '2026-12-31T23:00:00.000Z',
    });
    assert.deepEqual(periodInstants({ from: '2026-07-01', to: '2026-07-31' }), {
      start: '2026-06-30T22:00:00.000Z',
      end: '2026-07-31T22:00:00.000Z',
    });
  });
});
