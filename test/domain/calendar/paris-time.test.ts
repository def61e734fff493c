import { strict as assert } from 'node:assert';
import {
  formatParisFr,
  parisDate,
  parisLocal,
  parisOffsetMinutes,
  ParisTimeError,
  parisToInstant,
  parisToInstantLenient,
  resolveParisLocal,
} from '../../../src/domain/calendar/paris-time';

describe('Europe/Paris time', () => {
  it('reads a winter time as UTC+1 and a summer time as UTC+2', () => {
    assert.equal(parisToInstant('2026-01-15T09:30').toISOString(), '2026-01-15T08:30:00.000Z');
    assert.equal(parisToInstant('2026-07-15T09:30').toISOString(), '2026-07-15T07:30:00.000Z');
    assert.equal(parisOffsetMinutes(new Date('2026-01-15T08:30:00Z')), 60);
    assert.equal(parisOffsetMinutes(new Date('2026-07-15T07:30:00Z')), 120);
  });

  it('refuses 02:30 on 29 March 2026, a time the clocks skip', () => {
    const r = resolveParisLocal('2026-03-29T02:30');
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.code, 'E_TIME_NONEXISTENT');
    assert.throws(
      () => parisToInstant('2026-03-29T02:30'),
      (e: unknown) => e instanceof ParisTimeError && e.code === 'E_TIME_NONEXISTENT',
    );
  });

  it('accepts the minutes around the spring gap: 01:59 is winter time, 03:00 summer time', () => {
    assert.equal(parisToInstant('2026-03-29T01:59').toISOString(), '2026-03-29T00:59:00.000Z');
    assert.equal(parisToInstant('2026-03-29T03:00').toISOString(), '2026-03-29T01:00:00.000Z');
  });

  it('moves a skipped time forward by the gap when asked to be lenient', () => {
    assert.equal(parisLocal(parisToInstantLenient('2026-03-29', '02:30')), '2026-03-29T03:30');
  });

  it('reads 02:30 on 25 October 2026, which happens twice, as the first one (summer time)', () => {
    const r = resolveParisLocal('2026-10-25T02:30');
    assert.ok(r.ok);
    assert.equal(r.ambiguous, true);
    assert.equal(r.instant.toISOString(), '2026-10-25T00:30:00.000Z');
    assert.equal(parisLocal(new Date('2026-10-25T01:30:00Z')), '2026-10-25T02:30');
  });

  it('does not call an ordinary time ambiguous', () => {
    const r = resolveParisLocal('2026-10-25T03:30');
    assert.ok(r.ok);
    assert.equal(r.ambiguous, false);
    assert.equal(r.instant.toISOString(), '2026-10-25T02:30:00.000Z');
  });

  it('refuses malformed or impossible date-times', () => {
    for (const bad of [
      '2026-02-30T10:00',
      '2026-01-01T24:00',
      '2026-01-01 10:00',
      '2026-01-01T9:00',
      '',
    ]) {
      const r = resolveParisLocal(bad);
      assert.equal(!r.ok && r.code, 'E_TIME_INVALID', bad);
    }
  });

  it('gives the Paris date of an instant, which is the next day late in the UTC evening', () => {
    assert.equal(parisDate(new Date('2026-12-31T23:30:00Z')), '2027-01-01');
    assert.equal(parisDate(new Date('2026-07-10T21:59:00Z')), '2026-07-10');
    assert.equal(parisDate(new Date('2026-07-10T22:00:00Z')), '2026-07-11');
  });

  it('shows an instant the French way, JJ/MM/AAAA à HH:mm, in Paris time', () => {
    assert.equal(formatParisFr(new Date('2026-07-10T17:05:00Z')), '10/07/2026 à 19:05');
    assert.equal(formatParisFr(new Date('2026-01-01T00:00:00Z')), '01/01/2026 à 01:00');
    assert.equal(formatParisFr(new Date('2026-06-30T22:00:00Z')), '01/07/2026 à 00:00');
  });

  it('round-trips every hour of 2026 and every quarter hour of its two clock-change nights', () => {
    const instants: number[] = [];
    for (let t = Date.UTC(2025, 11, 31, 23, 0); t < Date.UTC(2026, 11, 31, 23, 0); t += 3_600_000)
      instants.push(t);
    for (const night of [Date.UTC(2026, 2, 28, 22, 0), Date.UTC(2026, 9, 24, 22, 0)]) {
      for (let t = night; t < night + 6 * 3_600_000; t += 15 * 60_000) instants.push(t);
    }
    for (const instant of instants) {
      const local = parisLocal(new Date(instant));
      const back = resolveParisLocal(local);
      assert.ok(back.ok, local);
      // In the autumn overlap the second occurrence reads back as the first, by design.
      if (!back.ambiguous) assert.equal(back.instant.getTime(), instant, local);
    }
  });
});
