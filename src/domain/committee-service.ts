/**
 * Committees of a partnership (DESIGN.md §8, issue 5): list, plan, edit or move, cancel. Each
 * change is one transaction: the committee, its reminder jobs, the channel's announcement in
 * the outbox, the audit line. Who may do it is checked here, on the server.
 */
import { partnershipStructureIds } from './partnership-members';
import { randomBytes, randomUUID } from 'node:crypto';
import { DomainError, type ErrorCode } from './errors';
import type { Caller, Clock, PartnershipRecord, StructureRecord } from './model';
import { validateCommitteePlan, type CommitteePlan } from './committees';
import { committeeReminders, type DueReminder, type ReminderOffset } from './reminders';
import type { FieldErrors } from './schemas';
import type { CommitteeRecord } from './records';
import type { Repo, Store } from '../storage/store';
import {
  cancelCommitteeReminders,
  rescheduleCommitteeReminders,
  scheduleCommitteeReminders,
} from '../scheduler/committee-jobs';
import { partnershipAccess, type PartnershipAccess } from './partnership-access';

/** The outbound side of committee changes, written into the outbox by the Teams edge. */
export interface CommitteeNotifier {
  /** Each returns true when it queued a message. */
  planned(tx: Repo, c: CommitteeRecord): Promise<boolean>;
  changed(tx: Repo, c: CommitteeRecord, moved: boolean): Promise<boolean>;
  cancelled(tx: Repo, c: CommitteeRecord): Promise<boolean>;
}

export interface CommitteeServiceDeps {
  store: Store;
  clock: Clock;
  allowedTenants: string[];
  offsets: readonly ReminderOffset[];
  notifier: CommitteeNotifier;
  wakeOutbox: () => void;
  wakeScheduler: () => void;
}

/** A submit's outcome; `partnershipId` lets the edge re-render the form either way. */
export type CommitteeSubmit = { partnershipId: string } & (
  | {
      ok: true;
      committee: CommitteeRecord;
      reminders: DueReminder[];
      duplicate: boolean;
      channelBound: boolean;
      moved: boolean;
    }
  | {
      ok: false;
      fieldErrors: FieldErrors;
      unknownFields: string[];
      values: Record<string, unknown>;
      refusal?: ErrorCode;
    }
);
type Refused = Extract<CommitteeSubmit, { ok: false }>;

export interface PlanningContext {
  partnership: PartnershipRecord;
  /** The partnership's DT then MLs: the possible participants. */
  structures: StructureRecord[];
}

export class CommitteeService {
  constructor(private readonly deps: CommitteeServiceDeps) {}

  /** The caller's partnerships and whether they administer each one. */
  access(caller: Caller): Promise<PartnershipAccess[]> {
    return partnershipAccess(this.deps.store, caller, this.deps.allowedTenants);
  }

  /** The committees of the caller's partnerships (any role may see them). */
  async list(
    caller: Caller,
  ): Promise<{ access: PartnershipAccess[]; committees: CommitteeRecord[] }> {
    const access = await this.access(caller);
    if (!access.length) throw new DomainError('E_NO_PARTNERSHIP');
    const committees = await this.deps.store.committees.listFor(
      access.map((a) => a.partnership.id),
    );
    return { access, committees };
  }

  /** The partnership and its structures, for the planning card's participants. */
  async planningContext(partnershipId: string): Promise<PlanningContext> {
    const partnership = await this.deps.store.directory.getPartnership(partnershipId);
    if (!partnership) throw new DomainError('E_NO_PARTNERSHIP', { partnershipId });
    const structures: StructureRecord[] = [];
    for (const id of partnershipStructureIds(partnership)) {
      const s = await this.deps.store.directory.getStructure(id);
      if (s) structures.push(s);
    }
    return { partnership, structures };
  }

  /** Refuses anyone but an admin of the partnership (or a global admin). */
  async requireAdmin(caller: Caller, partnershipId: string): Promise<void> {
    const access = await this.access(caller);
    if (!access.some((a) => a.partnership.id === partnershipId && a.admin)) {
      throw new DomainError('E_ROLE_FORBIDDEN', { action: 'comite', partnershipId });
    }
  }

  /** A committee the caller may see. */
  async get(
    caller: Caller,
    committeeId: string,
  ): Promise<{ committee: CommitteeRecord; admin: boolean }> {
    const committee = await this.deps.store.committees.get(committeeId);
    const access =
      committee &&
      (await this.access(caller)).find((a) => a.partnership.id === committee.partnershipId);
    if (!committee || !access) throw new DomainError('E_COMMITTEE_NOT_FOUND', { committeeId });
    return { committee, admin: access.admin };
  }

  /** Plans a committee; `formId` makes a retried or double-clicked submit plan it once. */
  async plan(caller: Caller, input: Record<string, unknown>): Promise<CommitteeSubmit> {
    const partnershipId = String(input.partnershipId ?? '');
    const checked = await this.check(caller, partnershipId, input);
    if (!checked.ok) return checked;
    const plan = checked.plan;
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const sourceKey = plan.formId ? `plan:${plan.formId}` : null;
    const result = await this.deps.store.transaction(async (tx) => {
      const repo = tx.committees;
      const existing = sourceKey ? await repo.getBySource(sourceKey) : undefined;
      if (existing)
        return {
          committee: existing,
          reminders: committeeReminders(existing.startsAt, this.deps.offsets, now),
          duplicate: true,
          queued: false,
        };
      const committee: CommitteeRecord = {
        id: randomUUID(),
        partnershipId,
        kind: plan.kind,
        startsAt: plan.startsAt,
        place: plan.place,
        placeKind: plan.placeKind,
        agenda: plan.agenda,
        participants: plan.participants,
        status: 'planned',
        sequence: 0,
        icsToken: randomBytes(18).toString('base64url'),
        createdBy: caller.aadObjectId,
        createdAt: at,
        updatedAt: at,
      };
      await repo.insert(committee, sourceKey);
      const reminders = await scheduleCommitteeReminders(
        tx.jobs,
        committee,
        this.deps.offsets,
        now,
      );
      await tx.audit.record({
        at,
        actor: caller.aadObjectId,
        action: 'committee.plan',
        detail: `${committee.id} ${partnershipId}`,
      });
      const queued = await this.deps.notifier.planned(tx, committee);
      return { committee, reminders, duplicate: false, queued };
    });
    this.after(result.queued, !result.duplicate);
    return {
      ok: true,
      partnershipId,
      ...result,
      channelBound: !!checked.partnership.channelConversationId,
      moved: false,
    };
  }

  /**
   * Edits or moves a committee; a move cancels its pending reminders and schedules the new ones.
   */
  async edit(caller: Caller, input: Record<string, unknown>): Promise<CommitteeSubmit> {
    const committeeId = String(input.committeeId ?? '');
    const { committee: found } = await this.get(caller, committeeId);
    if (found.status === 'cancelled')
      return refusal(found.partnershipId, input, 'E_COMMITTEE_CANCELLED');
    const checked = await this.check(caller, found.partnershipId, {
      ...input,
      partnershipId: found.partnershipId,
    });
    if (!checked.ok) return checked;
    const plan = checked.plan;
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const result = await this.deps.store.transaction(async (tx) => {
      const repo = tx.committees;
      const before = await repo.get(committeeId);
      if (!before || before.status !== 'planned') return undefined;
      const moved = before.startsAt.getTime() !== plan.startsAt.getTime();
      const changes = {
        kind: plan.kind,
        startsAt: plan.startsAt,
        place: plan.place,
        placeKind: plan.placeKind,
        agenda: plan.agenda,
        participants: plan.participants,
      };
      if (!moved && sameCommittee(before, changes)) {
        // A retried invoke or a second click on "Enregistrer": nothing to change, nothing to
        // announce.
        return {
          committee: before,
          reminders: committeeReminders(before.startsAt, this.deps.offsets, now),
          queued: false,
          moved,
        };
      }
      const sequence = await repo.update({ id: committeeId, ...changes }, at);
      const committee: CommitteeRecord = { ...before, ...changes, sequence, updatedAt: at };
      // Not moved: the pending jobs stay; they read the committee when they run.
      const reminders = moved
        ? await rescheduleCommitteeReminders(tx.jobs, committee, this.deps.offsets, now)
        : committeeReminders(committee.startsAt, this.deps.offsets, now);
      await tx.audit.record({
        at,
        actor: caller.aadObjectId,
        action: moved ? 'committee.move' : 'committee.edit',
        detail: committeeId,
      });
      const queued = await this.deps.notifier.changed(tx, committee, moved);
      return { committee, reminders, queued, moved };
    });
    if (!result) return refusal(found.partnershipId, input, 'E_COMMITTEE_CANCELLED');
    this.after(result.queued, true);
    return {
      ok: true,
      partnershipId: found.partnershipId,
      committee: result.committee,
      reminders: result.reminders,
      duplicate: false,
      channelBound: !!checked.partnership.channelConversationId,
      moved: result.moved,
    };
  }

  /** Cancels a committee and its pending reminders; a second click changes nothing. */
  async cancel(caller: Caller, committeeId: string): Promise<CommitteeRecord> {
    const { committee } = await this.get(caller, committeeId);
    await this.requireAdmin(caller, committee.partnershipId);
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const queued = await this.deps.store.transaction(async (tx) => {
      const repo = tx.committees;
      if (!(await repo.cancel(committeeId, at))) return false;
      await cancelCommitteeReminders(tx.jobs, committeeId, now);
      await tx.audit.record({
        at,
        actor: caller.aadObjectId,
        action: 'committee.cancel',
        detail: committeeId,
      });
      const c = await repo.get(committeeId);
      return c ? this.deps.notifier.cancelled(tx, c) : false;
    });
    this.after(queued, true);
    return (await this.deps.store.committees.get(committeeId)) ?? committee;
  }

  /**
   * Validates the card for a partnership the caller administers; refusals keep the typed values.
   */
  private async check(
    caller: Caller,
    partnershipId: string,
    input: Record<string, unknown>,
  ): Promise<{ ok: true; plan: CommitteePlan; partnership: PartnershipRecord } | Refused> {
    try {
      await this.requireAdmin(caller, partnershipId);
    } catch (err) {
      if (err instanceof DomainError) return refusal(partnershipId, input, err.code);
      throw err;
    }
    const ctx = await this.planningContext(partnershipId);
    const checked = validateCommitteePlan(input, {
      now: this.deps.clock.now(),
      structureIds: ctx.structures.map((s) => s.id),
    });
    if (!checked.ok) return { ...checked, partnershipId, values: input };
    return { ok: true, plan: checked.value, partnership: ctx.partnership };
  }

  private after(queued: boolean, scheduled: boolean): void {
    if (queued) this.deps.wakeOutbox();
    if (scheduled) this.deps.wakeScheduler();
  }
}

function sameCommittee(
  a: CommitteeRecord,
  b: Pick<CommitteeRecord, 'kind' | 'place' | 'agenda' | 'participants'>,
): boolean {
  return (
    a.kind === b.kind &&
    a.place === b.place &&
    a.agenda === b.agenda &&
    a.participants.join(',') === b.participants.join(',')
  );
}

function refusal(partnershipId: string, values: Record<string, unknown>, code: ErrorCode): Refused {
  return { ok: false, partnershipId, fieldErrors: {}, unknownFields: [], values, refusal: code };
}
