/** Mes demandes, one request or fiche: its fields, its timeline and the caller's actions. */
import { apiGet, messageOf } from '../common/api';
import type { Session } from '../common/session';
import { announce, fill, h } from '../common/dom';
import { frAge, frDate, frDateTime } from '../common/format';
import type { Detail } from '../common/types';
import { actionForm } from './action-form';

function fields(d: Detail): HTMLElement {
  const rows: [string, string][] = [];
  // The summary shows what the fields do not already say (their labels are the data dictionary's).
  const said = new Set(d.fields.map((f) => f.value));
  if (d.person) {
    const { lastName, firstName, cir } = d.person;
    if (!said.has(lastName) || !said.has(firstName))
      rows.push(['Personne', `${lastName.toUpperCase()} ${firstName}`]);
    if (cir && !said.has(cir)) rows.push(['N° CIR', cir]);
  }
  rows.push(['Statut', d.statusLabel]);
  if (d.motifLabel && !said.has(d.motifLabel)) rows.push(['Motif', d.motifLabel]);
  rows.push(['Ouverte le', `${frDate(d.openedAt)} (${frAge(d.ageDays)})`]);
  rows.push(['En attente de', d.waitingOnLabel ?? 'Personne']);
  if (d.ml) rows.push(['Mission Locale', d.ml.name]);
  if (d.dt) rows.push(['DT OFII', d.dt.name]);
  const shown = new Set(rows.map(([label]) => label));
  for (const f of d.fields) if (!shown.has(f.label)) rows.push([f.label, f.value]);
  return h(
    'dl',
    { class: 'fields' },
    rows.map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]),
  );
}

function timeline(d: Detail): HTMLElement {
  if (!d.timeline.length) return h('p', { class: 'muted' }, 'Aucun événement.');
  return h(
    'ol',
    { class: 'timeline' },
    d.timeline.map((t) =>
      h(
        'li',
        {},
        h('time', { datetime: t.at }, frDateTime(t.at)),
        t.label,
        t.by ? h('span', { class: 'muted' }, ` — ${t.by}`) : null,
      ),
    ),
  );
}

export class RequestDetail {
  readonly element = h('section', { 'aria-labelledby': 'titre-detail' });

  constructor(
    private readonly session: Session,
    private readonly changed: () => void,
  ) {}

  async show(kind: string, id: string): Promise<void> {
    fill(this.element, backLink(), h('p', { 'aria-busy': 'true' }, 'Chargement…'));
    try {
      const path = `/api/tab/demandes/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`;
      this.render(await apiGet<Detail>(this.session, path), '');
    } catch (err) {
      fill(
        this.element,
        backLink(),
        h('h2', { id: 'titre-detail', tabindex: '-1' }, 'Demande'),
        h('div', { class: 'alert', role: 'alert' }, messageOf(err)),
      );
    }
    this.element.querySelector<HTMLElement>('#titre-detail')?.focus();
  }

  private render(d: Detail, confirmation: string): void {
    const title = `${d.kind === 'fiche' ? 'Fiche de liaison' : 'Demande'} n° ${d.number}`;
    const onDone = (refreshed: Detail, label: string) => {
      const said = refreshed.message ?? `« ${label} » : c'est enregistré.`;
      this.changed();
      this.render(refreshed, said);
      announce(said);
      this.element.querySelector<HTMLElement>('#titre-detail')?.focus();
    };
    fill(
      this.element,
      backLink(),
      h(
        'div',
        { class: 'header' },
        h('h2', { id: 'titre-detail', tabindex: '-1' }, title),
        h('span', { class: 'badge' }, d.statusLabel),
      ),
      h('div', { class: 'success', role: 'status' }, confirmation),
      h('div', { class: 'card' }, h('h3', {}, 'Informations'), fields(d)),
      h('div', { class: 'card' }, h('h3', {}, 'Historique'), timeline(d)),
      h(
        'div',
        { class: 'card' },
        h('h3', {}, 'Actions'),
        d.actions.length
          ? d.actions.map((a) =>
              actionForm(this.session, d, a, onDone, () => void this.show(d.kind, d.id)),
            )
          : h('p', { class: 'muted' }, 'Aucune action ne vous revient sur cette demande.'),
      ),
    );
  }
}

function backLink(): HTMLElement {
  return h('p', {}, h('a', { href: '#' }, '← Retour à la liste'));
}
