/**
 * When reminders are due (DESIGN.md §8, issue 5): committee reminders at configurable offsets
 * before the start, and the unanswered-request reminder and escalation in working days. Pure
 * computations; the scheduler stores the instants as jobs and sends each once.
 */
import { z } from 'zod';
import { addDays } from './calendar/iso-date';
import { isLocalTime, parisDate, parisTime, parisToInstantLenient } from './calendar/paris-time';
import { addWorkingDays, workingDaysBetween } from './calendar/working-days';

/** One reminder offset; `key` is its canonical spelling, stable enough to name a job. */
export type ReminderOffset =
  | { kind: 'days'; days: number; key: string }
  | { kind: 'hours'; hours: number; key: string }
  | { kind: 'sameDayAt'; time: string; key: string };

export type OffsetErrorCode =
  | 'E_OFFSETS_EMPTY'
  | 'E_OFFSETS_TOO_MANY'
  | 'E_OFFSET_INVALID'
  | 'E_OFFSET_RANGE'
  | 'E_OFFSET_DUPLICATE';

/** The roadmap's rhythm: two weeks before, the day before, and the morning itself. */
export const DEFAULT_REMINDER_OFFSETS = '14d,1d,08:30';
export const MAX_OFFSETS = 10;
const MAX_DAYS = 365;
const MAX_HOURS = 72;

function parseItem(item: string): ReminderOffset | OffsetErrorCode {
  const days = /^(\d{1,3})d$/i.exec(item);
  if (days) {
    const n = Number(days[1]);
    return n >= 1 && n <= MAX_DAYS ? { kind: 'days', days: n, key: `${n}d` } : 'E_OFFSET_RANGE';
  }
  const hours = /^(\d{1,3})h$/i.exec(item);
  if (hours) {
    const n = Number(hours[1]);
    return n >= 1 && n <= MAX_HOURS ? { kind: 'hours', hours: n, key: `${n}h` } : 'E_OFFSET_RANGE';
  }
  const at = /^(\d{1,2}):(\d{2})$/.exec(item);
  if (at) {
    const time = `${at[1].padStart(2, '0')}:${at[2]}`;
    return isLocalTime(time) ? { kind: 'sameDayAt', time, key: time } : 'E_OFFSET_RANGE';
  }
  return 'E_OFFSET_INVALID';
}

/**
 * Zod schema of an offsets spec such as `14d,1d,08:30`: `Nd` is N calendar days before at the
 * same Paris time, `Nh` N hours before, `HH:mm` that Paris time on the day itself. Issues
 * carry an error code as message and the faulty item in `params.item`, for the config's log line.
 */
export const reminderOffsetsSchema = z.string().transform((spec, ctx): ReminderOffset[] => {
  const items = spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0)
    ctx.addIssue({ code: 'custom', message: 'E_OFFSETS_EMPTY', params: { item: spec } });
  if (items.length > MAX_OFFSETS)
    ctx.addIssue({ code: 'custom', message: 'E_OFFSETS_TOO_MANY', params: { item: spec } });
  const offsets: ReminderOffset[] = [];
  for (const item of items) {
    const parsed = parseItem(item);
    if (typeof parsed === 'string')
      ctx.addIssue({ code: 'custom', message: parsed, params: { item } });
    else if (offsets.some((o) => o.key === parsed.key)) {
      ctx.addIssue({ code: 'custom', message: 'E_OFFSET_DUPLICATE', params: { item } });
    } else offsets.push(parsed);
  }
  return offsets;
});

/** Parses an offsets spec; on failure, the first problem's code and the item it is about. */
export function parseReminderOffsets(
  spec: string,
): { ok: true; offsets: ReminderOffset[] } | { ok: false; code: OffsetErrorCode; item: string } {
  const parsed = reminderOffsetsSchema.safeParse(spec);
  if (parsed.success) return { ok: true, offsets: parsed.data };
  const issue = parsed.error.issues[0];
  const item =
    issue.code === 'custom' && typeof issue.params?.item === 'string' ? issue.params.item : spec;
  return { ok: false, code: issue.message as OffsetErrorCode, item };
}

export interface DueReminder {
  offset: ReminderOffset;
  dueAt: Date;
}

/** The instant an offset points to, before a committee starting at `startsAt`. */
export function reminderInstant(startsAt: Date, offset: ReminderOffset): Date {
  switch (offset.kind) {
    case 'hours':
      return new Date(startsAt.getTime() - offset.hours * 3_600_000);
    case 'days':
      // Calendar days at the same wall-clock time, so a reminder across the DST change still
      // comes at the committee's local hour (not 23 or 25 hours per day off).
      return parisToInstantLenient(addDays(parisDate(startsAt), -offset.days), parisTime(startsAt));
    case 'sameDayAt':
      return parisToInstantLenient(parisDate(startsAt), offset.time);
  }
}

/**
 * The reminders to schedule for a committee, earliest first. Left out: those already past at
 * `now` (planning a committee for tomorrow does not fire the "14 days before" one at once;
 * the planning message announces it), a same-day reminder not strictly before the start (a
 * committee at 08:00 gets no 08:30 reminder), and a second offset landing on the same instant.
 */
export function committeeReminders(
  startsAt: Date,
  offsets: readonly ReminderOffset[],
  now: Date,
): DueReminder[] {
  const out: DueReminder[] = [];
  for (const offset of offsets) {
    const dueAt = reminderInstant(startsAt, offset);
    if (dueAt.getTime() >= startsAt.getTime()) continue;
    if (dueAt.getTime() < now.getTime()) continue;
    if (out.some((r) => r.dueAt.getTime() === dueAt.getTime())) continue;
    out.push({ offset, dueAt });
  }
  return out.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

export const DEFAULT_REMINDER_WORKING_DAYS = 5;
export const DEFAULT_ESCALATION_WORKING_DAYS = 5;

/**
 * When a request still `transmise` is reminded to the DT inbox: N working days after it was
 * sent, in the DT's département (its holidays), at the same Paris time.
 */
export function firstReminderDue(
  sentAt: Date,
  workingDays: number = DEFAULT_REMINDER_WORKING_DAYS,
  departement?: string,
): Date {
  return addWorkingDays(sentAt, workingDays, departement);
}

/** When it is escalated to the DT's admins: a second delay, in working days, after the reminder. */
export function escalationDue(
  sentAt: Date,
  workingDays: number = DEFAULT_REMINDER_WORKING_DAYS,
  escalationWorkingDays: number = DEFAULT_ESCALATION_WORKING_DAYS,
  departement?: string,
): Date {
  return addWorkingDays(
    firstReminderDue(sentAt, workingDays, departement),
    escalationWorkingDays,
    departement,
  );
}

export interface UnansweredDelay {
  /** Working days waited so far, for the advisor's card. */
  workingDays: number;
  remindAt: Date;
  escalateAt: Date;
  /** Where the request stands by the clock (the scheduler records what was actually sent). */
  stage: 'waiting' | 'reminder-due' | 'escalation-due';
}

/** How long a request has waited and where it stands against the two delays. */
export function unansweredDelay(
  sentAt: Date,
  now: Date,
  opts: { workingDays?: number; escalationWorkingDays?: number; departement?: string } = {},
): UnansweredDelay {
  const remindAt = firstReminderDue(sentAt, opts.workingDays, opts.departement);
  const escalateAt = escalationDue(
    sentAt,
    opts.workingDays,
    opts.escalationWorkingDays,
    opts.departement,
  );
  const t = now.getTime();
  const stage =
    t >= escalateAt.getTime()
      ? 'escalation-due'
      : t >= remindAt.getTime()
        ? 'reminder-due'
        : 'waiting';
  return {
    workingDays: Math.max(0, workingDaysBetween(sentAt, now, opts.departement)),
    remindAt,
    escalateAt,
    stage,
  };
}
