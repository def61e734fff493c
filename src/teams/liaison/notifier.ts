/**
 * Turns fiche changes into outbox rows, inside the change's transaction: the neutral card to the
 * ML's inbox, the auditor's form card turned into the fiche's status card in place, and the DT
 * told of each decision. Stored messages carry no personal data.
 */
import type { FicheRecord } from '../../domain/liaison';
import type { FicheNotifier } from '../../domain/liaison-service';
import type { Clock } from '../../domain/model';
import type { CardSource } from '../../domain/request-effects';
import { format } from '../../i18n/fr';
import { frLiaison as t } from '../../i18n/fr-liaison';
import type { OutboxInput, Repo } from '../../storage/store';
import { inboxTargets, MAX_REFRESH_USERS, type Target } from '../audience';
import { cardAttachment, type Card } from '../cards/render';
import { conversationIdOf } from '../requests/notifier';
import { decisionText, ficheNeutralCard, type FicheNames } from './views';

/** The invoke's own answer shows first; the in-place update follows (as for requests). */
const UPDATE_SETTLE_MS = 1_500;

/** Teams user ids of the fiche's DT and of the ML it is addressed to now. */
export async function ficheViewerIds(tx: Repo, f: FicheRecord): Promise<string[]> {
  const dt = (await tx.directory.listCorrespondents(f.dtId)).filter(
    (c) => c.role === 'correspondant' || c.role === 'admin',
  );
  const ml = (await tx.directory.listCorrespondents(f.mlId)).filter(
    (c) => c.role === 'conseiller' || c.role === 'admin',
  );
  const ids = [...dt, ...ml].map((c) => c.teamsUserId).filter((id): id is string => !!id);
  return [...new Set(ids)].slice(0, MAX_REFRESH_USERS);
}

export async function ficheNames(tx: Repo, f: FicheRecord): Promise<FicheNames> {
  return {
    dt: await tx.directory.getStructure(f.dtId),
    ml: await tx.directory.getStructure(f.mlId),
  };
}

/** A message whose visible text stays neutral (Teams stores and notifies it). */
function message(f: FicheRecord, card: Card): Record<string, unknown> {
  const text = format(t.activityText, { number: f.number, status: t.status[f.status] });
  return { type: 'message', summary: text, attachments: [cardAttachment(card)] };
}

export class TeamsFicheNotifier implements FicheNotifier {
  constructor(private readonly clock: Clock) {}

  private now(): string {
    return this.clock.now().toISOString();
  }

  private afterInvoke(): string {
    return new Date(this.clock.now().getTime() + UPDATE_SETTLE_MS).toISOString();
  }

  async ficheProposed(tx: Repo, f: FicheRecord, source: CardSource): Promise<void> {
    const names = await ficheNames(tx, f);
    const userIds = await ficheViewerIds(tx, f);
    const rows = this.sends(
      await inboxTargets(tx, f.mlId),
      message(
        f,
        ficheNeutralCard(f, names, userIds, format(t.newForMl, { dt: names.dt?.name ?? f.dtId })),
      ),
    );
    if (source.activityId) {
      // The auditor's form becomes the fiche's status card, for everyone in that chat.
      await tx.fiches.addMessage(f.id, source.conversationId, source.activityId);
      const headline = format(t.createdHeadline, { ml: names.ml?.name ?? f.mlId });
      rows.push({
        op: 'update',
        conversationId: source.conversationId,
        reference: source.reference,
        activity: message(f, ficheNeutralCard(f, names, userIds, headline)),
        activityId: source.activityId,
        dueAt: this.afterInvoke(),
      });
    }
    await tx.outbox.enqueueAll(rows, this.now());
  }

  async ficheDecided(tx: Repo, f: FicheRecord, previousMlId: string): Promise<void> {
    const names = await ficheNames(tx, f);
    const userIds = await ficheViewerIds(tx, f);
    const request = f.requestId ? await tx.requests.get(f.requestId) : undefined;
    const headline = decisionText(f, names, request?.number);
    const rows: OutboxInput[] = [];
    // The fiche's status cards already posted (the auditor's form) show the decision in place.
    for (const m of await tx.fiches.listMessages(f.id)) {
      const reference = await tx.references.get('conversation', m.conversationId);
      if (!reference) continue;
      rows.push({
        op: 'update',
        conversationId: m.conversationId,
        reference,
        activity: message(f, ficheNeutralCard(f, names, userIds, headline)),
        activityId: m.activityId,
        dueAt: this.afterInvoke(),
      });
    }
    const ml = names.ml?.name ?? f.mlId;
    if (f.status === 'redirigee' && f.mlId !== previousMlId) {
      const dt = names.dt?.name ?? f.dtId;
      rows.push(
        ...this.sends(
          await inboxTargets(tx, f.mlId),
          message(f, ficheNeutralCard(f, names, userIds, format(t.newForMl, { dt }))),
        ),
      );
    }
    const notice =
      f.status === 'acceptee'
        ? t.notifyAccepted
        : f.status === 'redirigee'
          ? t.notifyRedirected
          : t.notifyClosed;
    rows.push(
      ...this.sends(
        await this.auditorTargets(tx, f),
        message(f, ficheNeutralCard(f, names, userIds, format(notice, { ml }))),
      ),
    );
    await tx.outbox.enqueueAll(rows, this.now());
  }

  /** The auditor who wrote the fiche, in their personal chat; if they left, the DT's inbox. */
  private async auditorTargets(tx: Repo, f: FicheRecord): Promise<Target[]> {
    const chat = await tx.references.get('user', f.createdBy);
    const auditor = await tx.directory.getCorrespondent(f.createdBy);
    return chat && auditor?.active
      ? [{ conversationId: conversationIdOf(chat), reference: chat }]
      : inboxTargets(tx, f.dtId);
  }

  private sends(targets: Target[], activity: Record<string, unknown>): OutboxInput[] {
    const now = this.now();
    return targets.map((target) => ({
      op: 'send',
      conversationId: target.conversationId,
      reference: target.reference,
      activity,
      dueAt: now,
    }));
  }
}
