/**
 * Flows 3 and 4 (DESIGN.md §3): the Mission Locale reports what it proposed (prescriptionML),
 * and a DT correspondent can ask the ML for the rest of a signatory's pathway.
 */
import { requirePerson, sideOf } from './access';
import { DomainError } from './errors';
import type { Caller, RequestRecord } from './model';
import type { RequestServiceDeps, Submitted } from './requests';
import { flow3Schema, validate } from './schemas';
import { parisToday } from './requests';
import { prescribeStep } from './request-answer-steps';

export class PathwayService {
  constructor(private readonly deps: RequestServiceDeps) {}

  private async load(caller: Caller, requestId: unknown) {
    const person = requirePerson(caller, this.deps);
    const id = typeof requestId === 'string' ? requestId : '';
    const request = await this.deps.store.requests.get(id);
    if (!request) throw new DomainError('E_REQUEST_NOT_FOUND', { requestId: id });
    return { person, request, side: sideOf(person, request) };
  }

  /**
   * Flow 3: an advisor of the request's ML records the ML's prescription; an answered request is
   * then closed.
   */
  async prescribe(
    caller: Caller,
    input: Record<string, unknown>,
  ): Promise<Submitted<RequestRecord>> {
    const { person, request, side } = await this.load(caller, input.requestId);
    if (side !== 'ml') throw new DomainError('E_NOT_OWN_ML', { requestId: request.id });
    if (person.role !== 'conseiller')
      throw new DomainError('E_ROLE_FORBIDDEN', {
        action: 'demande.prescrire',
        requestId: request.id,
      });
    if (request.status === 'annulee' || !request.identity)
      throw new DomainError('E_REQUEST_NOT_ANSWERABLE', { requestId: request.id });
    const schemaCtx = {
      today: parisToday(this.deps.clock.now()),
      cirPattern: this.deps.cirPattern,
      referentials: this.deps.referentials,
    };
    const checked = validate(flow3Schema(schemaCtx), input);
    if (!checked.ok) return { ...checked, values: input };
    const code = checked.value.prescriptionML;
    if (request.prescriptionML === code) return { ok: true, request, duplicate: true };
    const now = this.deps.clock.now().toISOString();
    const updated = await this.deps.store.transaction((tx) =>
      prescribeStep(this.deps, tx, caller, request, code, now),
    );
    this.deps.wakeOutbox();
    return { ok: true, request: updated, duplicate: false };
  }

  /** Flow 4: a correspondent of the routed DT asks the ML for the rest of the pathway. */
  async askFollowUp(caller: Caller, requestId: unknown): Promise<RequestRecord> {
    const { person, request, side } = await this.load(caller, requestId);
    if (side !== 'dt') throw new DomainError('E_NOT_ROUTED_DT', { requestId: request.id });
    if (person.role !== 'correspondant')
      throw new DomainError('E_ROLE_FORBIDDEN', {
        action: 'demande.relancer',
        requestId: request.id,
      });
    if (request.status === 'annulee' || !request.identity)
      throw new DomainError('E_REQUEST_NOT_ANSWERABLE', { requestId: request.id });
    const now = this.deps.clock.now().toISOString();
    await this.deps.store.transaction(async (tx) => {
      await tx.requests.addEvent({
        requestId: request.id,
        at: now,
        actor: caller.aadObjectId,
        kind: 'followup_requested',
      });
      await tx.audit.record({
        at: now,
        actor: caller.aadObjectId,
        action: 'request.followup',
        requestId: request.id,
      });
      await this.deps.notifier.followUpRequested(tx, request);
    });
    this.deps.wakeOutbox();
    return request;
  }
}
