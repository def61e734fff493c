/**
 * `/suivi` without argument (issue 13 §7): what the caller's structure still has in play,
 * what waits on it first, then what waits on the partner. Returns codes and ids; the edge
 * renders French and neutral cards (no person's data: the list is a stored message).
 */
import { requirePerson, type AccessOptions } from './access';
import { followUpSide, profileOf } from './command-access';
import { DomainError } from './errors';
import type { Caller } from './model';
import type { OpenRequestRow } from './records';
import type { Repo } from '../storage/store';

export type WaitingOn = 'me' | 'partner';

/** Why an item is open, from the caller's side's point of view. */
export type OpenReason =
  /** DT: a request to answer. ML: waiting for the DT's answer. */
  | 'answer'
  /** ML: the ML's prescription is expected. DT: waiting for it. */
  | 'prescription'
  /** ML: the DT asked for the rest of the pathway. DT: waiting for it. */
  | 'followUp'
  /** ML: a fiche de liaison to accept, redirect or close. DT: waiting for the ML's decision. */
  | 'fiche';

export interface OpenItem {
  kind: 'request' | 'fiche';
  id: string;
  number: string;
  /** The other structure of the item. */
  partnerId: string;
  waiting: WaitingOn;
  reason: OpenReason;
  /** ISO instant since which it waits. */
  since: string;
}

export interface OpenItemsPage {
  side: 'ml' | 'dt';
  structureId: string;
  items: OpenItem[];
  page: number;
  pageCount: number;
  mine: number;
  partner: number;
}

export const OPEN_ITEMS_PAGE_SIZE = 8;

/** Who the request waits on, seen from `side`; null when it waits on nobody. */
export function classify(
  r: OpenRequestRow,
  side: 'ml' | 'dt',
): Pick<OpenItem, 'waiting' | 'reason' | 'since'> | null {
  const on = (party: 'ml' | 'dt'): WaitingOn => (party === side ? 'me' : 'partner');
  if (r.status === 'transmise') return { waiting: on('dt'), reason: 'answer', since: r.createdAt };
  const followUpPending =
    r.followUpAt !== null && (r.prescribedAt === null || r.followUpAt > r.prescribedAt);
  if (followUpPending) return { waiting: on('ml'), reason: 'followUp', since: r.followUpAt! };
  if (r.status === 'completee' && r.prescribedAt === null)
    return { waiting: on('ml'), reason: 'prescription', since: r.answeredAt ?? r.createdAt };
  return null;
}

export async function listOpenItems(
  store: Pick<Repo, 'directory' | 'openItems'>,
  caller: Caller,
  access: AccessOptions,
  page: number,
): Promise<OpenItemsPage> {
  const person = requirePerson(caller, access);
  const structure = await store.directory.getStructure(person.structureId);
  // The DDETS reads the partnership's figures and records, never its requests (issue 14 §1).
  if (structure?.kind === 'DDETS')
    throw new DomainError('E_DDETS_NO_PERSONAL_DATA', { action: 'suivi.liste' });
  // The same people as sideOf(): an ML's advisors and admins, a DT's correspondents and admins.
  const side = followUpSide(profileOf(person, structure));
  if (!side) throw new DomainError('E_ROLE_FORBIDDEN', { action: 'suivi.liste' });
  const rows = await store.openItems.openRequests(side, person.structureId);
  const items: OpenItem[] = [];
  for (const r of rows) {
    const c = classify(r, side);
    if (!c) continue;
    items.push({
      kind: 'request',
      id: r.id,
      number: r.number,
      partnerId: side === 'ml' ? r.dtId : r.mlId,
      ...c,
    });
  }
  for (const f of await store.openItems.openFiches(side, person.structureId))
    items.push({
      kind: 'fiche',
      id: f.id,
      number: f.number,
      partnerId: side === 'ml' ? f.dtId : f.mlId,
      // A fiche waits on its ML.
      waiting: side === 'ml' ? 'me' : 'partner',
      reason: 'fiche',
      since: f.since,
    });
  // Waiting on me first, then on the partner; the oldest first in each.
  items.sort(
    (a, b) =>
      (a.waiting === b.waiting ? 0 : a.waiting === 'me' ? -1 : 1) ||
      a.since.localeCompare(b.since) ||
      a.number.localeCompare(b.number),
  );
  const pageCount = Math.max(1, Math.ceil(items.length / OPEN_ITEMS_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.trunc(page) || 1), pageCount);
  const start = (current - 1) * OPEN_ITEMS_PAGE_SIZE;
  return {
    side: side,
    structureId: person.structureId,
    items: items.slice(start, start + OPEN_ITEMS_PAGE_SIZE),
    page: current,
    pageCount,
    mine: items.filter((i) => i.waiting === 'me').length,
    partner: items.filter((i) => i.waiting === 'partner').length,
  };
}
