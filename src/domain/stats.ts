/**
 * The partnership's figures for the comité de pilotage ("bilan de l'année passée", roadmap §1)
 * and `/bilan [année]`: how many requests, how many answered, and how fast.
 *
 * Rules, so that a bilan gives the same figures whenever it is computed:
 * - a request belongs to the period if it was created in it (`from` included, `to` excluded);
 * - requests with status `annulee` are counted apart, not as requests;
 * - a request is answered if its `answeredAt` is before the end of the period;
 * - the answer delay is given two ways: in working days (the headline, the same measure as the
 *   reminder rule: sent on Friday, answered on Monday = 1; same day = 0) and in elapsed clock
 *   hours (nights and weekends included, rounded to a tenth), both as medians (the mean of the
 *   two middle values for an even count), so that one forgotten request does not hide the rest.
 */
import { addDays } from './calendar/iso-date';
import { parisDate, parisTime, parisToInstantLenient } from './calendar/paris-time';
import { workingDaysBetween } from './calendar/working-days';

export interface RequestFact {
  createdAt: Date;
  answeredAt: Date | null;
  status: string;
}

/** A half-open period of instants: `from` included, `to` excluded. */
export interface Period {
  from: Date;
  to: Date;
}

export interface PartnershipFigures {
  requests: number;
  answered: number;
  unanswered: number;
  cancelled: number;
  /** Median answer delay in working days, null when nothing was answered. */
  medianWorkingDays: number | null;
  /** Median answer delay in elapsed hours (one decimal), null when nothing was answered. */
  medianHours: number | null;
}

const HOUR_MS = 3_600_000;

/** The median of a list of numbers, null for an empty list. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The twelve months before an instant, from the same Paris local date-time a year earlier. */
export function yearBefore(instant: Date): Period {
  const date = parisDate(instant);
  const y = Number(date.slice(0, 4)) - 1;
  // 29 February has no counterpart a year earlier: the period starts on 1 March.
  const earlier = date.slice(5) === '02-29' ? `${y}-03-01` : `${y}${date.slice(4)}`;
  return {
    from: parisToInstantLenient(earlier, parisTime(instant)),
    to: new Date(instant.getTime()),
  };
}

/** A calendar year in Paris time (1 January 00:00 to the next 1 January 00:00). */
export function calendarYear(year: number): Period {
  const start = `${String(year).padStart(4, '0')}-01-01`;
  return {
    from: parisToInstantLenient(start, '00:00'),
    to: parisToInstantLenient(addDays(start, 365 + (isLeap(year) ? 1 : 0)), '00:00'),
  };
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The figures of a period, working days counted with the département's holidays. */
export function partnershipFigures(
  facts: readonly RequestFact[],
  period: Period,
  departement?: string,
): PartnershipFigures {
  const from = period.from.getTime();
  const to = period.to.getTime();
  let requests = 0;
  let cancelled = 0;
  const days: number[] = [];
  const hours: number[] = [];
  for (const f of facts) {
    const created = f.createdAt.getTime();
    if (created < from || created >= to) continue;
    if (f.status === 'annulee') {
      cancelled += 1;
      continue;
    }
    requests += 1;
    if (f.answeredAt === null || f.answeredAt.getTime() >= to) continue;
    days.push(Math.max(0, workingDaysBetween(f.createdAt, f.answeredAt, departement)));
    hours.push(Math.max(0, f.answeredAt.getTime() - created) / HOUR_MS);
  }
  const medianHours = median(hours);
  return {
    requests,
    answered: days.length,
    unanswered: requests - days.length,
    cancelled,
    medianWorkingDays: median(days),
    medianHours: medianHours === null ? null : Math.round(medianHours * 10) / 10,
  };
}
