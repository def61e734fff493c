/**
 * Whose national table a caller may export (DESIGN.md §1, §7): a conseiller their ML's, a
 * correspondant their DT's, an admin their own structure's (admins see both sides' requests).
 */
import { checkStructureTenant } from './tenant-check';
import { requirePerson, type AccessOptions } from './access';
import { mayExportTable, profileOf } from './command-access';
import { DomainError } from './errors';
import type { Caller, StructureRecord } from './model';
import type { Repo } from '../storage/store';
import { refuseDdetsPersonalData } from './partnership-members';

/** The structure the caller exports for; throws a DomainError for anyone else. */
export async function exportStructure(
  caller: Caller,
  repo: Repo,
  opts: AccessOptions,
): Promise<StructureRecord> {
  const person = requirePerson(caller, opts);
  await refuseDdetsPersonalData(caller, repo, opts, 'tableau');
  const structure = await repo.directory.getStructure(person.structureId);
  const allowed = !!structure && mayExportTable(profileOf(person, structure));
  if (!structure || !allowed) throw new DomainError('E_ROLE_FORBIDDEN', { action: 'tableau' });
  checkStructureTenant(caller, structure);
  return structure;
}
