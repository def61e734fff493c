/**
 * Committee messages that know about minutes (issue 14 §2): planning a committee schedules the
 * asks to record it (in the same transaction), moving or cancelling it reschedules or drops them,
 * and every comité de pilotage card opens with last year's objectives and request counts. The
 * ask job writes its message in its own transaction: sent once.
 */
import type { CommitteeRecord } from '../../domain/records';
import type { Clock } from '../../domain/model';
import { lastYearOf, type MinutesContext } from '../../domain/minutes-service';
import { fr } from '../../i18n/fr';
import {
  cancelMinutesAsks,
  rescheduleMinutesAsks,
  scheduleMinutesAsks,
} from '../../scheduler/minutes-jobs';
import type { JobHandler } from '../../scheduler/worker';
import type { Repo } from '../../storage/store';
import { cardAttachment } from '../cards/render';
import {
  CommitteeMessages,
  structuresOf,
  userChats,
  type CommitteeMessagesOptions,
} from '../committees/notifier';
import { committeeTitle, type CommitteeCardOptions } from '../committees/views';
import { lastYearBlock, minutesCard } from './minutes-views';

const t = fr.records.minutes;

export class MinutesAwareMessages extends CommitteeMessages {
  constructor(
    o: CommitteeMessagesOptions,
    private readonly clock: Clock,
  ) {
    super(o);
  }

  override async planned(tx: Repo, c: CommitteeRecord): Promise<boolean> {
    await scheduleMinutesAsks(tx.jobs, c, this.clock.now());
    return super.planned(tx, c);
  }

  override async changed(tx: Repo, c: CommitteeRecord, moved: boolean): Promise<boolean> {
    if (moved) await rescheduleMinutesAsks(tx.jobs, c, this.clock.now());
    return super.changed(tx, c, moved);
  }

  override async cancelled(tx: Repo, c: CommitteeRecord): Promise<boolean> {
    await cancelMinutesAsks(tx.jobs, c.id, this.clock.now());
    return super.cancelled(tx, c);
  }

  /** A planned comité de pilotage's card opens with last year's objectives and counts. */
  override async post(
    tx: Repo,
    c: CommitteeRecord,
    title: string,
    extra: Partial<CommitteeCardOptions> = {},
  ): Promise<boolean> {
    if (c.kind === 'COPIL' && c.status === 'planned' && !extra.lastYear) {
      const { previous, counts } = await lastYearOf(tx, c, this.clock.now());
      extra = { ...extra, lastYear: lastYearBlock(previous, counts) };
    }
    return super.post(tx, c, title, extra);
  }
}

export interface MinutesAskOptions {
  /** Global admins (ADMIN_IDS): asked when no admin of the partnership can be reached. */
  adminIds: string[];
}

/**
 * `committee.minutes-ask`: stage `planner` to the person who planned the committee, stage
 * `admins` to the partnership's admins; nothing once the minutes exist or the committee is gone.
 */
export function minutesAskHandler(o: MinutesAskOptions): JobHandler {
  return async ({ tx, job, now }) => {
    const stage = job.payload.stage === 'admins' ? 'admins' : 'planner';
    const c = await tx.committees.get(String(job.payload.committeeId ?? ''));
    if (!c || c.status !== 'planned') return { outcome: 'skipped: committee cancelled or gone' };
    if (now.getTime() < c.startsAt.getTime()) return { outcome: 'skipped: committee ahead' };
    if (await tx.minutes.get(c.id)) return { outcome: 'skipped: already recorded' };
    const partnership = await tx.directory.getPartnership(c.partnershipId);
    if (!partnership) return { outcome: 'skipped: partnership gone' };
    const structures = await structuresOf(tx, partnership);
    let targets;
    if (stage === 'planner') targets = await userChats(tx, [c.createdBy]);
    else {
      const admins: string[] = [];
      for (const s of structures)
        for (const p of await tx.directory.listCorrespondents(s.id))
          if (p.role === 'admin') admins.push(p.aadObjectId);
      targets = await userChats(tx, admins);
      if (!targets.length) targets = await userChats(tx, o.adminIds);
    }
    const title = (stage === 'planner' ? t.askPlannerTitle : t.askAdminsTitle)(committeeTitle(c));
    const ctx: MinutesContext = {
      committee: c,
      partnership,
      structures,
      minutes: undefined,
      previousObjectives: [],
      mayRecord: true,
    };
    const card = minutesCard(ctx, {
      title,
      headline: stage === 'planner' ? t.askPlannerText : t.askAdminsText,
      showBack: false,
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
    return { outcome: `${stage}: ${targets.length} recipients`, queued: targets.length > 0 };
  };
}
