/**
 * Benchmark of the national-table files (issue 4): export (build + protect + encrypt) of 10,
 * 1,000 and 10,000 rows with peak memory, the event-loop delay a concurrent flow-1 submit sees
 * during a 10,000-row export, and the import of 1,000 rows. Run alone with
 * `node --import tsx bench/files.bench.ts`, or through bench/index.ts.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { DEFAULT_CIR_PATTERN } from '../src/domain/fields';
import { loadReferentials } from '../src/domain/referentials';
import { flow1Schema, validate, type SchemaContext } from '../src/domain/schemas';
import { encrypt } from '../src/files/encrypt';
import { parseNationalTable } from '../src/files/import-table';
import { NATIONAL_COLUMNS } from '../src/files/national-columns';
import type { ExportInfo, NationalRow } from '../src/files/national-table';
import { createFileWorkerPool, type FileWorkerPool } from '../src/files/worker-pool';

const TARGETS = { export10kMs: 1500, eventLoopMs: 50, import1kMs: 3000 };
const referentials = loadReferentials();
const context: SchemaContext = {
  today: '2026-05-01',
  cirPattern: new RegExp(DEFAULT_CIR_PATTERN),
  referentials,
};
const info: ExportInfo = {
  structureName: 'Mission Locale de Villeurbanne',
  period: { from: '2026-01-01', to: '2026-12-31' },
  generatedAt: new Date('2026-05-01T08:30:00Z'),
  generatedBy: 'Camille Martin',
  referentials,
};

export interface FilesBenchReport {
  exports: { rows: number; ms: number; peakRssMb: number; fileKb: number }[];
  coldExport10kMs: number;
  firstExport10kAfterWarmMs: number;
  eventLoopMaxMs: number;
  flow1SubmitMaxMs: number;
  import1kMs: number;
  import1kEncryptedMs: number;
}

function rows(n: number): NationalRow[] {
  return Array.from({ length: n }, (_, i) => ({
    civilite: i % 2 ? 'M.' : 'Mme',
    nom: 'Dupont-Martin',
    prenom: 'Élodie',
    dateNaissance: `${2000 + (i % 8)}-0${1 + (i % 9)}-1${i % 10}`,
    numeroCir: `CIR${String(i).padStart(8, '0')}`,
    positionnementLinguistique: i % 2 ? null : 'INF_A2',
    prescriptionInitiale: i % 2 ? null : 'FL_600',
    heuresFL: i % 2 ? null : 120,
    journeesFC: i % 2 ? null : 2,
    prescriptionML: i % 3 ? null : 'CEJ',
  }));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (bytes: number): number => Math.round(bytes / (1024 * 1024));

/** Runs fn while sampling the process RSS (main thread and workers share it). */
async function withPeakRss<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; ms: number; peakRss: number }> {
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 5);
  const start = performance.now();
  try {
    const value = await fn();
    return {
      value,
      ms: performance.now() - start,
      peakRss: Math.max(peakRss, process.memoryUsage.rss()),
    };
  } finally {
    clearInterval(sampler);
  }
}

async function exportFigures(pool: FileWorkerPool): Promise<FilesBenchReport['exports']> {
  const out: FilesBenchReport['exports'] = [];
  for (const n of [10, 1000, 10_000]) {
    const data = rows(n);
    const runs: { ms: number; peakRss: number; size: number }[] = [];
    for (let k = 0; k < 3; k += 1) {
      // Users export now and then: between two exports the worker derives the next keys.
      await sleep(700);
      const run = await withPeakRss(() => pool.exportNationalTable(data, info));
      runs.push({ ms: run.ms, peakRss: run.peakRss, size: run.value.file.length });
    }
    out.push({
      rows: n,
      ms: Math.round(median(runs.map((r) => r.ms))),
      peakRssMb: mb(Math.max(...runs.map((r) => r.peakRss))),
      fileKb: Math.round(runs[0].size / 1024),
    });
  }
  return out;
}

/**
 * Longest event-loop delay, and longest wait of a flow-1 validation every 10 ms, during an export.
 */
async function responsiveness(pool: FileWorkerPool): Promise<{ loopMs: number; submitMs: number }> {
  const data = rows(10_000);
  await sleep(700);
  const schema = flow1Schema(context);
  const submit = {
    civilite: 'Mme',
    nom: 'Dupont',
    prenom: 'Léa',
    dateNaissance: '14/03/2003',
    numeroCir: 'AB12345',
    dtId: 'dt-lyon',
  };
  let submitMs = 0;
  let expected = performance.now() + 10;
  const ticker = setInterval(() => {
    const now = performance.now();
    submitMs = Math.max(submitMs, now - expected);
    validate(schema, submit);
    expected = performance.now() + 10;
  }, 10);
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  await pool.exportNationalTable(data, info);
  histogram.disable();
  clearInterval(ticker);
  return { loopMs: histogram.max / 1e6, submitMs };
}

async function handMadeTable(n: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Feuil1');
  sheet.addRow(NATIONAL_COLUMNS.map((c) => c.header));
  for (let i = 0; i < n; i += 1) {
    sheet.addRow([
      i % 2 ? 'M.' : 'Mme',
      'Dupont',
      'Léa',
      new Date(Date.UTC(2003, i % 12, 1 + (i % 28))),
      `AB${100000 + i}`,
    ]);
  }
  sheet.getColumn(4).numFmt = 'dd/mm/yyyy';
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

function verdict(value: number, target: number): string {
  return `${value.toFixed(0).padStart(6)} ms  (target < ${target} ms, ${(value / target).toFixed(2)}× the target) ${value < target ? 'OK' : 'OVER'}`;
}

/** Runs the files benchmark and prints its figures. */
export async function benchFiles(): Promise<FilesBenchReport> {
  console.log('\n== National table files (issue 4) ==');
  const cold = createFileWorkerPool({ size: 1 });
  const coldRun = await withPeakRss(() => cold.exportNationalTable(rows(10_000), info));
  await cold.close();

  const pool = createFileWorkerPool({ size: 1 });
  pool.warm(); // as the bot does at start-up
  await sleep(4000);
  const firstRun = await withPeakRss(() => pool.exportNationalTable(rows(10_000), info));
  const exports = await exportFigures(pool);
  const { loopMs, submitMs } = await responsiveness(pool);

  const table = await handMadeTable(1000);
  const inThread = await withPeakRss(() => parseNationalTable(table, { context }));
  const password = 'Tq4wHc7dNaRx3ePk9gMy';
  const encrypted = encrypt(table, password);
  const viaPool = await withPeakRss(() =>
    pool.importNationalTable(encrypted, { context, password }),
  );
  await pool.close();
  if (inThread.value.accepted.length !== 1000 || viaPool.value.accepted.length !== 1000) {
    throw new Error('import benchmark: rows were refused');
  }

  console.log('export (build + protect + encrypt, worker thread, median of 3):');
  for (const e of exports) {
    console.log(
      `  ${String(e.rows).padStart(6)} rows: ${String(e.ms).padStart(5)} ms, peak RSS ${e.peakRssMb} MB, file ${e.fileKb} KB`,
    );
  }
  console.log(`  10,000 rows             ${verdict(exports[2].ms, TARGETS.export10kMs)}`);
  console.log(`  10,000 rows, 1st after warm() ${verdict(firstRun.ms, TARGETS.export10kMs)}`);
  console.log(
    `  10,000 rows, cold start ${verdict(coldRun.ms, TARGETS.export10kMs)} (worker started on demand under tsx: call warm() at start-up)`,
  );
  console.log(`event-loop delay during a 10,000-row export:`);
  console.log(`  longest loop delay      ${verdict(loopMs, TARGETS.eventLoopMs)}`);
  console.log(`  flow-1 submit waited    ${verdict(submitMs, TARGETS.eventLoopMs)}`);
  console.log('import of 1,000 rows (parse + validate):');
  console.log(`  plain, in thread        ${verdict(inThread.ms, TARGETS.import1kMs)}`);
  console.log(
    `  encrypted, worker       ${verdict(viaPool.ms, TARGETS.import1kMs)} (includes the key derivation)`,
  );
  console.log(`peak RSS of the process: ${mb(process.resourceUsage().maxRSS * 1024)} MB`);

  return {
    exports,
    coldExport10kMs: Math.round(coldRun.ms),
    firstExport10kAfterWarmMs: Math.round(firstRun.ms),
    eventLoopMaxMs: Math.round(loopMs * 10) / 10,
    flow1SubmitMaxMs: Math.round(submitMs * 10) / 10,
    import1kMs: Math.round(inThread.ms),
    import1kEncryptedMs: Math.round(viaPool.ms),
  };
}

if (require.main === module) {
  benchFiles().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
