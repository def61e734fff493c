/**
 * The bilan's sections, in the order the card and the file show them. Each provider reads
 * aggregates from storage (`repo.bilan`: COUNT … GROUP BY, never the rows of a year) and hands
 * raw counts to bilan-disclosure.ts; nothing else leaves.
 */
import type { BilanContext, BilanSectionProvider, Breakdown } from './bilan';
import { delayStats, disclosePeople, discloseRows, type RawCount } from './bilan-disclosure';
import { COMMITTEE_KINDS } from './committees';
import { REQUEST_STATUSES } from './model';
import { MOTIFS } from './request-life-codes';
import type { ReferentialName } from './referentials';

/**
 * A breakdown over a fixed list of keys, disclosed: a key absent from storage counts 0 (shown
 * "< 5" when `people`). Other sections' providers build theirs with it.
 */
export function breakdown(
  id: string,
  chart: Breakdown['chart'],
  people: boolean,
  keys: readonly { key: string; label?: string }[],
  counted: readonly { key: string; count: number }[],
  linked: readonly (readonly string[])[] = [],
): Breakdown {
  const byKey = new Map(counted.map((c) => [c.key, c.count]));
  const rows: RawCount[] = keys.map((k) => ({ ...k, count: byKey.get(k.key) ?? 0 }));
  // A stored key the list does not name (a code since removed) still counts, under its code.
  for (const c of counted)
    if (!keys.some((k) => k.key === c.key)) rows.push({ key: c.key, label: c.key, count: c.count });
  const total = rows.reduce((s, r) => s + r.count, 0);
  return {
    kind: 'breakdown',
    id,
    chart,
    people,
    total: people ? disclosePeople(total) : total,
    rows: discloseRows(rows, people, linked),
  };
}

const range = (ctx: BilanContext) => [ctx.partnership.id, ctx.period.from, ctx.period.to] as const;

/** Requests created in the year, by status and by Mission Locale. */
export const requestsSection: BilanSectionProvider = {
  id: 'requests',
  async compute(ctx) {
    const [byStatus, byMl, byMotif] = [
      await ctx.repo.bilan.requestsBy(...range(ctx), 'status'),
      await ctx.repo.bilan.requestsBy(...range(ctx), 'ml'),
      await ctx.repo.bilan.requestsBy(...range(ctx), 'motif'),
    ];
    const mls = ctx.structures
      .filter((s) => ctx.partnership.mlIds.includes(s.id))
      .map((s) => ({ key: s.id, label: s.name }));
    return {
      id: 'requests',
      items: [
        breakdown(
          'requests.status',
          'donut',
          true,
          REQUEST_STATUSES.map((key) => ({ key })),
          byStatus,
          // Their sum is the answered requests, published by the delays and prescriptions.
          [['completee', 'cloturee']],
        ),
        breakdown('requests.ml', 'bar', true, mls, byMl),
        // Roadmap: "ajuster le parcours CIR ou simplement bénéficier d'informations".
        breakdown(
          'requests.motif',
          'pie',
          true,
          [...MOTIFS, 'non_precise'].map((key) => ({ key })),
          byMotif,
        ),
      ],
    };
  },
};

/** How long the DT took to answer the year's requests: median and 90th percentile, in days. */
export const delaysSection: BilanSectionProvider = {
  id: 'delays',
  async compute(ctx) {
    const stats = delayStats(await ctx.repo.bilan.answerDelayHours(...range(ctx)));
    return {
      id: 'delays',
      items: [
        {
          kind: 'facts',
          id: 'delays.answer',
          facts: [
            { key: 'answered', unit: 'people', value: stats.answered },
            { key: 'median', unit: 'days', value: stats.medianDays },
            { key: 'p90', unit: 'days', value: stats.p90Days },
          ],
        },
      ],
    };
  },
};

function referentialKeys(ctx: BilanContext, name: ReferentialName) {
  return ctx.referentials[name].map((e) => ({ key: e.code, label: e.label }));
}

/** The DT's initial prescriptions and the ML's prescriptions, by kind (referential labels). */
export const prescriptionsSection: BilanSectionProvider = {
  id: 'prescriptions',
  async compute(ctx) {
    const initial = await ctx.repo.bilan.requestsBy(...range(ctx), 'prescriptionInitiale');
    const ml = await ctx.repo.bilan.requestsBy(...range(ctx), 'prescriptionML');
    return {
      id: 'prescriptions',
      items: [
        breakdown(
          'prescriptions.initial',
          'bar',
          true,
          referentialKeys(ctx, 'prescriptionInitiale'),
          initial,
        ),
        breakdown('prescriptions.ml', 'bar', true, referentialKeys(ctx, 'prescriptionML'), ml),
      ],
    };
  },
};

/** The rest of the pathway the DT asked the ML for (flow 4), and how many the ML answered. */
export const followUpsSection: BilanSectionProvider = {
  id: 'followups',
  async compute(ctx) {
    const f = await ctx.repo.bilan.followUps(...range(ctx));
    return {
      id: 'followups',
      items: [
        breakdown(
          'followups',
          'pie',
          true,
          [{ key: 'answered' }, { key: 'waiting' }],
          [
            { key: 'answered', count: f.answered },
            { key: 'waiting', count: f.asked - f.answered },
          ],
        ),
      ],
    };
  },
};

/** Committees planned in the year, by kind (not people: every count is shown). */
export const committeesSection: BilanSectionProvider = {
  id: 'committees',
  async compute(ctx) {
    const counted = await ctx.repo.bilan.committeesByKind(...range(ctx));
    return {
      id: 'committees',
      items: [
        breakdown(
          'committees.planned',
          'bar',
          false,
          COMMITTEE_KINDS.map((key) => ({ key })),
          counted,
        ),
      ],
    };
  },
};
