/**
 * What each card shows of a request. The neutral card carries no personal data (it is the one
 * stored in Teams); the detail card is only ever an invoke answer to an authorised viewer.
 */
import { FLOW1_FIELDS, FLOW2_FIELDS, FLOW3_FIELDS, toFrDate } from '../../domain/fields';
import type { RequestRecord, StructureRecord } from '../../domain/model';
import { choicesOf, labelOf, type Referentials } from '../../domain/referentials';
import type { FieldErrors } from '../../domain/schemas';
import type { FormContext } from '../../domain/requests';
import { format, fr, frDateTime } from '../../i18n/fr';
import { frLiaison } from '../../i18n/fr-liaison';
import { renderCard, type Card } from '../cards/render';
import { ownValue } from '../../domain/lookup';
import { plainText } from '../../domain/text';
import { lifeActions, lifeFacts, motifChoices, updatedFacts } from '../request-life/facts';

export interface Names {
  ml: StructureRecord | undefined;
  dt: StructureRecord | undefined;
}

/** Field errors as French text, one per field, every field present for the template. */
export function errorTexts(
  fields: readonly string[],
  errors: FieldErrors = {},
): Record<string, string> {
  return Object.fromEntries(
    fields.map((f) => [
      f,
      ownValue(errors, f) ? (ownValue(fr.fields, errors[f]) ?? fr.fields.E_FIELD_INVALID) : '',
    ]),
  );
}

export function stringValues(
  fields: readonly string[],
  values: Record<string, unknown> = {},
): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f, plainText(values[f])]));
}

/** The flow-1 form, blank or re-rendered with what the user typed and what is wrong. */
export function formCard(
  ctx: FormContext,
  values?: Record<string, unknown>,
  errors?: FieldErrors,
  message = '',
): Card {
  const fields = [...FLOW1_FIELDS, 'motif', 'dtId'];
  return renderCard('demande-formulaire', {
    title: fr.request.formTitle,
    intro: fr.request.formIntro,
    submit: fr.request.submit,
    message,
    labels: { ...fr.labels, motif: fr.life.motifLabel },
    motifChoices: motifChoices(),
    motifRequired: fr.fields.E_FIELD_REQUIRED,
    dtChoices: ctx.dts.map((d) => ({ title: d.name, value: d.id })),
    values: { ...stringValues(fields, values), dtId: plainText(values?.dtId ?? ctx.defaultDtId) },
    errors: errorTexts(fields, errors),
  });
}

/** The card Teams stores: number, structures, status; details come through refresh. */
export function neutralCard(
  r: RequestRecord,
  names: Names,
  userIds: string[],
  headline = '',
  message = '',
): Card {
  return renderCard('demande-neutre', {
    title: format(fr.request.neutralTitle, { number: r.number }),
    headline,
    message,
    ml: names.ml?.name ?? r.mlId,
    dt: names.dt?.name ?? r.dtId,
    statusLabel: fr.status[r.status],
    requestId: r.id,
    userIds,
    detailButton: fr.request.detailButton,
  });
}

export interface DetailOptions {
  side: 'ml' | 'dt';
  refs: Referentials;
  userIds: string[];
  headline?: string;
  message?: string;
  values?: Record<string, unknown>;
  errors?: FieldErrors;
  /** How long the DT took or has been taking (issue 5), for the advisor. */
  delay?: string;
}

/** The detailed card for a viewer of one of the two structures concerned. */
export function detailCard(r: RequestRecord, names: Names, o: DetailOptions): Card {
  const i = r.identity;
  const facts = [
    { title: 'Statut', value: fr.status[r.status] },
    { title: 'Mission Locale', value: names.ml?.name ?? r.mlId },
    { title: 'DT OFII', value: names.dt?.name ?? r.dtId },
    { title: 'Transmise le', value: frDateTime(r.createdAt) },
    ...lifeFacts(r),
  ];
  if (o.delay) facts.push({ title: fr.committees.delay.label, value: o.delay });
  if (i) {
    facts.push(
      { title: fr.labels.civilite, value: i.civilite },
      { title: fr.labels.nom, value: i.nom },
      { title: fr.labels.prenom, value: i.prenom },
      { title: fr.labels.dateNaissance, value: toFrDate(i.dateNaissance) },
      { title: fr.labels.numeroCir, value: i.numeroCir },
    );
  } else {
    facts.push({ title: 'Données personnelles', value: fr.errors.E_REQUEST_ERASED });
  }
  const a = r.answer;
  const answerFacts = a
    ? [
        {
          title: fr.labels.positionnementLinguistique,
          value: labelOf(o.refs, 'positionnementLinguistique', a.positionnementLinguistique),
        },
        {
          title: fr.labels.prescriptionInitiale,
          value: labelOf(o.refs, 'prescriptionInitiale', a.prescriptionInitiale),
        },
        { title: fr.labels.heuresFL, value: String(a.heuresFL) },
        { title: fr.labels.journeesFC, value: String(a.journeesFC) },
        {
          title: 'Répondu par',
          value: `${r.answeredByName ?? ''} — ${r.answeredAt ? frDateTime(r.answeredAt) : ''}`,
        },
        ...updatedFacts(r),
      ]
    : [];
  const canAnswer = o.side === 'dt' && r.status === 'transmise' && !!i;
  const open = r.status !== 'annulee' && !!i;
  // The ML's prescription follows the DT's answer (flows 3 and 4); before it, the form would only
  // confuse.
  const canPrescribe = o.side === 'ml' && open && r.status !== 'transmise';
  const canAskFollowUp = o.side === 'dt' && open && r.status !== 'transmise';
  // The DT side records a fiche de liaison from its cards too (issue 13 §6).
  const canFiche = o.side === 'dt';
  const prescriptionFacts = r.prescriptionML
    ? [
        {
          title: fr.labels.prescriptionML,
          value: labelOf(o.refs, 'prescriptionML', r.prescriptionML),
        },
        { title: 'Indiquée le', value: r.prescribedAt ? frDateTime(r.prescribedAt) : '' },
      ]
    : [];
  return renderCard('demande-detail', {
    title: format(fr.request.neutralTitle, { number: r.number }),
    headline: o.headline ?? '',
    message: o.message ?? '',
    requestId: r.id,
    cardVersion: r.version ?? 1,
    userIds: o.userIds,
    life: lifeActions(r, o.side),
    facts,
    answerFacts,
    canAnswer,
    answerButton: fr.request.answerButton,
    prescriptionFacts,
    canPrescribe,
    canAskFollowUp,
    canFiche,
    ficheButton: frLiaison.newFicheButton,
    pathway: fr.pathway,
    labels: fr.labels,
    choices: {
      positionnementLinguistique: choicesOf(o.refs, 'positionnementLinguistique'),
      prescriptionInitiale: choicesOf(o.refs, 'prescriptionInitiale'),
      prescriptionML: choicesOf(o.refs, 'prescriptionML'),
    },
    values: stringValues([...FLOW2_FIELDS, ...FLOW3_FIELDS], {
      prescriptionML: r.prescriptionML,
      ...o.values,
    }),
    errors: errorTexts([...FLOW2_FIELDS, ...FLOW3_FIELDS], o.errors),
  });
}
