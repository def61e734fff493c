import { strict as assert } from 'node:assert';
import ExcelJS from 'exceljs';
import { decrypt } from '../../src/files/encrypt';
import { createFileWorkerPool, type FileWorkerPool } from '../../src/files/worker-pool';
import {
  context,
  exportInfo,
  handMadeTable,
  identityRow,
  nationalHeaders,
  sampleRows,
} from './fixtures';

describe('Exports and imports in worker threads', function () {
  this.timeout(120_000);
  let pool: FileWorkerPool;

  before(() => {
    pool = createFileWorkerPool({ size: 1 });
  });
  after(() => pool.close());

  it('exports an encrypted table that opens with the password given to the requester', async () => {
    const result = await pool.exportNationalTable(sampleRows(25), exportInfo);
    assert.equal(result.rowCount, 25);
    assert.ok(Buffer.isBuffer(result.file));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await decrypt(result.file, result.password)) as unknown as ExcelJS.Buffer,
    );
    assert.equal(workbook.worksheets[0].actualRowCount, 26);
  });

  it('keeps the bot responsive during a 10,000-row export', async () => {
    const rows = sampleRows(10_000);
    await pool.exportNationalTable(sampleRows(10), exportInfo); // the worker is up and warm
    // Other turns keep running while the export is built: the event loop turns many times
    // before the export resolves. (How long it may stall is measured by npm run bench, not here.)
    let done = false;
    const exported = pool.exportNationalTable(rows, exportInfo).finally(() => (done = true));
    let turns = 0;
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      turns++;
    }
    const result = await exported;
    assert.equal(result.rowCount, 10_000);
    assert.ok(turns > 50, `the event loop turned only ${turns} times during the export`);
  });

  it('imports in the worker, reports progress, and returns refused rows with their lines', async () => {
    const rows = Array.from({ length: 300 }, (_, i) =>
      identityRow('Mme', 'Dupont', 'Léa', '14/03/2003', `AB${1000 + i}`),
    );
    rows.push(identityRow('Mme', 'Dupont', 'Léa', '14/03/2040', 'ZZ9999'));
    const progress: number[] = [];
    const result = await pool.importNationalTable(
      await handMadeTable(nationalHeaders(), rows),
      { context },
      (p) => progress.push(p.done),
    );
    assert.equal(result.accepted.length, 300);
    assert.deepEqual(result.refused, [
      { line: 302, fieldErrors: { dateNaissance: 'E_DATE_FUTURE' } },
    ]);
    assert.deepEqual(progress, [250, 301]);
  });

  it('passes the refusal of a whole file back as the same typed error', async () => {
    await assert.rejects(pool.importNationalTable(Buffer.from('pas un classeur'), { context }), {
      name: 'FileError',
      code: 'E_IMPORT_NOT_XLSX',
    });
    await assert.rejects(
      pool.importNationalTable(Buffer.alloc(2048), { context, limits: { maxBytes: 1000 } }),
      { code: 'E_IMPORT_TOO_LARGE' },
    );
  });

  it('tells a user to retry later when too many files are already waiting', async () => {
    const busy = createFileWorkerPool({ size: 1, maxQueue: 1 });
    try {
      const running = busy.exportNationalTable(sampleRows(5), exportInfo);
      const queued = busy.exportNationalTable(sampleRows(5), exportInfo);
      await assert.rejects(busy.exportNationalTable(sampleRows(5), exportInfo), {
        code: 'E_FILE_BUSY',
      });
      await Promise.all([running, queued]);
    } finally {
      await busy.close();
    }
  });

  it("fails cleanly when a job exhausts the worker's memory, and the next export still works", async () => {
    const tight = createFileWorkerPool({ size: 1, maxOldGenerationSizeMb: 24 });
    try {
      await assert.rejects(tight.exportNationalTable(sampleRows(20_000), exportInfo), {
        code: 'E_FILE_OUT_OF_MEMORY',
        details: { cause: 'ERR_WORKER_OUT_OF_MEMORY' },
      });
      assert.equal((await tight.exportNationalTable(sampleRows(2), exportInfo)).rowCount, 2);
    } finally {
      await tight.close();
    }
  });

  it("gives idle workers' memory back but keeps one warm for the next export", async () => {
    const elastic = createFileWorkerPool({ size: 2, idleTimeoutMs: 100, keepWarm: 1 });
    try {
      const both = Promise.all([
        elastic.exportNationalTable(sampleRows(5), exportInfo),
        elastic.exportNationalTable(sampleRows(5), exportInfo),
      ]);
      assert.deepEqual(elastic.stats(), { workers: 2, busy: 2, queued: 0 });
      await both;
      await new Promise((resolve) => setTimeout(resolve, 400));
      assert.deepEqual(elastic.stats(), { workers: 1, busy: 0, queued: 0 });
    } finally {
      await elastic.close();
    }
    assert.equal(elastic.stats().workers, 0);
  });

  it('stops a job that runs too long and keeps serving the next ones', async () => {
    const slow = createFileWorkerPool({ size: 1, jobTimeoutMs: 50 });
    try {
      await assert.rejects(slow.exportNationalTable(sampleRows(2000), exportInfo), {
        code: 'E_FILE_TIMEOUT',
      });
    } finally {
      await slow.close();
    }
    const result = await pool.exportNationalTable(sampleRows(3), exportInfo);
    assert.equal(result.rowCount, 3);
  });
});
