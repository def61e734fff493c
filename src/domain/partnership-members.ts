/**
 * Who belongs to a partnership, and who may read its shared records (issue 14 §1): the DT, the
 * MLs and, when named, the DDETS. The DDETS reads the partnership's records, offers and
 * figures, and is invited to its committees; it never sees a person's data or open requests.
 * Features that show partnership-level records (committees, offers, figures, bilan, roadmap) use
 * these two functions, so that the DDETS is treated the same way everywhere.
 */
import { requirePerson, type AccessOptions } from './access';
import { DomainError } from './errors';
import type { Caller, PartnershipRecord, StructureRecord } from './model';
import type { Repo } from '../storage/store';

/** The structures of a partnership: its DT, its MLs, then its DDETS if it has one. */
export function partnershipStructureIds(p: PartnershipRecord): string[] {
  return [p.dtId, ...p.mlIds, ...(p.ddetsId ? [p.ddetsId] : [])];
}

/**
 * True when the caller may read the partnership's records, offers and figures (never requests):
 * a global admin, or an active person of one of its structures (the DDETS included).
 */
export function mayReadPartnershipRecords(caller: Caller, p: PartnershipRecord): boolean {
  if (caller.isGlobalAdmin) return true;
  const person = caller.person?.active ? caller.person : null;
  return !!person && partnershipStructureIds(p).includes(person.structureId);
}

/** True for a person of a DDETS. */
export function isDdets(structure: Pick<StructureRecord, 'kind'> | undefined | null): boolean {
  return structure?.kind === 'DDETS';
}

/**
 * Refuses a DDETS person anything that shows a person's data or open requests (`/demande`,
 * `/suivi`, `/tableau`, imports): E_DDETS_NO_PERSONAL_DATA, naming the action for the log.
 */
export async function refuseDdetsPersonalData(
  caller: Caller,
  repo: Repo,
  opts: AccessOptions,
  action: string,
): Promise<void> {
  if (!caller.person && caller.isGlobalAdmin) return;
  const person = requirePerson(caller, opts);
  if (isDdets(await repo.directory.getStructure(person.structureId)))
    throw new DomainError('E_DDETS_NO_PERSONAL_DATA', { action });
}
