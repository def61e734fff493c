/** The team tab's sections: committees, roadmap record, offers of service, figures. */
import { h, type Child } from '../common/dom';
import { frDate, frDateTime } from '../common/format';
import type { Partnership } from '../common/types';
import { barChart, figureTable } from './chart';

/** French labels of the records' fields the API names by code (minutes, roadmap). */
const LABELS: Record<string, string> = {
  held: 'Le comité s’est tenu',
  present: 'Structures présentes',
  decisions: 'Décisions',
  objectives: 'Objectifs pour l’année suivante',
  met: 'Objectifs de l’an dernier atteints',
  outcome: 'Bilan de la rencontre et suites à donner',
  recordedAt: 'Compte rendu saisi le',
  signatories: 'Signataires',
  signedOn: 'Signée le',
  signedPlace: 'Lieu de signature',
  endDate: 'Fin de l’accord-cadre',
  amendments: 'Avenants',
  structure: 'Structure',
  name: 'Nom',
  fonction: 'Fonction',
  date: 'Date',
  summary: 'Objet',
};

/** A record's value whatever its depth: text, dates, lists, sub-records. */
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
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(v)) return frDate(v);
  return String(v);
}

export function record(r: Record<string, unknown>): HTMLElement {
  return h(
    'dl',
    { class: 'fields' },
    Object.entries(r).map(([key, v]) => [h('dt', {}, LABELS[key] ?? key), h('dd', {}, value(v))]),
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
            h(
              'li',
              {},
              `${c.kindLabel ?? c.kind} — ${frDateTime(c.date)}`,
              c.place ? `, ${c.place}` : '',
              c.link
                ? [
                    ', ',
                    h(
                      'a',
                      { href: c.link, target: '_blank', rel: 'noopener' },
                      'lien de la réunion',
                    ),
                  ]
                : null,
              c.participants?.length
                ? h('div', { class: 'hint' }, `Invités : ${c.participants.join(', ')}`)
                : null,
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'Aucun comité prévu.'),
    h('h3', {}, 'Tenus'),
    held.length
      ? held.map((c) =>
          h(
            'details',
            { class: 'action' },
            h('summary', {}, `${c.kindLabel ?? c.kind} — ${frDate(c.date)}`),
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
                o.referral ? h('p', {}, `Orientation : ${o.referral}`) : null,
                o.contact ? h('p', {}, `Contact : ${o.contact}`) : null,
                h(
                  'div',
                  { class: 'contact-links' },
                  o.link
                    ? h(
                        'a',
                        { href: o.link, target: '_blank', rel: 'noopener' },
                        'Site',
                        h('span', { class: 'visually-hidden' }, ` : ${o.title}`),
                      )
                    : null,
                  o.pdf
                    ? h(
                        'a',
                        { href: o.pdf, target: '_blank', rel: 'noopener' },
                        'Fiche PDF',
                        h('span', { class: 'visually-hidden' }, ` : ${o.title}`),
                      )
                    : null,
                ),
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
    b.year ? `Bilan ${b.year}` : 'Bilan',
    h(
      'p',
      { class: 'muted' },
      b.year ? `Année civile ${b.year}, à ce jour.` : `Depuis le ${frDate(b.period.from)}.`,
      ' Les effectifs de moins de 5 ne sont pas affichés.',
    ),
    b.sections.map((s) =>
      h(
        'div',
        {},
        h('h3', {}, s.title),
        h(
          'div',
          { class: 'figure-pair' },
          s.chart === null ? null : barChart(s.title, s.rows),
          figureTable(s.title, s.rows),
        ),
      ),
    ),
  );
}

function sharedFigures(p: Partnership): HTMLElement | null {
  if (!p.sharedFigures?.length) return null;
  return section(
    'chiffres-partages',
    'Chiffres partagés par les structures',
    p.sharedFigures.map((f) => {
      const title = `${f.structure} — ${f.year}`;
      return h('div', {}, h('h3', {}, title), figureTable(title, f.rows));
    }),
  );
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
