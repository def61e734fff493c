/**
 * A request over its life (issue 13 §2–4, DESIGN.md §3 flow 6): the advisor corrects or cancels
 * before the DT answers, either side cancels after it, the DT updates its four fields as the
 * pathway advances. Every change is a compare-and-set on the version the card carried: a stale
 * card, a double click or someone else's change in between changes nothing.
 */
import { requirePerson, sideOf } from './access';
import { DomainError } from './errors';
import type { Caller, CorrespondentRecord, RequestRecord } from './model';
import {
  cardVersionOf,
  type AnswerVersion,
  type CancelReason,
  type ChangeBy,
} from './request-life-codes';
import { requestSubject } from './request-reminders';
import { parisToday } from './requests';
import {
  cancelSchema,
  correctionSchema,
  flow2Schema,
  validate,
  type SchemaContext,
} from './schemas';
import type { Repo } from '../storage/store';
import { updateStep } from './request-answer-steps';
import { importAnswers, type AnsweredRow, type AnswerImportOutcome } from './request-import-dt';
import type { LifeResult, RequestLifeDeps } from './request-life-types';

export type { LifeResult, RequestLifeDeps, RequestLifeNotifier } from './request-life-types';

type Side = 'ml' | 'dt';
const IDENTITY_FIELDS = ['civilite', 'nom', 'prenom', 'dateNaissance', 'numeroCir'] as const;
const ANSWER_FIELDS = [
  'positionnementLinguistique',
  'prescriptionInitiale',
  'heuresFL',
  'journeesFC',
] as const;

export class RequestLifeService {
  constructor(private readonly deps: RequestLifeDeps) {}

  private schemaContext(): SchemaContext {
    return {
      today: parisToday(this.deps.clock.now()),
      cirPattern: this.deps.cirPattern,
      referentials: this.deps.referentials,
    };
  }

  /** The request and the caller's side, tenant checked; outsiders are refused. */
  private async load(
    caller: Caller,
    requestId: unknown,
    outsider: 'E_NOT_OWN_ML' | 'E_NOT_ROUTED_DT' | 'E_NOT_CONCERNED',
  ): Promise<{ person: CorrespondentRecord; request: RequestRecord; side: Side }> {
    const person = requirePerson(caller, this.deps);
    const id = typeof requestId === 'string' ? requestId : '';
    const request = await this.deps.store.requests.get(id);
    if (!request) throw new DomainError('E_REQUEST_NOT_FOUND', { requestId: id });
    const side = sideOf(person, request);
    if (!side) throw new DomainError(outsider, { requestId: id });
    const structure = await this.deps.store.directory.getStructure(person.structureId);
    if (
      structure?.tenantId &&
      caller.tenantId &&
      structure.tenantId.toLowerCase() !== caller.tenantId.toLowerCase()
    )
      throw new DomainError('E_TENANT_MISMATCH', { structureId: structure.id });
    return { person, request, side };
  }

  private by(caller: Caller, person: CorrespondentRecord): ChangeBy {
    return { by: caller.aadObjectId, byName: person.name, at: this.deps.clock.now().toISOString() };
  }

  /** Opening the correction form: an advisor of the request's ML, while the DT has not answered. */
  async openCorrection(caller: Caller, requestId: string): Promise<RequestRecord> {
    const { person, request } = await this.load(caller, requestId, 'E_NOT_OWN_ML');
    this.mustBe(person, request, 'ml', 'conseiller', 'demande.corriger');
    if (request.status !== 'transmise' || !request.identity)
      throw new DomainError('E_REQUEST_NOT_CORRECTABLE', { requestId, status: request.status });
    await this.formRead(caller, request, 'correction');
    return request;
  }

  /** A form that shows the request's values is a read of them (issue 16 §1). */
  private async formRead(caller: Caller, r: RequestRecord, form: string): Promise<void> {
    await this.deps.store.audit.record({
      at: this.deps.clock.now().toISOString(),
      actor: caller.aadObjectId,
      action: 'request.read',
      requestId: r.id,
      detail: `form=${form}`,
    });
  }

  /** Flow 1's fields again, same strict rules; the event names the fields, never their values. */
  async correct(caller: Caller, input: Record<string, unknown>): Promise<LifeResult> {
    const { person, request } = await this.load(caller, input.requestId, 'E_NOT_OWN_ML');
    this.mustBe(person, request, 'ml', 'conseiller', 'demande.corriger');
    const checked = validate(correctionSchema(this.schemaContext()), input);
    if (!checked.ok) return { kind: 'invalid', request, ...checked, values: input };
    const { requestId: _id, cardVersion: _v, motif, ...identity } = checked.value;
    const current = request.identity;
    const fields = IDENTITY_FIELDS.filter((f) => current?.[f] !== identity[f]);
    if (motif !== undefined && motif !== request.motif) fields.push('motif' as never);
    const unchanged = fields.length === 0;
    if (this.isStale(request, input)) {
      const mine = this.lastBy(request, caller, 'corrected') && unchanged;
      return mine
        ? { kind: 'done', request, duplicate: true }
        : { kind: 'stale', request, values: input };
    }
    if (request.status !== 'transmise' || !current)
      throw new DomainError('E_REQUEST_NOT_CORRECTABLE', {
        requestId: request.id,
        status: request.status,
      });
    if (unchanged) return { kind: 'done', request, duplicate: true, unchanged };
    const c = this.by(caller, person);
    const done = await this.deps.store.transaction(async (tx) => {
      const ok = await tx.requestLife.correct(
        request.id,
        request.version ?? 1,
        identity,
        motif ?? request.motif ?? null,
        c,
      );
      if (!ok) return undefined;
      const r = (await tx.requests.get(request.id)) as RequestRecord;
      await this.record(tx, r, c, 'corrected', `fields: ${fields.join(', ')}`, 'request.correct');
      await this.deps.lifeNotifier.corrected(tx, r);
      return r;
    });
    return this.settle(done, request.id, input);
  }

  /** Who may cancel from which status: the ML before and after the answer, the DT after it. */
  private cancellable(side: Side): readonly string[] {
    return side === 'ml' ? ['transmise', 'completee'] : ['completee'];
  }

  /** Opening the cancel form. */
  async openCancel(
    caller: Caller,
    requestId: string,
  ): Promise<{ request: RequestRecord; side: Side }> {
    const { person, request, side } = await this.load(caller, requestId, 'E_NOT_CONCERNED');
    this.mustBe(
      person,
      request,
      side,
      side === 'ml' ? 'conseiller' : 'correspondant',
      'demande.annuler',
    );
    if (!this.cancellable(side).includes(request.status))
      throw new DomainError('E_CANCEL_NOT_ALLOWED', { requestId, status: request.status, side });
    await this.formRead(caller, request, 'cancel');
    return { request, side };
  }

  /** A cancellation with its reason; the other side is told, reminders and escalations stop. */
  async cancel(
    caller: Caller,
    input: Record<string, unknown>,
  ): Promise<LifeResult & { side: Side }> {
    const { person, request, side } = await this.load(caller, input.requestId, 'E_NOT_CONCERNED');
    this.mustBe(
      person,
      request,
      side,
      side === 'ml' ? 'conseiller' : 'correspondant',
      'demande.annuler',
    );
    const checked = validate(cancelSchema(), input);
    if (!checked.ok) return { kind: 'invalid', request, side, ...checked, values: input };
    const reason: CancelReason = checked.value.motifAnnulation;
    if (this.isStale(request, input)) {
      const mine = this.lastBy(request, caller, 'cancelled') && request.cancelReason === reason;
      return mine
        ? { kind: 'done', request, side, duplicate: true }
        : { kind: 'stale', request, side, values: input };
    }
    const from = this.cancellable(side);
    if (!from.includes(request.status))
      throw new DomainError('E_CANCEL_NOT_ALLOWED', {
        requestId: request.id,
        status: request.status,
        side,
      });
    const c = this.by(caller, person);
    const done = await this.deps.store.transaction(async (tx) => {
      if (!(await tx.requestLife.cancel(request.id, request.version ?? 1, reason, from, c)))
        return undefined;
      const r = (await tx.requests.get(request.id)) as RequestRecord;
      // The unanswered reminder and escalation are about a request that no longer waits.
      await tx.jobs.cancel(requestSubject(r.id), new Date(c.at));
      await this.record(
        tx,
        r,
        c,
        'cancelled',
        `by ${side}, reason in cancel_reason`,
        'request.cancel',
      );
      await this.deps.lifeNotifier.cancelled(tx, r, side);
      return r;
    });
    return { ...(await this.settle(done, request.id, input)), side };
  }

  /** Opening the update form: a correspondent of the routed DT, once it has answered. */
  async openUpdate(caller: Caller, requestId: string): Promise<RequestRecord> {
    const { person, request } = await this.load(caller, requestId, 'E_NOT_ROUTED_DT');
    this.mustBe(person, request, 'dt', 'correspondant', 'demande.mettreAJour');
    if (!this.updatable(request))
      throw new DomainError('E_UPDATE_NOT_ALLOWED', { requestId, status: request.status });
    await this.formRead(caller, request, 'update');
    return request;
  }

  private updatable(r: RequestRecord): boolean {
    return (r.status === 'completee' || r.status === 'cloturee') && !!r.answer;
  }

  /** A new version of the DT's four fields; the ML is told, neutrally. */
  async update(caller: Caller, input: Record<string, unknown>): Promise<LifeResult> {
    const { person, request } = await this.load(caller, input.requestId, 'E_NOT_ROUTED_DT');
    this.mustBe(person, request, 'dt', 'correspondant', 'demande.mettreAJour');
    const checked = validate(flow2Schema(this.schemaContext()), input);
    if (!checked.ok) return { kind: 'invalid', request, ...checked, values: input };
    const { requestId: _id, cardVersion: _v, ...answer } = checked.value;
    const unchanged = ANSWER_FIELDS.every((f) => request.answer?.[f] === answer[f]);
    if (this.isStale(request, input)) {
      const mine = this.lastBy(request, caller, 'updated', 'answered') && unchanged;
      return mine
        ? { kind: 'done', request, duplicate: true }
        : { kind: 'stale', request, values: input };
    }
    if (!this.updatable(request))
      throw new DomainError('E_UPDATE_NOT_ALLOWED', {
        requestId: request.id,
        status: request.status,
      });
    if (unchanged) return { kind: 'done', request, duplicate: true, unchanged };
    const c = this.by(caller, person);
    const fields = ANSWER_FIELDS.filter((f) => request.answer?.[f] !== answer[f]);
    const done = await this.deps.store.transaction((tx) =>
      updateStep(this.deps.lifeNotifier, tx, request, answer, c, fields),
    );
    return this.settle(done, request.id, input);
  }

  /**
   * A DT correspondent's table that comes back (issue 13 §5): first answers and updates of the
   * DT's requests, through the same steps as the cards, in one transaction.
   */
  async importAnswers(
    caller: Caller,
    rows: readonly AnsweredRow[],
    within?: (tx: Repo, outcome: AnswerImportOutcome) => Promise<void>,
  ): Promise<AnswerImportOutcome> {
    const person = requirePerson(caller, this.deps);
    const dt = await this.deps.store.directory.getStructure(person.structureId);
    if (person.role !== 'correspondant' || dt?.kind !== 'DT')
      throw new DomainError('E_ROLE_FORBIDDEN', { action: 'tableau.importer' });
    if (
      dt.tenantId &&
      caller.tenantId &&
      dt.tenantId.toLowerCase() !== caller.tenantId.toLowerCase()
    )
      throw new DomainError('E_TENANT_MISMATCH', { structureId: dt.id });
    return importAnswers(this.deps, { caller, person, dt, rows, within });
  }

  /** The figures' versions, for the two structures only. */
  async history(
    caller: Caller,
    requestId: string,
  ): Promise<{ request: RequestRecord; side: Side; versions: AnswerVersion[] }> {
    const { request, side } = await this.load(caller, requestId, 'E_NOT_CONCERNED');
    const versions = await this.deps.store.requestLife.versions(request.id);
    await this.deps.store.audit.record({
      at: this.deps.clock.now().toISOString(),
      actor: caller.aadObjectId,
      action: 'request.history',
      requestId: request.id,
    });
    return { request, side, versions };
  }

  private mustBe(
    person: CorrespondentRecord,
    r: RequestRecord,
    side: Side,
    role: 'conseiller' | 'correspondant',
    action: string,
  ): void {
    const mine = side === 'ml' ? person.structureId === r.mlId : person.structureId === r.dtId;
    if (!mine)
      throw new DomainError(side === 'ml' ? 'E_NOT_OWN_ML' : 'E_NOT_ROUTED_DT', {
        requestId: r.id,
      });
    if (person.role !== role)
      throw new DomainError('E_ROLE_FORBIDDEN', { action, requestId: r.id });
  }

  /** The card was drawn from another version than the request's (a card without one: a form). */
  private isStale(r: RequestRecord, input: Record<string, unknown>): boolean {
    const v = cardVersionOf(input.cardVersion);
    return v !== undefined && v !== (r.version ?? 1);
  }

  private lastBy(r: RequestRecord, caller: Caller, ...kinds: string[]): boolean {
    return (
      !!r.lastChange && r.lastChange.by === caller.aadObjectId && kinds.includes(r.lastChange.kind)
    );
  }

  private async record(
    tx: Repo,
    r: RequestRecord,
    c: ChangeBy,
    kind: string,
    detail: string,
    action: string,
  ): Promise<void> {
    await tx.requests.addEvent({ requestId: r.id, at: c.at, actor: c.by, kind, detail });
    await tx.audit.record({ at: c.at, actor: c.by, action, requestId: r.id });
  }

  /** After the transaction: done, or stale when someone changed the request in between. */
  private async settle(
    done: RequestRecord | undefined,
    requestId: string,
    values: Record<string, unknown>,
  ): Promise<LifeResult> {
    if (done) {
      this.deps.wakeOutbox();
      return { kind: 'done', request: done, duplicate: false };
    }
    const now = (await this.deps.store.requests.get(requestId)) as RequestRecord;
    return { kind: 'stale', request: now, values };
  }
}
