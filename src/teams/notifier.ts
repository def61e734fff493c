/**
 * Turns request changes into outbox rows: the neutral card to the DT inbox, in-place updates
 * of the cards already posted, and the advisor's notification. Runs inside the change's
 * transaction so that a message is never lost nor sent for a change that rolled back.
 */
import type { Clock, RequestRecord } from '../domain/model';
import type { CardSource, RequestNotifier } from '../domain/requests';
import { format, fr } from '../i18n/fr';
import type { Repo } from '../storage/store';
import { cardAttachment, type Card } from './cards';
import { neutralCard, type Names } from './request-views';
import { inboxTargets, viewerIds } from './audience';

export class TeamsRequestNotifier implements RequestNotifier {
  constructor(private readonly clock: Clock) {}

  private now(): string {
    return this.clock.now().toISOString();
  }

  private async names(tx: Repo, r: RequestRecord): Promise<Names> {
    return { ml: await tx.getStructure(r.mlId), dt: await tx.getStructure(r.dtId) };
  }

  async requestCreated(tx: Repo, r: RequestRecord, source: CardSource): Promise<void> {
    const names = await this.names(tx, r);
    const userIds = await viewerIds(tx, r);
    const now = this.now();
    const dtCard = neutralCard(r, names, userIds, format(fr.request.newForDt, { ml: names.ml?.name ?? r.mlId }));
    for (const target of await inboxTargets(tx, r.dtId)) {
      await tx.enqueue(
        { op: 'send', conversationId: target.conversationId, reference: target.reference, activity: message(r, dtCard),
          requestId: r.id, side: 'dt', dueAt: now },
        now,
      );
    }
    if (source.activityId) {
      // The advisor's form becomes the request's neutral status card, for everyone in that chat.
      const mlCard = neutralCard(r, names, userIds, format(fr.request.createdHeadline, { dt: names.dt?.name ?? r.dtId }));
      await tx.addRequestMessage({ requestId: r.id, side: 'ml', conversationId: source.conversationId, activityId: source.activityId });
      await tx.enqueue(
        { op: 'update', conversationId: source.conversationId, reference: source.reference, activity: message(r, mlCard),
          activityId: source.activityId, requestId: r.id, side: 'ml', dueAt: now },
        now,
      );
    }
  }

  async requestAnswered(tx: Repo, r: RequestRecord): Promise<void> {
    const names = await this.names(tx, r);
    const userIds = await viewerIds(tx, r);
    const now = this.now();
    for (const m of await tx.listRequestMessages(r.id)) {
      const headline = m.side === 'ml' ? fr.request.answeredHeadline : '';
      const reference = await tx.getReference('conversation', m.conversationId);
      if (!reference) continue;
      await tx.enqueue(
        { op: 'update', conversationId: m.conversationId, reference, activity: message(r, neutralCard(r, names, userIds, headline)),
          activityId: m.activityId, requestId: r.id, side: m.side, dueAt: now },
        now,
      );
    }
    const advisorChat = await tx.getReference('user', r.createdBy);
    if (advisorChat) {
      const card = neutralCard(r, names, userIds, format(fr.request.notificationAnswered, { dt: names.dt?.name ?? r.dtId }));
      await tx.enqueue(
        { op: 'send', conversationId: conversationIdOf(advisorChat), reference: advisorChat, activity: message(r, card),
          requestId: r.id, dueAt: now },
        now,
      );
    }
  }
}

/** A message activity whose visible text stays neutral (it is stored and notified by Teams). */
function message(r: RequestRecord, card: Card): Record<string, unknown> {
  const text = format(fr.request.activityText, { number: r.number, status: fr.status[r.status] });
  return { type: 'message', summary: text, attachments: [cardAttachment(card)] };
}

export function conversationIdOf(reference: Record<string, unknown>): string {
  return String((reference.conversation as { id?: string } | undefined)?.id ?? '');
}

