/** The team tab's sections: committees, roadmap record, offers of service, figures. */
import { h, type Child } from '../common/dom';
import { frDate } from '../common/format';
import type { Partnership } from '../common/types';
import { barChart, figureTable } from './chart';

/** A record of labelled fields (minutes, roadmap) whatever its depth: text, lists, sub-records. */
export function value(v: unknown): Child {
  if (v === null || v === undefined || v === '') return h('span', { class: 'muted' }, '—');
  if (Array.isArray(v))
    return v.length
      ? h(
          'ul',
          { class: 'plain' },
          v.map((x) => h('li', {}, value(x))),
        )
      : h('span', { class: 'muted' }, '—');
  if (typeof v === 'object') return record(v as Record<string, unknown>);
  if (typeof v === 'boolean') return v ? 'Oui' : 'Non';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return frDate(v);
  return String(v);
}

export function record(r: Record<string, unknown>): HTMLElement {
  return h(
    'dl',
    { class: 'fields' },
    Object.entries(r).map(([label, v]) => [h('dt', {}, label), h('dd', {}, value(v))]),
  );
}

function section(id: string, title: string, ...body: Child[]): HTMLElement {
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...body);
}

function committees(p: Partnership): HTMLElement {
  const { planned, held } = p.committees;
  return section(
    'comites',
    'Comités',
    h('h3', {}, 'Prévus'),
    planned.length
      ? h(
          'ul',
          { class: 'plain' },
          planned.map((c) =>
            h('li', {}, `${c.kind} — ${frDate(c.date)}`, c.place ? `, ${c.place}` : ''),
          ),
        )
      : h('p', { class: 'muted' }, 'Aucun comité prévu.'),
    h('h3', {}, 'Tenus'),
    held.length
      ? held.map((c) =>
          h(
            'details',
            { class: 'action' },
            h('summary', {}, `${c.kind} — ${frDate(c.date)}`),
            c.minutes ? record(c.minutes) : h('p', { class: 'muted' }, 'Compte rendu non saisi.'),
          ),
        )
      : h('p', { class: 'muted' }, 'Aucun comité tenu.'),
  );
}

function offers(p: Partnership): HTMLElement {
  return section(
    'offres',
    'Offres de service',
    p.offers.length
      ? h(
          'ul',
          { class: 'people' },
          p.offers.map((o) =>
            h(
              'li',
              {},
              h(
                'article',
                { class: 'card', 'aria-label': o.title },
                h('h3', {}, o.title),
                h('p', { class: 'muted' }, o.structure),
                h('p', {}, o.summary),
                o.pdf
                  ? h(
                      'a',
                      { href: o.pdf, target: '_blank', rel: 'noopener' },
                      'Télécharger la fiche (PDF)',
                      h('span', { class: 'visually-hidden' }, ` : ${o.title}`),
                    )
                  : null,
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'Aucune offre publiée.'),
  );
}

function bilan(p: Partnership): HTMLElement {
  const b = p.bilan;
  if (!b || !b.sections.length)
    return section('bilan', 'Bilan', h('p', { class: 'muted' }, 'Pas encore de chiffres.'));
  return section(
    'bilan',
    'Bilan',
    h('p', { class: 'muted' }, `Du ${frDate(b.period.from)} au ${frDate(b.period.to)}`),
    b.sections.map((s) =>
      h(
        'div',
        {},
        h('h3', {}, s.title),
        h('div', { class: 'figure-pair' }, barChart(s.title, s.rows), figureTable(s.title, s.rows)),
      ),
    ),
  );
}

function sharedFigures(p: Partnership): HTMLElement | null {
  if (!p.sharedFigures?.length) return null;
  return section('chiffres-partages', 'Chiffres partagés', value(p.sharedFigures));
}

export function partnershipView(p: Partnership): HTMLElement[] {
  return [
    committees(p),
    section(
      'feuille-de-route',
      'Feuille de route',
      p.roadmap ? record(p.roadmap) : h('p', { class: 'muted' }, 'Fiche non renseignée.'),
    ),
    offers(p),
    bilan(p),
    sharedFigures(p),
  ].filter((x): x is HTMLElement => x !== null);
}
