/**
 * The bilan's disclosure rule (DESIGN.md §8 "Counts only; a cell under 5 people is shown as
 * < 5") and its delay statistics. Raw counts enter here; only disclosed values leave.
 *
 * - A count of people from 0 to 4 is never shown: its value becomes `null` ("< 5").
 * - A breakdown's total is published, so one hidden cell could be recovered by difference
 *   (total minus the shown cells), and hidden cells summing to less than 5 would betray zeros.
 *   So when a breakdown hides any cell, it also masks its smallest shown cells until the hidden
 *   cells' sum no longer pins a small one (see `recoverable`; `hidden: 'masked'`: shown as
 *   "secret statistique", never as "< 5", which would be false). What remains known is a bound:
 *   the hidden cells' sum, and that masked cells are 5 or more.
 * - A delay statistic (median, 90th percentile) over fewer than 5 requests is not shown.
 */

/** The smallest count of people that may be shown. */
export const DISCLOSURE_THRESHOLD = 5;

export interface RawCount {
  key: string;
  /** A label the domain knows (a structure's name, a referential's label); else the edge's. */
  label?: string;
  count: number;
}

export interface DisclosedRow {
  key: string;
  label?: string;
  /** null: not shown (see `hidden`). */
  value: number | null;
  /** 'small': 0 to 4 people ("< 5"); 'masked': hidden so that no small cell can be recovered. */
  hidden: 'small' | 'masked' | null;
}

/** One count of people as it may be shown: null means "< 5". */
export function disclosePeople(count: number): number | null {
  return count < DISCLOSURE_THRESHOLD ? null : count;
}

/**
 * True when the hidden cells of a group, whose sum a reader gets by difference, still betray a
 * small cell: a single hidden cell; small cells alone summing under 5 (zeros) or to 4 each; or
 * masked cells (known to be 5 or more) that account for the whole sum, leaving the small ones 0.
 */
function recoverable(
  hidden: readonly { count: number; hidden: DisclosedRow['hidden'] }[],
): boolean {
  const small = hidden.filter((r) => r.hidden === 'small').length;
  const masked = hidden.length - small;
  const sum = hidden.reduce((s, r) => s + r.count, 0);
  if (hidden.length < 2) return true;
  if (masked === 0) return sum < DISCLOSURE_THRESHOLD || sum === (DISCLOSURE_THRESHOLD - 1) * small;
  return small > 0 && sum === DISCLOSURE_THRESHOLD * masked;
}

/**
 * A breakdown's cells under the rule; `people` false (committees, figures) shows every count.
 * `linked` names groups of keys whose sum is published elsewhere (the answered requests are
 * completee + cloturee): each such group is protected like the whole breakdown.
 */
export function discloseRows(
  rows: readonly RawCount[],
  people: boolean,
  linked: readonly (readonly string[])[] = [],
): DisclosedRow[] {
  const out = rows.map((r) => ({ ...r, hidden: null as DisclosedRow['hidden'] }));
  if (people) {
    for (const r of out) if (r.count < DISCLOSURE_THRESHOLD) r.hidden = 'small';
    // The smaller groups first: a cell masked for them often protects the whole breakdown too.
    const groups = [...linked.map((keys) => out.filter((r) => keys.includes(r.key))), out];
    for (let changed = true; changed;) {
      changed = false;
      for (const group of groups) {
        const hidden = group.filter((r) => r.hidden !== null);
        const shown = group.filter((r) => r.hidden === null);
        if (!hidden.length || !shown.length || !recoverable(hidden)) continue;
        shown.reduce((a, b) => (b.count < a.count ? b : a)).hidden = 'masked';
        changed = true;
      }
    }
  }
  return out.map(({ key, label, count, hidden }) => ({
    key,
    ...(label === undefined ? {} : { label }),
    value: hidden === null ? count : null,
    hidden,
  }));
}

/** How many requests were answered after how many whole hours: `[hours, count]`, any order. */
export type DelayHistogram = readonly (readonly [number, number])[];

export interface DelayStats {
  /** Answered requests measured (a count of people: null means "< 5"). */
  answered: number | null;
  /** Median delay in days (one decimal); null when fewer than 5 requests were answered. */
  medianDays: number | null;
  /** 90th percentile in days (nearest rank), null when fewer than 5 requests were answered. */
  p90Days: number | null;
}

/** The value at a 1-based rank of a histogram sorted by value. */
function atRank(sorted: DelayHistogram, rank: number): number {
  let seen = 0;
  for (const [value, count] of sorted) {
    seen += count;
    if (seen >= rank) return value;
  }
  return sorted[sorted.length - 1][0];
}

const toDays = (hours: number) => Math.round((hours / 24) * 10) / 10;

/**
 * Median (mean of the two middle values for an even count) and 90th percentile (nearest rank:
 * the smallest delay that at least 90 % of answers did not exceed), from a histogram the storage
 * computed with GROUP BY, so that a big year is never loaded row by row.
 */
export function delayStats(histogram: DelayHistogram): DelayStats {
  const sorted = [...histogram].filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);
  const n = sorted.reduce((s, [, c]) => s + c, 0);
  if (n < DISCLOSURE_THRESHOLD)
    return { answered: disclosePeople(n), medianDays: null, p90Days: null };
  const median =
    n % 2 === 1
      ? atRank(sorted, (n + 1) / 2)
      : (atRank(sorted, n / 2) + atRank(sorted, n / 2 + 1)) / 2;
  return {
    answered: n,
    medianDays: toDays(median),
    p90Days: toDays(atRank(sorted, Math.ceil(0.9 * n))),
  };
}
