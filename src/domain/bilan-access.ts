/**
 * Who may read the bilan (DESIGN.md §4: "admin, DDETS"): the one rule, so that a new kind of
 * reader is added here and nowhere else.
 */
import { DomainError } from './errors';
import type { Caller, PartnershipRecord, StructureRecord } from './model';
import { partnershipAccess } from './partnership-access';
import type { Store } from '../storage/store';

/** What the rule looks at, for one partnership. */
export interface BilanReader {
  /** An admin of the partnership (directory role `admin` of one of its structures, or ADMIN_IDS). */
  admin: boolean;
  /** The kind of the reader's structure; null for a global admin outside the directory. */
  structureKind: StructureRecord['kind'] | null;
}

/**
 * The rule: the partnership's admins, the global admins, and the people of its DDETS (which
 * chairs the comité de pilotage) read its bilan. Counts only: no person's data is in it.
 */
export function mayReadBilan(reader: BilanReader): boolean {
  return reader.admin || reader.structureKind === 'DDETS';
}

/** The partnerships whose bilan the caller may read; refuses outsiders and everyone else. */
export async function bilanPartnerships(
  store: Store,
  caller: Caller,
  allowedTenants: string[],
): Promise<PartnershipRecord[]> {
  const access = await partnershipAccess(store, caller, allowedTenants);
  const structure = caller.person
    ? await store.directory.getStructure(caller.person.structureId)
    : undefined;
  const structureKind = structure?.kind ?? null;
  const readable = access
    .filter((a) => mayReadBilan({ admin: a.admin, structureKind }))
    .map((a) => a.partnership);
  if (!readable.length) throw new DomainError('E_BILAN_FORBIDDEN', { action: 'bilan' });
  return readable;
}
