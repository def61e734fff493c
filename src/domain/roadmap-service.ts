/**
 * `/partenariat` (issue 14 §3): the partnership's roadmap record, read by its members (the DDETS
 * included) and edited by its admins. A save is one transaction: the record, an appended
 * amendment, the audit line (field names only), and — when the end date moves — the reminders
 * re-armed. A double click (same values, same amendment) writes nothing.
 */
import { isIsoDate } from './calendar/iso-date';
import { parisDate } from './calendar/paris-time';
import { DomainError } from './errors';
import type { Caller, Clock, PartnershipRecord, StructureRecord } from './model';
import { partnershipAccess } from './partnership-access';
import { mayReadPartnershipRecords } from './partnership-members';
import { rearmEndReminders } from './roadmap-reminders';
import { effectiveEndDate, type Amendment, type RoadmapRecord, type Signatory } from './roadmap';
import type { FieldErrors } from './schemas';
import type { Store } from '../storage/store';

export interface RoadmapDeps {
  store: Store;
  clock: Clock;
  allowedTenants: string[];
  /** ACCORD_CADRE_END_DATE. */
  defaultEndDate: string;
}

/** A partnership's record as its members see it. */
export interface RoadmapView {
  partnership: PartnershipRecord;
  /** The directions that sign: the DT, then the MLs. */
  signers: StructureRecord[];
  record: RoadmapRecord | undefined;
  amendments: Amendment[];
  endDate: string;
  /** False: the end date is the configured default. */
  ownEndDate: boolean;
  ended: boolean;
  canEdit: boolean;
}

export type RoadmapSaved =
  | { ok: true; view: RoadmapView; changed: string[] }
  | { ok: false; view: RoadmapView; fieldErrors: FieldErrors; values: Record<string, unknown> };

const MAX_TEXT = 120;
const MAX_SUMMARY = 500;

/** The card's input ids of a signatory's name and function. */
export const signatoryIds = (structureId: string) => ({
  name: `sig.${structureId}.nom`,
  fonction: `sig.${structureId}.fonction`,
});

const textOf = (input: Record<string, unknown>, key: string): string => {
  const v = Object.hasOwn(input, key) ? input[key] : undefined;
  return typeof v === 'string' ? v.trim().replace(/\s+/g, ' ') : '';
};

export class RoadmapService {
  constructor(private readonly deps: RoadmapDeps) {}

  /** The records of the caller's partnerships. */
  async list(caller: Caller): Promise<RoadmapView[]> {
    const access = await partnershipAccess(this.deps.store, caller, this.deps.allowedTenants);
    if (!access.length) throw new DomainError('E_NO_PARTNERSHIP');
    return Promise.all(access.map((a) => this.view(a.partnership, a.admin)));
  }

  /** One partnership's record, if the caller may read it. */
  async get(caller: Caller, partnershipId: string): Promise<RoadmapView> {
    const access = await partnershipAccess(this.deps.store, caller, this.deps.allowedTenants);
    const a = access.find((x) => x.partnership.id === partnershipId);
    if (!a || !mayReadPartnershipRecords(caller, a.partnership))
      throw new DomainError('E_ROADMAP_NOT_FOUND', { partnershipId });
    return this.view(a.partnership, a.admin);
  }

  /** The record for editing: admins of the partnership only. */
  async editable(caller: Caller, partnershipId: string): Promise<RoadmapView> {
    const view = await this.get(caller, partnershipId);
    if (!view.canEdit) throw new DomainError('E_DIRECTORY_ADMIN_ONLY', { partnershipId });
    return view;
  }

  /** Saves the admin's form: signatories, signature, end date, and an optional new amendment. */
  async save(
    caller: Caller,
    partnershipId: string,
    input: Record<string, unknown>,
  ): Promise<RoadmapSaved> {
    const view = await this.editable(caller, partnershipId);
    const errors: FieldErrors = {};
    const signatories: Signatory[] = [];
    for (const s of view.signers) {
      const ids = signatoryIds(s.id);
      const name = textOf(input, ids.name);
      const fonction = textOf(input, ids.fonction);
      if (name.length > MAX_TEXT) errors[ids.name] = 'E_TEXT_TOO_LONG';
      if (fonction.length > MAX_TEXT) errors[ids.fonction] = 'E_TEXT_TOO_LONG';
      if (!name !== !fonction) errors[name ? ids.fonction : ids.name] = 'E_SIGNATORY_INCOMPLETE';
      if (name && fonction) signatories.push({ structureId: s.id, name, fonction });
    }
    const signedOn = textOf(input, 'signedOn') || null;
    if (signedOn && !isIsoDate(signedOn)) errors.signedOn = 'E_DATE_INVALID';
    const signedPlace = textOf(input, 'signedPlace') || null;
    if (signedPlace && signedPlace.length > MAX_TEXT) errors.signedPlace = 'E_TEXT_TOO_LONG';
    const endDate = textOf(input, 'endDate');
    if (!endDate) errors.endDate = 'E_FIELD_REQUIRED';
    else if (!isIsoDate(endDate)) errors.endDate = 'E_DATE_INVALID';
    const amendedOn = textOf(input, 'amendmentDate');
    const summary = textOf(input, 'amendmentSummary');
    if (amendedOn && !isIsoDate(amendedOn)) errors.amendmentDate = 'E_DATE_INVALID';
    if (summary.length > MAX_SUMMARY) errors.amendmentSummary = 'E_TEXT_TOO_LONG';
    if (!amendedOn !== !summary)
      errors[amendedOn ? 'amendmentSummary' : 'amendmentDate'] = 'E_AMENDMENT_INCOMPLETE';
    if (Object.keys(errors).length) return { ok: false, view, fieldErrors: errors, values: input };

    const now = this.deps.clock.now();
    const before = view.record;
    // The default end date is not recorded until an admin changes it (a renewal).
    const ownEnd = !before?.endDate && endDate === this.deps.defaultEndDate ? null : endDate;
    const after: RoadmapRecord = {
      partnershipId,
      signatories,
      signedOn,
      signedPlace,
      endDate: ownEnd,
      updatedBy: caller.aadObjectId,
      updatedAt: now.toISOString(),
    };
    const changed: string[] = [];
    if (JSON.stringify(before?.signatories ?? []) !== JSON.stringify(signatories))
      changed.push('signatories');
    if ((before?.signedOn ?? null) !== signedOn) changed.push('signedOn');
    if ((before?.signedPlace ?? null) !== signedPlace) changed.push('signedPlace');
    if ((before?.endDate ?? null) !== ownEnd) changed.push('endDate');
    const last = view.amendments.at(-1);
    const newAmendment =
      amendedOn && !(last && last.amendedOn === amendedOn && last.summary === summary);
    if (newAmendment) changed.push('amendment');
    if (!changed.length) return { ok: true, view, changed };

    await this.deps.store.transaction(async (tx) => {
      await tx.roadmaps.save(after);
      if (newAmendment)
        await tx.roadmaps.addAmendment({
          partnershipId,
          amendedOn,
          summary,
          createdBy: caller.aadObjectId,
          createdAt: now.toISOString(),
        });
      if (changed.includes('endDate')) await rearmEndReminders(tx, partnershipId, endDate, now);
      await tx.audit.record({
        at: now.toISOString(),
        actor: caller.aadObjectId,
        action: endDate > view.endDate ? 'roadmap.renewal' : 'roadmap.update',
        detail: `partnership ${partnershipId}: ${changed.join(', ')}`,
      });
    });
    return { ok: true, view: await this.view(view.partnership, true), changed };
  }

  private async view(p: PartnershipRecord, admin: boolean): Promise<RoadmapView> {
    const repo = this.deps.store;
    const record = await repo.roadmaps.get(p.id);
    const signers: StructureRecord[] = [];
    for (const id of [p.dtId, ...p.mlIds]) {
      const s = await repo.directory.getStructure(id);
      if (s) signers.push(s);
    }
    const endDate = effectiveEndDate(record, this.deps.defaultEndDate) as string;
    return {
      partnership: p,
      signers,
      record,
      amendments: await repo.roadmaps.amendments(p.id),
      endDate,
      ownEndDate: !!record?.endDate,
      ended: parisDate(this.deps.clock.now()) > endDate,
      canEdit: admin,
    };
  }
}
