/**
 * The DDETS is invited to the committees it takes part in (issue 14 §1): it is seldom a member
 * of the partnership channel (another tenant, another team), so its inbox — its bound channel,
 * else its people's personal chats — gets the same announcements and reminders.
 */
import type { CommitteeRecord } from '../../domain/records';
import type { PartnershipRecord } from '../../domain/model';
import type { Repo } from '../../storage/store';
import { inboxTargets } from '../audience';

/** Queues `activity` to the DDETS of the partnership when it participates; true if queued. */
export async function sendToDdets(
  tx: Repo,
  p: PartnershipRecord,
  c: Pick<CommitteeRecord, 'participants'>,
  activity: Record<string, unknown>,
  now: string,
): Promise<boolean> {
  if (!p.ddetsId || !c.participants.includes(p.ddetsId)) return false;
  const targets = await inboxTargets(tx, p.ddetsId);
  for (const target of targets) {
    await tx.outbox.enqueue(
      {
        op: 'send',
        conversationId: target.conversationId,
        reference: target.reference,
        activity,
        dueAt: now,
      },
      now,
    );
  }
  return targets.length > 0;
}
