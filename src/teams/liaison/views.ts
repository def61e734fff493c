/**
 * What each card shows of a fiche de liaison. The neutral card carries no personal data (it is
 * the one Teams stores); the detail card is only an invoke answer to a viewer of the two
 * structures concerned (the DT, and the ML the fiche is addressed to now).
 */
import { randomUUID } from 'node:crypto';
import { FLOW1_FIELDS, toFrDate } from '../../domain/fields';
import { SANS_SUITE_REASONS, type FicheRecord } from '../../domain/liaison';
import { ownValue } from '../../domain/lookup';
import type { StructureRecord } from '../../domain/model';
import type { FieldErrors } from '../../domain/schemas';
import { plainText } from '../../domain/text';
import { format, fr, frDateTime } from '../../i18n/fr';
import { frLiaison as t } from '../../i18n/fr-liaison';
import { renderCard, type Card } from '../cards/render';

export interface FicheNames {
  dt: StructureRecord | undefined;
  ml: StructureRecord | undefined;
}

const LABELS = { ...fr.labels, ...t.labels };

function errorTexts(fields: readonly string[], errors: FieldErrors = {}): Record<string, string> {
  return Object.fromEntries(
    fields.map((f) => [
      f,
      ownValue(errors, f) ? (ownValue(fr.fields, errors[f]) ?? fr.fields.E_FIELD_INVALID) : '',
    ]),
  );
}

function stringValues(fields: readonly string[], values: Record<string, unknown> = {}) {
  return Object.fromEntries(fields.map((f) => [f, plainText(values[f])]));
}

const FORM_FIELDS = [...FLOW1_FIELDS, 'residence', 'mlId'];

/** The `/liaison` form, blank or re-rendered with what was typed, what is wrong, and ML choices. */
export function ficheFormCard(
  values?: Record<string, unknown>,
  errors?: FieldErrors,
  message = '',
  choices: StructureRecord[] = [],
): Card {
  const formId = typeof values?.formId === 'string' && values.formId ? values.formId : randomUUID();
  return renderCard('liaison-formulaire', {
    formId,
    title: t.formTitle,
    intro: t.formIntro,
    submit: t.submit,
    message,
    required: fr.fields.E_FIELD_REQUIRED,
    labels: LABELS,
    mlChoices: choices.map((m) => ({ title: m.name, value: m.id })),
    values: stringValues(FORM_FIELDS, values),
    errors: errorTexts(FORM_FIELDS, errors),
  });
}

function baseFacts(f: FicheRecord, n: FicheNames) {
  return [
    { title: t.facts.status, value: t.status[f.status] },
    { title: t.facts.dt, value: n.dt?.name ?? f.dtId },
    { title: t.facts.ml, value: n.ml?.name ?? f.mlId },
  ];
}

/** The card Teams stores: number, structures, status; the detail comes through refresh. */
export function ficheNeutralCard(
  f: FicheRecord,
  n: FicheNames,
  userIds: string[],
  headline = '',
  message = '',
): Card {
  return renderCard('liaison-neutre', {
    title: format(t.title, { number: f.number }),
    headline,
    message,
    facts: baseFacts(f, n),
    ficheId: f.id,
    userIds,
    detailButton: t.detailButton,
  });
}

/** What happened to a decided fiche, in one line (no personal data: names of staff only). */
export function decisionText(f: FicheRecord, n: FicheNames, requestNumber = ''): string {
  const who = { name: f.decidedByName ?? '', date: f.decidedAt ? frDateTime(f.decidedAt) : '' };
  if (f.status === 'acceptee')
    return format(t.acceptedHeadline, { ...who, request: requestNumber });
  if (f.status === 'redirigee')
    return format(t.redirectedHeadline, { ...who, ml: n.ml?.name ?? f.mlId });
  if (f.status === 'sans_suite')
    return format(t.closedHeadline, { ...who, reason: f.reason ? t.reasons[f.reason] : '' });
  return '';
}

export interface FicheDetailOptions {
  side: 'ml' | 'dt';
  userIds: string[];
  /** Other MLs of the partnership the fiche may be redirected to. */
  redirectTo: StructureRecord[];
  requestNumber?: string;
  headline?: string;
  message?: string;
  values?: Record<string, unknown>;
  errors?: FieldErrors;
  /** A signed link to the signatory's PDF, just made for this viewer. */
  pdf?: { url: string; expiresAt: string; uses: number };
}

/** The detailed card: identity for the two structures, the ML's decisions while it is open. */
export function ficheDetailCard(f: FicheRecord, n: FicheNames, o: FicheDetailOptions): Card {
  const facts = [
    ...baseFacts(f, n),
    { title: t.facts.departement, value: f.departement },
    { title: t.facts.createdAt, value: frDateTime(f.createdAt) },
  ];
  if (o.requestNumber) facts.push({ title: t.facts.request, value: o.requestNumber });
  const i = f.identity;
  if (i)
    facts.push(
      { title: fr.labels.civilite, value: i.civilite },
      { title: fr.labels.nom, value: i.nom },
      { title: fr.labels.prenom, value: i.prenom },
      { title: fr.labels.dateNaissance, value: toFrDate(i.dateNaissance) },
      { title: fr.labels.numeroCir, value: i.numeroCir },
    );
  else facts.push({ title: 'Données personnelles', value: fr.errors.E_REQUEST_ERASED });
  const open = f.status === 'proposee' || f.status === 'redirigee';
  const canDecide = o.side === 'ml' && open && !!i;
  const decided = decisionText(f, n, o.requestNumber);
  return renderCard('liaison-detail', {
    title: format(t.title, { number: f.number }),
    headline: o.headline ?? decided,
    message: o.message ?? '',
    ficheId: f.id,
    userIds: o.userIds,
    facts,
    canDecide,
    canRedirect: canDecide && o.redirectTo.length > 0,
    canPdf: o.side === 'dt' && !!i && !!n.ml,
    redirectChoices: o.redirectTo.map((m) => ({ title: m.name, value: m.id })),
    reasonChoices: SANS_SUITE_REASONS.map((r) => ({ title: t.reasons[r], value: r })),
    labels: LABELS,
    values: stringValues(['targetMlId', 'reason'], o.values),
    errors: errorTexts(['targetMlId', 'reason'], o.errors),
    pdfUrl: o.pdf?.url ?? '',
    pdfReady: o.pdf
      ? format(t.pdfReady, { expires: frDateTime(o.pdf.expiresAt), uses: o.pdf.uses })
      : '',
    buttons: {
      accept: t.acceptButton,
      redirect: t.redirectButton,
      close: t.closeButton,
      pdf: t.pdfButton,
      pdfOpen: t.pdfOpen,
      refresh: t.refreshButton,
    },
  });
}
