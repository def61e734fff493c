import { strict as assert } from 'node:assert';
import ExcelJS from 'exceljs';
import { buildNationalTable } from '../../src/files/national-table';
import { NATIONAL_COLUMNS } from '../../src/files/national-columns';
import { exportInfo, sampleRows } from './fixtures';

describe('the motif on the national table (issue 13 §1)', function () {
  this.timeout(60_000);

  it('lists each request’s motif by line on the "Informations" sheet, not as a national column', async () => {
    const motifs = ['ajustement', 'information', null, 'information'];
    const rows = sampleRows(4).map((r, i) => ({ ...r, motif: motifs[i] }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await buildNationalTable(rows, exportInfo)) as unknown as ExcelJS.Buffer,
    );
    const [table, info] = workbook.worksheets;
    assert.equal(table.getRow(1).cellCount, NATIONAL_COLUMNS.length, 'the contract is unchanged');
    const lines: string[] = [];
    info.eachRow((row) => lines.push((row.values as unknown[]).slice(1).join(' | ')));
    const text = lines.join('\n');
    assert.match(text, /Motif des demandes\nAjuster le parcours CIR \| 1\n/);
    assert.match(text, /Bénéficier d’informations sur le parcours CIR \| 2\nNon précisé \| 1/);
    assert.match(text, /Ligne 2 \| Ajuster le parcours CIR\nLigne 3 \| Bénéficier/);
    assert.match(text, /Ligne 4 \| Non précisé\nLigne 5 \| Bénéficier/);
  });
});
