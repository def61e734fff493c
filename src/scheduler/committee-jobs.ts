/**
 * The jobs of a committee and of an unanswered request: what to schedule when a committee is
 * planned or moved, and when a request is created. Dedupe keys make each reminder once-only:
 * a committee's carry its edit sequence (a moved committee gets a fresh set), a request's
 * their stage.
 */
import { committeeReminders, escalationDue, firstReminderDue, type DueReminder, type ReminderOffset } from '../domain/reminders';
import type { RequestRecord } from '../domain/model';
import type { CommitteeRecord } from '../storage/committee-repo';
import type { SqlRunner } from '../storage/sql-repo';
import { cancelJobs, scheduleJob, scheduleJobs } from './job-repo';

export const COMMITTEE_REMINDER_JOB = 'committee.reminder';
export const UNANSWERED_JOB = 'request.unanswered';

/** The subject under which a committee's jobs are found and cancelled. */
export const committeeSubject = (committeeId: string): string => `committee:${committeeId}`;
export const requestSubject = (requestId: string): string => `request:${requestId}`;

/** Schedules the reminders still ahead of `now`; returns them, earliest first. */
export async function scheduleCommitteeReminders(
  sql: SqlRunner, c: CommitteeRecord, offsets: readonly ReminderOffset[], now: Date,
): Promise<DueReminder[]> {
  const due = committeeReminders(c.startsAt, offsets, now);
  for (const r of due) {
    await scheduleJob(sql, {
      kind: COMMITTEE_REMINDER_JOB,
      subject: committeeSubject(c.id),
      payload: { committeeId: c.id, offset: r.offset.key },
      dueAt: r.dueAt,
      dedupeKey: `${COMMITTEE_REMINDER_JOB}:${c.id}:${c.sequence}:${r.offset.key}`,
    }, now);
  }
  return due;
}

/** A moved committee: its pending reminders are cancelled and the new date's scheduled. */
export async function rescheduleCommitteeReminders(
  sql: SqlRunner, c: CommitteeRecord, offsets: readonly ReminderOffset[], now: Date,
): Promise<DueReminder[]> {
  await cancelJobs(sql, committeeSubject(c.id), now, COMMITTEE_REMINDER_JOB);
  return scheduleCommitteeReminders(sql, c, offsets, now);
}

/** A cancelled committee: nothing more is reminded. */
export async function cancelCommitteeReminders(sql: SqlRunner, committeeId: string, now: Date): Promise<number> {
  return cancelJobs(sql, committeeSubject(committeeId), now, COMMITTEE_REMINDER_JOB);
}

export interface UnansweredPolicy {
  /** Working days before the DT inbox is reminded (REMINDER_WORKING_DAYS). */
  workingDays: number;
  /** Further working days before the DT's admins are told (ESCALATION_WORKING_DAYS). */
  escalationWorkingDays: number;
}

/**
 * A new request: its reminder to the DT inbox and its escalation to the DT's admins, counted in
 * working days of the DT's seat (its first département: Alsace-Moselle holidays apply there).
 * Both run only if the request is still `transmise` by then.
 */
export async function scheduleUnanswered(
  sql: SqlRunner, r: RequestRecord, departement: string | undefined, policy: UnansweredPolicy, now: Date,
): Promise<void> {
  const sentAt = new Date(r.createdAt);
  const stages: [string, Date][] = [
    ['reminder', firstReminderDue(sentAt, policy.workingDays, departement)],
    ['escalation', escalationDue(sentAt, policy.workingDays, policy.escalationWorkingDays, departement)],
  ];
  await scheduleJobs(sql, stages.map(([stage, dueAt]) => ({
    kind: UNANSWERED_JOB,
    subject: requestSubject(r.id),
    payload: { requestId: r.id, stage },
    dueAt,
    dedupeKey: `${UNANSWERED_JOB}:${r.id}:${stage}`,
  })), now);
}
