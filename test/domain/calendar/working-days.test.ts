import { strict as assert } from 'node:assert';
import { parisLocal, parisToInstant } from '../../../src/domain/calendar/paris-time';
import {
  addWorkingDays,
  isWorkingDay,
  nthWorkingDayAfter,
  workingDaysBetween,
} from '../../../src/domain/calendar/working-days';

const at = (local: string): Date => parisToInstant(local);
const local = (d: Date): string => parisLocal(d);

describe('Working days', () => {
  it('counts Monday to Friday and not the weekend', () => {
    assert.equal(isWorkingDay('2026-07-10'), true);
    assert.equal(isWorkingDay('2026-07-11'), false);
    assert.equal(isWorkingDay('2026-07-12'), false);
  });

  it('reminds a request sent on Friday 10 July 2026 evening five working days later, skipping the weekend and 14 July', () => {
    assert.equal(local(addWorkingDays(at('2026-07-10T19:00'), 5)), '2026-07-20T19:00');
  });

  it('gives a request sent on Friday its first working day on Monday', () => {
    assert.equal(local(addWorkingDays(at('2026-07-03T10:00'), 1)), '2026-07-06T10:00');
  });

  it('does not count a Saturday request day: one working day later is Monday', () => {
    assert.equal(local(addWorkingDays(at('2026-07-04T10:00'), 1)), '2026-07-06T10:00');
  });

  it('skips Easter Monday 2026 (6 April)', () => {
    assert.equal(local(addWorkingDays(at('2026-04-02T14:00'), 2)), '2026-04-07T14:00');
  });

  it('skips Ascension Thursday 2026 (14 May)', () => {
    assert.equal(local(addWorkingDays(at('2026-05-13T09:00'), 1)), '2026-05-15T09:00');
  });

  it('crosses the year boundary, skipping 1 January', () => {
    assert.equal(local(addWorkingDays(at('2026-12-31T16:00'), 1)), '2027-01-04T16:00');
    assert.equal(local(addWorkingDays(at('2025-12-30T16:00'), 2)), '2026-01-02T16:00');
  });

  it('skips Good Friday and 26 December in Bas-Rhin (67) but not in the Rhône (69)', () => {
    assert.equal(nthWorkingDayAfter('2026-04-02', 1, '67'), '2026-04-07');
    assert.equal(nthWorkingDayAfter('2026-04-02', 1, '69'), '2026-04-03');
    // 24 Dec 2025 is a Wednesday: 25 is Christmas, 26 is a working Friday in Lyon only.
    assert.equal(nthWorkingDayAfter('2025-12-24', 1, '69'), '2025-12-26');
    assert.equal(nthWorkingDayAfter('2025-12-24', 1, '67'), '2025-12-29');
  });

  it('keeps the local hour across the change to summer time', () => {
    assert.equal(local(addWorkingDays(at('2026-03-27T10:00'), 1)), '2026-03-30T10:00');
  });

  it('keeps seconds, so the delay is never shorter than the full working days', () => {
    const start = new Date('2026-07-06T08:15:42.500Z');
    assert.equal(addWorkingDays(start, 1).toISOString(), '2026-07-07T08:15:42.500Z');
  });

  it('returns the start itself for zero working days and refuses negative or fractional counts', () => {
    const start = at('2026-07-10T19:00');
    assert.equal(addWorkingDays(start, 0).getTime(), start.getTime());
    assert.throws(() => addWorkingDays(start, -1), RangeError);
    assert.throws(() => addWorkingDays(start, 1.5), RangeError);
  });

  it('counts working days between two instants as the inverse of adding them', () => {
    const start = at('2026-07-10T19:00');
    for (const n of [0, 1, 2, 5, 10, 40]) {
      assert.equal(workingDaysBetween(start, addWorkingDays(start, n)), n, `n=${n}`);
    }
  });

  it('counts an answer on the same day as zero and Friday to Monday as one', () => {
    assert.equal(workingDaysBetween(at('2026-07-06T09:00'), at('2026-07-06T17:00')), 0);
    assert.equal(workingDaysBetween(at('2026-07-03T17:00'), at('2026-07-06T09:00')), 1);
    assert.equal(workingDaysBetween(at('2026-07-06T09:00'), at('2026-07-03T17:00')), -1);
  });
});
