/**
 * The outbound side of a request's life, in the change's transaction: every card already posted
 * for the request turns to its new state in place, and the other side gets a neutral card (no
 * personal data: it is stored by Teams).
 */
import type { Clock, RequestRecord } from '../../domain/model';
import type { RequestLifeNotifier } from '../../domain/request-life';
import { format, fr } from '../../i18n/fr';
import type { OutboxInput, Repo } from '../../storage/store';
import { inboxTargets, viewerIds, type Target } from '../audience';
import { conversationIdOf, message, postNeutral } from '../requests/notifier';
import { neutralCard, type Names } from '../requests/views';

const t = fr.life;
/** As for the answer: the clicker's invoke answer lands before the in-place update. */
const UPDATE_SETTLE_MS = 1_500;

export class TeamsRequestLifeNotifier implements RequestLifeNotifier {
  constructor(private readonly clock: Clock) {}

  async corrected(tx: Repo, r: RequestRecord): Promise<void> {
    await this.refreshPosted(tx, r, { ml: '', dt: t.headlines.correctedForDt });
  }

  async cancelled(tx: Repo, r: RequestRecord, by: 'ml' | 'dt'): Promise<void> {
    const names = await this.names(tx, r);
    // The reason stays on the detail card: tied to a request number, it is about the person.
    await this.refreshPosted(tx, r, { ml: t.headlines.cancelled, dt: t.headlines.cancelled });
    if (by === 'ml') {
      const text = format(t.notifications.cancelledByMl, { ml: names.ml?.name ?? r.mlId });
      await this.post(tx, r, names, await inboxTargets(tx, r.dtId), text);
    } else {
      const text = format(t.notifications.cancelledByDt, { dt: names.dt?.name ?? r.dtId });
      await this.post(tx, r, names, await this.advisorTargets(tx, r), text);
    }
  }

  async updated(tx: Repo, r: RequestRecord): Promise<void> {
    const names = await this.names(tx, r);
    await this.refreshPosted(tx, r, { ml: t.headlines.updatedForMl, dt: '' });
    const text = format(t.notifications.updated, { dt: names.dt?.name ?? r.dtId });
    await this.post(tx, r, names, await this.advisorTargets(tx, r), text);
  }

  private async names(tx: Repo, r: RequestRecord): Promise<Names> {
    return {
      ml: await tx.directory.getStructure(r.mlId),
      dt: await tx.directory.getStructure(r.dtId),
    };
  }

  /** The advisor who opened the request, in their chat; if they left, the ML's inbox. */
  private async advisorTargets(tx: Repo, r: RequestRecord): Promise<Target[]> {
    const chat = await tx.references.get('user', r.createdBy);
    const advisor = await tx.directory.getCorrespondent(r.createdBy);
    return chat && advisor?.active
      ? [{ conversationId: conversationIdOf(chat), reference: chat }]
      : inboxTargets(tx, r.mlId);
  }

  private async refreshPosted(
    tx: Repo,
    r: RequestRecord,
    headline: Record<'ml' | 'dt', string>,
  ): Promise<void> {
    const names = await this.names(tx, r);
    const userIds = await viewerIds(tx, r);
    const now = this.clock.now();
    const due = new Date(now.getTime() + UPDATE_SETTLE_MS).toISOString();
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
        dueAt: due,
      });
    }
    await tx.outbox.enqueueAll(rows, now.toISOString());
  }

  private async post(
    tx: Repo,
    r: RequestRecord,
    names: Names,
    targets: Target[],
    headline: string,
  ): Promise<void> {
    await postNeutral(tx, r, names, targets, headline, this.clock.now().toISOString());
  }
}
