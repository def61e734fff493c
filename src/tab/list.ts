/**
 * `GET /api/tab/demandes` (docs/tab-api.md): the caller's structure's requests and fiches de
 * liaison, filtered by status, period (day opened, Paris time), the side it waits on, and a text
 * matched against the name and the n° CIR with accents and case ignored; sorted; 50 a page.
 */
import { isIsoDate } from '../domain/calendar/iso-date';
import { fold } from '../domain/text';
import { format } from '../i18n/fr';
import { frTab } from '../i18n/fr-tab';
import { TabError } from './http';
import { statusList, type TabItem } from './items';

export const PAGE_SIZE = 50;

export interface ListQuery {
  statut: string;
  du: string;
  au: string;
  cote: '' | 'ml' | 'dt';
  q: string;
  tri: SortField;
  ordre: 'asc' | 'desc';
  page: number;
}

const SORTS = {
  ouverture: (a: TabItem, b: TabItem) => a.openedAt.localeCompare(b.openedAt),
  numero: (a: TabItem, b: TabItem) => a.number.localeCompare(b.number),
  statut: (a: TabItem, b: TabItem) => a.statusLabel.localeCompare(b.statusLabel, 'fr'),
  nom: (a: TabItem, b: TabItem) =>
    fold(`${a.person?.lastName ?? ''} ${a.person?.firstName ?? ''}`).localeCompare(
      fold(`${b.person?.lastName ?? ''} ${b.person?.firstName ?? ''}`),
      'fr',
    ),
  attente: (a: TabItem, b: TabItem) => (a.waitingOn ?? '~').localeCompare(b.waitingOn ?? '~'),
} as const;
export type SortField = keyof typeof SORTS;

/** Synonyms the pages may send for the sort field (the contract's field names). */
const SORT_ALIASES: Record<string, SortField> = {
  openedAt: 'ouverture',
  ageDays: 'ouverture',
  number: 'numero',
  status: 'statut',
  name: 'nom',
  waitingOn: 'attente',
};

const bad = (param: string) =>
  new TabError(400, 'bad-query', format(frTab.errors.badQuery, { param }));

/** Reads and checks the query; every refusal names the parameter. */
export function parseListQuery(get: (name: string) => string): ListQuery {
  const statut = get('statut');
  if (statut && !statusList().some((s) => s.code === statut)) throw bad('statut');
  const du = get('du');
  const au = get('au');
  if (du && !isIsoDate(du)) throw bad('du');
  if (au && !isIsoDate(au)) throw bad('au');
  const cote = get('cote');
  if (cote !== '' && cote !== 'ml' && cote !== 'dt') throw bad('cote');
  const q = get('q');
  if (q.length > 100) throw bad('q');
  const rawTri = get('tri') || 'ouverture';
  const tri = Object.hasOwn(SORTS, rawTri)
    ? (rawTri as SortField)
    : Object.hasOwn(SORT_ALIASES, rawTri)
      ? SORT_ALIASES[rawTri]
      : undefined;
  if (!tri) throw bad('tri');
  const ordre = get('ordre') || (tri === 'ouverture' ? 'desc' : 'asc');
  if (ordre !== 'asc' && ordre !== 'desc') throw bad('ordre');
  const rawPage = get('page') || '1';
  if (!/^\d{1,6}$/.test(rawPage) || Number(rawPage) < 1) throw bad('page');
  return { statut, du, au, cote, q, tri, ordre, page: Number(rawPage) };
}

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** A n° CIR compared without its separators (spaces, hyphens, slashes) or case. */
const cirKey = (s: string) => fold(s).replace(/[^a-z0-9]/g, '');

function matchesText(item: TabItem, q: string): boolean {
  const words = fold(q).split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const p = item.person;
  const hay = fold(`${p?.lastName ?? ''} ${p?.firstName ?? ''} ${item.number}`);
  if (words.every((w) => hay.includes(w))) return true;
  const key = cirKey(q);
  return !!p && key.length >= 3 && cirKey(p.cir).includes(key);
}

/** Filters, sorts and pages the items. */
export function pageOf(items: TabItem[], q: ListQuery) {
  const kept = items.filter((i) => {
    if (q.statut && i.status !== q.statut) return false;
    if (q.cote && i.waitingOn !== q.cote) return false;
    const day = q.du || q.au ? PARIS_DAY.format(new Date(i.openedAt)) : '';
    if (q.du && day < q.du) return false;
    if (q.au && day > q.au) return false;
    return matchesText(i, q.q);
  });
  const sign = q.ordre === 'asc' ? 1 : -1;
  kept.sort((a, b) => sign * SORTS[q.tri](a, b) || a.number.localeCompare(b.number));
  const start = (q.page - 1) * PAGE_SIZE;
  return {
    items: kept.slice(start, start + PAGE_SIZE),
    total: kept.length,
    page: q.page,
    pageSize: PAGE_SIZE,
    statuses: statusList(),
  };
}
