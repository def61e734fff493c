/**
 * A request or a fiche de liaison as the tabs list it (docs/tab-api.md, `items`): number,
 * status, motif, age, who it waits on, the two structures, and the person only for a caller of
 * one of those two structures (the lists only ever hold such items; the detail checks again).
 */
import { requirePerson } from '../domain/access';
import { DomainError } from '../domain/errors';
import { FICHE_STATUSES, OPEN_FICHE_STATUSES, type FicheRecord } from '../domain/liaison';
import {
  REQUEST_STATUSES,
  type Caller,
  type CorrespondentRecord,
  type RequestRecord,
  type StructureRecord,
} from '../domain/model';
import { classify } from '../domain/open-items';
import { checkStructureTenant } from '../domain/tenant-check';
import { fr } from '../i18n/fr';
import { frLiaison } from '../i18n/fr-liaison';
import { frTab } from '../i18n/fr-tab';
import type { Store } from '../storage/store';
import { motifLabel } from '../teams/request-life/facts';

export type Side = 'ml' | 'dt';
export type ItemKind = 'demande' | 'fiche';

export interface TabItem {
  kind: ItemKind;
  id: string;
  number: string;
  person?: { lastName: string; firstName: string; cir: string };
  status: string;
  statusLabel: string;
  motif: string | null;
  motifLabel: string | null;
  openedAt: string;
  ageDays: number;
  waitingOn: Side | null;
  waitingOnLabel: string | null;
  ml: { id: string; name: string };
  dt: { id: string; name: string };
}

export type ListedRequest = RequestRecord & { followUpAt: string | null };

/** Every status the lists can show, requests' then fiches'. */
export function statusList(): { code: string; label: string }[] {
  return [
    ...REQUEST_STATUSES.map((code) => ({ code, label: fr.status[code] })),
    ...FICHE_STATUSES.map((code) => ({ code, label: frLiaison.status[code] })),
  ];
}

/**
 * The side of the caller's structure, as `/suivi` decides it: an ML's advisors and admins, a DT's
 * correspondents and admins. The DDETS never sees a request (issue 14 §1).
 */
export async function callerSide(
  store: Store,
  caller: Caller,
  allowedTenants: string[],
): Promise<{ side: Side; person: CorrespondentRecord; structure: StructureRecord }> {
  const person = requirePerson(caller, { allowedTenants });
  const structure = await store.directory.getStructure(person.structureId);
  checkStructureTenant(caller, structure, person.structureId);
  if (!structure) throw new DomainError('E_NOT_IN_DIRECTORY');
  if (structure.kind === 'DDETS')
    throw new DomainError('E_DDETS_NO_PERSONAL_DATA', { action: 'tab.demandes' });
  if (structure.kind === 'ML' && person.role !== 'correspondant')
    return { side: 'ml', person, structure };
  if (structure.kind === 'DT' && person.role !== 'conseiller')
    return { side: 'dt', person, structure };
  throw new DomainError('E_ROLE_FORBIDDEN', { action: 'tab.demandes' });
}

const DAY_MS = 86_400_000;
const ageDays = (openedAt: string, now: Date) =>
  Math.max(0, Math.floor((now.getTime() - Date.parse(openedAt)) / DAY_MS));

const named = (names: Map<string, StructureRecord>, id: string) => ({
  id,
  name: names.get(id)?.name ?? id,
});

function waiting(on: Side | null): Pick<TabItem, 'waitingOn' | 'waitingOnLabel'> {
  return { waitingOn: on, waitingOnLabel: on ? frTab.waitingOn[on] : null };
}

export function requestItem(
  r: ListedRequest,
  names: Map<string, StructureRecord>,
  now: Date,
): TabItem {
  const open = r.status === 'annulee' ? null : classify({ ...r, followUpAt: r.followUpAt }, 'ml');
  const on: Side | null = open ? (open.waiting === 'me' ? 'ml' : 'dt') : null;
  return {
    kind: 'demande',
    id: r.id,
    number: r.number,
    ...(r.identity
      ? {
          person: {
            lastName: r.identity.nom,
            firstName: r.identity.prenom,
            cir: r.identity.numeroCir,
          },
        }
      : {}),
    status: r.status,
    statusLabel: fr.status[r.status],
    motif: r.motif ?? null,
    motifLabel: motifLabel(r.motif),
    openedAt: r.createdAt,
    ageDays: ageDays(r.createdAt, now),
    ...waiting(on),
    ml: named(names, r.mlId),
    dt: named(names, r.dtId),
  };
}

export function ficheItem(f: FicheRecord, names: Map<string, StructureRecord>, now: Date): TabItem {
  return {
    kind: 'fiche',
    id: f.id,
    number: f.number,
    ...(f.identity
      ? {
          person: {
            lastName: f.identity.nom,
            firstName: f.identity.prenom,
            cir: f.identity.numeroCir,
          },
        }
      : {}),
    status: f.status,
    statusLabel: frLiaison.status[f.status],
    motif: null,
    motifLabel: null,
    openedAt: f.createdAt,
    ageDays: ageDays(f.createdAt, now),
    // A fiche waits on the ML it is addressed to until it decides.
    ...waiting(OPEN_FICHE_STATUSES.includes(f.status) ? 'ml' : null),
    ml: named(names, f.mlId),
    dt: named(names, f.dtId),
  };
}

/** The directory's structures by id, for the items' names. */
export async function structureNames(store: Store): Promise<Map<string, StructureRecord>> {
  return new Map((await store.directory.listStructures()).map((s) => [s.id, s]));
}
