/** Who may do what (DESIGN.md §1, §11): checked on the server for every command and action. */
import { DomainError } from './errors';
import { checkTenantOf } from './tenant-check';
import type { Caller, CorrespondentRecord, RequestRecord } from './model';

export interface AccessOptions {
  allowedTenants: string[];
}

/** The caller must be a known, active person of an allowed tenant. */
export function requirePerson(caller: Caller, opts: AccessOptions): CorrespondentRecord {
  if (opts.allowedTenants.length && !opts.allowedTenants.includes(caller.tenantId.toLowerCase())) {
    throw new DomainError('E_TENANT_NOT_ALLOWED', { tenantId: caller.tenantId });
  }
  if (!caller.person || !caller.person.active) throw new DomainError('E_NOT_IN_DIRECTORY');
  // Every person's action compares their tenant with their structure's (issue 16 §2).
  checkTenantOf(caller, caller.person.structureId, caller.structureTenantId);
  return caller.person;
}

/** The side of a request the caller belongs to, if any. */
export function sideOf(person: CorrespondentRecord | null, r: RequestRecord): 'ml' | 'dt' | null {
  if (!person || !person.active) return null;
  if (person.structureId === r.mlId && (person.role === 'conseiller' || person.role === 'admin'))
    return 'ml';
  if (person.structureId === r.dtId && (person.role === 'correspondant' || person.role === 'admin'))
    return 'dt';
  return null;
}
