/**
 * Issue 5's wiring, kept out of app.ts: the committee service, the scheduler's worker and its
 * job handlers, and the `.ics` invitations the bot serves.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import { CommitteeService } from '../../domain/committee-service';
import { committeeIcs } from './ics';
import type { Clock } from '../../domain/model';
import { fr } from '../../i18n/fr';
import { UNANSWERED_JOB } from '../../domain/request-reminders';
import { COMMITTEE_REMINDER_JOB } from '../../scheduler/committee-jobs';
import { ensureDailyPurge, RETENTION_JOB, retentionHandler } from '../../scheduler/retention';
import { JobWorker } from '../../scheduler/worker';
import type { Store } from '../../storage/store';
import { structuresOf } from './notifier';
import { partnershipName } from './views';
import { committeeReminderHandler, unansweredHandler } from '../reminder-jobs';
import { MINUTES_ASK_JOB } from '../../scheduler/minutes-jobs';
import { minutesAskHandler, MinutesAwareMessages } from '../records/minutes-messages';
import { createRecordsFeature, type RecordsFeature } from '../records/wiring';
import { parisDate } from '../../domain/calendar/paris-time';
import {
  ROADMAP_END_JOB,
  ROADMAP_SWEEP_JOB,
  scheduleRoadmapSweep,
} from '../../domain/roadmap-reminders';
import { roadmapReminderHandler, roadmapSweepHandler } from '../partnership/jobs';

/** The verb of the comité de pilotage's "export the correspondent list" button (see verbs.ts). */
export const EXPORT_CORRESPONDENTS_VERB = 'comite.correspondants';

export interface CommitteeFeatureDeps {
  config: Config;
  store: Store;
  clock: Clock;
  logger: Logger;
  wakeOutbox: () => void;
  schedulerPollMs?: number;
  jobRetryMs?: number;
}

export interface CommitteeFeature {
  committees: CommitteeService;
  scheduler: JobWorker;
  /**
   * The invitation of a committee if `sig` is its secret, else null (never says which was wrong).
   */
  ics(committeeId: string, sig: string): Promise<string | null>;
  /** Schedules what runs every day (the retention purge) and starts the worker. */
  start(): Promise<void>;
  /** Committees' minutes and shared figures (issue 14). */
  records: RecordsFeature;
}

export function createCommitteeFeature(d: CommitteeFeatureDeps): CommitteeFeature {
  const { config, store, clock } = d;
  // Committee messages that also schedule the asks to record minutes (issue 14 §2).
  const messages = new MinutesAwareMessages(
    {
      clock,
      publicUrl: config.publicUrl,
      adminIds: config.adminIds,
      bindCommand: fr.committees.ui.bindCommand,
    },
    clock,
  );
  const roadmapJobs = { defaultEndDate: config.accordCadreEndDate, adminIds: config.adminIds };
  const scheduler = new JobWorker({
    store,
    clock,
    logger: d.logger,
    wakeOutbox: d.wakeOutbox,
    pollMs: d.schedulerPollMs,
    retryBaseMs: d.jobRetryMs,
    handlers: {
      [COMMITTEE_REMINDER_JOB]: committeeReminderHandler({
        messages,
        exportVerb: EXPORT_CORRESPONDENTS_VERB,
      }),
      [UNANSWERED_JOB]: unansweredHandler({ adminIds: config.adminIds }),
      [RETENTION_JOB]: retentionHandler(
        config.retentionDays,
        () => store.settleErasure(),
        config.auditRetentionDays,
      ),
      [MINUTES_ASK_JOB]: minutesAskHandler({ adminIds: config.adminIds }),
      [ROADMAP_SWEEP_JOB]: roadmapSweepHandler(roadmapJobs),
      [ROADMAP_END_JOB]: roadmapReminderHandler(roadmapJobs),
    },
  });
  const committees = new CommitteeService({
    store,
    clock,
    allowedTenants: config.allowedTenants,
    offsets: config.reminderOffsets,
    notifier: messages,
    wakeOutbox: d.wakeOutbox,
    wakeScheduler: () => scheduler.wake(),
  });
  const host = new URL(config.publicUrl).hostname;

  const records = createRecordsFeature({ config, store, clock });

  return {
    committees,
    scheduler,
    records,
    async ics(committeeId, sig) {
      const c = await store.committees.get(committeeId);
      if (!c || !sameSecret(c.icsToken, sig)) return null;
      const p = await store.directory.getPartnership(c.partnershipId);
      const name = p ? partnershipName(p, await structuresOf(store, p)) : undefined;
      return committeeIcs(
        { ...c, cancelled: c.status === 'cancelled', partnershipName: name },
        { now: clock.now(), host },
      );
    },
    async start() {
      await store.transaction((tx) => ensureDailyPurge(tx.jobs, clock.now()));
      await store.transaction((tx) =>
        scheduleRoadmapSweep(tx.jobs, parisDate(clock.now()), clock.now()),
      );
      scheduler.start();
    },
  };
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
