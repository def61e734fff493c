/**
 * Who may read a partnership's records: its committees' minutes and the figures its structures
 * share (issue 14 §2, §5). One function, so that a new kind of reader (the DDETS, issue 14 §1:
 * records and figures, never a person's data) is added in one place.
 */
import type { Caller } from './model';
import { partnershipAccess, type PartnershipAccess } from './partnership-access';
import type { Store } from '../storage/store';

/**
 * The partnerships whose records the caller may read, and whether they administer each one:
 * today the people of the partnership's structures and the global admins.
 */
export function recordReaders(
  store: Store,
  caller: Caller,
  allowedTenants: string[],
): Promise<PartnershipAccess[]> {
  return partnershipAccess(store, caller, allowedTenants);
}
