/**
 * Committee messages to the partnership channel, written into the outbox inside the change's
 * (or the reminder job's) transaction. A partnership without a channel: its admins are told
 * once, in their personal chat, with how to bind one.
 */
import { partnershipStructureIds } from '../../domain/partnership-members';
import { sendToDdets } from './ddets-invitations';
import { formatParisFr } from '../../domain/calendar/paris-time';
import type { CommitteeNotifier } from '../../domain/committee-service';
import { committeeLabel } from '../../i18n/fr-committees';
import type { Clock, PartnershipRecord, StructureRecord } from '../../domain/model';
import { fr } from '../../i18n/fr';
import type { CommitteeRecord } from '../../domain/records';
import type { Repo } from '../../storage/store';
import type { Target } from '../audience';
import { cardAttachment, type Card } from '../cards/render';
import { committeeCard, partnershipName, type CommitteeCardOptions } from './views';
import { conversationIdOf } from '../requests/notifier';
import { messageCard } from '../cards/messages';

const t = fr.committees;
const NO_CHANNEL = 'no-channel';

export interface CommitteeMessagesOptions {
  clock: Clock;
  /** The bot's public base URL, for the .ics links. */
  publicUrl: string;
  /** Global admins (ADMIN_IDS): told when a partnership has no admin the bot can reach. */
  adminIds: string[];
  /** The command that binds a channel to a partnership, as the admins should type it. */
  bindCommand: (partnershipId: string) => string;
}

/** The secret link of a committee's invitation. */
export function icsUrl(publicUrl: string, c: Pick<CommitteeRecord, 'id' | 'icsToken'>): string {
  return `${publicUrl}/ics/${encodeURIComponent(c.id)}.ics?sig=${encodeURIComponent(c.icsToken)}`;
}

export class CommitteeMessages implements CommitteeNotifier {
  constructor(private readonly o: CommitteeMessagesOptions) {}

  async planned(tx: Repo, c: CommitteeRecord): Promise<boolean> {
    return this.post(tx, c, t.ui.announceTitle(committeeLabel(c.kind), formatParisFr(c.startsAt)));
  }

  async changed(tx: Repo, c: CommitteeRecord, moved: boolean): Promise<boolean> {
    const title = moved ? t.reminders.movedTitle : t.ui.updatedTitle;
    return this.post(tx, c, title(committeeLabel(c.kind), formatParisFr(c.startsAt)));
  }

  async cancelled(tx: Repo, c: CommitteeRecord): Promise<boolean> {
    return this.post(
      tx,
      c,
      t.reminders.cancelledTitle(committeeLabel(c.kind), formatParisFr(c.startsAt)),
    );
  }

  /**
   * A committee card for the channel, with the invitation link; `extra` adds figures or a headline.
   */
  async post(
    tx: Repo,
    c: CommitteeRecord,
    title: string,
    extra: Partial<CommitteeCardOptions> = {},
  ): Promise<boolean> {
    const partnership = await tx.directory.getPartnership(c.partnershipId);
    if (!partnership) return false;
    const structures = await structuresOf(tx, partnership);
    const card = committeeCard(c, {
      title,
      structures,
      partnershipName: partnershipName(partnership, structures),
      icsUrl: icsUrl(this.o.publicUrl, c),
      ...extra,
    });
    const channel = await channelTarget(tx, partnership);
    const repo = tx.committees;
    const now = this.o.clock.now().toISOString();
    const toDdets = await sendToDdets(tx, partnership, c, message(title, [card]), now);
    if (channel) {
      await repo.clearNotice(partnership.id, NO_CHANNEL);
      await tx.outbox.enqueue(
        {
          op: 'send',
          conversationId: channel.conversationId,
          reference: channel.reference,
          activity: message(title, [card]),
          dueAt: now,
        },
        now,
      );
      return true;
    }
    // No channel: tell the admins once (with the message that could not be posted), not at every
    // reminder; "once" is noted only when someone could be told, so an admin met later still is.
    const admins = await this.adminChats(tx, structures);
    if (!admins.length || !(await repo.noteOnce(partnership.id, NO_CHANNEL, now))) return toDdets;
    const name = partnershipName(partnership, structures);
    const notice = messageCard(
      t.ui.noChannelTitle(name),
      t.ui.noChannelText(this.o.bindCommand(partnership.id)),
      true,
    );
    for (const target of admins) {
      await tx.outbox.enqueue(
        {
          op: 'send',
          conversationId: target.conversationId,
          reference: target.reference,
          activity: message(t.ui.noChannelTitle(name), [notice, card]),
          dueAt: now,
        },
        now,
      );
    }
    return true;
  }

  /** The personal chats of the partnership's admins; the global admins' if none can be reached. */
  private async adminChats(tx: Repo, structures: StructureRecord[]): Promise<Target[]> {
    const ids: string[] = [];
    for (const s of structures) {
      for (const person of await tx.directory.listCorrespondents(s.id))
        if (person.role === 'admin') ids.push(person.aadObjectId);
    }
    let targets = await userChats(tx, ids);
    if (!targets.length) targets = await userChats(tx, this.o.adminIds);
    return targets;
  }
}

/** The partnership channel, if bound and known to the bot. */
export async function channelTarget(tx: Repo, p: PartnershipRecord): Promise<Target | null> {
  if (!p.channelConversationId) return null;
  const reference = await tx.references.get('conversation', p.channelConversationId);
  return reference ? { conversationId: p.channelConversationId, reference } : null;
}

/** The DT, the MLs, then the DDETS of a partnership. */
export async function structuresOf(tx: Repo, p: PartnershipRecord): Promise<StructureRecord[]> {
  const out: StructureRecord[] = [];
  for (const id of partnershipStructureIds(p)) {
    const s = await tx.directory.getStructure(id);
    if (s) out.push(s);
  }
  return out;
}

/** Personal chats of people the bot has met, deduplicated. */
export async function userChats(tx: Repo, aadObjectIds: readonly string[]): Promise<Target[]> {
  const targets: Target[] = [];
  for (const id of new Set(aadObjectIds.map((a) => a.toLowerCase()))) {
    const reference = await tx.references.get('user', id);
    if (reference) targets.push({ conversationId: conversationIdOf(reference), reference });
  }
  return targets;
}

/** A message whose visible summary is the title: committees carry no personal data. */
function message(summary: string, cards: Card[]): Record<string, unknown> {
  return { type: 'message', summary, attachments: cards.map(cardAttachment) };
}
