/**
 * Who is calling a tab, from a verified token: the Entra object id and tenant mapped to a person
 * of the directory (or a global admin, ADMIN_IDS). A person whose structure's tenant is not the
 * token's is refused, as the bot refuses them in Teams (tenant-check.ts).
 */
import type { Caller } from '../domain/model';
import { fr } from '../i18n/fr';
import type { Store } from '../storage/store';
import { TabError } from './http';
import type { TabIdentity } from './tokens';

export interface CallerOptions {
  adminIds: string[];
  /** Lower-case tenant ids; empty: any tenant. */
  allowedTenants: string[];
  local: boolean;
}

export async function tabCaller(store: Store, id: TabIdentity, o: CallerOptions): Promise<Caller> {
  const oid = id.oid.toLowerCase();
  const person = oid ? await store.directory.getCorrespondent(oid) : undefined;
  const isGlobalAdmin = !!oid && o.adminIds.includes(oid);
  if ((!person || !person.active) && !isGlobalAdmin)
    throw new TabError(403, 'E_NOT_IN_DIRECTORY', fr.errors.E_NOT_IN_DIRECTORY);
  const structure = person ? await store.directory.getStructure(person.structureId) : undefined;
  const structureTenantId = structure?.tenantId ?? null;
  // A development session speaks for the person's own tenant (local mode has no sign-in).
  const tenantId = id.via === 'dev' ? (structureTenantId ?? id.tid) : id.tid;
  if (id.via === 'entra') {
    if (o.allowedTenants.length && !o.allowedTenants.includes(tenantId.toLowerCase()))
      throw new TabError(403, 'E_TENANT_NOT_ALLOWED', fr.errors.E_TENANT_NOT_ALLOWED);
    if (
      person &&
      (structureTenantId ? structureTenantId.toLowerCase() !== tenantId.toLowerCase() : !o.local)
    )
      throw new TabError(403, 'E_TENANT_MISMATCH', fr.errors.E_TENANT_MISMATCH);
  }
  return {
    aadObjectId: oid,
    tenantId,
    teamsUserId: person?.teamsUserId ?? '',
    name: person?.name ?? '',
    person: person?.active ? person : null,
    isGlobalAdmin,
    structureTenantId,
    ...(o.local ? { localMode: true } : {}),
  };
}
