/** The offers' cards (issue 14 §4): the searchable list, one sheet, the publish form. */
import type { OfferDraft, OfferRecord } from '../../domain/offer-records';
import { fr, frDateTime } from '../../i18n/fr';
import { frOffers, frSize } from '../../i18n/fr-offers';
import { renderCard, type Card } from '../cards/render';
import type { OfferPage } from '../../domain/offers';
import { ownValue } from '../../domain/lookup';

const t = frOffers.ui;

export interface ListView {
  page: OfferPage;
  names: Map<string, string>;
  query: string;
  partnershipId: string;
  title?: string;
  message?: string;
  messageColor?: 'Good' | 'Attention';
  canPublish: boolean;
}

/** The list: a search box, one line per sheet with "Ouvrir", paging, "Publier une fiche". */
export function listCard(v: ListView): Card {
  return renderCard('offres-liste', {
    title: v.title ?? t.title,
    message: v.message ?? (v.page.total === 0 && !v.query ? t.empty : ''),
    messageColor: v.messageColor ?? 'Good',
    query: v.query,
    summary: t.results(v.page.total, v.query),
    items: v.page.offers.map((o) => ({
      heading: o.title,
      subheading: `${v.names.get(o.structureId) ?? o.structureId} — ${o.audience}`,
      offerId: o.id,
    })),
    page: v.page.page,
    pages: v.page.pages,
    pageText: t.pageOf(v.page.page, v.page.pages),
    partnershipId: v.partnershipId,
    canPublish: v.canPublish,
    labels: {
      search: t.searchLabel,
      searchButton: t.searchButton,
      open: t.open,
      previous: t.previous,
      next: t.next,
      publish: t.publish,
    },
  });
}

export interface SheetView {
  offer: OfferRecord;
  structureName: string;
  mine: boolean;
  /** A fresh signed link to the PDF, when the sheet has one. */
  pdfUrl?: string;
  pdfMinutes?: number;
  headline?: string;
  message?: string;
  confirm?: boolean;
}

/** One sheet; its people see "Modifier" and "Retirer" (or the withdrawal's confirmation). */
export function sheetCard(v: SheetView): Card {
  const o = v.offer;
  const facts = [
    { title: t.labels.structure, value: v.structureName },
    { title: t.labels.public, value: o.audience },
    { title: t.labels.orienter, value: o.referral },
    { title: t.labels.contact, value: o.contact },
    {
      title: t.labels.document,
      value: o.link ?? (o.fileName ? `${o.fileName} (${frSize(o.fileSize ?? 0)})` : ''),
    },
    { title: t.labels.updated, value: frDateTime(o.updatedAt) },
  ];
  const url = o.link ?? v.pdfUrl ?? '';
  return renderCard('offres-fiche', {
    title: o.title,
    headline: v.headline ?? '',
    message: v.confirm ? t.confirmWithdraw(o.title) : (v.message ?? ''),
    facts,
    url,
    urlTitle: o.link ? t.openLink : t.openPdf(v.pdfMinutes ?? 0),
    mine: v.mine,
    confirm: v.confirm ?? false,
    offerId: o.id,
    labels: {
      edit: t.edit,
      withdraw: t.withdraw,
      confirmYes: t.confirmYes,
      confirmNo: t.confirmNo,
      back: t.back,
    },
  });
}

export interface FormView {
  /** A PDF sent and not yet joined: the form offers to join it. */
  pending: OfferDraft | undefined;
  /** The sheet being edited, or null for a new one. */
  offer: OfferRecord | null;
  values: Record<string, unknown>;
  errors?: Record<string, string>;
  message?: string;
  formId: string;
}

const FIELDS = ['titre', 'public', 'orienter', 'contact', 'lien'] as const;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The publish (or edit) form, with the values typed and one French message per wrong field. */
export function formCard(v: FormView): Card {
  const errors: Record<string, string> = {};
  for (const f of FIELDS) {
    const code = v.errors && Object.hasOwn(v.errors, f) ? v.errors[f] : '';
    errors[f] = code ? (ownValue(fr.fields, code) ?? fr.fields.E_FIELD_INVALID) : '';
  }
  const values: Record<string, string> = {};
  for (const f of FIELDS) values[f] = str(v.values[f]);
  const pdfNote = v.pending
    ? t.pdfAttached(v.pending.fileName, frSize(v.pending.fileSize))
    : v.offer?.fileName
      ? t.pdfKept(v.offer.fileName)
      : '';
  return renderCard('offres-formulaire', {
    title: v.offer ? t.editTitle : t.formTitle,
    message: v.message ?? '',
    labels: { ...t.labels, back: t.back },
    errorMessages: t.errorMessages,
    values,
    errors,
    pdfNote,
    pdfHelp: t.pdfHelp,
    submit: v.offer ? t.saveEdit : t.save,
    offerId: v.offer?.id ?? '',
    hasPending: !!v.pending,
    joinPdf: v.values.joindrePdf === 'false' ? 'false' : 'true',
    joinLabel: t.joinPdf,
    formId: v.formId,
  });
}

/** The form's values of an existing sheet. */
export function offerValues(o: OfferRecord): Record<string, string> {
  return {
    titre: o.title,
    public: o.audience,
    orienter: o.referral,
    contact: o.contact,
    lien: o.link ?? '',
  };
}
