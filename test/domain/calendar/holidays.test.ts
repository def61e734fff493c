import { strict as assert } from 'node:assert';
import {
  easterSunday,
  holidayOn,
  isPublicHoliday,
  publicHolidays,
} from '../../../src/domain/calendar/holidays';

describe('French public holidays', () => {
  it('computes Easter Sunday for known years, including the earliest and latest possible dates', () => {
    assert.equal(easterSunday(2024), '2024-03-31');
    assert.equal(easterSunday(2025), '2025-04-20');
    assert.equal(easterSunday(2026), '2026-04-05');
    assert.equal(easterSunday(2027), '2027-03-28');
    assert.equal(easterSunday(2038), '2038-04-25');
    assert.equal(easterSunday(2285), '2285-03-22');
  });

  it('lists the eleven national holidays of 2026 with Easter Monday, Ascension and Whit Monday', () => {
    assert.deepEqual(
      publicHolidays(2026).map((h) => h.date),
      [
        '2026-01-01',
        '2026-04-06',
        '2026-05-01',
        '2026-05-08',
        '2026-05-14',
        '2026-05-25',
        '2026-07-14',
        '2026-08-15',
        '2026-11-01',
        '2026-11-11',
        '2026-12-25',
      ],
    );
  });

  it('knows Easter Monday 2026 (6 April) and Ascension 2026 (14 May) everywhere', () => {
    assert.equal(holidayOn('2026-04-06')?.code, 'LUNDI_DE_PAQUES');
    assert.equal(holidayOn('2026-05-14', '75')?.code, 'ASCENSION');
    assert.equal(isPublicHoliday('2026-04-07'), false);
  });

  it('gives Bas-Rhin Good Friday and 26 December, but not the Rhône', () => {
    assert.equal(isPublicHoliday('2026-04-03', '67'), true);
    assert.equal(isPublicHoliday('2026-12-26', '67'), true);
    assert.equal(isPublicHoliday('2026-04-03', '69'), false);
    assert.equal(isPublicHoliday('2026-12-26', '69'), false);
  });

  it('gives Moselle and Haut-Rhin the same two extra days', () => {
    for (const dep of ['57', '68']) {
      assert.equal(holidayOn('2027-03-26', dep)?.code, 'VENDREDI_SAINT');
      assert.equal(holidayOn('2027-12-26', dep)?.code, 'SAINT_ETIENNE');
    }
  });

  it('gives each overseas département its day of the abolition of slavery, and only there', () => {
    assert.equal(holidayOn('2026-05-27', '971')?.code, 'ABOLITION_ESCLAVAGE');
    assert.equal(holidayOn('2026-05-22', '972')?.code, 'ABOLITION_ESCLAVAGE');
    assert.equal(holidayOn('2026-06-10', '973')?.code, 'ABOLITION_ESCLAVAGE');
    assert.equal(holidayOn('2026-12-20', '974')?.code, 'ABOLITION_ESCLAVAGE');
    assert.equal(holidayOn('2026-04-27', '976')?.code, 'ABOLITION_ESCLAVAGE');
    assert.equal(isPublicHoliday('2026-05-27', '972'), false);
    assert.equal(isPublicHoliday('2026-05-27'), false);
  });

  it('accepts a département typed with spaces or a leading zero', () => {
    assert.equal(isPublicHoliday('2026-12-26', ' 067 '), true);
    assert.equal(isPublicHoliday('2026-12-26', '001'), false);
    assert.equal(isPublicHoliday('2026-05-22', ' 0972 '), true);
  });

  it('ignores département codes that are not keys of its tables', () => {
    assert.equal(isPublicHoliday('2026-05-27', 'constructor'), false);
  });

  it('lists a date once when two holidays fall on it (Ascension on 1 May 2008)', () => {
    const may1 = publicHolidays(2008).filter((h) => h.date === '2008-05-01');
    assert.equal(may1.length, 1);
  });

  it('refuses a malformed date instead of answering false', () => {
    assert.throws(() => isPublicHoliday('2026-02-30'), RangeError);
    assert.throws(() => isPublicHoliday('14/07/2026'), RangeError);
  });
});
