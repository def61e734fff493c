/**
 * The jobs of an unanswered request (DESIGN.md §3: "unanswered requests are reminded to the DT
 * inbox after a configurable delay"): scheduled by the request service in the transaction that
 * creates the request, so that there is no request without its reminder and no reminder
 * without its request. Dedupe keys carry the stage: each is scheduled once.
 */
import type { RequestRecord } from './model';
import { escalationDue, firstReminderDue } from './reminders';
import type { JobRepository } from '../storage/repositories';

export const UNANSWERED_JOB = 'request.unanswered';

/** The subject under which a request's jobs are found and cancelled. */
export const requestSubject = (requestId: string): string => `request:${requestId}`;

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
  jobs: JobRepository,
  r: RequestRecord,
  departement: string | undefined,
  policy: UnansweredPolicy,
  now: Date,
): Promise<void> {
  const sentAt = new Date(r.createdAt);
  const stages: [string, Date][] = [
    ['reminder', firstReminderDue(sentAt, policy.workingDays, departement)],
    [
      'escalation',
      escalationDue(sentAt, policy.workingDays, policy.escalationWorkingDays, departement),
    ],
  ];
  await jobs.schedule(
    stages.map(([stage, dueAt]) => ({
      kind: UNANSWERED_JOB,
      subject: requestSubject(r.id),
      payload: { requestId: r.id, stage },
      dueAt,
      dedupeKey: `${UNANSWERED_JOB}:${r.id}:${stage}`,
    })),
    now,
  );
}
