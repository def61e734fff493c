/**
 * The motif of each request (issue 13 §1) on the national table's "Informations" sheet: the
 * national columns are a fixed contract, so the motif is listed here, by line of the table, with
 * the count of each.
 */
import type ExcelJS from 'exceljs';
import type { NationalRow } from '../domain/records';
import { MOTIFS } from '../domain/request-life-codes';
import { frRequestLife } from '../i18n/fr-request-life';

const t = frRequestLife;

const label = (m: string | null | undefined): string =>
  m && Object.hasOwn(t.motifs, m) ? t.motifs[m as keyof typeof t.motifs] : t.motifUnknown;

/** Appends, after a blank line: the counts by motif, then "Ligne N" → motif for every row. */
export function addMotifs(sheet: ExcelJS.Worksheet, rows: readonly NationalRow[]): void {
  const counts = [...MOTIFS, null].map((m) => [
    label(m),
    rows.filter((r) => (r.motif ?? null) === m).length,
  ]);
  sheet.addRow([]);
  const heading = sheet.addRow([t.table.heading]);
  heading.font = { bold: true };
  sheet.addRows(counts);
  sheet.addRow([]);
  sheet.addRow([t.table.byLine]).font = { bold: true };
  // Line 1 of the table holds the headers: the first request is on line 2.
  sheet.addRows(rows.map((r, i) => [format(t.table.line, i + 2), label(r.motif)]));
}

const format = (template: string, n: number): string => template.replace('{n}', String(n));
