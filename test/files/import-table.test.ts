import { strict as assert } from 'node:assert';
import * as CFB from 'cfb';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { encrypt } from '../../src/files/encrypt';
import { FileError } from '../../src/domain/errors';
import { runExport } from '../../src/files/export-table';
import { parseNationalTable, type ImportResult } from '../../src/files/import-table';
import {
  context,
  exportInfo,
  handMadeTable,
  identityRow,
  nationalHeaders,
  sampleRows,
} from './fixtures';

const PASSWORD = 'Tq4wHc7dNaRx3ePk9gMy';

async function refusal(promise: Promise<ImportResult>): Promise<FileError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof FileError, 'a FileError');
    return error;
  }
  return assert.fail('the file should have been refused');
}

describe('Importing a national table sent by an advisor', function () {
  this.timeout(60_000);
  let good: Buffer;

  before(async () => {
    good = await handMadeTable(
      nationalHeaders(),
      [
        identityRow('Mme', 'Dupont', 'Élodie', new Date(Date.UTC(2003, 2, 14)), 'ab 12345'),
        identityRow('M.', 'N’Diaye', 'Karim', '05/11/2001', '00789/2024'),
      ],
      4,
    );
  });

  it('accepts a good table and gives each row its Excel line number and normalised identity', async () => {
    const result = await parseNationalTable(good, { context });
    assert.equal(result.refused.length, 0);
    assert.deepEqual(result.accepted, [
      {
        line: 2,
        identity: {
          civilite: 'Mme',
          nom: 'Dupont',
          prenom: 'Élodie',
          dateNaissance: '2003-03-14',
          numeroCir: 'AB12345',
        },
      },
      {
        line: 3,
        identity: {
          civilite: 'M.',
          nom: 'N’Diaye',
          prenom: 'Karim',
          dateNaissance: '2001-11-05',
          numeroCir: '00789/2024',
        },
      },
    ]);
  });

  it('opens an encrypted table with its password', async () => {
    const result = await parseNationalTable(encrypt(good, PASSWORD), {
      context,
      password: PASSWORD,
    });
    assert.equal(result.accepted.length, 2);
  });

  it('asks for the password of an encrypted table, and refuses a wrong one', async () => {
    const locked = encrypt(good, PASSWORD);
    assert.equal(
      (await refusal(parseNationalTable(locked, { context }))).code,
      'E_IMPORT_PASSWORD_REQUIRED',
    );
    assert.equal(
      (await refusal(parseNationalTable(locked, { context, password: 'pas-le-bon' }))).code,
      'E_IMPORT_BAD_PASSWORD',
    );
  });

  it('re-reads a table exported by the bot, ignoring the DT columns an advisor may not fill', async () => {
    const exported = await runExport(sampleRows(20), exportInfo);
    const result = await parseNationalTable(exported.file, {
      context,
      password: exported.password,
    });
    assert.equal(result.accepted.length, 20);
    assert.equal(
      result.accepted[0].prescriptionML,
      'CEJ',
      'the ML prescription label is read back as its code',
    );
    assert.equal(result.accepted[0].identity.numeroCir, sampleRows(1)[0].numeroCir);
    assert.deepEqual(result.ignoredColumns, [
      'positionnementLinguistique',
      'prescriptionInitiale',
      'heuresFL',
      'journeesFC',
    ]);
    assert.equal(result.ignoredCells, 40);
  });

  it('accepts headers in another order, without accents, in capitals or with extra spaces', async () => {
    const headers = [
      'N CIR',
      'nom',
      'PRENOM',
      ' civilite ',
      'date  de naissance',
      'Prescription mission locale',
      'positionnement linguistique',
      'prescription initiale',
      'total des heures fl effectuees',
      'nombre de journees fc effectuees',
    ];
    const file = await handMadeTable(headers, [
      ['CIR-0042', 'Martin', 'Léa', 'Madame', '01/02/2004', 'pacea', null, null, null, null],
    ]);
    const result = await parseNationalTable(file, { context });
    assert.deepEqual(result.accepted, [
      {
        line: 2,
        identity: {
          civilite: 'Mme',
          nom: 'Martin',
          prenom: 'Léa',
          dateNaissance: '2004-02-01',
          numeroCir: 'CIR-0042',
        },
        prescriptionML: 'PACEA',
      },
    ]);
  });

  it('refuses a table whose columns are not the national ones, listing every difference', async () => {
    const headers = nationalHeaders().filter((h) => h !== 'N° CIR' && h !== 'Prénom');
    headers.push('Nationalité', 'Nom');
    const file = await handMadeTable(headers, [
      ['Mme', 'Dupont', '14/03/2003', null, null, null, null, null, 'FR', 'X'],
    ]);
    const error = await refusal(parseNationalTable(file, { context }));
    assert.equal(error.code, 'E_IMPORT_HEADERS');
    assert.deepEqual(error.details.missing, ['Prénom', 'N° CIR']);
    assert.deepEqual(error.details.unexpected, [{ column: 'I', header: 'Nationalité' }]);
    assert.deepEqual(error.details.duplicated, ['Nom']);
    assert.equal(error.message, 'E_IMPORT_HEADERS');
    assert.deepEqual(error.toLog(), {
      code: 'E_IMPORT_HEADERS',
      missingCount: 2,
      unexpectedCount: 1,
      duplicatedCount: 1,
    });
  });

  it('imports the good rows and reports each bad row with its line and the reason for every wrong field', async () => {
    const file = await handMadeTable(nationalHeaders(), [
      identityRow('Mme', 'Dupont', 'Élodie', '14/03/2003', 'AB12345'),
      identityRow('Mlle', 'Dupont2', '', '31/02/2003', 'A?'),
      [null, null, null, null, null, null, null, null, null, null],
      identityRow('M', 'Martin', 'Hugo', '01/01/1980', 'CD67890'),
      identityRow('Monsieur', 'Bernard', 'Louis', 36951, 'EF-1'),
      identityRow('Mme', 'Petit', 'Inès', '02/02/2002', 'ab12345'),
      [
        ...identityRow('Mme', 'Roux', 'Anna', '02/02/2002', 'GH-77').slice(0, 9),
        'Stage à l’étranger',
      ],
    ]);
    const result = await parseNationalTable(file, { context });
    assert.deepEqual(
      result.accepted.map((r) => r.line),
      [2, 6],
    );
    assert.equal(
      result.accepted[1].identity.dateNaissance,
      '2001-03-01',
      'an Excel serial day is read as a date',
    );
    assert.deepEqual(result.refused, [
      {
        line: 3,
        fieldErrors: {
          civilite: 'E_CHOICE_INVALID',
          nom: 'E_NAME_INVALID',
          prenom: 'E_FIELD_REQUIRED',
          dateNaissance: 'E_DATE_INVALID',
          numeroCir: 'E_CIR_INVALID',
        },
      },
      { line: 5, fieldErrors: { dateNaissance: 'E_AGE_OUT_OF_RANGE' } },
      { line: 7, fieldErrors: { numeroCir: 'E_CIR_DUPLICATE_IN_FILE' } },
      { line: 8, fieldErrors: { prescriptionML: 'E_CHOICE_INVALID' } },
    ]);
  });

  it('refuses bytes that are not an xlsx: text, a PDF, a zip without a workbook, a legacy .xls', async () => {
    const zip = new JSZip();
    zip.file('document.txt', 'bonjour');
    const legacy = CFB.utils.cfb_new();
    CFB.utils.cfb_add(legacy, 'Workbook', Buffer.alloc(64));
    for (const bytes of [
      Buffer.from('civilite;nom;prenom\nMme;Dupont;Élodie\n'),
      Buffer.from('%PDF-1.7\n%âãÏÓ\n'),
      await zip.generateAsync({ type: 'nodebuffer' }),
      Buffer.from(CFB.write(legacy, { type: 'buffer' }) as Uint8Array),
      Buffer.alloc(0),
    ]) {
      assert.equal(
        (await refusal(parseNationalTable(bytes, { context }))).code,
        'E_IMPORT_NOT_XLSX',
      );
    }
  });

  it('refuses a file over the size limit before reading it', async () => {
    const error = await refusal(parseNationalTable(good, { context, limits: { maxBytes: 1024 } }));
    assert.equal(error.code, 'E_IMPORT_TOO_LARGE');
    assert.deepEqual(error.details, { maxBytes: 1024, bytes: good.length });
  });

  it('refuses a small file that would inflate beyond the limit (zip bomb)', async () => {
    const zip = await JSZip.loadAsync(good);
    zip.file('xl/media/padding.bin', Buffer.alloc(3 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    assert.ok(bomb.length < 100 * 1024);
    const unzip = { maxEntries: 1000, maxEntryBytes: 1024 * 1024, maxTotalBytes: 1024 * 1024 };
    const error = await refusal(parseNationalTable(bomb, { context, limits: { unzip } }));
    assert.equal(error.code, 'E_IMPORT_UNZIPPED_TOO_LARGE');
    assert.equal(error.details.maxUnzippedBytes, 1024 * 1024);
  });

  it('refuses a table with more rows than allowed, and an empty one', async () => {
    const rows = Array.from({ length: 6 }, (_, i) =>
      identityRow('Mme', 'Dupont', 'Léa', '14/03/2003', `AB${1000 + i}`),
    );
    const file = await handMadeTable(nationalHeaders(), rows);
    const error = await refusal(parseNationalTable(file, { context, limits: { maxRows: 5 } }));
    assert.equal(error.code, 'E_IMPORT_TOO_MANY_ROWS');
    assert.deepEqual(error.details, { maxRows: 5, rows: 6 });
    const empty = await handMadeTable(nationalHeaders(), []);
    assert.equal((await refusal(parseNationalTable(empty, { context }))).code, 'E_IMPORT_EMPTY');
  });

  it('reports progress while it checks the rows', async () => {
    const rows = Array.from({ length: 600 }, (_, i) =>
      identityRow('Mme', 'Dupont', 'Léa', '14/03/2003', `AB${1000 + i}`),
    );
    const seen: number[] = [];
    const result = await parseNationalTable(
      await handMadeTable(nationalHeaders(), rows),
      { context },
      (p) => seen.push(p.done),
    );
    assert.equal(result.accepted.length, 600);
    assert.deepEqual(seen, [250, 500, 600]);
  });

  it('never puts a name, birth date or CIR number in an error', async () => {
    const headers = [...nationalHeaders().slice(0, 9), 'Dupont Élodie 14/03/2003'];
    const error = await refusal(parseNationalTable(await handMadeTable(headers, []), { context }));
    assert.equal(error.message, 'E_IMPORT_HEADERS');
    assert.doesNotMatch(JSON.stringify(error.toLog()), /Dupont|2003/);
    assert.ok(!String(error.stack).includes('Dupont'));
  });
});

describe('Reading cells typed by hand', () => {
  it('understands rich text and formula results as plain text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Feuil1');
    sheet.addRow(nationalHeaders());
    const row = sheet.addRow(identityRow('Mme', '', 'Léa', '14/03/2003', ''));
    row.getCell(2).value = { richText: [{ text: 'Du' }, { text: 'pont', font: { bold: true } }] };
    row.getCell(5).value = { formula: 'UPPER("ab123")', result: 'AB123' };
    const file = Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const result = await parseNationalTable(file, { context });
    assert.equal(result.accepted[0]?.identity.nom, 'Dupont');
    assert.equal(result.accepted[0]?.identity.numeroCir, 'AB123');
  });
});
