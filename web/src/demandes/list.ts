/**
 * Mes demandes, the list: filters (status, period, side waited on), search by name or n° CIR,
 * sortable columns, 50 a page. The server filters, sorts and decides what each caller sees.
 */
import { apiGet, messageOf } from '../common/api';
import type { Session } from '../common/session';
import { announce, fill, h } from '../common/dom';
import { frAge, frDate } from '../common/format';
import type { Item, ItemPage } from '../common/types';

interface Query {
  statut: string;
  du: string;
  au: string;
  cote: string;
  q: string;
  tri: string;
  ordre: 'asc' | 'desc';
  page: number;
}

/**
 * The columns; `sort` is the API's sort field (none: not sortable). Age sorts by the opening
 * date, the other way round: the youngest request is the most recently opened.
 */
const COLUMNS: { label: string; sort?: string; invert?: boolean; num?: boolean }[] = [
  { label: 'N°', sort: 'numero' },
  { label: 'Personne', sort: 'nom' },
  { label: 'Statut', sort: 'statut' },
  { label: 'Motif' },
  { label: 'Âge', sort: 'ouverture', invert: true, num: true },
  { label: 'En attente de', sort: 'attente' },
];

export function detailHash(item: Pick<Item, 'kind' | 'id'>): string {
  return `#${item.kind}/${encodeURIComponent(item.id)}`;
}

function personCell(item: Item): HTMLElement {
  if (!item.person) return h('td', {}, h('span', { class: 'muted' }, 'Non communiqué'));
  const { lastName, firstName, cir } = item.person;
  // One box in the cell, so that stacked at narrow widths it stays beside its column's name.
  return h(
    'td',
    {},
    h(
      'div',
      {},
      `${lastName.toUpperCase()} ${firstName}`,
      cir ? h('div', { class: 'hint' }, `n° CIR ${cir}`) : null,
    ),
  );
}

function row(item: Item): HTMLTableRowElement {
  const link = h(
    'a',
    { href: detailHash(item) },
    item.kind === 'fiche' ? `Fiche ${item.number}` : item.number,
  );
  const tr = h(
    'tr',
    { class: 'clickable' },
    h('td', {}, link),
    personCell(item),
    h('td', {}, h('span', { class: 'badge' }, item.statusLabel)),
    h('td', {}, item.motifLabel ?? h('span', { class: 'muted' }, '—')),
    h('td', { class: 'num', title: `Ouverte le ${frDate(item.openedAt)}` }, frAge(item.ageDays)),
    h('td', {}, item.waitingOnLabel ?? h('span', { class: 'muted' }, 'Personne')),
  );
  // At narrow widths each row stacks its cells, each named by its column (CSS `table.stack`).
  [...tr.cells].forEach((td, i) => td.setAttribute('data-label', COLUMNS[i]?.label ?? ''));
  // The whole row opens the detail for a mouse; the link is what the keyboard reaches.
  tr.addEventListener('click', (e) => {
    if ((e.target as Element).closest('a')) return;
    location.hash = detailHash(item);
  });
  return tr;
}

function field(label: string, control: HTMLElement): HTMLElement {
  control.id = `filtre-${control.getAttribute('name')}`;
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control);
}

export class RequestList {
  readonly element: HTMLElement;
  private readonly query: Query = {
    statut: '',
    du: '',
    au: '',
    cote: '',
    q: '',
    tri: 'ouverture',
    ordre: 'desc',
    page: 1,
  };
  private readonly status = h('select', { name: 'statut' });
  private readonly results = h('div', {});
  private readonly summary = h('p', { class: 'muted', id: 'resultats' });
  private readonly error = h('div', { class: 'alert', role: 'alert' });
  private statusesShown = false;
  private timer: number | undefined;
  private seq = 0;

  constructor(private readonly session: Session) {
    const search = h('input', {
      type: 'search',
      name: 'q',
      autocomplete: 'off',
      placeholder: 'Nom ou n° CIR',
    });
    const from = h('input', { type: 'date', name: 'du' });
    const to = h('input', { type: 'date', name: 'au' });
    const side = h(
      'select',
      { name: 'cote' },
      h('option', { value: '' }, 'Tout le monde'),
      h('option', { value: 'ml' }, 'La Mission Locale'),
      h('option', { value: 'dt' }, 'La DT OFII'),
    );
    this.status.append(h('option', { value: '' }, 'Tous les statuts'));
    const form = h(
      'form',
      { class: 'card', role: 'search', 'aria-label': 'Filtrer les demandes' },
      h(
        'div',
        { class: 'filters' },
        field('Rechercher', search),
        field('Statut', this.status),
        field('Ouvertes depuis le', from),
        field("Jusqu'au", to),
        field('En attente de', side),
        h(
          'div',
          { class: 'actions-row' },
          h('button', { type: 'submit', class: 'primary' }, 'Rechercher'),
          h('button', { type: 'reset' }, 'Effacer les filtres'),
        ),
      ),
    );
    const read = () => {
      this.query.q = search.value.trim();
      this.query.statut = this.status.value;
      this.query.du = from.value;
      this.query.au = to.value;
      this.query.cote = side.value;
      this.query.page = 1;
    };
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      read();
      void this.load();
    });
    form.addEventListener('change', (e) => {
      if (e.target === search) return;
      read();
      void this.load();
    });
    search.addEventListener('input', () => {
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(() => {
        read();
        void this.load();
      }, 350);
    });
    form.addEventListener('reset', () =>
      setTimeout(() => {
        read();
        void this.load();
      }),
    );
    this.element = h(
      'section',
      { 'aria-labelledby': 'titre-liste' },
      h('h2', { id: 'titre-liste', class: 'visually-hidden' }, 'Liste des demandes'),
      form,
      h('div', { class: 'card' }, this.summary, this.error, this.results),
    );
  }

  private url(): string {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(this.query)) if (v !== '') p.set(k, String(v));
    return `/api/tab/demandes?${p.toString()}`;
  }

  async load(): Promise<void> {
    const seq = ++this.seq;
    this.results.setAttribute('aria-busy', 'true');
    try {
      const page = await apiGet<ItemPage>(this.session, this.url());
      if (seq !== this.seq) return; // a later search already answered
      this.error.textContent = '';
      this.render(page);
    } catch (err) {
      if (seq !== this.seq) return;
      this.error.textContent = messageOf(err);
    } finally {
      if (seq === this.seq) this.results.removeAttribute('aria-busy');
    }
  }

  private sortButton(column: (typeof COLUMNS)[number]): HTMLButtonElement {
    const key = column.sort ?? '';
    const active = this.query.tri === key;
    const shown = this.shownOrder(column);
    return h(
      'button',
      {
        type: 'button',
        class: 'sort',
        onclick: () => {
          // First click: ascending as the column reads (youngest first for the age).
          const wanted = active && shown === 'asc' ? 'desc' : 'asc';
          const flip = (o: 'asc' | 'desc') => (o === 'asc' ? 'desc' : 'asc');
          this.query.ordre = column.invert ? flip(wanted) : wanted;
          this.query.tri = key;
          this.query.page = 1;
          void this.load();
        },
      },
      column.label,
      h('span', { 'aria-hidden': 'true' }, active ? (shown === 'asc' ? ' ▲' : ' ▼') : ''),
    );
  }

  /** The order as the column reads it, when the list is sorted by this column. */
  private shownOrder(column: (typeof COLUMNS)[number]): 'asc' | 'desc' | null {
    if (!column.sort || this.query.tri !== column.sort) return null;
    if (!column.invert) return this.query.ordre;
    return this.query.ordre === 'asc' ? 'desc' : 'asc';
  }

  private render(page: ItemPage): void {
    if (!this.statusesShown) {
      this.statusesShown = true;
      this.status.append(...page.statuses.map((s) => h('option', { value: s.code }, s.label)));
    }
    const n = page.total;
    const text = n === 0 ? 'Aucune demande' : n === 1 ? '1 demande' : `${n} demandes`;
    this.summary.textContent = text;
    announce(text);
    if (n === 0) return fill(this.results);
    const pages = Math.max(1, Math.ceil(n / page.pageSize));
    const head = h(
      'tr',
      {},
      COLUMNS.map((c) => {
        const order = this.shownOrder(c);
        return h(
          'th',
          {
            scope: 'col',
            class: c.num ? 'num' : null,
            'aria-sort': order ? (order === 'asc' ? 'ascending' : 'descending') : null,
          },
          c.sort ? this.sortButton(c) : c.label,
        );
      }),
    );
    const table = h(
      'table',
      { class: 'stack' },
      h('caption', { class: 'visually-hidden' }, `Demandes, page ${page.page} sur ${pages}`),
      h('thead', {}, head),
      h('tbody', {}, page.items.map(row)),
    );
    const go = (to: number) => () => {
      this.query.page = to;
      void this.load();
    };
    fill(
      this.results,
      h('div', { class: 'table-wrap' }, table),
      pages > 1
        ? h(
            'nav',
            { class: 'pager', 'aria-label': 'Pages' },
            h(
              'button',
              { type: 'button', disabled: page.page <= 1, onclick: go(page.page - 1) },
              'Précédente',
            ),
            h('span', {}, `Page ${page.page} sur ${pages}`),
            h(
              'button',
              { type: 'button', disabled: page.page >= pages, onclick: go(page.page + 1) },
              'Suivante',
            ),
          )
        : null,
    );
  }
}
