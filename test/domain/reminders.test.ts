import { strict as assert } from 'node:assert';
import { parisLocal, parisToInstant } from '../../src/domain/calendar/paris-time';
import {
  committeeReminders,
  DEFAULT_REMINDER_OFFSETS,
  escalationDue,
  firstReminderDue,
  parseReminderOffsets,
  reminderOffsetsSchema,
  unansweredDelay,
  type ReminderOffset,
} from '../../src/domain/reminders';

const at = (local: string): Date => parisToInstant(local);

function offsets(spec: string): ReminderOffset[] {
  const r = parseReminderOffsets(spec);
  if (!r.ok) throw new Error(`${r.code} ${r.item}`);
  return r.offsets;
}

function dueLocal(startsAt: Date, spec: string, now: Date): string[] {
  return committeeReminders(startsAt, offsets(spec), now).map(
    (r) => `${r.offset.key} ${parisLocal(r.dueAt)}`,
  );
}

describe('Reminder offsets', () => {
  it('reads the default 14d,1d,08:30', () => {
    assert.deepEqual(offsets(DEFAULT_REMINDER_OFFSETS), [
      { kind: 'days', days: 14, key: '14d' },
      { kind: 'days', days: 1, key: '1d' },
      { kind: 'sameDayAt', time: '08:30', key: '08:30' },
    ]);
  });

  it('tolerates spaces, upper case and a one-digit hour, and writes each offset canonically', () => {
    assert.deepEqual(
      offsets(' 7D , 2h,8:30 ').map((o) => o.key),
      ['7d', '2h', '08:30'],
    );
  });

  it('refuses an empty spec, an unknown unit, an out-of-range value and a duplicate, naming the item', () => {
    assert.deepEqual(parseReminderOffsets(' , '), {
      ok: false,
      code: 'E_OFFSETS_EMPTY',
      item: ' , ',
    });
    assert.deepEqual(parseReminderOffsets('14d,2w'), {
      ok: false,
      code: 'E_OFFSET_INVALID',
      item: '2w',
    });
    assert.deepEqual(parseReminderOffsets('0d'), { ok: false, code: 'E_OFFSET_RANGE', item: '0d' });
    assert.deepEqual(parseReminderOffsets('400d'), {
      ok: false,
      code: 'E_OFFSET_RANGE',
      item: '400d',
    });
    assert.deepEqual(parseReminderOffsets('24:00'), {
      ok: false,
      code: 'E_OFFSET_RANGE',
      item: '24:00',
    });
    assert.deepEqual(parseReminderOffsets('1d,01d'), {
      ok: false,
      code: 'E_OFFSET_DUPLICATE',
      item: '01d',
    });
    assert.equal(parseReminderOffsets('1d,2d,3d,4d,5d,6d,7d,8d,9d,10d,11d').ok, false);
  });

  it('can sit in a configuration schema and reports every bad item there', () => {
    const r = reminderOffsetsSchema.safeParse('14x,1d,99h');
    assert.ok(!r.success);
    assert.deepEqual(
      r.error.issues.map((i) => i.message),
      ['E_OFFSET_INVALID', 'E_OFFSET_RANGE'],
    );
  });
});

describe('Committee reminders', () => {
  const plannedOn = at('2026-05-04T10:00');

  it('reminds a committee 14 days before, the day before and at 08:30 the same day', () => {
    assert.deepEqual(dueLocal(at('2026-06-18T14:00'), DEFAULT_REMINDER_OFFSETS, plannedOn), [
      '14d 2026-06-04T14:00',
      '1d 2026-06-17T14:00',
      '08:30 2026-06-18T08:30',
    ]);
  });

  it('keeps 08:30 Paris time and the committee’s hour across the change to summer time', () => {
    const startsAt = at('2026-04-02T10:00');
    const due = committeeReminders(
      startsAt,
      offsets(DEFAULT_REMINDER_OFFSETS),
      at('2026-03-01T10:00'),
    );
    assert.deepEqual(
      due.map((r) => parisLocal(r.dueAt)),
      ['2026-03-19T10:00', '2026-04-01T10:00', '2026-04-02T08:30'],
    );
    // 14 days before crosses 29 March: 13 days of 24 h and one of 23 h.
    assert.equal(startsAt.getTime() - due[0].dueAt.getTime(), (14 * 24 - 1) * 3_600_000);
    assert.equal(due[2].dueAt.toISOString(), '2026-04-02T06:30:00.000Z');
  });

  it('keeps 08:30 Paris time across the change to winter time', () => {
    const due = committeeReminders(at('2026-10-26T09:00'), offsets('1d,08:30'), plannedOn);
    assert.deepEqual(
      due.map((r) => r.dueAt.toISOString()),
      ['2026-10-25T08:00:00.000Z', '2026-10-26T07:30:00.000Z'],
    );
  });

  it('counts hours as elapsed time, so 24h before differs from 1d before across a clock change', () => {
    // Sunday 29 March 2026 has 23 hours: 24 hours before 10:00 is 09:00 the day before.
    assert.deepEqual(dueLocal(at('2026-03-29T10:00'), '1d,24h', at('2026-03-01T00:00')), [
      '24h 2026-03-28T09:00',
      '1d 2026-03-28T10:00',
    ]);
  });

  it('does not schedule a reminder already past when the committee is planned', () => {
    assert.deepEqual(dueLocal(at('2026-05-10T14:00'), DEFAULT_REMINDER_OFFSETS, plannedOn), [
      '1d 2026-05-09T14:00',
      '08:30 2026-05-10T08:30',
    ]);
  });

  it('gives no 08:30 reminder to a committee starting at or before 08:30', () => {
    assert.deepEqual(dueLocal(at('2026-06-18T08:00'), DEFAULT_REMINDER_OFFSETS, plannedOn), [
      '14d 2026-06-04T08:00',
      '1d 2026-06-17T08:00',
    ]);
    assert.equal(dueLocal(at('2026-06-18T08:30'), '08:30', plannedOn).length, 0);
  });

  it('sends one reminder when two offsets land on the same instant', () => {
    assert.deepEqual(dueLocal(at('2026-06-18T14:00'), '1d,24h', plannedOn), [
      '1d 2026-06-17T14:00',
    ]);
  });

  it('recomputes the reminders of a moved committee from its new date', () => {
    const moved = dueLocal(
      at('2026-07-02T10:00'),
      DEFAULT_REMINDER_OFFSETS,
      at('2026-06-10T12:00'),
    );
    assert.deepEqual(moved, [
      '14d 2026-06-18T10:00',
      '1d 2026-07-01T10:00',
      '08:30 2026-07-02T08:30',
    ]);
  });
});

describe('Unanswered-request reminders', () => {
  it('reminds the DT inbox five working days after a request sent on Friday 10 July 2026, skipping 14 July', () => {
    assert.equal(parisLocal(firstReminderDue(at('2026-07-10T18:45'))), '2026-07-20T18:45');
  });

  it('escalates to the DT’s admins after a second delay counted from the reminder', () => {
    assert.equal(parisLocal(escalationDue(at('2026-07-10T18:45'))), '2026-07-27T18:45');
    assert.equal(parisLocal(escalationDue(at('2026-07-10T18:45'), 5, 3)), '2026-07-23T18:45');
  });

  it('uses the DT’s département: a Strasbourg DT does not count Good Friday', () => {
    const sent = at('2026-03-30T09:00');
    assert.equal(parisLocal(firstReminderDue(sent, 5)), '2026-04-07T09:00');
    assert.equal(parisLocal(firstReminderDue(sent, 5, '67')), '2026-04-08T09:00');
  });

  it('tells the advisor how many working days the request has waited and what is due', () => {
    const sent = at('2026-07-10T18:45');
    const waiting = unansweredDelay(sent, at('2026-07-15T09:00'));
    assert.equal(waiting.workingDays, 2); // Monday 13 and Wednesday 15
    assert.equal(waiting.stage, 'waiting');
    assert.equal(unansweredDelay(sent, at('2026-07-20T18:45')).stage, 'reminder-due');
    const late = unansweredDelay(sent, at('2026-07-28T09:00'));
    assert.equal(late.stage, 'escalation-due');
    assert.equal(late.workingDays, 11);
  });
});
