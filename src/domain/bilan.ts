/**
 * `/bilan [année]` (DESIGN.md §8, roadmap "bilan de l'année passée"): the comité de pilotage's
 * figures for one partnership and one calendar year, as a list of sections. Each section comes
 * from one provider (bilan-sections.ts); the edge renders any section (card, xlsx) without
 * knowing it. Counts only: every count of people goes through bilan-disclosure.ts.
 */
import type { Period } from './stats';
import type { PartnershipRecord, StructureRecord } from './model';
import type { Referentials } from './referentials';
import type { FiguresForms } from './shared-figures';
import type { Repo } from '../storage/store';
import type { DisclosedRow } from './bilan-disclosure';

/** The chart the card draws for a breakdown (Teams' Chart.VerticalBar, Chart.Donut, Chart.Pie). */
export type ChartKind = 'bar' | 'donut' | 'pie';

/** Counts by category (requests by status, by ML…), drawn as a chart with a table as fallback. */
export interface Breakdown {
  kind: 'breakdown';
  /** Stable id; the French title is `fr.bilan.titles[id]`, row labels `fr.bilan.rows[id]`. */
  id: string;
  chart: ChartKind;
  /** Counts of people follow the "< 5" rule; counts of committees or figures do not. */
  people: boolean;
  /** The breakdown's total as it may be shown (null: "< 5"). */
  total: number | null;
  rows: DisclosedRow[];
}

/** One fact: a count of people, a number of days, or a plain number. */
export interface Fact {
  key: string;
  label?: string;
  unit: 'people' | 'days' | 'number';
  /** null: "< 5" for people, "moins de 5 demandes" for days. */
  value: number | null;
}

/** A few facts shown as a FactSet (the answer delays, shared figures…). */
export interface Facts {
  kind: 'facts';
  id: string;
  /** A title of its own (a structure's name), where the id has no fixed French title. */
  title?: string;
  facts: Fact[];
}

export type BilanItem = Breakdown | Facts;

export interface BilanSection {
  /** Stable id; the French title is `fr.bilan.titles[id]` and names the xlsx sheet. */
  id: string;
  items: BilanItem[];
}

/** What a section provider may read: the partnership, its structures, the year, the storage. */
export interface BilanContext {
  repo: Repo;
  partnership: PartnershipRecord;
  /** The partnership's DT and MLs as the directory has them. */
  structures: StructureRecord[];
  year: number;
  period: Period;
  referentials: Referentials;
  /** The shared figures' form (issue 14 §5): its labels name the figures' rows. */
  figuresForms?: FiguresForms;
}

/**
 * One section of the bilan. To add a section: write a provider (its own file), append it to
 * BILAN_SECTIONS (bilan-registry.ts), and give its ids a French title in i18n/fr-bilan.ts.
 * Return null to leave the section out (nothing to say for this partnership).
 */
export interface BilanSectionProvider {
  id: string;
  compute(ctx: BilanContext): Promise<BilanSection | null>;
}

/** A partnership's bilan for a year. */
export interface Bilan {
  partnership: PartnershipRecord;
  structures: StructureRecord[];
  year: number;
  sections: BilanSection[];
}

/** Runs every provider, in order, on the same context. */
export async function computeBilan(
  providers: readonly BilanSectionProvider[],
  ctx: BilanContext,
): Promise<Bilan> {
  const sections: BilanSection[] = [];
  for (const p of providers) {
    const section = await p.compute(ctx);
    if (section) sections.push(section);
  }
  return {
    partnership: ctx.partnership,
    structures: ctx.structures,
    year: ctx.year,
    sections,
  };
}

/** `/bilan`'s argument: empty (the current year) or a year from 2000 to the current one. */
export function parseBilanYear(args: string, currentYear: number): number | 'invalid' {
  const a = args.trim();
  if (a === '') return currentYear;
  if (!/^\d{4}$/.test(a)) return 'invalid';
  const year = Number(a);
  return year >= 2000 && year <= currentYear ? year : 'invalid';
}
