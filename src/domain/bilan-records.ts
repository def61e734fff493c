/**
 * The bilan's sections from the partnership's records (issue 14 §2, §5, §6): committees,
 * immersions and visits held in the year, last year's objectives met, and the figures the
 * partners shared for the year beside the bot's own. Counts of meetings and shared aggregates
 * are not counts of people: the "< 5" rule does not apply to them.
 */
import type { BilanSectionProvider, Facts } from './bilan';
import { breakdown } from './bilan-sections';
import { COMMITTEE_KINDS } from './committees';
import { FICHE_STATUSES } from './liaison';

const inYear = (at: Date, from: Date, to: Date) => at >= from && at < to;

/** Held committees by kind, and how many of the previous year's objectives were met. */
export const heldSection: BilanSectionProvider = {
  id: 'held',
  async compute(ctx) {
    const { from, to } = ctx.period;
    const minutes = (await ctx.repo.minutes.listFor(ctx.partnership.id)).filter((m) =>
      inYear(m.startsAt, from, to),
    );
    const held = minutes.filter((m) => m.held);
    const byKind = COMMITTEE_KINDS.map((key) => ({
      key,
      count: held.filter((m) => m.kind === key).length,
    }));
    let set = 0;
    let met = 0;
    for (const copil of held.filter((m) => m.kind === 'COPIL')) {
      const previous = await ctx.repo.minutes.previousCopil(
        ctx.partnership.id,
        copil.startsAt,
        copil.committeeId,
      );
      set += previous?.objectives.length ?? 0;
      met += copil.met.length;
    }
    const objectives: Facts = {
      kind: 'facts',
      id: 'held.objectives',
      facts: [
        { key: 'recorded', unit: 'number', value: minutes.length },
        { key: 'set', unit: 'number', value: set },
        { key: 'met', unit: 'number', value: met },
      ],
    };
    return {
      id: 'held',
      items: [
        breakdown(
          'held.kinds',
          'bar',
          false,
          COMMITTEE_KINDS.map((key) => ({ key })),
          byKind,
        ),
        objectives,
      ],
    };
  },
};

/** Fiches de liaison recorded in the year (flow 5), by what became of them. */
export const fichesSection: BilanSectionProvider = {
  id: 'fiches',
  async compute(ctx) {
    const counted = await ctx.repo.bilan.fichesByStatus(
      ctx.partnership.id,
      ctx.period.from,
      ctx.period.to,
    );
    return {
      id: 'fiches',
      items: [
        breakdown(
          'fiches.status',
          'donut',
          true,
          FICHE_STATUSES.map((key) => ({ key })),
          counted,
        ),
      ],
    };
  },
};

/** What each structure shared for the year, on the form's labels; left out when nobody did. */
export const figuresSection: BilanSectionProvider = {
  id: 'figures',
  async compute(ctx) {
    const shared = await ctx.repo.sharedFigures.listFor(ctx.partnership.id, ctx.year);
    if (!shared.length) return null;
    const items: Facts[] = [];
    for (const s of ctx.structures) {
      const f = shared.find((x) => x.structureId === s.id);
      if (!f) continue;
      const form = s.kind === 'DT' || s.kind === 'ML' ? ctx.figuresForms?.forms[s.kind] : undefined;
      const fields = form?.fields ?? Object.keys(f.figures).map((id) => ({ id, label: id }));
      items.push({
        kind: 'facts',
        id: `figures.${s.id}`,
        title: s.name,
        facts: fields
          .filter((field) => Object.hasOwn(f.figures, field.id))
          .map((field) => ({
            key: field.id,
            label: field.label,
            unit: 'number' as const,
            value: f.figures[field.id],
          })),
      });
    }
    return items.length ? { id: 'figures', items } : null;
  },
};
