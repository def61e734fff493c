/**
 * What the national table's export and import jobs share: ids, where their card lives, their
 * record.
 */
import type { Activity } from 'botbuilder';
import { randomBytes } from 'node:crypto';
import type { Caller } from '../../domain/model';
import type { BotServices } from '../feature';
import type { CardPlace } from './wiring';

/** An opaque id for a file, a password, an upload or a job (also a link's file id). */
export const newId = (): string => randomBytes(16).toString('base64url');

/**
 * The conversation a card was posted in, with its stored reference (saved at the start of the
 * turn).
 */
export async function cardPlace(
  services: BotServices,
  activity: Activity,
  activityId: string | null,
): Promise<CardPlace> {
  const conversationId = activity.conversation.id;
  const reference = (await services.store.references.get('conversation', conversationId)) ?? {
    serviceUrl: activity.serviceUrl,
    channelId: activity.channelId,
    bot: activity.recipient,
    conversation: {
      id: conversationId,
      conversationType: activity.conversation.conversationType,
      tenantId: activity.conversation.tenantId,
    },
  };
  return { conversationId, activityId, reference };
}

/** Records a running job, so that its card can be closed if the process stops. */
export async function startJob(
  services: BotServices,
  id: string,
  kind: 'export' | 'import',
  caller: Caller,
  place: CardPlace,
): Promise<void> {
  const at = services.clock.now().toISOString();
  await services.store.transaction((tx) =>
    tx.tableFiles.startJob({ id, kind, owner: caller.aadObjectId, ...place }, at),
  );
}
