/**
 * Turns request changes into outbox rows: the neutral card to the DT inbox, in-place updates
 * of the cards already posted, and the advisor's notification. Runs inside the change's
 * transaction so that a message is never lost nor sent for a change that rolled back.
 */
import type { Clock, RequestRecord } from '../../domain/model';
import type { CardSource, RequestNotifier } from '../../domain/requests';
import { format, fr } from '../../i18n/fr';
import type { OutboxInput, Repo } from '../../storage/store';
import { cardAttachment, type Card } from '../cards/render';
import { neutralCard, type Names } from './views';
import { inboxTargets, viewerIds, type Target } from '../audience';

const UPDATE_SETTLE_MS = 1_500;

export class TeamsRequestNotifier implements RequestNotifier {
  constructor(private readonly clock: Clock) {}

  private now(): string {
    return this.clock.now().toISOString();
  }

  /**
   * In-place updates wait a moment: the person who clicked first sees the detailed card their
   * invoke returned, then the message everyone sees turns neutral. Sent at once, the update
   * could overtake the invoke's answer and the clicker would see the neutral card instead.
   */
  private afterInvoke(): string {
    return new Date(this.clock.now().getTime() + UPDATE_SETTLE_MS).toISOString();
  }

  private async names(tx: Repo, r: RequestRecord): Promise<Names> {
    return {
      ml: await tx.directory.getStructure(r.mlId),
      dt: await tx.directory.getStructure(r.dtId),
    };
  }

  async requestCreated(tx: Repo, r: RequestRecord, source: CardSource): Promise<void> {
    const names = await this.names(tx, r);
    const userIds = await viewerIds(tx, r);
    const now = this.now();
    const dtCard = neutralCard(
      r,
      names,
      userIds,
      format(fr.request.newForDt, { ml: names.ml?.name ?? r.mlId }),
    );
    const dtMessage = message(r, dtCard);
    const rows: OutboxInput[] = (await inboxTargets(tx, r.dtId)).map((target) => ({
      op: 'send',
      conversationId: target.conversationId,
      reference: target.reference,
      activity: dtMessage,
      requestId: r.id,
      side: 'dt',
      dueAt: now,
    }));
    if (source.activityId) {
      // The advisor's form becomes the request's neutral status card, for everyone in that chat.
      const mlCard = neutralCard(
        r,
        names,
        userIds,
        format(fr.request.createdHeadline, { dt: names.dt?.name ?? r.dtId }),
      );
      await tx.requests.addMessage({
        requestId: r.id,
        side: 'ml',
        conversationId: source.conversationId,
        activityId: source.activityId,
      });
      rows.push({
        op: 'update',
        conversationId: source.conversationId,
        reference: source.reference,
        activity: message(r, mlCard),
        activityId: source.activityId,
        requestId: r.id,
        side: 'ml',
        dueAt: this.afterInvoke(),
      });
    }
    await tx.outbox.enqueueAll(rows, now);
  }

  async requestAnswered(tx: Repo, r: RequestRecord): Promise<void> {
    const names = await this.names(tx, r);
    await this.refreshPostedCards(tx, r, names, { ml: fr.request.answeredHeadline, dt: '' });
    const advisorChat = await tx.references.get('user', r.createdBy);
    const headline = format(fr.request.notificationAnswered, { dt: names.dt?.name ?? r.dtId });
    if (advisorChat)
      await this.post(
        tx,
        r,
        names,
        [{ conversationId: conversationIdOf(advisorChat), reference: advisorChat }],
        headline,
      );
  }

  async requestPrescribed(tx: Repo, r: RequestRecord): Promise<void> {
    const names = await this.names(tx, r);
    await this.refreshPostedCards(tx, r, names, { ml: '', dt: fr.pathway.prescribedHeadline });
    const headline = format(fr.pathway.prescribedNotification, { ml: names.ml?.name ?? r.mlId });
    await this.post(tx, r, names, await inboxTargets(tx, r.dtId), headline);
  }

  async followUpRequested(tx: Repo, r: RequestRecord): Promise<void> {
    const names = await this.names(tx, r);
    const headline = format(fr.pathway.followUpNotification, { dt: names.dt?.name ?? r.dtId });
    const advisorChat = await tx.references.get('user', r.createdBy);
    const advisor = await tx.directory.getCorrespondent(r.createdBy);
    // The advisor who opened the request is asked first; if they left, the ML's inbox.
    const targets =
      advisorChat && advisor?.active
        ? [{ conversationId: conversationIdOf(advisorChat), reference: advisorChat }]
        : await inboxTargets(tx, r.mlId);
    await this.post(tx, r, names, targets, headline);
  }

  /** Every card already posted for the request shows its new status, in place. */
  private async refreshPostedCards(
    tx: Repo,
    r: RequestRecord,
    names: Names,
    headline: Record<'ml' | 'dt', string>,
  ): Promise<void> {
    const userIds = await viewerIds(tx, r);
    const now = this.now();
    const rows: OutboxInput[] = [];
    for (const m of await tx.requests.listMessages(r.id)) {
      const reference = await tx.references.get('conversation', m.conversationId);
      if (!reference) continue;
      rows.push({
        op: 'update',
        conversationId: m.conversationId,
        reference,
        activity: message(r, neutralCard(r, names, userIds, headline[m.side])),
        activityId: m.activityId,
        requestId: r.id,
        side: m.side,
        dueAt: this.afterInvoke(),
      });
    }
    await tx.outbox.enqueueAll(rows, now);
  }

  /** A new neutral card to each target; it is not tracked for later in-place updates. */
  private async post(
    tx: Repo,
    r: RequestRecord,
    names: Names,
    targets: Target[],
    headline: string,
  ): Promise<void> {
    await postNeutral(tx, r, names, targets, headline, this.now());
  }
}

/** Queues the request's neutral card, with `headline`, to each target (in the caller's tx). */
export async function postNeutral(
  tx: Repo,
  r: RequestRecord,
  names: Names,
  targets: Target[],
  headline: string,
  now: string,
): Promise<void> {
  const activity = message(r, neutralCard(r, names, await viewerIds(tx, r), headline));
  await tx.outbox.enqueueAll(
    targets.map((t) => ({
      op: 'send',
      conversationId: t.conversationId,
      reference: t.reference,
      activity,
      requestId: r.id,
      dueAt: now,
    })),
    now,
  );
}

/** A message activity whose visible text stays neutral (it is stored and notified by Teams). */
export function message(r: RequestRecord, card: Card): Record<string, unknown> {
  const text = format(fr.request.activityText, { number: r.number, status: fr.status[r.status] });
  return { type: 'message', summary: text, attachments: [cardAttachment(card)] };
}

export function conversationIdOf(reference: Record<string, unknown>): string {
  return String((reference.conversation as { id?: string } | undefined)?.id ?? '');
}
