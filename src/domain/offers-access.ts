/**
 * Who may read and who may change the partners' offers of service (issue 14 §4). One function
 * answers "who may read the partnership's offers", so that a new kind of reader (the DDETS)
 * is one more case there.
 */
import { requirePerson } from './access';
import { DomainError } from './errors';
import type { Caller, PartnershipRecord } from './model';
import type { OfferRecord } from './offer-records';
import { partnershipAccess } from './partnership-access';
import type { Store } from '../storage/store';

/** What a reader may browse: the partnerships they belong to, and their structures' offers. */
export interface OfferReadership {
  partnerships: PartnershipRecord[];
  structureIds: Set<string>;
}

/**
 * Who may read the partnership's offers: the people of its structures (and the global admins,
 * who see every partnership). Outsiders are refused (not in the directory, or no partnership).
 */
export async function offerReadership(
  store: Store,
  caller: Caller,
  allowedTenants: string[],
): Promise<OfferReadership> {
  const access = await partnershipAccess(store, caller, allowedTenants);
  if (!access.length) throw new DomainError('E_NO_PARTNERSHIP');
  const structureIds = new Set<string>();
  for (const { partnership: p } of access)
    [p.dtId, ...p.mlIds].forEach((id) => structureIds.add(id));
  return { partnerships: access.map((a) => a.partnership), structureIds };
}

/** The structure a person publishes for: their own, if it belongs to a partnership. */
export async function publisherStructure(
  store: Store,
  caller: Caller,
  allowedTenants: string[],
): Promise<string> {
  const person = requirePerson(caller, { allowedTenants });
  if (!(await offerReadership(store, caller, allowedTenants)).structureIds.has(person.structureId))
    throw new DomainError('E_NO_PARTNERSHIP');
  return person.structureId;
}

/** The publishing structure's people (and the global admins) edit and withdraw its sheets. */
export function mayChangeOffer(caller: Caller, offer: OfferRecord): boolean {
  if (caller.isGlobalAdmin) return true;
  const person = caller.person;
  return !!person?.active && person.structureId === offer.structureId;
}
