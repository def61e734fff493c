/**
 * The verbs of a request's life (issue 13 §2–4): open and submit the correction, cancellation
 * and update forms, show the figures' history. A stale submit answers with the request as it is
 * now, one line saying what happened, and the typed values kept where the form still applies.
 */
import type { RequestRecord } from '../../domain/model';
import type { LifeResult } from '../../domain/request-life';
import { format, fr } from '../../i18n/fr';
import { viewerIds } from '../audience';
import type { Card } from '../cards/render';
import type { BotServices, VerbHandler } from '../feature';
import { detailCard, type DetailOptions } from '../requests/views';
import type { RequestRef } from '../verb-data';
import { lifeActions, staleLine } from './facts';
import { cancelCard, correctionCard, historyCard, updateCard, type FormState } from './views';

const t = fr.life;
const DONE = {
  'demande.corriger': t.done.corrected,
  'demande.annuler': t.done.cancelled,
  'demande.mettreAJour': t.done.updated,
};

/** The request's detail card for one side, as the other views draw it. */
export async function detailFor(
  services: BotServices,
  r: RequestRecord,
  side: 'ml' | 'dt',
  extra: Partial<DetailOptions> = {},
): Promise<Card> {
  const names = {
    ml: await services.store.directory.getStructure(r.mlId),
    dt: await services.store.directory.getStructure(r.dtId),
  };
  return detailCard(r, names, {
    side,
    refs: services.referentials,
    userIds: await viewerIds(services.store, r),
    ...extra,
  });
}

/** The French message of a refused submit: unknown fields first, else "some fields are wrong". */
function invalidMessage(unknownFields: string[]): string {
  return unknownFields.length
    ? format(fr.errors.E_FIELDS_NOT_ALLOWED, { fields: unknownFields.join(', ') })
    : fr.errors.E_INVALID_INPUT;
}

/** The operator's line for a stale submit: ids and kinds only. */
export function logStale(services: BotServices, r: RequestRecord, action: string): void {
  services.logger.info(
    {
      code: 'STALE_CARD',
      action,
      requestId: r.id,
      version: r.version,
      lastChange: r.lastChange?.kind,
    },
    'stale card submit: nothing changed',
  );
}

/** The stale line, and the invitation to send again when the typed values are kept. */
export const staleKeep = (r: RequestRecord): string => `${staleLine(r)} ${t.stale.keep}`;

/**
 * A submit's outcome as a card: `form` redraws the form (refused or stale values kept), `still`
 * says whether the form still applies to the request as it is now.
 */
async function answerWith(
  services: BotServices,
  result: LifeResult,
  side: 'ml' | 'dt',
  action: 'demande.corriger' | 'demande.annuler' | 'demande.mettreAJour',
  form: (r: RequestRecord, s: FormState) => Card,
  still: (r: RequestRecord) => boolean,
): Promise<Card> {
  const r = result.request;
  if (result.kind === 'done')
    return detailFor(services, r, side, {
      headline: result.unchanged ? t.done.unchanged : DONE[action],
    });
  if (result.kind === 'invalid')
    return form(r, {
      values: result.values,
      errors: result.fieldErrors,
      message: invalidMessage(result.unknownFields),
    });
  logStale(services, r, action);
  if (still(r)) return form(r, { values: result.values, message: staleKeep(r) });
  return detailFor(services, r, side, { message: staleLine(r) });
}

export const openCorrection: VerbHandler<RequestRef> = async ({ caller, data, services }) =>
  correctionCard(await services.requestLife.openCorrection(caller, data.requestId));

export const correctRequest: VerbHandler = async ({ caller, data, services }) =>
  answerWith(
    services,
    await services.requestLife.correct(caller, data),
    'ml',
    'demande.corriger',
    correctionCard,
    (r) => lifeActions(r, 'ml').canCorrect,
  );

export const openCancel: VerbHandler<RequestRef> = async ({ caller, data, services }) =>
  cancelCard((await services.requestLife.openCancel(caller, data.requestId)).request);

export const cancelRequest: VerbHandler = async ({ caller, data, services }) => {
  const result = await services.requestLife.cancel(caller, data);
  return answerWith(
    services,
    result,
    result.side,
    'demande.annuler',
    cancelCard,
    (r) => lifeActions(r, result.side).canCancel,
  );
};

export const openUpdate: VerbHandler<RequestRef> = async ({ caller, data, services }) =>
  updateCard(await services.requestLife.openUpdate(caller, data.requestId), services.referentials);

export const updateRequest: VerbHandler = async ({ caller, data, services }) =>
  answerWith(
    services,
    await services.requestLife.update(caller, data),
    'dt',
    'demande.mettreAJour',
    (r, s) => updateCard(r, services.referentials, s),
    (r) => lifeActions(r, 'dt').canUpdate,
  );

export const showHistory: VerbHandler<RequestRef> = async ({ caller, data, services }) => {
  const { request, versions } = await services.requestLife.history(caller, data.requestId);
  return historyCard(request, versions, services.referentials);
};
