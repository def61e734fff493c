import { strict as assert } from 'node:assert';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { decrypt, isEncrypted } from '../../src/files/encrypt';
import { exportFileName, runExport, type ExportResult } from '../../src/files/export-table';
import { NATIONAL_COLUMNS } from '../../src/files/national-columns';
import { PASSWORD_ALPHABET } from '../../src/files/password';
import { protectionHash } from '../../src/files/protection';
import { exportInfo, sampleRows } from './fixtures';

// exceljs's own implementation of the protection hash, used to check ours independently.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const excelEncryptor = require('exceljs/lib/utils/encryptor') as {
  convertPasswordToHash(
    password: string,
    algorithm: string,
    salt: string,
    spinCount: number,
  ): string;
};

async function readBack(result: ExportResult): Promise<{ workbook: ExcelJS.Workbook; zip: JSZip }> {
  const plain = await decrypt(result.file, result.password);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(plain as unknown as ExcelJS.Buffer);
  return { workbook, zip: await JSZip.loadAsync(plain) };
}

function attributes(xml: string, element: string): Record<string, string> {
  const match = new RegExp(`<${element}\\b([^>]*)/?>`).exec(xml);
  assert.ok(match, `${element} is present`);
  return Object.fromEntries([...match[1].matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

describe('The national table export', function () {
  this.timeout(60_000);
  const rows = sampleRows(12);
  let result: ExportResult;
  let workbook: ExcelJS.Workbook;
  let zip: JSZip;

  before(async () => {
    result = await runExport(rows, exportInfo);
    ({ workbook, zip } = await readBack(result));
  });

  it('is an encrypted file that opens with its password and shows every request again', () => {
    assert.ok(isEncrypted(result.file));
    assert.equal(result.rowCount, 12);
    const sheet = workbook.worksheets[0];
    assert.equal(sheet.name, 'Tableau national');
    assert.equal(sheet.actualRowCount, 13);
    const first = sheet.getRow(2);
    assert.equal(first.getCell(1).value, 'Mme');
    assert.equal(first.getCell(2).value, rows[0].nom);
    assert.equal(first.getCell(3).value, 'Élodie');
    assert.equal(
      first.getCell(5).value,
      rows[0].numeroCir,
      'the CIR number keeps its leading zero',
    );
    assert.equal(sheet.getRow(3).getCell(1).value, 'M.');
  });

  it('refuses to open with a wrong password', async () => {
    await assert.rejects(decrypt(result.file, 'PasLeBonMotDePasse'), {
      code: 'E_IMPORT_BAD_PASSWORD',
    });
  });

  it('has the national columns, in the order of the data dictionary, with their French headers', () => {
    const headers = (workbook.worksheets[0].getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(
      headers,
      NATIONAL_COLUMNS.map((c) => c.header),
    );
    assert.deepEqual(headers, [
      'Civilité',
      'Nom',
      'Prénom',
      'Date de naissance',
      'N° CIR',
      'Positionnement linguistique',
      'Prescription initiale',
      'Total des heures FL effectuées',
      'Nombre de journées FC effectuées',
      'Prescription Mission Locale',
    ]);
  });

  it('writes birth dates as real Excel dates shown JJ/MM/AAAA', () => {
    const cell = workbook.worksheets[0].getRow(2).getCell(4);
    assert.equal(cell.type, ExcelJS.ValueType.Date);
    assert.ok(cell.value instanceof Date);
    assert.equal(cell.value.toISOString().slice(0, 10), rows[0].dateNaissance);
    assert.equal(cell.numFmt, 'dd/mm/yyyy');
  });

  it('shows the closed lists as their labels and the counts as numbers', () => {
    const answered = workbook.worksheets[0].getRow(2);
    assert.equal(answered.getCell(6).value, 'Inférieur à A2');
    assert.equal(answered.getCell(7).value, '600 h en présentiel');
    assert.equal(answered.getCell(8).value, rows[0].heuresFL);
    assert.equal(answered.getCell(9).value, rows[0].journeesFC);
    assert.equal(answered.getCell(10).value, "Contrat d'engagement jeune");
    const unanswered = workbook.worksheets[0].getRow(3);
    for (let c = 6; c <= 10; c += 1) assert.equal(unanswered.getCell(c).value, null);
  });

  it('has an "Informations" sheet naming the structure, period, time, author and row count', () => {
    const info = workbook.getWorksheet('Informations');
    assert.ok(info);
    const pairs = new Map<string, unknown>();
    info.eachRow((row) => pairs.set(String(row.getCell(1).value), row.getCell(2).value));
    assert.equal(pairs.get('Structure'), 'Mission Locale de Villeurbanne');
    assert.equal(pairs.get('Période'), 'du 01/01/2026 au 31/12/2026');
    assert.equal(pairs.get('Généré le'), '01/05/2026 10:30');
    assert.equal(pairs.get('Par'), 'Camille Martin');
    assert.equal(pairs.get('Nombre de lignes'), 12);
  });

  it('locks both sheets: no cell edited, no row or column inserted or deleted, no format, sort or filter', async () => {
    for (const path of ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']) {
      const xml = await zip.file(path)!.async('string');
      const p = attributes(xml, 'sheetProtection');
      assert.equal(p.sheet, '1', `${path}: sheet`);
      assert.equal(p.objects, '1', `${path}: objects`);
      assert.equal(p.scenarios, '1', `${path}: scenarios`);
      assert.equal(p.algorithmName, 'SHA-512');
      assert.equal(p.spinCount, '100000');
      assert.ok(p.hashValue && p.saltValue);
      // Absent means "locked" (schema default 1); "0" would allow the action.
      for (const action of [
        'formatCells',
        'formatColumns',
        'formatRows',
        'insertColumns',
        'insertRows',
        'insertHyperlinks',
        'deleteColumns',
        'deleteRows',
        'sort',
        'autoFilter',
        'pivotTables',
      ]) {
        assert.notEqual(p[action], '0', `${path}: ${action} must stay locked`);
      }
    }
    const styles = await zip.file('xl/styles.xml')!.async('string');
    assert.doesNotMatch(styles, /locked="0"/, 'no cell style unlocks a cell');
  });

  it('locks the workbook structure so that no sheet can be added, removed or renamed', async () => {
    const xml = await zip.file('xl/workbook.xml')!.async('string');
    const p = attributes(xml, 'workbookProtection');
    assert.equal(p.lockStructure, '1');
    assert.equal(p.workbookAlgorithmName, 'SHA-512');
    assert.equal(p.workbookSpinCount, '100000');
    assert.ok(
      xml.indexOf('<workbookProtection') < xml.indexOf('<sheets'),
      'placed before <sheets> as the schema orders',
    );
  });

  it('gives a fresh 20-character password without look-alike characters for every file', async () => {
    assert.equal(result.password.length, 20);
    for (const ch of result.password) assert.ok(PASSWORD_ALPHABET.includes(ch));
    assert.doesNotMatch(result.password, /[0O1lI]/);
    const again = await runExport(sampleRows(1), exportInfo);
    assert.notEqual(again.password, result.password);
  });

  it('names the file after the structure and the period, without personal data', () => {
    assert.equal(
      result.fileName,
      'tableau-cir_mission-locale-de-villeurbanne_2026-01-01_2026-12-31.xlsx',
    );
    assert.equal(
      exportFileName({ structureName: 'DT OFII de Lyon', period: exportInfo.period }),
      'tableau-cir_dt-ofii-de-lyon_2026-01-01_2026-12-31.xlsx',
    );
  });

  it('exports an empty period as a table with headers only', async () => {
    const empty = await runExport([], exportInfo);
    const { workbook: wb } = await readBack(empty);
    assert.equal(empty.rowCount, 0);
    assert.equal(wb.worksheets[0].actualRowCount, 1);
  });

  it('computes the protection hash exactly as Excel (and exceljs) does', () => {
    const hash = protectionHash('Mot2passeProtection', 1000);
    assert.equal(
      hash.hashValue,
      excelEncryptor.convertPasswordToHash('Mot2passeProtection', 'SHA512', hash.saltValue, 1000),
    );
  });
});
