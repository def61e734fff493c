/**
 * What the scheduler's reminder jobs do (issue 5): remind the partnership channel of a
 * committee, remind the DT inbox of an unanswered request, then escalate it to the DT's
 * admins. Each writes outbox rows in the job's transaction, so that a reminder is sent once.
 */
import { daysBetween } from '../domain/calendar/iso-date';
import { formatParisFr, parisDate } from '../domain/calendar/paris-time';
import { workingDaysBetween } from '../domain/calendar/working-days';
import { committeeLabel } from '../i18n/fr-committees';
import type { RequestRecord } from '../domain/model';
import { format, fr } from '../i18n/fr';
import type { JobHandler } from '../scheduler/worker';
import type { Repo } from '../storage/store';
import { inboxTargets, viewerIds, type Target } from './audience';
import { bilanPeriod, figuresBlock, figuresOf } from './committees/bilan-views';
import { cardAttachment } from './cards/render';
import { structuresOf, userChats, type CommitteeMessages } from './committees/notifier';
import { neutralCard } from './requests/views';

const t = fr.committees;

/**
 * "aujourd’hui", "demain", "dans 14 jours": from the actual time left, so a late run says the
 * truth.
 */
export function whenLabel(startsAt: Date, now: Date): string {
  const days = daysBetween(parisDate(now), parisDate(startsAt));
  return t.reminders.when(days <= 0 ? { kind: 'sameDayAt' } : { kind: 'days', days });
}

export interface ReminderJobOptions {
  messages: CommitteeMessages;
  /** The verb exporting the correspondent list, once the directory offers one. */
  exportVerb?: string;
}

/**
 * `committee.reminder`: the committee card, with the past year's figures for the comité de
 * pilotage.
 */
export function committeeReminderHandler(o: ReminderJobOptions): JobHandler {
  return async ({ tx, job, now }) => {
    const c = await tx.committees.get(String(job.payload.committeeId ?? ''));
    if (!c || c.status !== 'planned') return { outcome: 'skipped: committee cancelled or gone' };
    if (now.getTime() >= c.startsAt.getTime())
      return { outcome: 'skipped: committee already started' };
    // After downtime several reminders can be due at once: only the latest one is worth posting.
    if (job.subject && (await tx.jobs.countPendingDue(job.subject, job.kind, job.dueAt, now)) > 0) {
      return { outcome: 'skipped: superseded by a later reminder' };
    }
    const title = t.reminders.title(
      committeeLabel(c.kind),
      whenLabel(c.startsAt, now),
      formatParisFr(c.startsAt),
    );
    let figures;
    if (c.kind === 'COPIL') {
      const p = await tx.directory.getPartnership(c.partnershipId);
      const dt = p ? (await structuresOf(tx, p)).find((s) => s.id === p.dtId) : undefined;
      if (p) {
        const { period, label } = bilanPeriod(now);
        figures = figuresBlock(await figuresOf(tx, p, dt, period), label, dt);
      }
    }
    const queued = await o.messages.post(tx, c, title, {
      figures,
      exportVerb: c.kind === 'COPIL' ? o.exportVerb : undefined,
    });
    return { outcome: queued ? 'posted' : 'not posted: no channel (admins already told)', queued };
  };
}

export interface UnansweredJobOptions {
  adminIds: string[];
}

/**
 * `request.unanswered`: stage `reminder` to the DT inbox, stage `escalation` to the DT's admins.
 */
export function unansweredHandler(o: UnansweredJobOptions): JobHandler {
  return async ({ tx, job, now }) => {
    const stage = job.payload.stage === 'escalation' ? 'escalation' : 'reminder';
    const r = await tx.requests.get(String(job.payload.requestId ?? ''));
    if (!r) return { outcome: 'skipped: request gone' };
    if (r.status !== 'transmise') return { outcome: `skipped: request ${r.status}` };
    const dt = await tx.directory.getStructure(r.dtId);
    const days = Math.max(0, workingDaysBetween(new Date(r.createdAt), now, dt?.departements[0]));
    let targets: Target[];
    let headline: string;
    if (stage === 'reminder') {
      targets = await inboxTargets(tx, r.dtId);
      headline = t.reminders.unansweredToDt(days);
    } else {
      const admins = (await tx.directory.listCorrespondents(r.dtId))
        .filter((p) => p.role === 'admin')
        .map((p) => p.aadObjectId);
      targets = await userChats(tx, admins);
      if (!targets.length) targets = await userChats(tx, o.adminIds);
      headline = t.reminders.escalatedToAdmins(days);
    }
    await sendNeutral(tx, r, targets, headline, now);
    await tx.requests.addEvent({
      requestId: r.id,
      at: now.toISOString(),
      actor: 'system',
      kind: stage === 'reminder' ? 'reminded' : 'escalated',
      detail: `${targets.length} recipients`,
    });
    return { outcome: `${stage}: ${targets.length} recipients`, queued: targets.length > 0 };
  };
}

/** The request's neutral card (no identity), with the reminder as headline; details via refresh. */
async function sendNeutral(
  tx: Repo,
  r: RequestRecord,
  targets: Target[],
  headline: string,
  now: Date,
): Promise<void> {
  const names = {
    ml: await tx.directory.getStructure(r.mlId),
    dt: await tx.directory.getStructure(r.dtId),
  };
  const card = neutralCard(r, names, await viewerIds(tx, r), headline);
  const summary = format(fr.request.activityText, {
    number: r.number,
    status: fr.status[r.status],
  });
  const at = now.toISOString();
  for (const target of targets) {
    await tx.outbox.enqueue(
      {
        op: 'send',
        conversationId: target.conversationId,
        reference: target.reference,
        activity: { type: 'message', summary, attachments: [cardAttachment(card)] },
        requestId: r.id,
        side: 'dt',
        dueAt: at,
      },
      at,
    );
  }
}
