/** The request flow's commands and verbs (DESIGN.md §3): flow 1, refresh, flow 2, /suivi. */
import { openItemsCommand } from './open-items';
import { DomainError } from '../../domain/errors';
import type { RequestRecord } from '../../domain/model';
import { format, fr, frDateTime } from '../../i18n/fr';
import type { Store } from '../../storage/store';
import { viewerIds } from '../audience';
import { requestDelay } from './delay-view';
import type { CommandHandler, VerbHandler } from '../feature';
import { detailCard, formCard, neutralCard, type Names } from './views';
import { plainText } from '../../domain/text';
import type { RequestRef } from '../verb-data';
import { staleAnswer } from '../request-life/stale-answer';
import { auditRefusal } from '../edge/audit-refusal';

async function names(store: Store, r: RequestRecord): Promise<Names> {
  return {
    ml: await store.directory.getStructure(r.mlId),
    dt: await store.directory.getStructure(r.dtId),
  };
}

/** Flow 1 submit: the request is stored and routed, or the form comes back with its errors. */
export const createRequest: VerbHandler = async ({ caller, data, activity, services }) => {
  const conversationId = activity.conversation.id;
  const reference = (await services.store.references.get('conversation', conversationId)) ?? {};
  const result = await services.requests.create(caller, data, {
    conversationId,
    activityId: activity.replyToId ?? null,
    reference,
  });
  if (!result.ok) {
    const form = await services.requests.formContext(caller);
    const message = result.unknownFields.length
      ? format(fr.errors.E_FIELDS_NOT_ALLOWED, { fields: result.unknownFields.join(', ') })
      : fr.errors.E_INVALID_INPUT;
    return formCard(form, result.values, result.fieldErrors, message);
  }
  const r = result.request;
  const n = await names(services.store, r);
  return detailCard(r, n, {
    side: 'ml',
    refs: services.referentials,
    userIds: await viewerIds(services.store, r),
    headline: format(fr.request.createdHeadline, { dt: n.dt?.name ?? r.dtId }),
  });
};

/**
 * The refresh (automatic or "Voir le détail"): details for the two structures, neutral for others.
 */
export const refreshRequestCard: VerbHandler<RequestRef> = async ({ caller, data, services }) => {
  const requestId = data.requestId;
  const existing = await services.store.requests.get(requestId);
  if (!existing) throw new DomainError('E_REQUEST_NOT_FOUND', { requestId });
  const userIds = await viewerIds(services.store, existing);
  const n = await names(services.store, existing);
  // A detail refused (an outsider, a tenant mismatch) is an audit event too; a read shown is
  // recorded by the service.
  const refused = (code: string) =>
    auditRefusal(services, caller, { action: 'request.read', code, outcome: 'refused', requestId });
  try {
    const { request, side } = await services.requests.view(caller, requestId);
    if (!side) {
      await refused('E_NOT_CONCERNED');
      return neutralCard(request, n, userIds, '', fr.request.outsider);
    }
    const delay = side === 'ml' ? await requestDelay(services, request) : undefined;
    return detailCard(request, n, { side, refs: services.referentials, userIds, delay });
  } catch (err) {
    if (err instanceof DomainError) {
      await refused(err.code);
      return neutralCard(existing, n, userIds, '', fr.errors[err.code]);
    }
    throw err;
  }
};

/** Flow 2 submit: the first answer wins; the DT card becomes a read-only summary. */
export const answerRequest: VerbHandler = async ({ caller, data, services }) => {
  const result = await services.requests.answer(caller, data);
  if ('alreadyAnswered' in result)
    return staleAnswer(services, caller.aadObjectId, result.alreadyAnswered, data);
  const requestId = plainText(data.requestId);
  if (!result.ok) {
    const r = await services.store.requests.get(requestId);
    if (!r) throw new DomainError('E_REQUEST_NOT_FOUND', { requestId });
    const message = result.unknownFields.length
      ? format(fr.errors.E_FIELDS_NOT_ALLOWED, { fields: result.unknownFields.join(', ') })
      : fr.errors.E_INVALID_INPUT;
    return detailCard(r, await names(services.store, r), {
      side: 'dt',
      refs: services.referentials,
      userIds: await viewerIds(services.store, r),
      values: result.values,
      errors: result.fieldErrors,
      message,
    });
  }
  const r = result.request;
  return detailCard(r, await names(services.store, r), {
    side: 'dt',
    refs: services.referentials,
    userIds: await viewerIds(services.store, r),
    headline: format(fr.request.answeredBy, {
      name: r.answeredByName ?? '',
      date: r.answeredAt ? frDateTime(r.answeredAt) : '',
    }),
  });
};

/** `/demande CIR`: the flow-1 form, for an advisor of an ML in a partnership. */
export const openRequestForm: CommandHandler = async ({ caller, services }) =>
  formCard(await services.requests.formContext(caller));

/** `/suivi`: the neutral card of each matching request; details come through "Voir le détail". */
export const followUp: CommandHandler = async (ctx) => {
  const { caller, args, services } = ctx;
  // Without argument: what the caller's structure has in play (issue 13 §7).
  if (!args.trim()) return openItemsCommand(ctx);
  const found = await services.requests.find(caller, args);
  return Promise.all(
    found.map(async (r) =>
      neutralCard(r, await names(services.store, r), await viewerIds(services.store, r)),
    ),
  );
};
