/**
 * The national table's columns (DESIGN.md §2): the data dictionary's ids, in order, with the
 * French headers of the national format. Export writes these headers and import matches them,
 * so both sides read this one map.
 */
import { NATIONAL_FIELDS, NATIONAL_LABELS, type NationalField } from '../domain/fields';

/** French header of each national column, exactly as the national table shows it. */
export const NATIONAL_HEADERS: Readonly<Record<NationalField, string>> = NATIONAL_LABELS;

/** The columns in the order of the national table, with their headers. */
export const NATIONAL_COLUMNS: readonly { field: NationalField; header: string }[] =
  NATIONAL_FIELDS.map((field) => ({ field, header: NATIONAL_HEADERS[field] }));

/** Column widths (characters) chosen so that the headers and usual values fit. */
export const NATIONAL_WIDTHS: Readonly<Record<NationalField, number>> = {
  civilite: 10,
  nom: 24,
  prenom: 20,
  dateNaissance: 17,
  numeroCir: 18,
  positionnementLinguistique: 34,
  prescriptionInitiale: 30,
  heuresFL: 16,
  journeesFC: 18,
  prescriptionML: 34,
};

/**
 * A header reduced to what matters for matching: no accents, no case, no spaces or
 * punctuation ("N° CIR", "n°cir" and "N CIR" all give "ncir").
 */
export function headerKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Every key that names a national column: its French header and its data-dictionary id. */
const KEY_TO_FIELD: ReadonlyMap<string, NationalField> = new Map(
  NATIONAL_FIELDS.flatMap((field) => [
    [headerKey(NATIONAL_HEADERS[field]), field] as const,
    [headerKey(field), field] as const,
  ]),
);

/** The national column a header names, or null when it names none. */
export function fieldOfHeader(text: string): NationalField | null {
  return KEY_TO_FIELD.get(headerKey(text)) ?? null;
}

/** Excel column letter of a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    out = String.fromCharCode(65 + rest) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
