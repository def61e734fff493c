/**
 * The bilan as people see it: the chart card (cards/bilan.json) and the sheets of its xlsx.
 * Both read the disclosed values only (domain/bilan-disclosure.ts): a hidden count reaches
 * neither a chart nor a cell.
 */
import type { Bilan, BilanItem, Breakdown, Fact } from '../../domain/bilan';
import type { DisclosedRow } from '../../domain/bilan-disclosure';
import type { BilanSheet } from '../../files/bilan-workbook';
import { fr } from '../../i18n/fr';
import { renderCard, type Card } from '../cards/render';

const t = fr.bilan;

const CHART_TYPES: Readonly<Record<Breakdown['chart'], string>> = {
  bar: 'Chart.VerticalBar',
  donut: 'Chart.Donut',
  pie: 'Chart.Pie',
};

/** A title by id; an id without one shows as itself rather than failing the whole bilan. */
export const titleOf = (id: string): string => (Object.hasOwn(t.titles, id) ? t.titles[id] : id);

export function rowLabel(itemId: string, row: { key: string; label?: string }): string {
  if (row.label !== undefined) return row.label;
  const labels = Object.hasOwn(t.rows, itemId) ? t.rows[itemId] : undefined;
  return labels && Object.hasOwn(labels, row.key) ? labels[row.key] : row.key;
}

/** A disclosed count as text: the number, "< 5", or "secret statistique". */
export function countText(row: Pick<DisclosedRow, 'value' | 'hidden'>): string {
  if (row.value !== null) return String(row.value);
  return row.hidden === 'masked' ? t.masked : t.small;
}

export function factText(f: Fact): string {
  if (f.unit === 'days') return f.value === null ? t.tooFew : t.days(f.value);
  return f.value === null ? t.small : String(f.value);
}

/** What one breakdown shows: the plotted points (shown values only) and a note for the rest. */
function chartView(b: Breakdown) {
  const points = b.rows
    .filter((r) => r.value !== null && r.value > 0)
    .map((r) => ({ label: rowLabel(b.id, r), value: r.value as number, text: String(r.value) }));
  const notPlotted = b.rows
    .filter((r) => r.value === null)
    .map((r) => `${rowLabel(b.id, r)} (${countText(r)})`);
  const notes = [t.total(b.total === null ? t.small : String(b.total))];
  if (notPlotted.length) notes.push(t.hiddenNote(notPlotted.join(', ')));
  if (b.rows.some((r) => r.hidden === 'masked')) notes.push(t.maskedNote);
  if (!points.length) notes.push(t.nothingToDraw);
  return {
    title: titleOf(b.id),
    chart: points.length ? CHART_TYPES[b.chart] : '',
    points,
    facts: [] as { title: string; value: string }[],
    note: notes.join(' '),
  };
}

function itemView(item: BilanItem) {
  if (item.kind === 'breakdown') return chartView(item);
  return {
    title: item.title ?? titleOf(item.id),
    chart: '',
    points: [],
    facts: item.facts.map((f) => ({ title: rowLabel(item.id, f), value: factText(f) })),
    note: '',
  };
}

/** The bilan card of one partnership; `footer` says where the xlsx goes. */
export function bilanCard(bilan: Bilan, partnershipName: string, footer: string): Card {
  return renderCard('bilan', {
    title: t.title(partnershipName, bilan.year),
    intro: t.intro(bilan.year),
    sections: bilan.sections.map((s) => ({ title: titleOf(s.id), items: s.items.map(itemView) })),
    footer,
  });
}

/** The xlsx's sheets: one per section, the same disclosed values as the card. */
export function bilanSheets(bilan: Bilan): BilanSheet[] {
  return bilan.sections.map((s) => {
    const rows: (string | number)[][] = [];
    for (const item of s.items) {
      if (rows.length) rows.push([]);
      rows.push([item.kind === 'facts' && item.title ? item.title : titleOf(item.id)]);
      if (item.kind === 'breakdown') {
        for (const r of item.rows) rows.push([rowLabel(item.id, r), r.value ?? countText(r)]);
        rows.push([t.totalLabel, item.total ?? t.small]);
      } else {
        for (const f of item.facts)
          rows.push([rowLabel(item.id, f), f.unit === 'days' ? factText(f) : (f.value ?? t.small)]);
      }
    }
    return { name: titleOf(s.id), rows };
  });
}
