/** Builders shared by the files tests: a validation context, export rows, hand-made tables. */
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { DEFAULT_CIR_PATTERN } from '../../src/domain/fields';
import { loadReferentials } from '../../src/domain/referentials';
import type { SchemaContext } from '../../src/domain/schemas';
import type { ExportInfo, NationalRow } from '../../src/files/national-table';
import { NATIONAL_COLUMNS } from '../../src/files/national-columns';

export const referentials = loadReferentials();

/** Validation as on 1 May 2026: people born between 2 May 1995 and 1 May 2011 are 15–30. */
export const context: SchemaContext = {
  today: '2026-05-01',
  cirPattern: new RegExp(DEFAULT_CIR_PATTERN),
  referentials,
};

export const exportInfo: ExportInfo = {
  structureName: 'Mission Locale de Villeurbanne',
  period: { from: '2026-01-01', to: '2026-12-31' },
  generatedAt: new Date('2026-05-01T08:30:00Z'),
  generatedBy: 'Camille Martin',
  referentials,
};

/** n made-up requests; one in two has the DT's answer and the ML's prescription. */
export function sampleRows(n: number): NationalRow[] {
  return Array.from({ length: n }, (_, i) => ({
    civilite: i % 2 === 0 ? 'Mme' : 'M.',
    nom: i % 3 === 0 ? 'N’Diaye-Martin' : 'Dupont',
    prenom: i % 2 === 0 ? 'Élodie' : 'Karim',
    dateNaissance: `${2000 + (i % 8)}-0${1 + (i % 9)}-1${i % 10}`,
    numeroCir: `0${String(7500000 + i)}`,
    positionnementLinguistique: i % 2 === 0 ? 'INF_A2' : null,
    prescriptionInitiale: i % 2 === 0 ? 'FL_600' : null,
    heuresFL: i % 2 === 0 ? i % 661 : null,
    journeesFC: i % 2 === 0 ? i % 5 : null,
    prescriptionML: i % 2 === 0 ? 'CEJ' : null,
  }));
}

export type CellInput = string | number | Date | null;

/** The national headers, in order. */
export const nationalHeaders = (): string[] => NATIONAL_COLUMNS.map((c) => c.header);

/** A plain xlsx as a partner would fill it by hand: given headers, then rows of cells. */
export async function handMadeTable(
  headers: string[],
  rows: CellInput[][],
  dateColumn?: number,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Feuil1');
  sheet.addRow(headers);
  sheet.addRows(rows);
  if (dateColumn) sheet.getColumn(dateColumn).numFmt = 'dd/mm/yyyy';
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A row of the five identity cells followed by five empty answer cells. */
export function identityRow(
  civilite: string,
  nom: string,
  prenom: string,
  date: CellInput,
  cir: CellInput,
): CellInput[] {
  return [civilite, nom, prenom, date, cir, null, null, null, null, null];
}

/** How to run Debian's msoffcrypto-tool, or why it cannot run here. */
export function findMsoffcrypto(): { cli: string; python: string | null } | { missing: string } {
  const cli = spawnSync('msoffcrypto-tool', ['--help'], { encoding: 'utf8' });
  if (cli.status !== 0) {
    return {
      missing: 'msoffcrypto-tool is not installed (apt-get install -y python3-msoffcrypto-tool)',
    };
  }
  // The CLI's interpreter has the module; `python3` on PATH may be another one.
  const python = ['/usr/bin/python3', 'python3'].find(
    (exe) => spawnSync(exe, ['-c', 'import msoffcrypto'], { encoding: 'utf8' }).status === 0,
  );
  return { cli: 'msoffcrypto-tool', python: python ?? null };
}
