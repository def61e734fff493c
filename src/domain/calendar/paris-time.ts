/**
 * Europe/Paris local time ↔ UTC instants, with the platform's Intl time-zone data (no tz
 * library). Committees are typed and shown in Paris time; the database and the scheduler
 * hold UTC instants. The two daylight-saving changes are the only traps:
 * - spring forward (last Sunday of March, 02:00 → 03:00): 02:xx does not exist;
 * - fall back (last Sunday of October, 03:00 → 02:00): 02:xx happens twice.
 */
import { isIsoDate } from './iso-date';

export const PARIS_TZ = 'Europe/Paris';

/** Error codes of this module, stable for the edge's error catalogue. */
export type ParisTimeErrorCode = 'E_TIME_INVALID' | 'E_TIME_NONEXISTENT';

/** Thrown by the strict conversion; `code` is what the edge translates. */
export class ParisTimeError extends Error {
  constructor(
    readonly code: ParisTimeErrorCode,
    readonly local: string,
  ) {
    super(`${code}: ${local} (Europe/Paris)`);
    this.name = 'ParisTimeError';
  }
}

/** Outcome of reading a Paris local date-time. */
export type ParisResolution =
  | { ok: true; instant: Date; ambiguous: boolean }
  | { ok: false; code: 'E_TIME_INVALID' }
  /** `shifted` is the instant the wall clock shows once moved forward over the gap. */
  | { ok: false; code: 'E_TIME_NONEXISTENT'; shifted: Date };

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

// Immutable and costly to build, so built once; `h23` avoids the "24:00" some engines print.
const FORMATTER = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS_TZ,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const LOCAL_RE = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

function partsFromIntl(instant: Date): LocalParts & { second: number } {
  const out: Record<string, number> = {};
  for (const p of FORMATTER.formatToParts(instant)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year,
    month: out.month,
    day: out.day,
    hour: out.hour,
    minute: out.minute,
    second: out.second,
  };
}

// formatToParts costs ~20 µs and working-day arithmetic calls it for every day it tests.
// Paris changes offset only on a whole UTC hour, so the offset is memoised per UTC hour
// (a pure cache of a fixed rule, bounded) and the wall clock derived by arithmetic.
const HOUR_MS = 3_600_000;
const OFFSET_BY_HOUR = new Map<number, number>();

function offsetMsAt(instant: Date): number {
  const hour = Math.floor(instant.getTime() / HOUR_MS);
  let offset = OFFSET_BY_HOUR.get(hour);
  if (offset === undefined) {
    const at = new Date(hour * HOUR_MS);
    const p = partsFromIntl(at);
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - at.getTime();
    if (OFFSET_BY_HOUR.size > 50_000) OFFSET_BY_HOUR.clear();
    OFFSET_BY_HOUR.set(hour, offset);
  }
  return offset;
}

function partsOf(instant: Date): LocalParts & { second: number } {
  const local = new Date(instant.getTime() + offsetMsAt(instant));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Paris UTC offset in minutes at an instant (+60 in winter, +120 in summer). */
export function parisOffsetMinutes(instant: Date): number {
  const p = partsOf(instant);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const whole = instant.getTime() - (((instant.getTime() % 1000) + 1000) % 1000);
  return Math.round((asUtc - whole) / MINUTE_MS);
}

/** The Paris local date (`YYYY-MM-DD`) of an instant. */
export function parisDate(instant: Date): string {
  const p = partsOf(instant);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** The Paris local time (`HH:mm`) of an instant. */
export function parisTime(instant: Date): string {
  const p = partsOf(instant);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** The Paris local date-time (`YYYY-MM-DDTHH:mm`) of an instant, seconds dropped. */
export function parisLocal(instant: Date): string {
  return `${parisDate(instant)}T${parisTime(instant)}`;
}

/** True when the string is `HH:mm` on a 24-hour clock. */
export function isLocalTime(value: string): boolean {
  return TIME_RE.test(value);
}

function readLocal(local: string): LocalParts | null {
  const m = LOCAL_RE.exec(local);
  if (!m || !isIsoDate(m[1])) return null;
  const [y, mo, d] = m[1].split('-').map(Number);
  return { year: y, month: mo, day: d, hour: Number(m[2]), minute: Number(m[3]) };
}

/**
 * Reads a Paris local date-time. In the autumn overlap the *first* occurrence (summer time,
 * UTC+2) is chosen, as Temporal's 'compatible' disambiguation does: a meeting at 02:30 that
 * night is most likely meant before the clocks go back, and the choice must be stable.
 */
export function resolveParisLocal(local: string): ParisResolution {
  const p = readLocal(local);
  if (!p) return { ok: false, code: 'E_TIME_INVALID' };
  const naive = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  // Paris changes offset at most twice a year, so the offsets a day before and after cover
  // every candidate; a candidate is kept only if it reads back as the same wall clock.
  const offsets = new Set([
    parisOffsetMinutes(new Date(naive - DAY_MS)),
    parisOffsetMinutes(new Date(naive + DAY_MS)),
  ]);
  const candidates = [...offsets]
    .map((o) => naive - o * MINUTE_MS)
    .filter((ms) => parisLocal(new Date(ms)) === local)
    .sort((a, b) => a - b);
  if (candidates.length === 0) {
    // Using the offset in force before the gap moves the wall clock forward by the gap.
    const before = parisOffsetMinutes(new Date(naive - DAY_MS));
    return { ok: false, code: 'E_TIME_NONEXISTENT', shifted: new Date(naive - before * MINUTE_MS) };
  }
  return { ok: true, instant: new Date(candidates[0]), ambiguous: candidates.length > 1 };
}

/** Paris local date-time → instant; throws `ParisTimeError` for an invalid or skipped time. */
export function parisToInstant(local: string): Date {
  const r = resolveParisLocal(local);
  if (!r.ok) throw new ParisTimeError(r.code, local);
  return r.instant;
}

/**
 * Paris local date and time → instant, never failing on the spring gap: a skipped wall time is
 * moved forward by the gap (02:30 → 03:30), for computed times such as "same time, N days
 * later" where refusing is not an option. Throws `ParisTimeError` only for malformed input.
 */
export function parisToInstantLenient(date: string, time: string): Date {
  const local = `${date}T${time}`;
  const r = resolveParisLocal(local);
  if (r.ok) return r.instant;
  if (r.code === 'E_TIME_NONEXISTENT') return r.shifted;
  throw new ParisTimeError(r.code, local);
}

/** An instant shown the French way in Paris time: `JJ/MM/AAAA à HH:mm`. */
export function formatParisFr(instant: Date): string {
  const p = partsOf(instant);
  return `${pad(p.day)}/${pad(p.month)}/${pad(p.year, 4)} à ${pad(p.hour)}:${pad(p.minute)}`;
}
