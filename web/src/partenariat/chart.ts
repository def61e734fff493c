/**
 * A horizontal bar chart in SVG, accessible on its own (role="img", <title> and <desc> naming
 * every value) and always shown beside a table of the same figures. Each bar has its label on the
 * line above, so that the text stays readable when the chart shrinks to Teams' 320 px.
 */
import { h, s, uid } from '../common/dom';
import { frNumber, frShare } from '../common/format';
import type { BilanRow } from '../common/types';

const WIDTH = 320;
const ROW = 40;
const BAR = 14;

/** The row's number, if it has one to draw. */
function countOf(r: BilanRow): number | null {
  if (typeof r.count === 'number') return r.count;
  if (r.count === undefined && typeof r.value === 'number') return r.value;
  return null;
}

/**
 * The chart, or null when there is nothing to draw (no number above zero). A withheld figure
 * ("< 5") keeps its line, with its text and no bar.
 */
export function barChart(title: string, rows: BilanRow[]): SVGElement | null {
  const counts = rows.map(countOf);
  const max = Math.max(0, ...counts.map((c) => c ?? 0));
  if (max === 0) return null;
  const titleId = uid('graphique-titre');
  const descId = uid('graphique-desc');
  const desc = rows.map((r) => `${r.label} : ${frNumber(r.value)}`).join(' ; ');
  const valueRoom = 56;
  return s(
    'svg',
    {
      class: 'chart',
      role: 'img',
      viewBox: `0 0 ${WIDTH} ${rows.length * ROW + 4}`,
      'aria-labelledby': `${titleId} ${descId}`,
      focusable: 'false',
    },
    s('title', { id: titleId }, `Graphique : ${title}`),
    s('desc', { id: descId }, `${desc}.`),
    rows.map((r, i) => {
      const y = i * ROW;
      const count = counts[i];
      const width = count ? Math.max(1, Math.round(((WIDTH - valueRoom) * count) / max)) : 0;
      return s(
        'g',
        { 'aria-hidden': 'true' },
        s('text', { x: 0, y: y + 14 }, r.label.length > 48 ? `${r.label.slice(0, 47)}…` : r.label),
        width ? s('rect', { class: 'bar', x: 0, y: y + 20, width, height: BAR, rx: 2 }) : null,
        s('text', { x: width + (width ? 6 : 0), y: y + 32 }, frNumber(r.value)),
      );
    }),
  );
}

export function figureTable(title: string, rows: BilanRow[]): HTMLElement {
  const withShare = rows.some((r) => r.share !== null && r.share !== undefined);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('caption', { class: 'visually-hidden' }, title),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Indicateur'),
          h('th', { scope: 'col', class: 'num' }, 'Valeur'),
          withShare ? h('th', { scope: 'col', class: 'num' }, 'Part') : null,
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((r) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, r.label),
            h('td', { class: 'num' }, frNumber(r.value)),
            withShare ? h('td', { class: 'num' }, frShare(r.share)) : null,
          ),
        ),
      ),
    ),
  );
}
