/**
 * Which partnerships a caller belongs to, and which they administer (DESIGN.md §1): the people
 * of a partnership's structures see it; its admins are the directory's `admin`s of those
 * structures and the global admins (ADMIN_IDS), who see every partnership.
 */
import { checkStructureTenant } from './tenant-check';
import { requirePerson } from './access';
import { DomainError } from './errors';
import type { Caller, PartnershipRecord } from './model';
import type { Store } from '../storage/store';

export interface PartnershipAccess {
  partnership: PartnershipRecord;
  admin: boolean;
}

/** The caller's partnerships, checked against the tenant allow-list and the directory. */
export async function partnershipAccess(
  store: Store,
  caller: Caller,
  allowedTenants: string[],
): Promise<PartnershipAccess[]> {
  if (caller.isGlobalAdmin) {
    if (allowedTenants.length && !allowedTenants.includes(caller.tenantId.toLowerCase())) {
      throw new DomainError('E_TENANT_NOT_ALLOWED', { tenantId: caller.tenantId });
    }
    const out: PartnershipAccess[] = [];
    for (const id of await store.committees.allPartnershipIds()) {
      const partnership = await store.directory.getPartnership(id);
      if (partnership) out.push({ partnership, admin: true });
    }
    return out;
  }
  const person = requirePerson(caller, { allowedTenants });
  const structure = await store.directory.getStructure(person.structureId);
  checkStructureTenant(caller, structure, person.structureId);
  const partnerships = await store.directory.partnershipsOfStructure(person.structureId);
  return partnerships.map((partnership) => ({ partnership, admin: person.role === 'admin' }));
}
