/**
 * The period of a `/tableau` export: a year, a month, a day, or a range of them ("2026",
 * "2026-03", "2026-01..2026-06", "01/03/2026..15/04/2026"); nothing means the current year in
 * Europe/Paris. Days are Paris days; both ends are included.
 */
import { parisDate, parisToInstant } from './calendar/paris-time';
import { addDays } from './calendar/iso-date';
import { parseDate } from './fields';

export interface TablePeriod {
  /** First Paris day, ISO. */
  from: string;
  /** Last Paris day, ISO (included). */
  to: string;
}

/** Years a period may name: the national table started long after 2000. */
const MIN_YEAR = 2000;

/** One end of a range: its first and last day, or null when it is not a year, month or day. */
function bounds(token: string, thisYear: number): TablePeriod | null {
  const t = token.trim();
  const m = /^(\d{4})$/.exec(t);
  if (m)
    return yearOk(Number(m[1]), thisYear) ? { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` } : null;
  const month = monthOf(t);
  if (month) {
    const [year, mm] = month;
    if (!yearOk(year, thisYear) || mm < 1 || mm > 12) return null;
    const first = `${year}-${String(mm).padStart(2, '0')}-01`;
    const next = mm === 12 ? `${year + 1}-01-01` : `${year}-${String(mm + 1).padStart(2, '0')}-01`;
    return { from: first, to: addDays(next, -1) };
  }
  const day = parseDate(t);
  if (day && yearOk(Number(day.slice(0, 4)), thisYear)) return { from: day, to: day };
  return null;
}

/** "2026-03" or "03/2026" as [year, month]. */
function monthOf(t: string): [number, number] | null {
  const iso = /^(\d{4})-(\d{1,2})$/.exec(t);
  if (iso) return [Number(iso[1]), Number(iso[2])];
  const fr = /^(\d{1,2})\/(\d{4})$/.exec(t);
  return fr ? [Number(fr[2]), Number(fr[1])] : null;
}

function yearOk(year: number, thisYear: number): boolean {
  return year >= MIN_YEAR && year <= thisYear + 1;
}

/** Reads the period typed after `tableau`; null when it is not one (the caller shows examples). */
export function parseTablePeriod(args: string, now: Date): TablePeriod | null {
  const thisYear = Number(parisDate(now).slice(0, 4));
  const text = args.trim().replace(/\s+/g, ' ');
  if (text === '') return { from: `${thisYear}-01-01`, to: `${thisYear}-12-31` };
  const parts = text.split(/\s*(?:\.\.|…|\s(?:au|à|a)\s)\s*/i);
  if (parts.length > 2) return null;
  const start = bounds(parts[0], thisYear);
  const end = parts.length === 2 ? bounds(parts[1], thisYear) : start;
  if (!start || !end || end.to < start.from) return null;
  return { from: start.from, to: end.to };
}

/** The instants a period covers, [start, end), for a query on ISO timestamps. */
export function periodInstants(p: TablePeriod): { start: string; end: string } {
  return {
    start: parisToInstant(`${p.from}T00:00`).toISOString(),
    end: parisToInstant(`${addDays(p.to, 1)}T00:00`).toISOString(),
  };
}
