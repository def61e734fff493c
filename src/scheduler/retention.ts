/**
 * The retention purge (DESIGN.md §11): the identity of a closed request (`cloturee` or
 * `annulee`) is erased `RETENTION_DAYS` after it was closed. A request the DT answered
 * (`completee`) counts as closed too once nothing happened to it for that long: otherwise one
 * the ML never closed would keep the person's identity forever. Only `transmise` requests,
 * still waiting for the DT, are kept. The row, its answer codes and its
 * events stay (the figures of the bilan still count it); `erased_at` says when. A daily job,
 * scheduled once per Paris date whatever the number of instances.
 */
import { addDays } from '../domain/calendar/iso-date';
import { parisDate, parisToInstantLenient } from '../domain/calendar/paris-time';
import type { SqlRunner } from '../storage/sql-repo';
import { pruneJobs, scheduleJob } from './job-repo';
import type { JobHandler } from './worker';

export const RETENTION_JOB = 'retention.purge';
/** At night, Paris time: nobody is working on requests then. */
export const RETENTION_TIME = '03:15';
/** Finished jobs are kept this long for the operator, then forgotten. */
const JOB_HISTORY_DAYS = 180;
const DAY_MS = 86_400_000;

/** Schedules the purge of a Paris date (at most once per date, across instances). */
export async function schedulePurge(sql: SqlRunner, date: string, at: Date): Promise<boolean> {
  return scheduleJob(
    sql,
    { kind: RETENTION_JOB, subject: 'retention', payload: { date }, dueAt: parisToInstantLenient(date, RETENTION_TIME), dedupeKey: `${RETENTION_JOB}:${date}` },
    at,
  );
}

/**
 * At start-up: today's purge (due at once if its time has passed and it did not run yet), so
 * that a bot stopped at night still purges the same day. Each run schedules the next day's.
 */
export async function ensureDailyPurge(sql: SqlRunner, now: Date): Promise<void> {
  await schedulePurge(sql, parisDate(now), now);
}

/** Erases the identity of requests closed before `cutoff`; returns how many were erased. */
export async function purgeClosedRequests(sql: SqlRunner, cutoff: Date, now: Date): Promise<number> {
  const where = "status IN ('completee', 'cloturee', 'annulee') AND erased_at IS NULL AND updated_at < ?";
  const c = cutoff.toISOString();
  const at = now.toISOString();
  // The event first: it names the rows the update is about to change.
  await sql.run(
    `INSERT INTO request_events (request_id, at, actor, kind, detail)
     SELECT id, ?, 'system', 'erased', 'retention' FROM requests WHERE ${where}`,
    [at, c],
  );
  return sql.run(
    `UPDATE requests SET civilite = NULL, nom = NULL, prenom = NULL, date_naissance = NULL, numero_cir = NULL,
       erased_at = ? WHERE ${where}`,
    [at, c],
  );
}

/** The job: purge, audit the count, forget old finished jobs, schedule tomorrow's. */
export function retentionHandler(retentionDays: number): JobHandler {
  return async ({ tx, job, now }) => {
    const erased = await purgeClosedRequests(tx.sql, new Date(now.getTime() - retentionDays * DAY_MS), now);
    if (erased > 0) await tx.audit({ at: now.toISOString(), actor: 'system', action: 'retention.purge', detail: `${erased} requests erased` });
    const pruned = await pruneJobs(tx.sql, new Date(now.getTime() - JOB_HISTORY_DAYS * DAY_MS));
    const date = typeof job.payload.date === 'string' ? job.payload.date : parisDate(now);
    // The next run follows the calendar, not this run's time: a late run does not drift.
    const next = addDays(date > parisDate(now) ? date : parisDate(now), 1);
    await schedulePurge(tx.sql, next, now);
    return { outcome: `erased ${erased}, pruned ${pruned} jobs` };
  };
}
