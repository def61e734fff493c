/** The fiche de liaison's command and verbs (DESIGN.md §3 flow 5). */
import { randomBytes } from 'node:crypto';
import { auditRefusal } from '../edge/audit-refusal';
import { DomainError } from '../../domain/errors';
import type { FicheRecord } from '../../domain/liaison';
import type { Decided, FicheSaved } from '../../domain/liaison-service';
import type { Caller, StructureRecord } from '../../domain/model';
import { plainText } from '../../domain/text';
import { displayPhone } from '../../domain/contact-fields';
import { renderLiaisonPdf } from '../../files/liaison-pdf';
import { format, fr } from '../../i18n/fr';
import { frLiaison as t } from '../../i18n/fr-liaison';
import type { Card } from '../cards/render';
import type { BotServices, CommandHandler, VerbHandler } from '../feature';
import type { FicheRef, FormData, RequestRef } from '../verb-data';
import { ficheNames, ficheViewerIds } from './notifier';
import { decisionText, ficheDetailCard, ficheFormCard, ficheNeutralCard } from './views';
import { LIAISON_PDF_PATH } from './wiring';

/** `/liaison`: the form, for a correspondent of a DT in a partnership. */
export const openFicheForm: CommandHandler = async ({ caller, services }) => {
  await services.liaison.service.formContext(caller);
  return ficheFormCard();
};

/** "Nouvelle fiche de liaison" on a DT's request card: the same form, in place of the card. */
export const newFicheFromCard: VerbHandler<RequestRef> = async ({ caller, services }) => {
  await services.liaison.service.formContext(caller);
  return ficheFormCard();
};

/** The operator's line for a refusal the user sees on the card: codes and field names only. */
function logRefusal(
  services: BotServices,
  caller: Caller,
  action: string,
  r: { fieldErrors: Record<string, string>; unknownFields: string[] },
): void {
  services.logger.warn(
    {
      code: r.unknownFields.length ? 'E_FIELDS_NOT_ALLOWED' : 'E_INVALID_INPUT',
      action,
      fields: Object.entries(r.fieldErrors).map(([field, code]) => `${field}:${code}`),
      unknownFields: r.unknownFields.map((f) => f.slice(0, 40)),
      userId: caller.aadObjectId,
    },
    'fiche de liaison input refused',
  );
}

function refusalMessage(unknownFields: string[]): string {
  return unknownFields.length
    ? format(fr.errors.E_FIELDS_NOT_ALLOWED, { fields: unknownFields.join(', ') })
    : fr.errors.E_INVALID_INPUT;
}

/** Other MLs of the fiche's partnership, for the redirect choice. */
async function redirectTargets(services: BotServices, f: FicheRecord): Promise<StructureRecord[]> {
  const p = await services.store.directory.getPartnership(f.partnershipId);
  const mls: StructureRecord[] = [];
  for (const id of p?.mlIds ?? []) {
    const ml = id === f.mlId ? undefined : await services.store.directory.getStructure(id);
    if (ml) mls.push(ml);
  }
  return mls;
}

interface Extra {
  headline?: string;
  message?: string;
  values?: Record<string, unknown>;
  errors?: Record<string, string>;
  pdf?: { url: string; expiresAt: string; uses: number };
}

async function detail(
  services: BotServices,
  f: FicheRecord,
  side: 'ml' | 'dt',
  extra: Extra = {},
): Promise<Card> {
  const request = f.requestId ? await services.store.requests.get(f.requestId) : undefined;
  return ficheDetailCard(f, await ficheNames(services.store, f), {
    side,
    userIds: await ficheViewerIds(services.store, f),
    redirectTo: await redirectTargets(services, f),
    requestNumber: request?.number,
    ...extra,
  });
}

/** Flow 5 submit: the fiche is stored and routed, or the form comes back with what to fix. */
export const createFiche: VerbHandler<FormData> = async ({ caller, data, activity, services }) => {
  const conversationId = activity.conversation.id;
  const reference = (await services.store.references.get('conversation', conversationId)) ?? {};
  const result: FicheSaved = await services.liaison.service.create(caller, data, {
    conversationId,
    activityId: activity.replyToId ?? null,
    reference,
  });
  if (!result.ok) {
    logRefusal(services, caller, 'liaison.creer', result);
    const choice = result.fieldErrors.mlId === 'E_ML_CHOICE_NEEDED';
    const message = choice ? t.fields.E_ML_CHOICE_NEEDED : refusalMessage(result.unknownFields);
    return ficheFormCard(result.values, result.fieldErrors, message, result.choices);
  }
  const f = result.fiche;
  const names = await ficheNames(services.store, f);
  return detail(services, f, 'dt', {
    headline: format(t.createdHeadline, { ml: names.ml?.name ?? f.mlId }),
  });
};

/** The refresh and "Voir le détail": details for the two structures, neutral for others. */
export const viewFiche: VerbHandler<FicheRef> = async ({ caller, data, services }) => {
  const existing = await services.store.fiches.get(data.ficheId);
  if (!existing) throw new DomainError('E_FICHE_NOT_FOUND', { ficheId: data.ficheId });
  const names = await ficheNames(services.store, existing);
  const userIds = await ficheViewerIds(services.store, existing);
  const refused = (code: string) =>
    auditRefusal(services, caller, {
      action: 'fiche.read',
      code: `${code} fiche=${existing.id}`,
      outcome: 'refused',
      requestId: existing.requestId ?? undefined,
    });
  try {
    const { fiche, side } = await services.liaison.service.view(caller, existing.id);
    if (!side) {
      await refused('E_NOT_CONCERNED');
      return ficheNeutralCard(fiche, names, userIds, '', t.outsider);
    }
    return detail(services, fiche, side);
  } catch (err) {
    if (err instanceof DomainError) {
      await refused(err.code);
      return ficheNeutralCard(existing, names, userIds, '', fr.errors[err.code]);
    }
    throw err;
  }
};

/** What an ML's decision answers: the fiche as it is now, with what happened or what to fix. */
async function decided(services: BotServices, caller: Caller, result: Decided): Promise<Card> {
  if (result.ok) {
    const f = result.fiche;
    if (f.mlId === caller.person?.structureId) return detail(services, f, 'ml');
    // Redirected: the advisor's ML no longer sees the identity, only what became of the fiche.
    const names = await ficheNames(services.store, f);
    const userIds = await ficheViewerIds(services.store, f);
    return ficheNeutralCard(f, names, userIds, decisionText(f, names));
  }
  if ('alreadyDecided' in result) {
    const f = result.alreadyDecided;
    services.logger.info(
      {
        code: 'E_FICHE_ALREADY_DECIDED',
        ficheId: f.id,
        status: f.status,
        userId: caller.aadObjectId,
      },
      'fiche de liaison already decided: nothing changed',
    );
    const mine = f.decidedBy === caller.aadObjectId;
    const names = await ficheNames(services.store, f);
    const request = f.requestId ? await services.store.requests.get(f.requestId) : undefined;
    const what = decisionText(f, names, request?.number);
    // The ML it left (redirected) sees what happened, without the identity.
    if (f.mlId !== caller.person?.structureId)
      return ficheNeutralCard(f, names, await ficheViewerIds(services.store, f), what);
    return detail(services, f, 'ml', {
      message: mine ? '' : format(t.alreadyDecided, { what }),
    });
  }
  logRefusal(services, caller, 'liaison.decision', result);
  const ficheId = plainText(result.values.ficheId);
  const f = await services.store.fiches.get(ficheId);
  if (!f) throw new DomainError('E_FICHE_NOT_FOUND', { ficheId });
  return detail(services, f, 'ml', {
    message: refusalMessage(result.unknownFields),
    values: result.values,
    errors: result.fieldErrors,
  });
}

export const acceptFiche: VerbHandler<FormData> = async ({ caller, data, services }) =>
  decided(services, caller, await services.liaison.service.accept(caller, data));

export const redirectFiche: VerbHandler<FormData> = async ({ caller, data, services }) =>
  decided(services, caller, await services.liaison.service.redirect(caller, data));

export const closeFiche: VerbHandler<FormData> = async ({ caller, data, services }) =>
  decided(services, caller, await services.liaison.service.close(caller, data));

const FR_LONG_DATE = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/**
 * The signatory's PDF, for the fiche's DT only: made now, kept only as long as its signed link
 * lives (the table files' purge erases it), never attached to a Teams message.
 */
export const fichePdf: VerbHandler<FicheRef> = async ({ caller, data, services }) => {
  const { fiche, side } = await services.liaison.service.view(caller, data.ficheId);
  if (side !== 'dt') throw new DomainError('E_FICHE_PDF_DT_ONLY', { ficheId: data.ficheId });
  const i = fiche.identity;
  if (!i) throw new DomainError('E_REQUEST_ERASED');
  const ml = await services.store.directory.getStructure(fiche.mlId);
  const contact = await services.store.structureContacts.get(fiche.mlId);
  const content = await renderLiaisonPdf(
    {
      signatory: `${i.civilite} ${i.prenom} ${i.nom}`,
      date: FR_LONG_DATE.format(new Date(fiche.createdAt)),
      mlName: ml?.name ?? fiche.mlId,
      address: contact?.postalAddress ?? null,
      phone: contact?.phone ? displayPhone(contact.phone) : null,
      openingHours: contact?.openingHours ?? null,
      referentName: contact?.referentName ?? null,
    },
    t.pdf,
  );
  const feature = services.liaison;
  const now = services.clock.now();
  const fileId = randomBytes(16).toString('base64url');
  const link = feature.links.sign(fileId, now);
  await services.store.transaction(async (tx) => {
    await tx.tableFiles.saveFile({
      id: fileId,
      owner: caller.aadObjectId,
      structureId: fiche.dtId,
      conversationId: '',
      fileName: format(t.pdf.fileName, { number: fiche.number }),
      content,
      createdAt: now.toISOString(),
      expiresAt: link.expiresAt.toISOString(),
      maxUses: feature.maxUses,
    });
    await tx.audit.record({
      at: now.toISOString(),
      actor: caller.aadObjectId,
      action: 'fiche.pdf',
      detail: fiche.id,
    });
  });
  return detail(services, fiche, 'dt', {
    pdf: {
      url: `${feature.publicUrl}${LIAISON_PDF_PATH}/${link.token}`,
      expiresAt: link.expiresAt.toISOString(),
      uses: feature.maxUses,
    },
  });
};
