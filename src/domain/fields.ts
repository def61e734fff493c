/**
 * The data dictionary's field rules (DESIGN.md §2): normalisation and checks shared by the
 * cards, the import and the export. Each check returns a stable error code, never text.
 */

export const FLOW1_FIELDS = ['civilite', 'nom', 'prenom', 'dateNaissance', 'numeroCir'] as const;
export const FLOW2_FIELDS = [
  'positionnementLinguistique',
  'prescriptionInitiale',
  'heuresFL',
  'journeesFC',
] as const;
export const FLOW3_FIELDS = ['prescriptionML'] as const;
/** National table columns, in the order of the data dictionary. */
export const NATIONAL_FIELDS = [...FLOW1_FIELDS, ...FLOW2_FIELDS, ...FLOW3_FIELDS] as const;
export type NationalField = (typeof NATIONAL_FIELDS)[number];

/** The data dictionary's labels: the national table's headers and the cards' field labels. */
export const NATIONAL_LABELS: Readonly<Record<NationalField, string>> = {
  civilite: 'Civilité',
  nom: 'Nom',
  prenom: 'Prénom',
  dateNaissance: 'Date de naissance',
  numeroCir: 'N° CIR',
  positionnementLinguistique: 'Positionnement linguistique',
  prescriptionInitiale: 'Prescription initiale',
  heuresFL: 'Total des heures FL effectuées',
  journeesFC: 'Nombre de journées FC effectuées',
  prescriptionML: 'Prescription Mission Locale',
};

export const CIVILITES = ['Mme', 'M.'] as const;
export type Civilite = (typeof CIVILITES)[number];

export const DEFAULT_CIR_PATTERN = '^[A-Z0-9/-]{4,30}$';
export const AGE_MIN = 15;
export const AGE_MAX = 30;

/** Names: trimmed, inner spaces collapsed, Unicode NFC. */
export function normalizeName(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

// A name starts with a letter (a combining mark alone is no name) and ends with a letter or mark.
const NAME_RE = /^\p{L}(?:[\p{L}\p{M} '’-]*[\p{L}\p{M}])?$/u;

export function checkName(
  value: string,
): 'E_FIELD_REQUIRED' | 'E_NAME_TOO_LONG' | 'E_NAME_INVALID' | null {
  if (value.length === 0) return 'E_FIELD_REQUIRED';
  if (value.length > 100) return 'E_NAME_TOO_LONG';
  if (!NAME_RE.test(value)) return 'E_NAME_INVALID';
  return null;
}

/** CIR number: an opaque OFII file number, spaces removed, upper-cased, leading zeros kept. */
export function normalizeCir(value: string): string {
  return value.replace(/\s+/gu, '').toUpperCase();
}

export function checkCir(
  value: string,
  pattern: RegExp,
): 'E_FIELD_REQUIRED' | 'E_CIR_INVALID' | null {
  if (value.length === 0) return 'E_FIELD_REQUIRED';
  return pattern.test(value) ? null : 'E_CIR_INVALID';
}

/** Accepts AAAA-MM-JJ (what Input.Date sends) or JJ/MM/AAAA (what people type); returns ISO. */
export function parseDate(value: string): string | null {
  const v = value.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return null;
  }
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Whole years between an ISO birth date and an ISO day. */
export function ageOn(birthIso: string, todayIso: string): number {
  const [by, bm, bd] = birthIso.split('-').map(Number);
  const [ty, tm, td] = todayIso.split('-').map(Number);
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age;
}

export function checkBirthDate(
  iso: string | null,
  todayIso: string,
): 'E_DATE_INVALID' | 'E_DATE_FUTURE' | 'E_AGE_OUT_OF_RANGE' | null {
  if (iso === null) return 'E_DATE_INVALID';
  if (iso >= todayIso) return 'E_DATE_FUTURE';
  const age = ageOn(iso, todayIso);
  if (age < AGE_MIN || age > AGE_MAX) return 'E_AGE_OUT_OF_RANGE';
  return null;
}

/** ISO date shown the French way. */
export function toFrDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** Integers from a card arrive as strings or numbers; anything else is not an integer. */
export function parseInteger(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  if (typeof value !== 'string') return null;
  const v = value.trim();
  return /^\d{1,6}$/.test(v) ? Number(v) : null;
}
