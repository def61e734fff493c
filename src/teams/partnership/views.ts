/** The roadmap record's cards (issue 14 §3): the record for members, the form for admins. */
import { ownValue } from '../../domain/lookup';
import { frDate } from '../../domain/roadmap';
import { signatoryIds, type RoadmapView } from '../../domain/roadmap-service';
import type { FieldErrors } from '../../domain/schemas';
import { fr } from '../../i18n/fr';
import { frPartnership } from '../../i18n/fr-partnership';
import { renderCard, type Card } from '../cards/render';
import { partnershipName } from '../committees/views';

const t = frPartnership.roadmap;

export const ROADMAP_VIEW_VERB = 'partenariat.voir';
export const ROADMAP_EDIT_VERB = 'partenariat.modifier';
export const ROADMAP_SAVE_VERB = 'partenariat.enregistrer';

const nameOf = (v: RoadmapView) => partnershipName(v.partnership, v.signers);

/** The record as a partnership member reads it; `message` tells what just happened. */
export function roadmapCard(v: RoadmapView, message = ''): Card {
  const r = v.record;
  const names = new Map(v.signers.map((s) => [s.id, s.name]));
  return renderCard('partenariat-fiche', {
    title: t.title(nameOf(v)),
    message,
    ended: v.ended ? t.ended(frDate(v.endDate)) : '',
    labels: t,
    signatories: (r?.signatories ?? []).map((s) => ({
      title: names.get(s.structureId) ?? s.structureId,
      value: `${s.name} — ${s.fonction}`,
    })),
    signedText: r?.signedOn ? t.signedAt(frDate(r.signedOn), r.signedPlace ?? '') : t.notSigned,
    endDateText: t.endDateValue(frDate(v.endDate), v.ownEndDate),
    amendments: v.amendments.map((a) => ({ text: t.amendment(frDate(a.amendedOn), a.summary) })),
    canEdit: v.canEdit,
    data: { partnershipId: v.partnership.id },
  });
}

export interface RoadmapFormState {
  values?: Record<string, unknown>;
  errors?: FieldErrors;
}

const str = (values: Record<string, unknown>, key: string, fallback = ''): string => {
  const v = Object.hasOwn(values, key) ? values[key] : undefined;
  return typeof v === 'string' ? v : fallback;
};

const errorText = (errors: FieldErrors, key: string): string => {
  if (!Object.hasOwn(errors, key)) return '';
  const code = errors[key];
  // Own properties only: a code named `constructor` finds no text, not Object's.
  return (
    ownValue<string>(frPartnership.fields, code) ??
    ownValue<string>(fr.fields as Record<string, string>, code) ??
    code
  );
};

/** The admin's form, with the values typed and one message per wrong field after a refusal. */
export function roadmapForm(v: RoadmapView, s: RoadmapFormState = {}): Card {
  const r = v.record;
  const typed = s.values;
  const errors = s.errors ?? {};
  const value = (key: string, stored: string) => (typed ? str(typed, key) : stored);
  return renderCard('partenariat-formulaire', {
    title: t.formTitle(nameOf(v)),
    message: Object.keys(errors).length ? fr.errors.E_INVALID_INPUT : '',
    labels: t,
    signers: v.signers.map((st) => {
      const ids = signatoryIds(st.id);
      const stored = r?.signatories.find((x) => x.structureId === st.id);
      return {
        nameId: ids.name,
        nameLabel: t.signatoryName(st.name),
        name: value(ids.name, stored?.name ?? ''),
        nameError: errorText(errors, ids.name),
        fonctionId: ids.fonction,
        fonctionLabel: t.signatoryFunction(st.name),
        fonction: value(ids.fonction, stored?.fonction ?? ''),
        fonctionError: errorText(errors, ids.fonction),
      };
    }),
    values: {
      signedOn: value('signedOn', r?.signedOn ?? ''),
      signedPlace: value('signedPlace', r?.signedPlace ?? ''),
      endDate: value('endDate', v.endDate),
      amendmentDate: typed ? str(typed, 'amendmentDate') : '',
      amendmentSummary: typed ? str(typed, 'amendmentSummary') : '',
    },
    errors: Object.fromEntries(
      ['signedOn', 'signedPlace', 'endDate', 'amendmentDate', 'amendmentSummary'].map((k) => [
        k,
        errorText(errors, k),
      ]),
    ),
    required: fr.fields.E_FIELD_REQUIRED,
    saveVerb: ROADMAP_SAVE_VERB,
    backVerb: ROADMAP_VIEW_VERB,
    data: { partnershipId: v.partnership.id, cardVersion: 1 },
  });
}
