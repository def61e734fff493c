/**
 * The jobs asking for a committee's minutes (issue 14 §2): the planner the day after, the
 * partnership's admins a few days later if still unrecorded. Dedupe keys make each ask once-only
 * and carry the committee's edit sequence, so that a moved committee gets a fresh pair.
 */
import { ASK_ADMINS_AFTER_DAYS, ASK_PLANNER_AFTER_DAYS } from '../domain/committee-minutes';
import type { CommitteeRecord } from '../domain/records';
import type { JobRepository } from '../storage/repositories';

export const MINUTES_ASK_JOB = 'committee.minutes-ask';

const DAY_MS = 86_400_000;

/** The subject under which a committee's minutes asks are found and cancelled. */
export const minutesSubject = (committeeId: string): string => `committee-minutes:${committeeId}`;

/** Schedules the two asks of a committee: to its planner, then to the partnership's admins. */
export async function scheduleMinutesAsks(
  jobs: JobRepository,
  c: CommitteeRecord,
  now: Date,
): Promise<void> {
  const stages = [
    { stage: 'planner', days: ASK_PLANNER_AFTER_DAYS },
    { stage: 'admins', days: ASK_ADMINS_AFTER_DAYS },
  ];
  for (const { stage, days } of stages) {
    await jobs.scheduleOne(
      {
        kind: MINUTES_ASK_JOB,
        subject: minutesSubject(c.id),
        payload: { committeeId: c.id, stage },
        dueAt: new Date(c.startsAt.getTime() + days * DAY_MS),
        dedupeKey: `${MINUTES_ASK_JOB}:${c.id}:${c.sequence}:${stage}`,
      },
      now,
    );
  }
}

/** A moved committee: the pending asks go, the new date's are scheduled. */
export async function rescheduleMinutesAsks(
  jobs: JobRepository,
  c: CommitteeRecord,
  now: Date,
): Promise<void> {
  await cancelMinutesAsks(jobs, c.id, now);
  await scheduleMinutesAsks(jobs, c, now);
}

/** A cancelled or recorded committee: nobody is asked any more. */
export async function cancelMinutesAsks(
  jobs: JobRepository,
  committeeId: string,
  now: Date,
): Promise<number> {
  return jobs.cancel(minutesSubject(committeeId), now, MINUTES_ASK_JOB);
}
