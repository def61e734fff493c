/**
 * The retention purge (DESIGN.md §11): the identity of a closed request (`cloturee` or
 * `annulee`) is erased `RETENTION_DAYS` after it was closed. A request the DT answered
 * (`completee`) counts as closed too once nothing happened to it for that long: otherwise one
 * the ML never closed would keep the person's identity forever. Only `transmise` requests,
 * still waiting for the DT, are kept. The row, its answer codes and its
 * events stay (the figures of the bilan still count it); `erased_at` says when. A daily job,
 * scheduled once per Paris date whatever the number of instances. The same job deletes audit
 * events older than `AUDIT_RETENTION_DAYS`.
 */
import { addDays } from '../domain/calendar/iso-date';
import { parisDate, parisToInstantLenient } from '../domain/calendar/paris-time';
import type { JobRepository } from '../storage/repositories';
import type { JobHandler } from './worker';

export const RETENTION_JOB = 'retention.purge';
/** At night, Paris time: nobody is working on requests then. */
export const RETENTION_TIME = '03:15';
/** Finished jobs are kept this long for the operator, then forgotten. */
const JOB_HISTORY_DAYS = 180;
const DAY_MS = 86_400_000;

/** Schedules the purge of a Paris date (at most once per date, across instances). */
export async function schedulePurge(jobs: JobRepository, date: string, at: Date): Promise<boolean> {
  return jobs.scheduleOne(
    {
      kind: RETENTION_JOB,
      subject: 'retention',
      payload: { date },
      dueAt: parisToInstantLenient(date, RETENTION_TIME),
      dedupeKey: `${RETENTION_JOB}:${date}`,
    },
    at,
  );
}

/**
 * At start-up: today's purge (due at once if its time has passed and it did not run yet), so
 * that a bot stopped at night still purges the same day. Each run schedules the next day's.
 */
export async function ensureDailyPurge(jobs: JobRepository, now: Date): Promise<void> {
  await schedulePurge(jobs, parisDate(now), now);
}

/**
 * The job: purge, audit the count, forget old finished jobs, schedule tomorrow's. After the
 * commit, `settle` makes the erased values unreachable in the engine's files (issue 16 §7).
 */
export function retentionHandler(
  retentionDays: number,
  settle: () => Promise<void> = async () => undefined,
  auditRetentionDays?: number,
): JobHandler {
  return async ({ tx, job, now }) => {
    const erased = await tx.requests.eraseClosed(
      new Date(now.getTime() - retentionDays * DAY_MS),
      now,
    );
    if (erased > 0)
      await tx.audit.record({
        at: now.toISOString(),
        actor: 'system',
        action: 'retention.purge',
        detail: `${erased} requests erased`,
      });
    const fiches = await tx.fiches.eraseClosed(
      new Date(now.getTime() - retentionDays * DAY_MS),
      now,
    );
    if (fiches > 0)
      await tx.audit.record({
        at: now.toISOString(),
        actor: 'system',
        action: 'retention.purge',
        detail: `${fiches} fiches de liaison erased`,
      });
    // Audit events go after their own period (issue 16 §1); the purge leaves its own line.
    const audits = auditRetentionDays
      ? await tx.audit.purgeBefore(
          new Date(now.getTime() - auditRetentionDays * DAY_MS).toISOString(),
        )
      : 0;
    if (audits > 0)
      await tx.audit.record({
        at: now.toISOString(),
        actor: 'system',
        action: 'retention.purge',
        detail: `${audits} audit events deleted`,
      });
    const pruned = await tx.jobs.prune(new Date(now.getTime() - JOB_HISTORY_DAYS * DAY_MS));
    const date = typeof job.payload.date === 'string' ? job.payload.date : parisDate(now);
    // The next run follows the calendar, not this run's time: a late run does not drift.
    const next = addDays(date > parisDate(now) ? date : parisDate(now), 1);
    await schedulePurge(tx.jobs, next, now);
    return {
      outcome: `erased ${erased}, deleted ${audits} audit events, pruned ${pruned} jobs`,
      afterCommit: erased > 0 ? settle : undefined,
    };
  };
}
