/**
 * The jobs of a committee: what to schedule when it is planned, moved or cancelled. Dedupe
 * keys make each reminder once-only; they carry the committee's edit sequence, so that a moved
 * committee gets a fresh set.
 */
import { committeeReminders, type DueReminder, type ReminderOffset } from '../domain/reminders';
import type { CommitteeRecord } from '../domain/records';
import type { JobRepository } from '../storage/repositories';

export const COMMITTEE_REMINDER_JOB = 'committee.reminder';

/** The subject under which a committee's jobs are found and cancelled. */
export const committeeSubject = (committeeId: string): string => `committee:${committeeId}`;

/** Schedules the reminders still ahead of `now`; returns them, earliest first. */
export async function scheduleCommitteeReminders(
  jobs: JobRepository,
  c: CommitteeRecord,
  offsets: readonly ReminderOffset[],
  now: Date,
): Promise<DueReminder[]> {
  const due = committeeReminders(c.startsAt, offsets, now);
  for (const r of due) {
    await jobs.scheduleOne(
      {
        kind: COMMITTEE_REMINDER_JOB,
        subject: committeeSubject(c.id),
        payload: { committeeId: c.id, offset: r.offset.key },
        dueAt: r.dueAt,
        dedupeKey: `${COMMITTEE_REMINDER_JOB}:${c.id}:${c.sequence}:${r.offset.key}`,
      },
      now,
    );
  }
  return due;
}

/** A moved committee: its pending reminders are cancelled and the new date's scheduled. */
export async function rescheduleCommitteeReminders(
  jobs: JobRepository,
  c: CommitteeRecord,
  offsets: readonly ReminderOffset[],
  now: Date,
): Promise<DueReminder[]> {
  await jobs.cancel(committeeSubject(c.id), now, COMMITTEE_REMINDER_JOB);
  return scheduleCommitteeReminders(jobs, c, offsets, now);
}

/** A cancelled committee: nothing more is reminded. */
export async function cancelCommitteeReminders(
  jobs: JobRepository,
  committeeId: string,
  now: Date,
): Promise<number> {
  return jobs.cancel(committeeSubject(committeeId), now, COMMITTEE_REMINDER_JOB);
}
