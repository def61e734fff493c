import { strict as assert } from 'node:assert';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { decrypt, encrypt } from '../../src/files/encrypt';
import { FileError } from '../../src/domain/errors';
import { runExport } from '../../src/files/export-table';
import {
  parseNationalTable,
  type ImportLimits,
  type ImportResult,
} from '../../src/files/import-table';
import {
  alterXlsx,
  deflatedPart,
  paddedWorksheetXlsx,
  partsOf,
  writeZip,
} from '../helpers/hostile-files';
import {
  context,
  exportInfo,
  handMadeTable,
  identityRow,
  nationalHeaders,
  sampleRows,
} from './fixtures';

const MiB = 1024 * 1024;
const PASSWORD = 'Tq4wHc7dNaRx3ePk9gMy';
/** The inflation caps lowered to 1 MiB, so that a few MB of padding is "a bomb". */
const small: Partial<ImportLimits> = {
  unzip: { maxEntries: 1000, maxEntryBytes: MiB, maxTotalBytes: MiB },
};

async function refusal(promise: Promise<ImportResult>): Promise<FileError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof FileError, `a FileError, not ${String(error)}`);
    return error;
  }
  return assert.fail('the file should have been refused');
}

describe('Hostile spreadsheets sent for import', function () {
  this.timeout(60_000);
  let good: Buffer;

  before(async () => {
    good = await handMadeTable(nationalHeaders(), [
      identityRow('Mme', 'Diallo', 'Awa', '14/03/2003', 'AB12345'),
    ]);
  });

  it('refuses a worksheet that inflates beyond what the zip declares, as soon as it passes the declared size', async () => {
    // The file, scaled down: the national headers, one row, then 8 MB of whitespace,
    // declared as 4 KB.
    const bomb = await paddedWorksheetXlsx(good, 8 * MiB, 4096);
    assert.ok(bomb.length < 64 * 1024, `${bomb.length} bytes sent`);
    const error = await refusal(parseNationalTable(bomb, { context }));
    assert.equal(error.code, 'E_IMPORT_DAMAGED');
    assert.deepEqual(error.toLog(), { code: 'E_IMPORT_DAMAGED', reason: 'size' });
  });

  it('refuses a file that declares more than the unzipped limit before inflating it: "too large once decompressed", with the limit', async () => {
    const honest = await paddedWorksheetXlsx(good, 3 * MiB);
    const error = await refusal(parseNationalTable(honest, { context, limits: small }));
    assert.equal(error.code, 'E_IMPORT_UNZIPPED_TOO_LARGE');
    assert.equal(error.details.maxUnzippedBytes, MiB);
    assert.ok(
      (error.details.unzippedBytes ?? 0) > 3 * MiB,
      'the declared size: nothing was inflated',
    );
    // Declared just under the limit, it is stopped where its declaration ends, under the limit.
    const lying = await paddedWorksheetXlsx(good, 3 * MiB, MiB - 64 * 1024);
    const stopped = await refusal(parseNationalTable(lying, { context, limits: small }));
    assert.deepEqual([stopped.code, stopped.details.reason], ['E_IMPORT_DAMAGED', 'size']);
  });

  it('refuses a zip with thousands of parts before inflating any', async () => {
    const parts = await partsOf(good);
    for (let i = 0; i < 1200; i += 1)
      parts.push(deflatedPart(`xl/media/image${i}.png`, Buffer.from('x')));
    const error = await refusal(parseNationalTable(writeZip(parts), { context }));
    assert.equal(error.code, 'E_IMPORT_UNZIPPED_TOO_LARGE');
    assert.deepEqual(
      [error.details.maxEntries, error.details.entries],
      [1000, 1200 + (await partsOf(good)).length],
    );
  });

  it('refuses a truncated zip as damaged', async () => {
    for (const cut of [good.length - 10, Math.floor(good.length / 2), 100]) {
      const error = await refusal(parseNationalTable(good.subarray(0, cut), { context }));
      assert.deepEqual(
        [error.code, error.details.reason],
        ['E_IMPORT_DAMAGED', 'truncated'],
        `cut at ${cut}`,
      );
    }
  });

  it('refuses a part whose content does not match its CRC-32', async () => {
    const forged = await alterXlsx(good, 'xl/worksheets/sheet1.xml', (p) => ({
      ...p,
      crc32: (p.crc32 ^ 0x5a5a) >>> 0,
    }));
    const error = await refusal(parseNationalTable(forged, { context }));
    assert.deepEqual([error.code, error.details.reason], ['E_IMPORT_DAMAGED', 'crc']);
  });

  it('refuses two parts of one name, which zip readers resolve differently', async () => {
    const parts = await partsOf(good);
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml');
    assert.ok(sheet);
    const error = await refusal(
      parseNationalTable(writeZip([...parts, { ...sheet, name: 'XL/worksheets/Sheet1.xml' }]), {
        context,
      }),
    );
    assert.deepEqual([error.code, error.details.reason], ['E_IMPORT_DAMAGED', 'structure']);
  });

  it('asks the password of an encrypted bomb, refuses a wrong one, and refuses the bomb once opened with the right one', async () => {
    const encrypted = encrypt(await paddedWorksheetXlsx(good, 8 * MiB, 4096), PASSWORD);
    assert.equal(
      (await refusal(parseNationalTable(encrypted, { context }))).code,
      'E_IMPORT_PASSWORD_REQUIRED',
    );
    assert.equal(
      (await refusal(parseNationalTable(encrypted, { context, password: 'pas-le-bon' }))).code,
      'E_IMPORT_BAD_PASSWORD',
    );
    const opened = await refusal(parseNationalTable(encrypted, { context, password: PASSWORD }));
    assert.deepEqual([opened.code, opened.details.reason], ['E_IMPORT_DAMAGED', 'size']);
    const fine = await parseNationalTable(encrypt(good, PASSWORD), { context, password: PASSWORD });
    assert.equal(fine.accepted.length, 1);
  });

  it('refuses XML entity expansion in sharedStrings.xml: a DTD has no place in a workbook', async () => {
    const lol =
      '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' +
      '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>' +
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&d;</t></si></sst>';
    for (const encoding of ['utf8', 'utf16le'] as const) {
      const content =
        encoding === 'utf8'
          ? Buffer.from(lol)
          : Buffer.concat([
              Buffer.from([0xff, 0xfe]),
              Buffer.from(lol.replace('UTF-8', 'UTF-16'), 'utf16le'),
            ]);
      const forged = await alterXlsx(good, 'xl/sharedStrings.xml', (p) =>
        deflatedPart(p.name, content),
      );
      const error = await refusal(parseNationalTable(forged, { context }));
      assert.deepEqual([error.code, error.details.reason], ['E_IMPORT_DAMAGED', 'dtd'], encoding);
    }
  });

  it('ignores 100,000 formatted but empty rows after the data', async () => {
    const empty = Array.from(
      { length: 100_000 },
      (_, i) => `<row r="${i + 3}"><c r="A${i + 3}" s="0"/><c r="E${i + 3}" s="0" t="s"/></row>`,
    ).join('');
    const sheet = await (
      await JSZip.loadAsync(good)
    )
      .file('xl/worksheets/sheet1.xml')
      ?.async('string');
    assert.ok(sheet);
    const withRows = await alterXlsx(good, 'xl/worksheets/sheet1.xml', (p) =>
      deflatedPart(p.name, Buffer.from(sheet.replace('</sheetData>', `${empty}</sheetData>`))),
    );
    const result = await parseNationalTable(withRows, { context });
    assert.deepEqual(
      result.accepted.map((r) => r.line),
      [2],
    );
    assert.deepEqual(result.refused, []);
  });

  it('reads the national sheet when another sheet comes first, and refuses two national sheets rather than guess', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Consignes').addRow(['Remplir une ligne par personne']);
    const table = workbook.addWorksheet('Tableau');
    table.addRow(nationalHeaders());
    table.addRow(identityRow('Mme', 'Diallo', 'Awa', '14/03/2003', 'AB12345'));
    const file = Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    assert.equal((await parseNationalTable(file, { context })).accepted[0]?.identity.nom, 'Diallo');

    const copy = workbook.addWorksheet('Tableau (2)');
    copy.addRow(nationalHeaders());
    const twice = Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const error = await refusal(parseNationalTable(twice, { context }));
    assert.equal(error.code, 'E_IMPORT_SEVERAL_SHEETS');
    assert.deepEqual(error.details.sheets, ['Tableau', 'Tableau (2)']);
    assert.deepEqual(
      error.toLog(),
      { code: 'E_IMPORT_SEVERAL_SHEETS', sheetsCount: 2 },
      'sheet names are not logged',
    );
  });

  it('reads the national sheet of an exported table whose Informations sheet was moved first', async () => {
    const exported = await runExport(sampleRows(2), exportInfo);
    const zip = await JSZip.loadAsync(await decrypt(exported.file, exported.password));
    const book = await zip.file('xl/workbook.xml')?.async('string');
    assert.ok(book);
    // Swap the two <sheet> elements: Informations becomes the first tab.
    const sheets = [...book.matchAll(/<sheet [^>]*\/>/g)].map((m) => m[0]);
    assert.equal(sheets.length, 2);
    zip.file(
      'xl/workbook.xml',
      book.replace(sheets[0], '\u0000').replace(sheets[1], sheets[0]).replace('\u0000', sheets[1]),
    );
    const moved = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const result = await parseNationalTable(moved, { context });
    assert.equal(result.accepted.length + result.refused.length, 2);
  });

  it('never evaluates a formula: a cached result is read as text, a formula without one reads as empty', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Feuil1');
    sheet.addRow(nationalHeaders());
    const row = sheet.addRow(identityRow('Mme', '', 'Awa', '14/03/2003', ''));
    row.getCell(2).value = {
      formula: 'HYPERLINK("https://example.org/","Diallo")',
      result: 'Diallo',
    };
    row.getCell(5).value = { formula: 'CONCAT("AB","12345")' } as ExcelJS.CellFormulaValue;
    const file = Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const result = await parseNationalTable(file, { context });
    assert.deepEqual(result.accepted, []);
    assert.deepEqual(result.refused, [{ line: 2, fieldErrors: { numeroCir: 'E_FIELD_REQUIRED' } }]);
  });

  it('refuses a .xlsx that is really a CSV, a PDF or a legacy .xls, as not a workbook', async () => {
    const { utils, write } = await import('cfb');
    const legacy = utils.cfb_new();
    utils.cfb_add(legacy, 'Workbook', Buffer.alloc(64));
    for (const bytes of [
      Buffer.from('Civilité;Nom;Prénom\nMme;Diallo;Awa\n'),
      Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'),
      Buffer.from(write(legacy, { type: 'buffer' }) as Uint8Array),
    ]) {
      assert.equal(
        (await refusal(parseNationalTable(bytes, { context }))).code,
        'E_IMPORT_NOT_XLSX',
      );
    }
  });
});

describe('Exported cells', () => {
  it('are never formulas, whatever a name starts with', async () => {
    const rows = sampleRows(4).map((r, i) => ({
      ...r,
      nom: ['=1+1', '+33 6 00', '@SUM(A1)', '=HYPERLINK("https://example.org")'][i],
    }));
    const exported = await runExport(rows, exportInfo);
    const zip = await JSZip.loadAsync(await decrypt(exported.file, exported.password));
    for (const name of Object.keys(zip.files).filter((n) => n.startsWith('xl/worksheets/'))) {
      const xml = (await zip.file(name)?.async('string')) ?? '';
      assert.ok(!/<f[ >]/.test(xml), `${name} has a formula`);
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await decrypt(exported.file, exported.password)) as unknown as ExcelJS.Buffer,
    );
    const names = [2, 3, 4, 5].map((line) => workbook.worksheets[0].getRow(line).getCell(2).value);
    assert.deepEqual(names, ['=1+1', '+33 6 00', '@SUM(A1)', '=HYPERLINK("https://example.org")']);
  });
});
