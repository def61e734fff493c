/**
 * The closed lists of a request's life (DESIGN.md §3): why the ML asks (motif) and why a request
 * is cancelled. Stable codes are stored; labels live in i18n.
 */

/** Roadmap: "ajuster le parcours CIR ou simplement bénéficier d'informations". */
export const MOTIFS = ['ajustement', 'information'] as const;
export type Motif = (typeof MOTIFS)[number];

/** The motif of requests created by the table import, which carries none: see issue 13 §1. */
export const IMPORT_MOTIF: Motif = 'information';

/** The motif of a request opened by accepting a fiche de liaison (issue 13 §6). */
export const FICHE_MOTIF: Motif = 'information';

export const CANCEL_REASONS = [
  'doublon',
  'erreur_saisie',
  'jeune_non_joignable',
  'demenagement',
  'autre',
] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/** Changes that make a posted card stale: each raises the request's version. */
export type ChangeKind = 'answered' | 'corrected' | 'updated' | 'cancelled';

/** Who changes a request, and when. */
export interface ChangeBy {
  by: string;
  byName: string;
  at: string;
}

/** The last such change: what, by whom (Entra id and display name), when. */
export interface LastChange {
  kind: ChangeKind;
  by: string;
  byName: string;
  at: string;
}

/** One version of the DT's four fields (issue 13 §3): the first answer, then each update. */
export interface AnswerVersion {
  at: string;
  actor: string;
  actorName: string;
  positionnementLinguistique: string;
  prescriptionInitiale: string;
  heuresFL: number;
  journeesFC: number;
}

/** The request version a card carried: a number, or its digits as text; undefined when absent. */
export function cardVersionOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\d{1,9}$/.test(v.trim())) return Number(v.trim());
  return undefined;
}
