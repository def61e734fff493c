/**
 * The scheduler's roadmap jobs (issue 14 §3): the daily sweep that arms the end-date reminders,
 * and the reminder itself, sent to the partnership's admins (the global admins if none can be
 * reached) in the job's transaction, so that it is sent once.
 */
import { daysBetween } from '../../domain/calendar/iso-date';
import { parisDate } from '../../domain/calendar/paris-time';
import { partnershipStructureIds } from '../../domain/partnership-members';
import { effectiveEndDate, frDate } from '../../domain/roadmap';
import { sweepRoadmaps } from '../../domain/roadmap-reminders';
import { frPartnership } from '../../i18n/fr-partnership';
import type { JobHandler } from '../../scheduler/worker';
import { userChats, structuresOf } from '../committees/notifier';
import { partnershipName } from '../committees/views';
import { cardAttachment, renderCard } from '../cards/render';
import { ROADMAP_VIEW_VERB } from './views';

const t = frPartnership;

export interface RoadmapJobOptions {
  defaultEndDate: string;
  adminIds: string[];
}

/** `roadmap.sweep`: arms every partnership's reminders, schedules tomorrow's sweep. */
export function roadmapSweepHandler(o: RoadmapJobOptions): JobHandler {
  return async ({ tx, job, now }) => {
    const date = typeof job.payload.date === 'string' ? job.payload.date : parisDate(now);
    const armed = await sweepRoadmaps(tx, o.defaultEndDate, date, now);
    return { outcome: `armed ${armed} partnerships` };
  };
}

/** `roadmap.end-reminder`: "the accord-cadre ends in N days", to the partnership's admins. */
export function roadmapReminderHandler(o: RoadmapJobOptions): JobHandler {
  return async ({ tx, job, now }) => {
    const partnershipId = String(job.payload.partnershipId ?? '');
    const p = await tx.directory.getPartnership(partnershipId);
    if (!p) return { outcome: 'skipped: partnership gone' };
    const endDate = effectiveEndDate(await tx.roadmaps.get(p.id), o.defaultEndDate);
    if (!endDate || endDate !== job.payload.endDate)
      return { outcome: 'skipped: end date changed' };
    const days = daysBetween(parisDate(now), endDate);
    if (days < 0) return { outcome: 'skipped: already ended' };
    // After downtime both reminders can be due at once: the later one says it all.
    if (job.subject && (await tx.jobs.countPendingDue(job.subject, job.kind, job.dueAt, now)) > 0)
      return { outcome: 'skipped: superseded by a later reminder' };
    const admins: string[] = [];
    for (const id of partnershipStructureIds(p))
      for (const person of await tx.directory.listCorrespondents(id))
        if (person.role === 'admin') admins.push(person.aadObjectId);
    let targets = await userChats(tx, admins);
    if (!targets.length) targets = await userChats(tx, o.adminIds);
    const title = t.reminders.title(days, frDate(endDate));
    const card = renderCard('partenariat-rappel', {
      title,
      text: t.reminders.text(partnershipName(p, await structuresOf(tx, p))),
      button: t.roadmap.open,
      verb: ROADMAP_VIEW_VERB,
      data: { partnershipId: p.id },
    });
    const at = now.toISOString();
    for (const target of targets) {
      await tx.outbox.enqueue(
        {
          op: 'send',
          conversationId: target.conversationId,
          reference: target.reference,
          activity: { type: 'message', summary: title, attachments: [cardAttachment(card)] },
          dueAt: at,
        },
        at,
      );
    }
    return { outcome: `reminded ${targets.length} admins`, queued: targets.length > 0 };
  };
}
