/**
 * Establishes who is acting from the activity (Entra object id and tenant), never display names.
 */
import type { Activity } from 'botbuilder';
import type { Caller } from '../../domain/model';
import type { Store } from '../../storage/store';

export async function callerOf(
  activity: Activity,
  store: Store,
  adminIds: string[],
): Promise<Caller> {
  const aadObjectId = (activity.from?.aadObjectId ?? '').toLowerCase();
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  const tenantId = channelData?.tenant?.id ?? activity.conversation?.tenantId ?? '';
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
  };
}
