/**
 * Establishes who is acting from the activity (Entra object id and tenant), never display names.
 */
import type { Activity } from 'botbuilder';
import type { Caller } from '../../domain/model';
import type { Store } from '../../storage/store';

/** Who is acting; `local` (local mode) makes the tenant comparison lenient (tenant-check.ts). */
export async function callerOf(
  activity: Activity,
  store: Store,
  adminIds: string[],
  local = false,
): Promise<Caller> {
  const aadObjectId = (activity.from?.aadObjectId ?? '').toLowerCase();
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  const tenant = channelData?.tenant?.id ?? activity.conversation?.tenantId;
  const tenantId = typeof tenant === 'string' ? tenant : '';
  const person = aadObjectId
    ? ((await store.directory.getCorrespondent(aadObjectId)) ?? null)
    : null;
  return {
    aadObjectId,
    tenantId,
    teamsUserId: activity.from?.id ?? '',
    name: person?.name ?? '',
    person,
    isGlobalAdmin: !!aadObjectId && adminIds.includes(aadObjectId),
    structureTenantId: person
      ? ((await store.directory.getStructure(person.structureId))?.tenantId ?? null)
      : null,
    ...(local ? { localMode: true } : {}),
  };
}
