/**
 * The reminders of the accord-cadre's end (issue 14 §3): the partnership's admins are told 90
 * and 30 days before it. Jobs in the database, keyed by partnership, end date and offset, so that
 * each is sent once across restarts and instances; a renewal (a new end date) arms new ones and
 * cancels the old. A daily sweep arms the partnerships that rely on the configured default or
 * were created since, the same way the retention purge is scheduled.
 */
import { addDays } from './calendar/iso-date';
import { parisDate, parisToInstantLenient } from './calendar/paris-time';
import { effectiveEndDate, END_REMINDER_DAYS } from './roadmap';
import type { JobRepository } from '../storage/repositories';
import type { Repo } from '../storage/store';

export const ROADMAP_END_JOB = 'roadmap.end-reminder';
export const ROADMAP_SWEEP_JOB = 'roadmap.sweep';
/** Morning, Paris time: a reminder reads best at the start of the working day. */
export const ROADMAP_REMINDER_TIME = '09:00';
const SWEEP_TIME = '06:00';

export const roadmapSubject = (partnershipId: string) => `roadmap:${partnershipId}`;

/**
 * Schedules the 90- and 30-day reminders of `endDate` (nothing once it has passed); true when a
 * new job was written.
 */
export async function armEndReminders(
  jobs: JobRepository,
  partnershipId: string,
  endDate: string,
  now: Date,
): Promise<boolean> {
  if (parisDate(now) > endDate) return false;
  let armed = false;
  for (const days of END_REMINDER_DAYS) {
    armed =
      (await jobs.scheduleOne(
        {
          kind: ROADMAP_END_JOB,
          subject: roadmapSubject(partnershipId),
          payload: { partnershipId, endDate, days },
          dueAt: parisToInstantLenient(addDays(endDate, -days), ROADMAP_REMINDER_TIME),
          dedupeKey: `${ROADMAP_END_JOB}:${partnershipId}:${endDate}:${days}`,
        },
        now,
      )) || armed;
  }
  return armed;
}

/** A renewal: the old end date's pending reminders go, the new one's are armed. */
export async function rearmEndReminders(
  tx: Repo,
  partnershipId: string,
  endDate: string,
  now: Date,
): Promise<void> {
  await tx.jobs.cancel(roadmapSubject(partnershipId), now, ROADMAP_END_JOB);
  await armEndReminders(tx.jobs, partnershipId, endDate, now);
}

/** Schedules the sweep of a Paris date (once per date, across instances). */
export async function scheduleRoadmapSweep(
  jobs: JobRepository,
  date: string,
  now: Date,
): Promise<boolean> {
  return jobs.scheduleOne(
    {
      kind: ROADMAP_SWEEP_JOB,
      subject: 'roadmap',
      payload: { date },
      dueAt: parisToInstantLenient(date, SWEEP_TIME),
      dedupeKey: `${ROADMAP_SWEEP_JOB}:${date}`,
    },
    now,
  );
}

/** The sweep: arms every partnership's reminders, then schedules tomorrow's sweep. */
export async function sweepRoadmaps(
  tx: Repo,
  defaultEndDate: string | undefined,
  date: string,
  now: Date,
): Promise<number> {
  let armed = 0;
  for (const p of await tx.directory.allPartnerships()) {
    const endDate = effectiveEndDate(await tx.roadmaps.get(p.id), defaultEndDate);
    if (endDate && (await armEndReminders(tx.jobs, p.id, endDate, now))) armed++;
  }
  // After downtime, the next sweep is tomorrow's, not the missed days' one by one.
  const today = parisDate(now);
  await scheduleRoadmapSweep(tx.jobs, addDays(date > today ? date : today, 1), now);
  return armed;
}
