/** Why a row of a table that comes back (issue 13 §5) may not change the request it names. */
export const ROW_REFUSALS = [
  /** No request of the caller's structure has that n° de demande or n° CIR. */
  'not_found',
  /** The n° de demande is another Mission Locale's request. */
  'other_ml',
  /** The n° de demande is a request routed to another DT. */
  'other_dt',
  /** The request was cancelled (or its identity erased): nothing more is recorded on it. */
  'cancelled',
  /** The row's n° CIR is not the one of the request its n° de demande names. */
  'cir_mismatch',
] as const;

export type RowRefusalReason = (typeof ROW_REFUSALS)[number];

export interface RowRefusal {
  line: number;
  reason: RowRefusalReason;
  /** The request's number, when the row found one. */
  number?: string;
}
