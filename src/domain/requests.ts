/**
 * The request flow (DESIGN.md §3): an ML advisor opens a request (flow 1), the routed DT
 * answers (flow 2). Every change is one transaction: state, event, audit, outbound messages.
 */
import { checkStructureTenant } from './tenant-check';
import { requirePerson, sideOf } from './access';
import { mayOpenRequest, profileOf } from './command-access';
import { DomainError } from './errors';
import type { Caller, PartnershipRecord, RequestRecord, StructureRecord } from './model';
import { normalizeCir } from './fields';
import { cardVersionOf } from './request-life-codes';
import { answerStep } from './request-answer-steps';
import {
  flow1Schema,
  flow2Schema,
  validate,
  type FieldErrors,
  type SchemaContext,
} from './schemas';
import { importRequests, type ImportedRow, type ImportOutcome } from './request-import';
import {
  insertNewRequest,
  requestCreated,
  type CardSource,
  type RequestNotifier,
  type RequestServiceDeps,
} from './request-effects';
import type { Repo } from '../storage/store';
import { refuseDdetsPersonalData } from './partnership-members';
import { endedRefusal } from './roadmap';

export type { CardSource, ImportedRow, ImportOutcome, RequestNotifier, RequestServiceDeps };

export type Submitted<T> =
  | { ok: true; request: T; duplicate: boolean }
  | {
      ok: false;
      fieldErrors: FieldErrors;
      unknownFields: string[];
      values: Record<string, unknown>;
    };

export interface FormContext {
  ml: StructureRecord;
  dts: StructureRecord[];
  defaultDtId: string;
}

export class RequestService {
  /** The schemas only change with the day (ages, "in the past"): compiled once per day. */
  private compiled: {
    today: string;
    flow1: ReturnType<typeof flow1Schema>;
    flow2: ReturnType<typeof flow2Schema>;
  } | null = null;

  constructor(private readonly deps: RequestServiceDeps) {}

  private schemas() {
    const ctx = this.schemaContext();
    if (this.compiled?.today !== ctx.today)
      this.compiled = { today: ctx.today, flow1: flow1Schema(ctx), flow2: flow2Schema(ctx) };
    return this.compiled;
  }

  /** Today, the CIR pattern and the referentials: what flow 1 and the import validate against. */
  schemaContext(): SchemaContext {
    return {
      today: parisToday(this.deps.clock.now()),
      cirPattern: this.deps.cirPattern,
      referentials: this.deps.referentials,
    };
  }

  /**
   * What the flow-1 form needs: the advisor's ML and the DTs it may address, pre-selected by
   * département.
   */
  async formContext(caller: Caller): Promise<FormContext> {
    const person = requirePerson(caller, this.deps);
    await refuseDdetsPersonalData(caller, this.deps.store, this.deps, 'demande');
    const ml = await this.deps.store.directory.getStructure(person.structureId);
    if (!ml || !mayOpenRequest(profileOf(person, ml)))
      throw new DomainError('E_ROLE_FORBIDDEN', { action: 'demande.creer' });
    checkStructureTenant(caller, ml);
    const partnerships = await this.deps.store.directory.partnershipsOfStructure(ml.id);
    const dts: StructureRecord[] = [];
    // A partnership whose accord-cadre has ended takes no new request (issue 14 §3).
    let ended: DomainError | null = null;
    for (const p of partnerships) {
      if (!p.mlIds.includes(ml.id) || dts.some((d) => d.id === p.dtId)) continue;
      ended = (await this.endedRefusal(p.id)) ?? ended;
      if (ended?.details.partnershipId === p.id) continue;
      const dt = await this.deps.store.directory.getStructure(p.dtId);
      if (dt) dts.push(dt);
    }
    if (!dts.length) throw ended ?? new DomainError('E_NO_PARTNERSHIP', { structureId: ml.id });
    const byDepartement = dts.find((d) =>
      d.departements.some((dep) => ml.departements.includes(dep)),
    );
    return { ml, dts, defaultDtId: (byDepartement ?? dts[0]).id };
  }

  /** Flow 1: validates strictly, stores the request as `transmise` and queues the DT's card. */
  async create(
    caller: Caller,
    input: Record<string, unknown>,
    source: CardSource,
  ): Promise<Submitted<RequestRecord>> {
    const form = await this.formContext(caller);
    const checked = validate(this.schemas().flow1, input);
    if (!checked.ok) return { ...checked, values: input };
    const { dtId, motif, cardVersion: _v, ...identity } = checked.value;
    const partnership = await this.routeTo(form, dtId);
    if (!partnership) await this.refuseIfEnded(form.ml.id, dtId);
    if (!partnership)
      return {
        ok: false,
        fieldErrors: { dtId: 'E_CHOICE_INVALID' },
        unknownFields: [],
        values: input,
      };

    const sourceKey = source.activityId ? `${source.conversationId}|${source.activityId}` : null;
    const now = this.deps.clock.now().toISOString();
    const outcome = await this.deps.store.transaction(async (tx) => {
      // Teams retries invokes and people double-click: one form card makes one request.
      const existing = sourceKey ? await tx.requests.getBySource(sourceKey) : undefined;
      if (existing) return { request: existing, duplicate: true };
      const request = await insertNewRequest(
        tx,
        caller,
        now,
        {
          number: await tx.requests.nextNumber(Number(now.slice(0, 4))),
          mlId: form.ml.id,
          dtId,
          partnershipId: partnership.id,
          identity,
          motif: motif ?? null,
          sourceKey,
        },
        { action: 'request.create', detail: `routed to ${dtId}` },
      );
      await requestCreated(
        this.deps,
        tx,
        request,
        form.dts.find((d) => d.id === dtId),
        source,
      );
      return { request, duplicate: false };
    });
    if (!outcome.duplicate) this.deps.wakeOutbox();
    return { ok: true, ...outcome };
  }

  /**
   * Import (issue 4): the valid rows of a national table become requests of the advisor's ML,
   * routed to the DT flow 1 would pre-select (domain/request-import.ts). `within` runs in the
   * same transaction (the edge queues its report card there).
   */
  async importRows(
    caller: Caller,
    rows: readonly ImportedRow[],
    source: CardSource,
    within?: (tx: Repo, outcome: ImportOutcome) => Promise<void>,
  ): Promise<ImportOutcome> {
    const form = await this.formContext(caller);
    const partnership = await this.routeTo(form, form.defaultDtId);
    const dt = form.dts.find((d) => d.id === form.defaultDtId);
    if (!partnership || !dt) throw new DomainError('E_NO_PARTNERSHIP', { structureId: form.ml.id });
    return importRequests(this.deps, {
      caller,
      ml: form.ml,
      dt,
      partnership,
      rows,
      source,
      within,
    });
  }

  /** The refusal of a partnership whose accord-cadre has ended, or null while it runs. */
  private endedRefusal(partnershipId: string): Promise<DomainError | null> {
    return endedRefusal(
      this.deps.store,
      partnershipId,
      parisToday(this.deps.clock.now()),
      this.deps.accordCadreEndDate,
    );
  }

  /** A form opened before the end, sent to a DT whose partnership has ended since: say so. */
  private async refuseIfEnded(mlId: string, dtId: string): Promise<void> {
    const partnerships = await this.deps.store.directory.partnershipsOfStructure(mlId);
    const p = partnerships.find((x) => x.dtId === dtId && x.mlIds.includes(mlId));
    const ended = p ? await this.endedRefusal(p.id) : null;
    if (ended) throw ended;
  }

  private async routeTo(form: FormContext, dtId: string): Promise<PartnershipRecord | undefined> {
    if (!form.dts.some((d) => d.id === dtId)) return undefined;
    const partnerships = await this.deps.store.directory.partnershipsOfStructure(form.ml.id);
    return partnerships.find((p) => p.dtId === dtId && p.mlIds.includes(form.ml.id));
  }

  /** A request as the caller may see it; `side` is null for outsiders, who get no identity. */
  async view(
    caller: Caller,
    requestId: string,
  ): Promise<{ request: RequestRecord; side: 'ml' | 'dt' | null }> {
    const person = requirePerson(caller, this.deps);
    const request = await this.deps.store.requests.get(requestId);
    if (!request) throw new DomainError('E_REQUEST_NOT_FOUND', { requestId });
    const side = sideOf(person, request);
    if (side) {
      const structure = await this.deps.store.directory.getStructure(person.structureId);
      checkStructureTenant(caller, structure, person.structureId);
      await this.deps.store.audit.record({
        at: this.deps.clock.now().toISOString(),
        actor: caller.aadObjectId,
        action: 'request.read',
        requestId,
      });
    }
    return { request, side };
  }

  /** `/suivi`: by request number or n° CIR, among the caller's structure's requests only. */
  async find(caller: Caller, query: string): Promise<RequestRecord[]> {
    const person = requirePerson(caller, this.deps);
    await refuseDdetsPersonalData(caller, this.deps.store, this.deps, 'suivi');
    const q = query.trim();
    if (!q) throw new DomainError('E_SUIVI_USAGE');
    let found: RequestRecord[];
    // What was searched, for the refusal's hint: a request number is no personal data, a n° CIR is.
    let searched: Record<string, string>;
    if (/^\d{4}-\d{1,6}$/.test(q)) {
      const [year, n] = q.split('-');
      const number = `${year}-${n.padStart(6, '0')}`;
      const r = await this.deps.store.requests.getByNumber(number);
      found = r ? [r] : [];
      searched = { searched: 'number', number };
    } else {
      found = await this.deps.store.requests.findByCir(normalizeCir(q), person.structureId, 10);
      searched = { searched: 'cir' };
    }
    // Someone else's request does not exist, as far as the caller can tell.
    found = found.filter((r) => sideOf(person, r));
    if (!found.length) throw new DomainError('E_REQUEST_NOT_FOUND', searched);
    // One event per request shown, so that "who looked at n° …" finds a search by n° CIR too.
    const at = this.deps.clock.now().toISOString();
    for (const r of found)
      await this.deps.store.audit.record({
        at,
        actor: caller.aadObjectId,
        action: 'request.search',
        requestId: r.id,
        detail: /^\d{4}-/.test(q) ? 'by=number' : 'by=cir',
      });
    return found;
  }

  /**
   * Flow 2: only a correspondant of the routed DT answers; the first answer wins, later ones
   * (or a double click, or a card drawn before a correction or a cancellation) change nothing
   * and get the request as it is now (`alreadyAnswered`).
   */
  async answer(
    caller: Caller,
    input: Record<string, unknown>,
  ): Promise<Submitted<RequestRecord> | { ok: false; alreadyAnswered: RequestRecord }> {
    const person = requirePerson(caller, this.deps);
    const requestId = typeof input.requestId === 'string' ? input.requestId : '';
    const request = await this.deps.store.requests.get(requestId);
    if (!request) throw new DomainError('E_REQUEST_NOT_FOUND', { requestId });
    if (person.structureId !== request.dtId)
      throw new DomainError('E_NOT_ROUTED_DT', { requestId });
    if (person.role !== 'correspondant')
      throw new DomainError('E_ROLE_FORBIDDEN', { action: 'demande.repondre', requestId });
    const dt = await this.deps.store.directory.getStructure(request.dtId);
    checkStructureTenant(caller, dt, request.dtId);
    // Answered, cancelled or corrected since the card was drawn: nothing changes (issue 13 §4).
    const drawn = cardVersionOf(input.cardVersion);
    if (request.status !== 'transmise' || (drawn !== undefined && drawn !== request.version))
      return { ok: false, alreadyAnswered: request };
    const checked = validate(this.schemas().flow2, input);
    if (!checked.ok) return { ...checked, values: input };
    const { requestId: _id, cardVersion: _v, ...answer } = checked.value;
    const now = this.deps.clock.now().toISOString();
    const won = await this.deps.store.transaction(async (tx) => {
      const c = { by: caller.aadObjectId, byName: person.name, at: now };
      return answerStep(this.deps, tx, request, drawn ?? request.version ?? 1, answer, c);
    });
    if (!won)
      return {
        ok: false,
        alreadyAnswered: (await this.deps.store.requests.get(request.id)) as RequestRecord,
      };
    this.deps.wakeOutbox();
    return { ok: true, request: won, duplicate: false };
  }
}

// Building a formatter costs ~80 µs; formatting with a built one, ~1 µs.
const PARIS_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Europe/Paris (ISO), which is what "in the past" and ages mean here. */
export function parisToday(now: Date): string {
  // Paris is a whole number of hours from UTC: the date only changes on a minute's edge, and
  // formatting it (Intl) for every submit cost more than the rest of its validation.
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== lastToday.minute) lastToday = { minute, day: PARIS_DAY.format(now) };
  return lastToday.day;
}
let lastToday = { minute: NaN, day: '' };
