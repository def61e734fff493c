import { strict as assert } from 'node:assert';
import { delayStats, discloseRows } from '../../src/domain/bilan-disclosure';
import { parseBilanYear } from '../../src/domain/bilan';

const rows = (...counts: number[]) => counts.map((count, i) => ({ key: `k${i}`, count }));
const values = (r: ReturnType<typeof discloseRows>) => r.map((x) => x.value ?? x.hidden);

describe('the bilan’s disclosure rule', () => {
  it('shows every count of people from 5 up, and 0 to 4 as "< 5"', () => {
    assert.deepEqual(values(discloseRows(rows(12, 5, 4, 0, 1), true)), [
      12,
      5,
      'small',
      'small',
      'small',
    ]);
  });

  it('masks the smallest shown cell when a single small cell could be recovered from the total', () => {
    assert.deepEqual(values(discloseRows(rows(12, 7, 3), true)), [12, 'masked', 'small']);
  });

  it('masks a shown cell when the small cells sum to less than 5, so that zeros are not revealed', () => {
    assert.deepEqual(values(discloseRows(rows(9, 6, 0, 0), true)), [9, 'masked', 'small', 'small']);
    assert.deepEqual(values(discloseRows(rows(9, 6, 3, 2), true)), [9, 6, 'small', 'small']);
  });

  it('masks more when the hidden cells’ sum would still pin a small one', () => {
    // 4 + 4 = 8 by difference: both would be known to be 4.
    assert.deepEqual(values(discloseRows(rows(10, 4, 4), true)), ['masked', 'small', 'small']);
    // 5 + 0 = 5 by difference, the masked cell being at least 5: the small one would be 0.
    assert.deepEqual(values(discloseRows(rows(20, 5, 0), true)), ['masked', 'masked', 'small']);
  });

  it('protects a group of cells whose sum is published elsewhere like the whole breakdown', () => {
    // completee + cloturee = the answered requests, shown in another section: 12 − 3 would tell.
    assert.deepEqual(values(discloseRows(rows(6, 12, 3, 5), true, [['k1', 'k2']])), [
      6,
      'masked',
      'small',
      5,
    ]);
    assert.deepEqual(values(discloseRows(rows(6, 12, 7, 5), true, [['k1', 'k2']])), [6, 12, 7, 5]);
  });

  it('shows counts that are not people (committees) as they are', () => {
    assert.deepEqual(values(discloseRows(rows(1, 0, 2), false)), [1, 0, 2]);
  });

  it('gives the median and the 90th percentile (nearest rank) in days, from an hour histogram', () => {
    // 10 answers: 24 h ×4, 48 h ×4, 96 h, 240 h → median 48 h = 2 days, p90 = rank 9 = 96 h = 4 days.
    assert.deepEqual(
      delayStats([
        [48, 4],
        [240, 1],
        [24, 4],
        [96, 1],
      ]),
      {
        answered: 10,
        medianDays: 2,
        p90Days: 4,
      },
    );
    // An even count takes the mean of the two middle values: (24 + 48) / 2 = 36 h = 1.5 days.
    assert.equal(
      delayStats([
        [24, 3],
        [48, 3],
      ]).medianDays,
      1.5,
    );
  });

  it('gives no delay over fewer than 5 answers', () => {
    assert.deepEqual(delayStats([[24, 4]]), { answered: null, medianDays: null, p90Days: null });
    assert.deepEqual(delayStats([]), { answered: null, medianDays: null, p90Days: null });
  });

  it('reads /bilan’s year: empty is the current year; beyond 2000..current is refused', () => {
    assert.equal(parseBilanYear('', 2027), 2027);
    assert.equal(parseBilanYear(' 2026 ', 2027), 2026);
    for (const bad of ['1999', '2028', '26', '2026-01', 'deux mille'])
      assert.equal(parseBilanYear(bad, 2027), 'invalid');
  });
});
