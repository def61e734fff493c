/**
 * Turns what exceljs reads from a cell into the text a flow-1 field expects. People fill the
 * national table by hand: dates come as real Excel dates, serial numbers or JJ/MM/AAAA text;
 * civilités as "Mme", "Madame", "M", "M." or "Monsieur".
 */
import type { CellValue } from 'exceljs';
import { headerKey } from './national-columns';

const DAY_MS = 86_400_000;
/** Excel's day 0: 30 Dec 1899 in the 1900 date system (which counts a fictitious 29 Feb 1900). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** The text of a cell, whatever its kind (rich text, formula result, hyperlink…); '' when empty. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return isoDay(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    return result === undefined || (typeof result === 'object' && !(result instanceof Date))
      ? ''
      : cellText(result);
  }
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : '';
  if ('error' in value) return String(value.error);
  return '';
}

/** A birth date cell as the text parseDate() reads: ISO for dates and serials, else as typed. */
export function dateText(value: CellValue, date1904: boolean): string {
  const resolved = resultOf(value);
  if (resolved instanceof Date) return isoDay(resolved);
  if (
    typeof resolved === 'number' &&
    Number.isFinite(resolved) &&
    resolved >= 1 &&
    resolved < 2_958_466
  ) {
    // A date cell whose format was lost reads as its serial number.
    const epoch = date1904 ? EPOCH_1904 : EPOCH_1900;
    return isoDay(new Date(epoch + Math.floor(resolved) * DAY_MS));
  }
  return cellText(value).trim();
}

/** The civilité as the data dictionary spells it, or the text unchanged (then refused). */
export function civiliteText(value: CellValue): string {
  const text = cellText(value).trim();
  const key = headerKey(text);
  if (key === 'mme' || key === 'madame') return 'Mme';
  if (key === 'm' || key === 'monsieur') return 'M.';
  return text;
}

function resultOf(value: CellValue): CellValue {
  if (
    value &&
    typeof value === 'object' &&
    !(value instanceof Date) &&
    ('formula' in value || 'sharedFormula' in value)
  ) {
    const result = value.result;
    return result === undefined || (typeof result === 'object' && !(result instanceof Date))
      ? null
      : result;
  }
  return value;
}

function isoDay(date: Date): string {
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}
