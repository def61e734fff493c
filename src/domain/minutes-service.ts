/**
 * Committees' minutes (issue 14 §2): who may record them (the planner and the partnership's
 * admins), when (once the committee's time has come), recording again edits; the record stops
 * the reminders to record it. Last year's objectives and request counts open the next comité de
 * pilotage. Every check runs here, on the server.
 */
import { DomainError } from './errors';
import type { Caller, Clock, PartnershipRecord, StructureRecord } from './model';
import type { CommitteeRecord } from './records';
import {
  nextCopilSlot,
  validateMinutes,
  type CommitteeMinutes,
  type MinutesInput,
} from './committee-minutes';
import type { FieldErrors } from './schemas';
import type { PartnershipAccess } from './partnership-access';
import { recordReaders } from './record-readers';
import { yearBefore, type Period } from './stats';
import type { Repo, Store } from '../storage/store';
import { cancelMinutesAsks } from '../scheduler/minutes-jobs';

export interface MinutesServiceDeps {
  store: Store;
  clock: Clock;
  allowedTenants: string[];
}

/** A committee as the minutes card needs it. */
export interface MinutesContext {
  committee: CommitteeRecord;
  partnership: PartnershipRecord;
  structures: StructureRecord[];
  minutes: CommitteeMinutes | undefined;
  /** The previous comité de pilotage's objectives (a comité de pilotage only). */
  previousObjectives: string[];
  /** The caller may record (planner or admin), whatever the date. */
  mayRecord: boolean;
}

export type MinutesSubmit =
  | {
      ok: true;
      context: MinutesContext;
      minutes: CommitteeMinutes;
      edited: boolean;
      /** The next comité de pilotage to propose, when none is planned after this one. */
      proposal: { date: string; time: string } | null;
    }
  | {
      ok: false;
      context: MinutesContext;
      fieldErrors: FieldErrors;
      unknownFields: string[];
      values: Record<string, unknown>;
    };

/** Request counts by status, over a period: counts only, never a person. */
export interface StatusCounts {
  period: Period;
  counts: { status: string; count: number }[];
}

const STATUSES = ['transmise', 'completee', 'cloturee', 'annulee'] as const;

export class MinutesService {
  constructor(private readonly deps: MinutesServiceDeps) {}

  /** The partnerships whose records the caller may read. */
  readers(caller: Caller): Promise<PartnershipAccess[]> {
    return recordReaders(this.deps.store, caller, this.deps.allowedTenants);
  }

  /** The partnership, if the caller may read its records. */
  async readable(caller: Caller, partnershipId: string): Promise<PartnershipAccess> {
    const access = (await this.readers(caller)).find((a) => a.partnership.id === partnershipId);
    if (!access) throw new DomainError('E_NO_PARTNERSHIP', { partnershipId });
    return access;
  }

  /** A committee the caller may read, with its minutes and what the card needs. */
  async context(caller: Caller, committeeId: string): Promise<MinutesContext> {
    const store = this.deps.store;
    const committee = await store.committees.get(committeeId);
    const access =
      committee &&
      (await this.readers(caller)).find((a) => a.partnership.id === committee.partnershipId);
    if (!committee || !access) throw new DomainError('E_COMMITTEE_NOT_FOUND', { committeeId });
    const structures: StructureRecord[] = [];
    for (const id of [access.partnership.dtId, ...access.partnership.mlIds]) {
      const s = await store.directory.getStructure(id);
      if (s) structures.push(s);
    }
    const previous =
      committee.kind === 'COPIL'
        ? await store.minutes.previousCopil(
            committee.partnershipId,
            committee.startsAt,
            committee.id,
          )
        : undefined;
    return {
      committee,
      partnership: access.partnership,
      structures,
      minutes: await store.minutes.get(committee.id),
      previousObjectives: previous?.objectives ?? [],
      mayRecord:
        access.admin || committee.createdBy.toLowerCase() === caller.aadObjectId.toLowerCase(),
    };
  }

  /** Refuses a caller who may not record, a cancelled committee, or one still ahead. */
  check(ctx: MinutesContext): void {
    const { committee } = ctx;
    const ids = { committeeId: committee.id };
    if (!ctx.mayRecord) throw new DomainError('E_MINUTES_FORBIDDEN', ids);
    if (committee.status === 'cancelled') throw new DomainError('E_COMMITTEE_CANCELLED', ids);
    if (this.deps.clock.now().getTime() < committee.startsAt.getTime())
      throw new DomainError('E_MINUTES_TOO_EARLY', ids);
  }

  /** Records (or edits) the minutes; a refused card comes back with what was typed. */
  async record(caller: Caller, input: Record<string, unknown>): Promise<MinutesSubmit> {
    const ctx = await this.context(caller, String(input.committeeId ?? ''));
    this.check(ctx);
    const { committee } = ctx;
    const checked = validateMinutes(input, {
      kind: committee.kind,
      structureIds: ctx.structures.map((s) => s.id),
      previousObjectives: ctx.previousObjectives,
    });
    if (!checked.ok) return { ...checked, context: ctx, values: input };
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const result = await this.deps.store.transaction(async (tx) => {
      // Cancelled since the card was read: nothing is recorded.
      if ((await tx.committees.get(committee.id))?.status !== 'planned')
        throw new DomainError('E_COMMITTEE_CANCELLED', { committeeId: committee.id });
      const before = await tx.minutes.get(committee.id);
      const next = toMinutes(committee, checked.value, caller.aadObjectId, at, before);
      if (before && sameMinutes(before, next)) return { minutes: before, edited: true };
      const minutes = await tx.minutes.save(next);
      await cancelMinutesAsks(tx.jobs, committee.id, now);
      await tx.audit.record({
        at,
        actor: caller.aadObjectId,
        action: before ? 'committee.minutes.edit' : 'committee.minutes',
        detail: committee.id,
      });
      return { minutes, edited: !!before };
    });
    return {
      ok: true,
      context: { ...ctx, minutes: result.minutes },
      ...result,
      proposal: await this.proposal(committee, result.minutes),
    };
  }

  /** A held comité de pilotage with no later one planned: propose the next, a year on. */
  private async proposal(
    c: CommitteeRecord,
    m: CommitteeMinutes,
  ): Promise<{ date: string; time: string } | null> {
    if (c.kind !== 'COPIL' || !m.held) return null;
    const later = (await this.deps.store.committees.listFor([c.partnershipId])).some(
      (o) => o.kind === 'COPIL' && o.status === 'planned' && o.startsAt > c.startsAt,
    );
    return later ? null : nextCopilSlot(c.startsAt);
  }
}

/**
 * What opens a comité de pilotage: the objectives of the previous one (with those met) and the
 * requests of the twelve months before it (or before now, for one still ahead), by status.
 */
export async function lastYearOf(
  repo: Repo,
  c: CommitteeRecord,
  now: Date,
): Promise<{ previous: CommitteeMinutes | undefined; counts: StatusCounts }> {
  const previous = await repo.minutes.previousCopil(c.partnershipId, c.startsAt, c.id);
  const period = yearBefore(c.startsAt < now ? c.startsAt : now);
  const facts = await repo.committees.requestFacts(c.partnershipId, period.from, period.to);
  return {
    previous,
    counts: {
      period,
      counts: STATUSES.map((status) => ({
        status,
        count: facts.filter((f) => f.status === status).length,
      })),
    },
  };
}

function toMinutes(
  c: CommitteeRecord,
  v: MinutesInput,
  by: string,
  at: string,
  before: CommitteeMinutes | undefined,
): CommitteeMinutes {
  return {
    committeeId: c.id,
    partnershipId: c.partnershipId,
    kind: c.kind,
    startsAt: c.startsAt,
    held: v.held,
    present: v.held ? (v.present ?? []) : [],
    decisions: v.decisions ?? '',
    objectives: v.objectives ?? [],
    met: v.met ?? [],
    outcome: v.outcome ?? '',
    recordedBy: before?.recordedBy ?? by,
    recordedAt: before?.recordedAt ?? at,
    updatedBy: by,
    updatedAt: at,
    edits: before ? before.edits + 1 : 0,
  };
}

/** A retried invoke or a second click with the same values: nothing to edit. */
function sameMinutes(a: CommitteeMinutes, b: CommitteeMinutes): boolean {
  const keys = ['held', 'present', 'decisions', 'objectives', 'met', 'outcome'] as const;
  return keys.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}
