/**
 * The tenant comparison between a caller and a structure (DESIGN.md §1, §11; issue 16 §2): the
 * caller's Microsoft 365 tenant must be the one the directory records for the structure. It is
 * never skipped outside local mode: a side without a tenant is a refusal, not a pass. Local mode
 * (no authentication, fixtures and demos without tenant ids) lets an unknown side through.
 */
import { DomainError } from './errors';
import type { Caller } from './model';

/** Refuses the caller unless their tenant is `structureTenantId`, the tenant of `structureId`. */
export function checkTenantOf(
  caller: Caller,
  structureId: string,
  structureTenantId: string | null | undefined,
): void {
  const mine = caller.tenantId.toLowerCase();
  const theirs = (structureTenantId ?? '').toLowerCase();
  if (mine && theirs) {
    if (mine !== theirs) throw new DomainError('E_TENANT_MISMATCH', { structureId });
    return;
  }
  if (caller.localMode) return;
  if (!mine) throw new DomainError('E_TENANT_MISSING', { structureId });
  throw new DomainError('E_STRUCTURE_WITHOUT_TENANT', { structureId });
}

/** The same comparison with a structure record; an unknown structure is refused outside local mode. */
export function checkStructureTenant(
  caller: Caller,
  structure: { id: string; tenantId: string | null } | null | undefined,
  structureId = structure?.id ?? '',
): void {
  if (!structure) {
    if (caller.localMode) return;
    throw new DomainError('E_TENANT_MISMATCH', { structureId });
  }
  checkTenantOf(caller, structure.id, structure.tenantId);
}
