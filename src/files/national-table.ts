/**
 * Builds the national table (DESIGN.md §7) as an xlsx: the national columns in the order of the
 * data dictionary, closed-list values shown as labels, birth dates as real Excel dates, a second
 * sheet "Informations", both sheets and the workbook structure locked.
 */
import ExcelJS from 'exceljs';
import { toFrDate } from '../domain/fields';
import type { NationalRow } from '../domain/records';
import { labelOf, loadReferentials, type Referentials } from '../domain/referentials';
import { frFiles } from '../i18n/fr-files';
import { NATIONAL_COLUMNS, NATIONAL_WIDTHS } from './national-columns';
import { generatePassword } from './password';
import { addMotifs } from './motif-informations';
import {
  lockWorkbookStructure,
  lockWorksheet,
  protectionHash,
  type ProtectionHash,
} from './protection';

export type { NationalRow };

/** What the "Informations" sheet says about the export. */
export interface ExportInfo {
  /** Name of the caller's structure (ML or DT). */
  structureName: string;
  /** The period asked for, ISO days, both included. */
  period: { from: string; to: string };
  generatedAt: Date;
  /** Display name of the requester. */
  generatedBy: string;
  /** Time zone the generation time is shown in (default Europe/Paris). */
  timeZone?: string;
  /** Closed lists used to show labels (default: the project's referentials). */
  referentials?: Referentials;
}

/**
 * Deflate level of the package: level 1 saves ~0.3 s on 10,000 rows over the default 6, for a file
 * ~30 % larger.
 */
const ZIP_LEVEL = 1;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * One style object for every birth-date cell: exceljs resolves a style once per distinct object,
 * whereas a column-level numFmt gives each cell its own copy (10,000 resolutions).
 */
const DATE_STYLE: Partial<ExcelJS.Style> = Object.freeze({ numFmt: 'dd/mm/yyyy' });
const DATE_COLUMN = NATIONAL_COLUMNS.findIndex((c) => c.field === 'dateNaissance') + 1;

/**
 * Builds the protected (not yet encrypted) xlsx of the national table. `hash` is the hash
 * of a password nobody is given; a worker may compute it ahead of time.
 */
export async function buildNationalTable(
  rows: readonly NationalRow[],
  info: ExportInfo,
  hash: ProtectionHash = protectionHash(generatePassword()),
): Promise<Buffer> {
  const refs = info.referentials ?? loadReferentials();

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Passerelle CIR';
  workbook.created = info.generatedAt;
  workbook.modified = info.generatedAt;

  const table = workbook.addWorksheet(frFiles.sheets.table, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  table.columns = NATIONAL_COLUMNS.map(({ field, header }) => ({
    header,
    key: field,
    width: NATIONAL_WIDTHS[field],
  }));
  const headerRow = table.getRow(1);
  headerRow.font = { bold: true };
  headerRow.alignment = { vertical: 'middle', wrapText: true };
  headerRow.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE4EE' } };

  table.addRows(rows.map((row, index) => toCells(row, index, refs)));
  for (let r = 2; r <= rows.length + 1; r += 1)
    table.getRow(r).getCell(DATE_COLUMN).style = DATE_STYLE;
  lockWorksheet(table, hash);

  const sheet = workbook.addWorksheet(frFiles.sheets.info);
  fillInformations(sheet, info, refs, rows.length);
  addMotifs(sheet, rows);
  lockWorksheet(sheet, hash);

  const xlsx = await workbook.xlsx.writeBuffer({
    zip: { compression: 'DEFLATE', compressionOptions: { level: ZIP_LEVEL } },
  });
  return lockWorkbookStructure(Buffer.from(xlsx as ArrayBuffer), hash);
}

/** One table row, in the order of NATIONAL_COLUMNS. */
function toCells(
  row: NationalRow,
  index: number,
  refs: Referentials,
): (string | number | Date | null)[] {
  return [
    row.civilite,
    row.nom,
    row.prenom,
    excelDate(row.dateNaissance, index),
    row.numeroCir,
    labelOrNull(refs, 'positionnementLinguistique', row.positionnementLinguistique),
    labelOrNull(refs, 'prescriptionInitiale', row.prescriptionInitiale),
    row.heuresFL ?? null,
    row.journeesFC ?? null,
    labelOrNull(refs, 'prescriptionML', row.prescriptionML),
  ];
}

function labelOrNull(
  refs: Referentials,
  name: 'positionnementLinguistique' | 'prescriptionInitiale' | 'prescriptionML',
  code: string | null | undefined,
): string | null {
  return code ? labelOf(refs, name, code) : null;
}

/** A UTC midnight Date, which exceljs writes as a whole Excel serial day. */
function excelDate(iso: string, index: number): Date {
  const match = ISO_DAY.exec(iso);
  // The index, not the value: an error message must not carry a birth date.
  if (!match) throw new RangeError(`row ${index + 1}: dateNaissance is not an ISO day`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

function fillInformations(
  sheet: ExcelJS.Worksheet,
  info: ExportInfo,
  refs: Referentials,
  count: number,
): void {
  const t = frFiles.info;
  const generatedAt = new Intl.DateTimeFormat('fr-FR', {
    timeZone: info.timeZone ?? 'Europe/Paris',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(info.generatedAt);
  sheet.columns = [{ width: 26 }, { width: 60 }];
  sheet.addRows([
    [t.title],
    [],
    [t.structure, info.structureName],
    [t.period, t.periodRange(toFrDate(info.period.from), toFrDate(info.period.to))],
    [t.generatedAt, generatedAt],
    [t.generatedBy, info.generatedBy],
    [t.rowCount, count],
    [t.referentials, refs.version],
    [],
    [t.notice],
  ]);
  sheet.getCell('A1').font = { bold: true, size: 13 };
  for (let r = 3; r <= 8; r += 1) sheet.getCell(r, 1).font = { bold: true };
  sheet.getCell('B7').alignment = { horizontal: 'left' };
  sheet.getCell('A10').alignment = { wrapText: true, vertical: 'top' };
  sheet.mergeCells('A10:B10');
  sheet.getRow(10).height = 45;
}
