/**
 * The correspondent list of a partnership for its comité de pilotage ("échange des listes de
 * correspondants avec coordonnées", DESIGN.md §8) as a readable xlsx: one row per person, sorted
 * by structure then name, French headers, sheets and workbook locked, then encrypted with a
 * fresh open password like the national table (§7). Runs inside the file worker.
 */
import ExcelJS from 'exceljs';
import { encrypt } from './encrypt';
import type { ExportResult, ExportSecrets } from './export-table';
import { prepareExportSecrets } from './export-table';
import { lockWorkbookStructure, lockWorksheet } from './protection';
import { frCorrespondents } from '../i18n/fr-correspondents';

/** One person as the list shows them (labels already in French). */
export interface CorrespondentRow {
  structure: string;
  name: string;
  role: string;
  email: string;
  phone: string;
}

/** What the "Informations" sheet says about the list. */
export interface CorrespondentsInfo {
  partnershipName: string;
  generatedAt: Date;
  generatedBy: string;
}

const COLLATOR = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** Structure, then name, the French way (accents and case do not reorder). */
export function sortCorrespondents(rows: readonly CorrespondentRow[]): CorrespondentRow[] {
  return [...rows].sort(
    (a, b) => COLLATOR.compare(a.structure, b.structure) || COLLATOR.compare(a.name, b.name),
  );
}

/** Builds and encrypts the list (CPU-heavy: call it from a worker). */
export async function runCorrespondentsExport(
  rows: readonly CorrespondentRow[],
  info: CorrespondentsInfo,
  secrets: ExportSecrets = prepareExportSecrets(),
): Promise<ExportResult> {
  const t = frCorrespondents.file;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Passerelle CIR';
  workbook.created = info.generatedAt;
  workbook.modified = info.generatedAt;
  const sheet = workbook.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: t.headers.structure, key: 'structure', width: 40 },
    { header: t.headers.name, key: 'name', width: 30 },
    { header: t.headers.role, key: 'role', width: 22 },
    { header: t.headers.email, key: 'email', width: 36 },
    { header: t.headers.phone, key: 'phone', width: 20 },
  ];
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE4EE' } };
  const sorted = sortCorrespondents(rows);
  sheet.addRows(sorted.map((r) => [r.structure, r.name, r.role, r.email, r.phone]));
  lockWorksheet(sheet, secrets.protection);

  const about = workbook.addWorksheet(t.infoSheet);
  about.columns = [{ width: 26 }, { width: 60 }];
  const generatedAt = new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(info.generatedAt);
  about.addRows([
    [t.title],
    [],
    [t.partnership, info.partnershipName],
    [t.generatedAt, generatedAt],
    [t.generatedBy, info.generatedBy],
    [t.rowCount, sorted.length],
    [],
    [t.notice],
  ]);
  about.getCell('A1').font = { bold: true, size: 13 };
  about.getCell('A8').alignment = { wrapText: true, vertical: 'top' };
  about.mergeCells('A8:B8');
  about.getRow(8).height = 45;
  lockWorksheet(about, secrets.protection);

  const xlsx = await workbook.xlsx.writeBuffer();
  const locked = await lockWorkbookStructure(Buffer.from(xlsx as ArrayBuffer), secrets.protection);
  return {
    file: encrypt(locked, secrets.openKey),
    password: secrets.password,
    fileName: correspondentsFileName(info.partnershipName, info.generatedAt),
    rowCount: sorted.length,
  };
}

/** e.g. correspondants_partenariat-rhone_2027-02-04.xlsx (no personal data). */
export function correspondentsFileName(partnershipName: string, at: Date): string {
  const slug =
    partnershipName
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'partenariat';
  return `correspondants_${slug}_${at.toISOString().slice(0, 10)}.xlsx`;
}
