/**
 * The bilan's xlsx (issue 14 §6): one locked sheet per section plus "Informations", the workbook
 * structure locked, encrypted with a fresh open password like the national table. The cells
 * come already disclosed ("< 5" as text): this file only lays them out.
 */
import ExcelJS from 'exceljs';
import { encrypt } from './encrypt';
import { prepareExportSecrets, type ExportSecrets } from './export-table';
import { lockWorkbookStructure, lockWorksheet } from './protection';

/** One sheet: its name (a section's title) and its rows (a title row, then label and value). */
export interface BilanSheet {
  name: string;
  rows: (string | number)[][];
}

export interface BilanFileInfo {
  /** Rows of the "Informations" sheet, label then value. */
  info: (string | number)[][];
  infoSheetName: string;
  /** The file's name (no personal data). */
  fileName: string;
}

export interface BilanFile {
  file: Buffer;
  password: string;
  fileName: string;
}

/** A sheet name Excel accepts: no []:*?/\, 31 characters at most, unique in the workbook. */
function sheetName(name: string, taken: Set<string>): string {
  const base =
    name
      .replace(/[[\]:*?/\\]/g, ' ')
      .trim()
      .slice(0, 31) || 'Feuille';
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n += 1)
    candidate = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/**
 * Builds, locks and encrypts the bilan. Without `secrets`, two 100,000-round derivations run
 * first (seconds of CPU): call it from the file worker, which keeps spare secrets ready.
 */
export async function buildBilanFile(
  sheets: readonly BilanSheet[],
  o: BilanFileInfo,
  generatedAt: Date,
  secrets: ExportSecrets = prepareExportSecrets(),
): Promise<BilanFile> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Passerelle CIR';
  workbook.created = generatedAt;
  workbook.modified = generatedAt;
  const taken = new Set<string>();
  for (const s of [...sheets, { name: o.infoSheetName, rows: o.info }]) {
    const sheet = workbook.addWorksheet(sheetName(s.name, taken));
    sheet.columns = [{ width: 60 }, { width: 22 }];
    sheet.addRows(s.rows);
    sheet.getCell('A1').font = { bold: true, size: 13 };
    sheet.getColumn(2).alignment = { horizontal: 'right', wrapText: true };
    lockWorksheet(sheet, secrets.protection);
  }
  const xlsx = await workbook.xlsx.writeBuffer();
  const locked = await lockWorkbookStructure(Buffer.from(xlsx as ArrayBuffer), secrets.protection);
  return {
    file: encrypt(locked, secrets.openKey),
    password: secrets.password,
    fileName: o.fileName,
  };
}
