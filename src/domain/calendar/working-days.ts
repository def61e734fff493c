/**
 * Working days (jours ouvrés) in Europe/Paris local dates: Monday to Friday, minus the public
 * holidays of the département. They time the unanswered-request reminders (issue 5, §3).
 *
 * Definition used everywhere: "N working days after an instant" is the same Paris wall-clock
 * time on the Nth working day strictly after the instant's local date. The starting day never
 * counts, whether or not it is itself a working day, so a request sent on Friday evening or on
 * Saturday gets its first day on Monday. Example: sent Friday 10 July 2026 at 19:00, 5 working
 * days later is Monday 20 July 2026 at 19:00 (13, 15, 16, 17, 20 — 14 July is a holiday).
 */
import { holidayOn } from './holidays';
import { addDays, dayOfWeek, daysBetween, isIsoDate } from './iso-date';
import { parisDate, parisTime, parisToInstantLenient } from './paris-time';

/** A sanity bound: no business delay here is anywhere near ten years of working days. */
const MAX_WORKING_DAYS = 2600;

/** True when the ISO local date is neither a weekend day nor a holiday of the département. */
export function isWorkingDay(isoDate: string, departement?: string): boolean {
  if (!isIsoDate(isoDate)) throw new RangeError(`not an ISO date: ${isoDate}`);
  const dow = dayOfWeek(isoDate);
  if (dow === 0 || dow === 6) return false;
  return holidayOn(isoDate, departement) === null;
}

/** Every request computes the same few (date, delay, département): remembered, bounded. */
const CACHE_MAX = 2_000;
const nthCache = new Map<string, string>();
const byMinuteCache = new Map<string, number>();

function remembered<V>(cache: Map<string, V>, key: string, compute: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(key, value);
  }
  return value;
}

/** The Nth working day strictly after an ISO local date (N ≥ 1), as an ISO local date. */
export function nthWorkingDayAfter(isoDate: string, n: number, departement?: string): string {
  checkCount(n);
  return remembered(nthCache, `${isoDate}|${n}|${departement ?? ''}`, () =>
    countWorkingDays(isoDate, n, departement),
  );
}

function countWorkingDays(isoDate: string, n: number, departement?: string): string {
  let day = isoDate;
  let counted = 0;
  while (counted < n) {
    day = addDays(day, 1);
    if (isWorkingDay(day, departement)) counted += 1;
  }
  return day;
}

/**
 * The instant N working days after `startInstant`, at the same Paris local time (see the
 * definition above); `n = 0` returns the start. Should that wall time not exist on the target
 * day (it cannot today: France changes clocks on Sundays), it is moved forward over the gap.
 */
export function addWorkingDays(startInstant: Date, n: number, departement?: string): Date {
  checkCount(n);
  if (n === 0) return new Date(startInstant.getTime());
  // Paris is a whole number of hours from UTC: the result depends on the start's minute only.
  const withinMinute = ((startInstant.getTime() % 60_000) + 60_000) % 60_000;
  const minute = startInstant.getTime() - withinMinute;
  const base = remembered(byMinuteCache, `${minute}|${n}|${departement ?? ''}`, () => {
    const start = new Date(minute);
    return parisToInstantLenient(
      nthWorkingDayAfter(parisDate(start), n, departement),
      parisTime(start),
    ).getTime();
  });
  // Keep seconds and milliseconds, so that the due time is never earlier than N days exactly.
  return new Date(base + withinMinute);
}

/**
 * Working days from `a` to `b`: the working days whose Paris local date is after a's and up to
 * b's included, times of day ignored — the inverse of `addWorkingDays` (sent Friday, answered
 * Monday: 1). Negative when `b` is before `a`.
 */
export function workingDaysBetween(a: Date, b: Date, departement?: string): number {
  return workingDaysBetweenDates(parisDate(a), parisDate(b), departement);
}

/** Same as `workingDaysBetween`, on ISO local dates. */
export function workingDaysBetweenDates(a: string, b: string, departement?: string): number {
  const span = daysBetween(a, b);
  if (span < 0) return -workingDaysBetweenDates(b, a, departement);
  let count = 0;
  for (let i = 1; i <= span; i += 1) {
    if (isWorkingDay(addDays(a, i), departement)) count += 1;
  }
  return count;
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
    throw new RangeError(`working days must be an integer from 0 to ${MAX_WORKING_DAYS}: ${n}`);
  }
}
