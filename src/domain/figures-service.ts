/**
 * The figures the partners share each year (issue 14 §5): each structure's people type them on
 * the fixed form until the comité de pilotage that reviews the year is recorded; the
 * partnership's readers see them. `figuresFor` is the typed read other views (the bilan) use.
 */
import { parisDate } from './calendar/paris-time';
import type { CommitteeMinutes } from './committee-minutes';
import { DomainError } from './errors';
import type { Caller, Clock, PartnershipRecord, StructureRecord } from './model';
import type { PartnershipAccess } from './partnership-access';
import { recordReaders } from './record-readers';
import type { FieldErrors } from './schemas';
import {
  formOf,
  validateFigures,
  type FiguresForm,
  type FiguresForms,
  type SharedFigures,
} from './shared-figures';
import { calendarYear } from './stats';
import type { Store } from '../storage/store';

export interface FiguresServiceDeps {
  store: Store;
  clock: Clock;
  allowedTenants: string[];
  forms: FiguresForms;
}

/** One structure's figures for a year, field by field (null: not given). */
export interface StructureFigures {
  structure: StructureRecord;
  year: number;
  form: FiguresForm;
  fields: { id: string; label: string; value: number | null }[];
  /** What was stored, if anything (who, when, on which form version). */
  shared: SharedFigures | undefined;
}

export interface FiguresView {
  access: PartnershipAccess;
  partnership: PartnershipRecord;
  year: number;
  structures: StructureFigures[];
  /** The recorded comité de pilotage that froze the year, if any. */
  lockedBy: CommitteeMinutes | undefined;
}

export type FiguresSubmit =
  | { ok: true; view: FiguresView }
  | {
      ok: false;
      structure: StructureRecord;
      form: FiguresForm;
      fieldErrors: FieldErrors;
      unknownFields: string[];
      values: Record<string, unknown>;
    };

export class FiguresService {
  constructor(private readonly deps: FiguresServiceDeps) {}

  /** The year a bare `chiffres` shows: the last full calendar year, the one a COPIL reviews. */
  defaultYear(): number {
    return Number(parisDate(this.deps.clock.now()).slice(0, 4)) - 1;
  }

  /** A year from 2000 to the current one, else a refusal. */
  checkYear(year: number): number {
    const current = Number(parisDate(this.deps.clock.now()).slice(0, 4));
    if (!Number.isInteger(year) || year < 2000 || year > current)
      throw new DomainError('E_FIGURES_YEAR', { year });
    return year;
  }

  /**
   * The typed read: every structure of the partnership that shares figures (DT, MLs), with its
   * figures for the year. No access check: callers check who reads (see `view`).
   */
  async figuresFor(partnershipId: string, year: number): Promise<StructureFigures[]> {
    const store = this.deps.store;
    const p = await store.directory.getPartnership(partnershipId);
    if (!p) return [];
    const stored = await store.sharedFigures.listFor(partnershipId, year);
    const out: StructureFigures[] = [];
    for (const id of [p.dtId, ...p.mlIds]) {
      const structure = await store.directory.getStructure(id);
      const form = structure && formOf(this.deps.forms, structure.kind);
      if (!structure || !form) continue;
      const shared = stored.find((f) => f.structureId === id);
      out.push({
        structure,
        year,
        form,
        shared,
        fields: form.fields.map((f) => ({
          id: f.id,
          label: f.label,
          value: shared && Object.hasOwn(shared.figures, f.id) ? shared.figures[f.id] : null,
        })),
      });
    }
    return out;
  }

  /** The comité de pilotage whose record froze a year: the first one held after the year ends. */
  lockOf(partnershipId: string, year: number): Promise<CommitteeMinutes | undefined> {
    return this.deps.store.minutes.firstCopilFrom(partnershipId, calendarYear(year).to);
  }

  /** The partnership's figures for a year, for a caller who may read its records. */
  async view(caller: Caller, partnershipId: string, year: number): Promise<FiguresView> {
    this.checkYear(year);
    const access = (await recordReaders(this.deps.store, caller, this.deps.allowedTenants)).find(
      (a) => a.partnership.id === partnershipId,
    );
    if (!access) throw new DomainError('E_NO_PARTNERSHIP', { partnershipId });
    return {
      access,
      partnership: access.partnership,
      year,
      structures: await this.figuresFor(partnershipId, year),
      lockedBy: await this.lockOf(partnershipId, year),
    };
  }

  /** The structure the caller may type figures for, in that partnership and year, else a refusal. */
  async editable(
    caller: Caller,
    partnershipId: string,
    structureId: string,
    year: number,
  ): Promise<StructureFigures> {
    const view = await this.view(caller, partnershipId, year);
    const mine = view.structures.find((s) => s.structure.id === structureId);
    if (!mine || caller.person?.structureId !== structureId)
      throw new DomainError('E_FIGURES_FORBIDDEN', { partnershipId, structureId });
    if (view.lockedBy) throw new DomainError('E_FIGURES_LOCKED', { partnershipId, year });
    return mine;
  }

  /** Saves a structure's figures; refused input comes back with what was typed. */
  async save(caller: Caller, input: Record<string, unknown>): Promise<FiguresSubmit> {
    const partnershipId = String(input.partnershipId ?? '');
    const structureId = String(input.structureId ?? '');
    const year = Number(input.year);
    const mine = await this.editable(caller, partnershipId, structureId, year);
    const checked = validateFigures(mine.form, input);
    if (!checked.ok)
      return { ...checked, structure: mine.structure, form: mine.form, values: input };
    const at = this.deps.clock.now().toISOString();
    await this.deps.store.transaction(async (tx) => {
      // Checked again in the transaction: a comité de pilotage recorded meanwhile freezes the year.
      if (await tx.minutes.firstCopilFrom(partnershipId, calendarYear(year).to))
        throw new DomainError('E_FIGURES_LOCKED', { partnershipId, year });
      await tx.sharedFigures.save({
        partnershipId,
        structureId,
        year,
        formVersion: this.deps.forms.version,
        figures: checked.figures,
        updatedBy: caller.aadObjectId,
        updatedAt: at,
      });
      await tx.audit.record({
        at,
        actor: caller.aadObjectId,
        action: 'figures.save',
        detail: `${partnershipId} ${structureId} ${year}`,
      });
    });
    return { ok: true, view: await this.view(caller, partnershipId, year) };
  }
}
