/**
 * `POST /api/tab/demandes/:kind/:id/actions/:action`: the card's actions, through the same
 * domain services (same rules, same refusals, same stale checks, same outbox messages). The
 * body is `{ values: { <input id>: … }, version? }`; the item's id and version never come from
 * `values`. Answers the refreshed detail, or the card's French refusal with 400, 403, 404, 409.
 */
import { sideOf } from '../domain/access';
import { DomainError, type ErrorCode } from '../domain/errors';
import { ficheSideOf, type Decided } from '../domain/liaison-service';
import type { Caller, RequestRecord } from '../domain/model';
import type { LifeResult } from '../domain/request-life';
import type { Submitted } from '../domain/requests';
import type { FieldErrors } from '../domain/schemas';
import { ownValue } from '../domain/lookup';
import { format, fr } from '../i18n/fr';
import { frLiaison } from '../i18n/fr-liaison';
import { frTab } from '../i18n/fr-tab';
import type { BotServices } from '../teams/feature';
import { ficheNames } from '../teams/liaison/notifier';
import { decisionText } from '../teams/liaison/views';
import { staleLine } from '../teams/request-life/facts';
import { ficheDetail, requestDetail, type TabDetail } from './detail';
import { TabError } from './http';
import { ficheItem, structureNames } from './items';

interface ActionCall {
  kind: 'demande' | 'fiche';
  id: string;
  action: string;
  body: Record<string, unknown>;
}

const REQUEST_ACTIONS = [
  'repondre',
  'mettre-a-jour',
  'corriger',
  'annuler',
  'prescrire',
  'demander-suite',
] as const;
const FICHE_ACTIONS = ['accepter', 'rediriger', 'classer'] as const;

/** `values` as the cards send them: strings (numbers and booleans written out), nothing nested. */
function valuesOf(body: Record<string, unknown>): Record<string, string> {
  const raw = body.values ?? {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new TabError(400, 'bad-body', frTab.errors.badBody);
  // No prototype: a key named `__proto__` stays a key (and is refused by the strict schemas).
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(raw)) {
    // The item and its version come from the path and `version`, never from the values.
    if (k === 'requestId' || k === 'ficheId' || k === 'cardVersion') continue;
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    else if (v !== null) throw new TabError(400, 'bad-body', frTab.errors.badBody);
  }
  return out;
}

/** The version the page drew its form from; absent: a form without one (no stale check). */
function versionOf(body: Record<string, unknown>): number | undefined {
  const v = body.version;
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw new TabError(400, 'bad-body', frTab.errors.badBody);
  return v;
}

/** A refused input: one French line, and one French message per wrong field. */
function invalid(fieldErrors: FieldErrors, unknownFields: string[]): TabError {
  const fields = Object.fromEntries(
    Object.entries(fieldErrors).map(([f, code]) => [
      f,
      ownValue(fr.fields, code) ?? fr.fields.E_FIELD_INVALID,
    ]),
  );
  return unknownFields.length
    ? new TabError(
        400,
        'E_FIELDS_NOT_ALLOWED',
        format(fr.errors.E_FIELDS_NOT_ALLOWED, {
          fields: unknownFields.map((f) => f.slice(0, 40)).join(', '),
        }),
        { fields },
      )
    : new TabError(400, 'E_INVALID_INPUT', fr.errors.E_INVALID_INPUT, { fields });
}

const stale = (r: RequestRecord) => new TabError(409, 'stale', staleLine(r));

/** Runs the action; records it in the audit log with its outcome (never the values). */
export async function runAction(
  services: BotServices,
  caller: Caller,
  call: ActionCall,
): Promise<TabDetail> {
  const known: readonly string[] = call.kind === 'demande' ? REQUEST_ACTIONS : FICHE_ACTIONS;
  if (!known.includes(call.action))
    throw new TabError(404, 'unknown-action', frTab.errors.badAction);
  const audit = (outcome: string, requestId?: string) =>
    services.store.audit.record({
      at: services.clock.now().toISOString(),
      actor: caller.aadObjectId,
      action: `tab.${call.kind}.action`,
      requestId,
      detail: `${call.action}: ${outcome}${call.kind === 'fiche' ? ` (fiche ${call.id})` : ''}`,
    });
  await mustBeConcerned(services, caller, call);
  try {
    const detail =
      call.kind === 'demande'
        ? await requestAction(services, caller, call)
        : await ficheAction(services, caller, call);
    await audit('done', call.kind === 'demande' ? call.id : undefined);
    return detail;
  } catch (err) {
    const code = err instanceof TabError ? err.code : ((err as { code?: string }).code ?? 'error');
    await audit(`refused ${code}`, call.kind === 'demande' ? call.id : undefined).catch(() => {});
    // The caller sees this item: "not your side's action" is the card's refusal, not a 404.
    if (err instanceof DomainError && SIDE_REFUSALS.includes(err.code))
      throw new TabError(403, err.code, fr.errors[err.code]);
    throw err;
  }
}

const SIDE_REFUSALS: readonly ErrorCode[] = [
  'E_NOT_OWN_ML',
  'E_NOT_ROUTED_DT',
  'E_NOT_CONCERNED',
  'E_FICHE_NOT_YOUR_ML',
];

/** Someone else's item does not exist, as far as the caller can tell: 404 before anything runs. */
async function mustBeConcerned(services: BotServices, caller: Caller, call: ActionCall) {
  const person = caller.person;
  const concerned =
    call.kind === 'demande'
      ? await services.store.requests.get(call.id).then((r) => !!r && !!sideOf(person, r))
      : await services.store.fiches.get(call.id).then((f) => !!f && !!ficheSideOf(person, f));
  if (!concerned) throw new TabError(404, 'E_REQUEST_NOT_FOUND', frTab.errors.notFound);
}

async function requestAction(
  services: BotServices,
  caller: Caller,
  call: ActionCall,
): Promise<TabDetail> {
  const values = valuesOf(call.body);
  const cardVersion = versionOf(call.body);
  const input = { ...values, requestId: call.id, ...(cardVersion ? { cardVersion } : {}) };
  const done = async (r: RequestRecord, side: 'ml' | 'dt', message: string) => ({
    ...(await requestDetail(services, caller, r, side)),
    message,
  });
  const life = async (result: LifeResult, side: 'ml' | 'dt', message: string) => {
    if (result.kind === 'invalid') throw invalid(result.fieldErrors, result.unknownFields);
    if (result.kind === 'stale') throw stale(result.request);
    return done(result.request, side, result.unchanged ? fr.life.done.unchanged : message);
  };
  switch (call.action) {
    case 'repondre': {
      const result = await services.requests.answer(caller, input);
      if ('alreadyAnswered' in result) {
        const r = result.alreadyAnswered;
        // A double click: the answer is the caller's own, nothing to say.
        const mine = r.lastChange
          ? r.lastChange.kind === 'answered' && r.lastChange.by === caller.aadObjectId
          : r.answeredBy === caller.aadObjectId;
        if (mine && r.status !== 'annulee') return done(r, 'dt', frTab.done.repondre);
        throw stale(r);
      }
      return submitted(result, (r) => done(r, 'dt', frTab.done.repondre));
    }
    case 'mettre-a-jour':
      return life(await services.requestLife.update(caller, input), 'dt', fr.life.done.updated);
    case 'corriger':
      return life(await services.requestLife.correct(caller, input), 'ml', fr.life.done.corrected);
    case 'annuler': {
      const result = await services.requestLife.cancel(caller, input);
      return life(result, result.side, fr.life.done.cancelled);
    }
    case 'prescrire':
      return submitted(await services.pathway.prescribe(caller, input), (r) =>
        done(r, 'ml', frTab.done.prescrire),
      );
    default: {
      const r = await services.pathway.askFollowUp(caller, call.id);
      const fresh = (await services.store.requests.get(r.id)) ?? r;
      return done(fresh, 'dt', frTab.done['demander-suite']);
    }
  }
}

function submitted(
  result: Submitted<RequestRecord>,
  then: (r: RequestRecord) => Promise<TabDetail>,
): Promise<TabDetail> {
  if (!result.ok) throw invalid(result.fieldErrors, result.unknownFields);
  return then(result.request);
}

async function ficheAction(
  services: BotServices,
  caller: Caller,
  call: ActionCall,
): Promise<TabDetail> {
  const input = { ...valuesOf(call.body), ficheId: call.id };
  const svc = services.liaison.service;
  const result: Decided =
    call.action === 'accepter'
      ? await svc.accept(caller, input)
      : call.action === 'rediriger'
        ? await svc.redirect(caller, input)
        : await svc.close(caller, input);
  let message = frTab.done[call.action];
  if ('alreadyDecided' in result) {
    const f = result.alreadyDecided;
    const request = f.requestId ? await services.store.requests.get(f.requestId) : undefined;
    const what = decisionText(f, await ficheNames(services.store, f), request?.number);
    // The caller's own decision (a double click): said as it stands, nothing changed.
    if (f.decidedBy === caller.aadObjectId) message = what;
    else
      throw new TabError(
        409,
        'E_FICHE_ALREADY_DECIDED',
        format(frLiaison.alreadyDecided, { what }),
      );
  } else if (!result.ok) throw invalid(result.fieldErrors, result.unknownFields);
  const fiche = 'alreadyDecided' in result ? result.alreadyDecided : result.fiche;
  if (fiche.mlId === caller.person?.structureId)
    return { ...(await ficheDetail(services, caller, fiche, 'ml')), message };
  // Redirected: the advisor's ML no longer sees the person, only what became of the fiche.
  const { person: _hidden, ...item } = ficheItem(
    fiche,
    await structureNames(services.store),
    services.clock.now(),
  );
  return { ...item, version: 1, timeline: [], fields: [], actions: [], message };
}
