/**
 * Which actions an item's detail offers, with their inputs, for the caller's side and role: the
 * same conditions as the cards' buttons (requests/views.ts, request-life/facts.ts,
 * liaison/views.ts). The server checks again on each POST, through the domain services.
 */
import { CIVILITES, FLOW1_FIELDS, FLOW2_FIELDS } from '../domain/fields';
import { OPEN_FICHE_STATUSES, SANS_SUITE_REASONS, type FicheRecord } from '../domain/liaison';
import type { CorrespondentRecord, RequestRecord, StructureRecord } from '../domain/model';
import { choicesOf, type Referentials } from '../domain/referentials';
import { CANCEL_REASONS, MOTIFS } from '../domain/request-life-codes';
import { fr } from '../i18n/fr';
import { frLiaison } from '../i18n/fr-liaison';
import { frTab } from '../i18n/fr-tab';
import { lifeActions } from '../teams/request-life/facts';
import type { Side } from './items';

export interface TabInput {
  id: string;
  label: string;
  type: 'text' | 'choice' | 'date' | 'toggle';
  required: boolean;
  choices?: { value: string; label: string }[];
  /** What the field holds now (a form to amend), when there is something. */
  value?: string;
}

export interface TabAction {
  id: string;
  label: string;
  inputs: TabInput[];
}

const choice = (
  id: string,
  label: string,
  choices: { value: string; label: string }[],
  value?: string | null,
  required = true,
): TabInput => ({ id, label, type: 'choice', required, choices, ...(value ? { value } : {}) });

const text = (id: string, label: string, value?: string | number | null): TabInput => ({
  id,
  label,
  type: 'text',
  required: true,
  ...(value !== undefined && value !== null ? { value: String(value) } : {}),
});

const refChoices = (refs: Referentials, name: Parameters<typeof choicesOf>[1]) =>
  choicesOf(refs, name).map((c) => ({ value: c.value, label: c.title }));

const action = (id: string, inputs: TabInput[] = []): TabAction => ({
  id,
  label: frTab.actions[id],
  inputs,
});

function figuresInputs(refs: Referentials, r: RequestRecord): TabInput[] {
  const a = r.answer;
  const [pl, pi, hfl, jfc] = FLOW2_FIELDS;
  return [
    choice(pl, fr.labels[pl], refChoices(refs, 'positionnementLinguistique'), a?.[pl]),
    choice(pi, fr.labels[pi], refChoices(refs, 'prescriptionInitiale'), a?.[pi]),
    text(hfl, fr.labels[hfl], a?.heuresFL),
    text(jfc, fr.labels[jfc], a?.journeesFC),
  ];
}

/** A request's actions for the caller (the card's buttons, by side and role). */
export function requestActions(
  r: RequestRecord,
  side: Side,
  person: CorrespondentRecord,
  refs: Referentials,
): TabAction[] {
  const out: TabAction[] = [];
  const open = r.status !== 'annulee' && !!r.identity;
  const life = lifeActions(r, side);
  if (side === 'dt' && person.role === 'correspondant') {
    if (r.status === 'transmise' && r.identity)
      out.push(action('repondre', figuresInputs(refs, r)));
    if (life.canUpdate) out.push(action('mettre-a-jour', figuresInputs(refs, r)));
    if (open && r.status !== 'transmise') out.push(action('demander-suite'));
  }
  if (side === 'ml' && person.role === 'conseiller') {
    if (open && r.status !== 'transmise')
      out.push(
        action('prescrire', [
          choice(
            'prescriptionML',
            fr.labels.prescriptionML,
            refChoices(refs, 'prescriptionML'),
            r.prescriptionML,
          ),
        ]),
      );
    if (life.canCorrect && r.identity) {
      const i = r.identity;
      const [civ, nom, prenom, naissance, cir] = FLOW1_FIELDS;
      out.push(
        action('corriger', [
          choice(
            civ,
            fr.labels[civ],
            CIVILITES.map((c) => ({ value: c, label: c })),
            i.civilite,
          ),
          text(nom, fr.labels[nom], i.nom),
          text(prenom, fr.labels[prenom], i.prenom),
          { ...text(naissance, fr.labels[naissance], i.dateNaissance), type: 'date' },
          text(cir, fr.labels[cir], i.numeroCir),
          choice(
            'motif',
            fr.life.motifLabel,
            MOTIFS.map((m) => ({ value: m, label: fr.life.motifs[m] })),
            r.motif,
            false,
          ),
        ]),
      );
    }
  }
  const canCancelRole =
    side === 'ml' ? person.role === 'conseiller' : person.role === 'correspondant';
  if (life.canCancel && canCancelRole)
    out.push(
      action('annuler', [
        choice(
          'motifAnnulation',
          fr.life.cancelLabel,
          CANCEL_REASONS.map((c) => ({ value: c, label: fr.life.cancelReasons[c] })),
        ),
      ]),
    );
  return out;
}

/** A fiche's actions: an advisor of the ML it is addressed to, while it is open. */
export function ficheActions(
  f: FicheRecord,
  side: Side,
  person: CorrespondentRecord,
  otherMls: StructureRecord[],
): TabAction[] {
  if (side !== 'ml' || person.role !== 'conseiller' || !OPEN_FICHE_STATUSES.includes(f.status))
    return [];
  const out = [action('accepter')];
  if (otherMls.length)
    out.push(
      action('rediriger', [
        choice(
          'targetMlId',
          frLiaison.labels.targetMlId,
          otherMls.map((m) => ({ value: m.id, label: m.name })),
        ),
      ]),
    );
  out.push(
    action('classer', [
      choice(
        'reason',
        frLiaison.labels.reason,
        SANS_SUITE_REASONS.map((r) => ({ value: r, label: frLiaison.reasons[r] })),
      ),
    ]),
  );
  return out;
}
