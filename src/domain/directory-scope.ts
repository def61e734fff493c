/**
 * Who may see and change what in the directory (issue 3 §5). Global admins (ADMIN_IDS) reach
 * everything; a partnership admin (role `admin`) reaches the partnerships its structure belongs
 * to, and the structures of those partnerships; everyone else only searches their partnerships.
 */
import { checkStructureTenant } from './tenant-check';
import { requirePerson, type AccessOptions } from './access';
import { DomainError } from './errors';
import type { Caller, PartnershipRecord } from './model';
import { partnershipStructureIds } from './partnership-members';
import type { Repo } from '../storage/store';

/** What an admin may change: everything, or these structures and partnerships. */
export interface AdminScope {
  all: boolean;
  structureIds: Set<string>;
  partnershipIds: Set<string>;
  /** The admin's own structure (null for a global admin outside the directory). */
  ownStructureId: string | null;
}

function checkTenantAllowed(caller: Caller, opts: AccessOptions): void {
  if (opts.allowedTenants.length && !opts.allowedTenants.includes(caller.tenantId.toLowerCase())) {
    throw new DomainError('E_TENANT_NOT_ALLOWED', { tenantId: caller.tenantId });
  }
}

function structuresOf(partnerships: PartnershipRecord[], own: string): Set<string> {
  const ids = new Set<string>([own]);
  for (const p of partnerships) partnershipStructureIds(p).forEach((id) => ids.add(id));
  return ids;
}

/** The caller's admin scope; throws E_DIRECTORY_ADMIN_ONLY for anyone who is not an admin. */
export async function requireAdmin(
  caller: Caller,
  repo: Repo,
  opts: AccessOptions,
): Promise<AdminScope> {
  checkTenantAllowed(caller, opts);
  const person = caller.person?.active ? caller.person : null;
  if (caller.isGlobalAdmin) {
    return {
      all: true,
      structureIds: new Set(),
      partnershipIds: new Set(),
      ownStructureId: person?.structureId ?? null,
    };
  }
  if (!person) throw new DomainError('E_NOT_IN_DIRECTORY');
  if (person.role !== 'admin') throw new DomainError('E_DIRECTORY_ADMIN_ONLY');
  const own = await repo.directory.getStructure(person.structureId);
  checkStructureTenant(caller, own, person.structureId);
  const partnerships = await repo.directory.partnershipsOfStructure(person.structureId);
  return {
    all: false,
    structureIds: structuresOf(partnerships, person.structureId),
    partnershipIds: new Set(partnerships.map((p) => p.id)),
    ownStructureId: person.structureId,
  };
}

/** The admin scope if the caller has one, else null (no refusal: for showing admin buttons). */
export async function adminScopeOrNull(
  caller: Caller,
  repo: Repo,
  opts: AccessOptions,
): Promise<AdminScope | null> {
  try {
    return await requireAdmin(caller, repo, opts);
  } catch (err) {
    if (err instanceof DomainError) return null;
    throw err;
  }
}

/**
 * The structures whose people the caller may look up: their partnerships' (all for global admins).
 */
export async function searchScope(
  caller: Caller,
  repo: Repo,
  opts: AccessOptions,
): Promise<Set<string> | 'all'> {
  if (caller.isGlobalAdmin) {
    checkTenantAllowed(caller, opts);
    return 'all';
  }
  const person = requirePerson(caller, opts);
  return structuresOf(
    await repo.directory.partnershipsOfStructure(person.structureId),
    person.structureId,
  );
}

/** Refuses a change to a structure outside the admin's partnerships. */
export function checkStructureInScope(scope: AdminScope, structureId: string): void {
  if (!scope.all && !scope.structureIds.has(structureId))
    throw new DomainError('E_DIRECTORY_OUT_OF_SCOPE', { structureId });
}

/** True when the admin may change this structure's people and record: their own (all: global). */
export function mayEditStructure(scope: AdminScope, structureId: string): boolean {
  return scope.all || scope.ownStructureId === structureId;
}

/**
 * Refuses a change to the people or the record of another structure than the admin's own: the
 * partnership's other structures are often other tenants (issue 16 §2).
 */
export function checkOwnStructure(scope: AdminScope, structureId: string): void {
  checkStructureInScope(scope, structureId);
  if (!mayEditStructure(scope, structureId))
    throw new DomainError('E_DIRECTORY_OWN_STRUCTURE_ONLY', { structureId });
}

/** Refuses a change to another partnership. */
export function checkPartnershipInScope(scope: AdminScope, partnershipId: string): void {
  if (!scope.all && !scope.partnershipIds.has(partnershipId))
    throw new DomainError('E_DIRECTORY_OUT_OF_SCOPE', { partnershipId });
}

/** The structure ids an admin's journal shows (all for global admins). */
export function journalScope(scope: AdminScope): string[] | 'all' {
  return scope.all ? 'all' : [...scope.structureIds];
}
