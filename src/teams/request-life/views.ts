/**
 * The cards of a request's life (issue 13 §2–4): the correction, cancellation and update forms,
 * each carrying the request's version so that a stale submit changes nothing, and the history of
 * the DT's figures. Only ever invoke answers to a viewer of the two structures concerned.
 */
import { FLOW1_FIELDS, FLOW2_FIELDS, toFrDate } from '../../domain/fields';
import type { RequestRecord } from '../../domain/model';
import { choicesOf, labelOf, type Referentials } from '../../domain/referentials';
import { CANCEL_REASONS, type AnswerVersion } from '../../domain/request-life-codes';
import type { FieldErrors } from '../../domain/schemas';
import { plainText } from '../../domain/text';
import { format, fr, frDateTime } from '../../i18n/fr';
import { renderCard, type Card } from '../cards/render';
import { errorTexts, stringValues } from '../requests/views';
import { motifChoices } from './facts';

const t = fr.life;

export interface FormState {
  /** What the person typed (a refused or stale submit); else the request's current values. */
  values?: Record<string, unknown>;
  errors?: FieldErrors;
  message?: string;
}

/** The advisor's correction form: flow 1's fields and the motif, pre-filled. */
export function correctionCard(r: RequestRecord, s: FormState = {}): Card {
  const fields = [...FLOW1_FIELDS, 'motif'];
  const current = { ...(r.identity ?? {}), motif: r.motif ?? '' };
  return renderCard('demande-correction', {
    title: format(t.titles.correction, { number: r.number }),
    intro: t.intros.correction,
    message: s.message ?? '',
    labels: { ...fr.labels, motif: t.motifLabel },
    motifChoices: motifChoices(),
    motifRequired: fr.fields.E_FIELD_REQUIRED,
    values: stringValues(fields, s.values ?? current),
    errors: errorTexts(fields, s.errors),
    submit: t.buttons.sendCorrection,
    back: t.buttons.back,
    requestId: r.id,
    cardVersion: r.version ?? 1,
  });
}

/** The cancellation form: the reason, from the closed list. */
export function cancelCard(r: RequestRecord, s: FormState = {}): Card {
  return renderCard('demande-annulation', {
    title: format(t.titles.cancel, { number: r.number }),
    intro: t.intros.cancel,
    message: s.message ?? '',
    label: t.cancelLabel,
    required: fr.fields.E_FIELD_REQUIRED,
    selected: plainText(s.values?.motifAnnulation),
    choices: CANCEL_REASONS.map((c) => ({ title: t.cancelReasons[c], value: c })),
    error: errorTexts(['motifAnnulation'], s.errors).motifAnnulation,
    submit: t.buttons.sendCancel,
    back: t.buttons.back,
    requestId: r.id,
    cardVersion: r.version ?? 1,
  });
}

/** The DT's update form: its four fields, pre-filled with the latest version. */
export function updateCard(r: RequestRecord, refs: Referentials, s: FormState = {}): Card {
  const i = r.identity;
  return renderCard('demande-mise-a-jour', {
    title: format(t.titles.update, { number: r.number }),
    intro: t.intros.update,
    message: s.message ?? '',
    facts: i
      ? [
          { title: fr.labels.nom, value: `${i.prenom} ${i.nom}` },
          { title: fr.labels.dateNaissance, value: toFrDate(i.dateNaissance) },
          { title: fr.labels.numeroCir, value: i.numeroCir },
        ]
      : [],
    labels: fr.labels,
    choices: {
      positionnementLinguistique: choicesOf(refs, 'positionnementLinguistique'),
      prescriptionInitiale: choicesOf(refs, 'prescriptionInitiale'),
    },
    values: stringValues(FLOW2_FIELDS, s.values ?? { ...r.answer }),
    errors: errorTexts(FLOW2_FIELDS, s.errors),
    submit: t.buttons.sendUpdate,
    back: t.buttons.back,
    requestId: r.id,
    cardVersion: r.version ?? 1,
  });
}

/** The versions of the DT's figures, oldest first: who, when, what. */
export function historyCard(r: RequestRecord, versions: AnswerVersion[], refs: Referentials): Card {
  return renderCard('demande-historique', {
    title: format(t.titles.history, { number: r.number }),
    empty: t.historyEmpty,
    back: t.buttons.back,
    requestId: r.id,
    versions: versions.map((v, n) => ({
      heading: `${n === 0 ? t.facts.firstAnswer : format(t.facts.version, { n: n + 1 })} — ${frDateTime(v.at)}, ${v.actorName}`,
      facts: [
        {
          title: fr.labels.positionnementLinguistique,
          value: labelOf(refs, 'positionnementLinguistique', v.positionnementLinguistique),
        },
        {
          title: fr.labels.prescriptionInitiale,
          value: labelOf(refs, 'prescriptionInitiale', v.prescriptionInitiale),
        },
        { title: fr.labels.heuresFL, value: String(v.heuresFL) },
        { title: fr.labels.journeesFC, value: String(v.journeesFC) },
      ],
    })),
  });
}
