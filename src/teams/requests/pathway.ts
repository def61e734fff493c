/**
 * Flows 3 and 4 on the detail card: the ML's prescription, the DT's request for the rest of the
 * pathway.
 */
import { DomainError } from '../../domain/errors';
import type { RequestRecord } from '../../domain/model';
import { format, fr } from '../../i18n/fr';
import type { BotServices, VerbHandler } from '../feature';
import { viewerIds } from '../audience';
import { detailCard, type DetailOptions } from './views';
import { plainText } from '../../domain/text';
import type { RequestRef } from '../verb-data';

async function render(
  services: BotServices,
  r: RequestRecord,
  side: 'ml' | 'dt',
  extra: Partial<DetailOptions> = {},
) {
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

/** Flow 3 submit, from the advisor's detail card. */
export const prescribe: VerbHandler = async ({ caller, data, services }) => {
  const result = await services.pathway.prescribe(caller, data);
  if (result.ok)
    return render(services, result.request, 'ml', { headline: fr.pathway.prescribedDone });
  const requestId = plainText(data.requestId);
  const r = await services.store.requests.get(requestId);
  if (!r) throw new DomainError('E_REQUEST_NOT_FOUND', { requestId });
  const message = result.unknownFields.length
    ? format(fr.errors.E_FIELDS_NOT_ALLOWED, { fields: result.unknownFields.join(', ') })
    : fr.errors.E_INVALID_INPUT;
  return render(services, r, 'ml', { values: result.values, errors: result.fieldErrors, message });
};

/** Flow 4, from the DT's detail card. */
export const askFollowUp: VerbHandler<RequestRef> = async ({ caller, data, services }) => {
  const r = await services.pathway.askFollowUp(caller, data.requestId);
  return render(services, r, 'dt', { headline: fr.pathway.followUpDone });
};
