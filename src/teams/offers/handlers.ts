/**
 * `/offres [texte]` and the offer verbs (issue 14 §4): browse and search the partners' sheets,
 * open one (a fresh signed link to its PDF), publish, edit and withdraw the caller's
 * structure's sheets. Every handler re-checks the caller on the server.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors';
import type { Caller } from '../../domain/model';
import { publisherStructure } from '../../domain/offers-access';
import { format, fr } from '../../i18n/fr';
import { frOffers } from '../../i18n/fr-offers';
import type { Card } from '../cards/render';
import { sentFile } from '../edge/file-attachment';
import type { BotServices, CommandHandler, VerbHandler } from '../feature';
import type { FormData, OfferPage, OfferRef } from '../verb-data';
import { receivePdf } from './file';
import { formCard, listCard, offerValues, sheetCard } from './views';

const t = frOffers.ui;

async function canPublish(services: BotServices, caller: Caller): Promise<boolean> {
  try {
    await publisherStructure(services.store, caller, services.config.allowedTenants);
    return true;
  } catch (err) {
    if (err instanceof DomainError) return false;
    throw err;
  }
}

async function list(
  services: BotServices,
  caller: Caller,
  o: { query: string; page: number; partnershipId?: string; message?: string },
): Promise<Card> {
  const result = await services.offers.service.browse(caller, o);
  let title: string | undefined;
  if (o.partnershipId) {
    const p = await services.store.directory.getPartnership(o.partnershipId);
    const dt = p && (await services.store.directory.getStructure(p.dtId));
    title = t.titleOf(p?.name ?? dt?.name ?? o.partnershipId);
  }
  return listCard({
    page: result,
    names: result.names,
    query: o.query,
    partnershipId: o.partnershipId ?? '',
    title,
    message: o.message,
    canPublish: await canPublish(services, caller),
  });
}

/** `offres [texte]`: the list, searched; with a PDF attached, the publish form holding it. */
export const offersCommand: CommandHandler = async ({ caller, args, activity, services }) => {
  const file = sentFile(activity);
  if (!file) return list(services, caller, { query: args, page: 1 });
  if (activity.conversation.conversationType !== 'personal')
    throw new DomainError('E_OFFER_PERSONAL_ONLY');
  const received = await receivePdf(services, caller, file);
  if (!received.ok) return received.card;
  return formCard({ pending: received.draft, offer: null, values: {}, formId: randomUUID() });
};

/** Search and paging (also the comité technique's "Offres de service du partenariat"). */
export const offersPage: VerbHandler<OfferPage> = async ({ caller, data, services }) =>
  list(services, caller, {
    query: data.q,
    page: data.page,
    partnershipId: data.partnershipId || undefined,
  });

/** One sheet, with a PDF link minted for this reader now. */
export const openOffer: VerbHandler<OfferRef> = async ({ caller, data, services }) => {
  const { offer, mine } = await services.offers.service.get(caller, data.offerId);
  return sheet(services, offer.id, mine, {});
};

async function sheet(
  services: BotServices,
  offerId: string,
  mine: boolean,
  extra: { headline?: string; confirm?: boolean },
): Promise<Card> {
  const offer = await services.store.offers.get(offerId);
  if (!offer) throw new DomainError('E_OFFER_NOT_FOUND', { offerId });
  const names = await services.offers.service.names([offer.structureId]);
  const pdf = offer.fileName && !offer.link ? services.offers.pdfLink(offer.id) : undefined;
  return sheetCard({
    offer,
    structureName: names.get(offer.structureId) ?? offer.structureId,
    mine,
    pdfUrl: pdf,
    pdfMinutes: services.offers.linkMinutes,
    ...extra,
  });
}

/** A blank publish form (a PDF sent to the bot meanwhile will be joined); stores nothing. */
export const newOfferForm: VerbHandler = async ({ caller, services }) => {
  const { pending } = await services.offers.service.form(caller, null);
  return formCard({ pending, offer: null, values: {}, formId: randomUUID() });
};

/** The form pre-filled with a sheet of the caller's structure. */
export const editOfferForm: VerbHandler<OfferRef> = async ({ caller, data, services }) => {
  const { offer, pending } = await services.offers.service.form(caller, data.offerId);
  if (!offer) throw new DomainError('E_OFFER_NOT_FOUND', { offerId: data.offerId });
  return formCard({ pending, offer, values: offerValues(offer), formId: randomUUID() });
};

/** Publish or edit submit: the sheet, or the form again with what is wrong and what was typed. */
export const saveOffer: VerbHandler<FormData> = async ({ caller, data, services }) => {
  const result = await services.offers.service.save(caller, data);
  if (!result.ok) {
    const offerId = typeof data.offerId === 'string' ? data.offerId : '';
    const offer = offerId ? await services.offers.service.getOwn(caller, offerId) : null;
    services.logger.info(
      {
        code: 'E_INVALID_INPUT',
        userId: caller.aadObjectId,
        fields: Object.keys(result.fieldErrors),
      },
      'offer form refused',
    );
    return formCard({
      pending: result.draft,
      offer,
      values: result.values,
      errors: result.fieldErrors,
      message: result.unknownFields.length
        ? format(fr.errors.E_FIELDS_NOT_ALLOWED, { fields: result.unknownFields.join(', ') })
        : fr.errors.E_INVALID_INPUT,
      formId: typeof data.formId === 'string' && data.formId ? data.formId : randomUUID(),
    });
  }
  const edited = typeof data.offerId === 'string' && data.offerId !== '';
  return sheet(services, result.offer.id, true, { headline: edited ? t.updated : t.published });
};

/** "Retirer la fiche ?": its people only, nothing changes before the confirmation. */
export const confirmWithdrawOffer: VerbHandler<OfferRef> = async ({ caller, data, services }) => {
  const offer = await services.offers.service.getOwn(caller, data.offerId);
  return sheet(services, offer.id, true, { confirm: true });
};

/** Withdraws: the sheet and its PDF are erased; a second click says it was already done. */
export const withdrawOffer: VerbHandler<OfferRef> = async ({ caller, data, services }) => {
  const removed = await services.offers.service.withdraw(caller, data.offerId);
  return list(services, caller, {
    query: '',
    page: 1,
    message: removed ? t.withdrawn : t.alreadyWithdrawn,
  });
};
