/**
 * Issue 19's hostile file through the bot: a ~1.2 MB .xlsx whose zip declares 4 KB for a
 * worksheet that inflates to 1.2 GB (the national headers, one row, then whitespace), built here
 * and never written to disk, sent in an advisor's personal chat to /api/messages on 127.0.0.1
 * (SQLite, file workers warmed as at start-up). Measures the process's peak RSS growth over the
 * idle bot and the time from the message to the refusal card; then the same file declaring its
 * true size, three lying files at once, and the costliest file under the unzipped limit (empty
 * formatted cells up to IMPORT_MAX_UNZIPPED_BYTES), which is read, not refused. Run alone with
 * `BENCH_ONLY=hostile npm run bench` or
 * `node --max-semi-space-size=32 --import tsx bench/hostile-upload.bench.ts`.
 */
import { performance } from 'node:perf_hooks';
import { startTestBot, type TestBot } from '../test/helpers/app';
import type { Recorded } from '../test/helpers/connector-stand-in';
import { handMadeTable, identityRow, nationalHeaders } from '../test/files/fixtures';
import { denseWorksheetXlsx, paddedWorksheetXlsx } from '../test/helpers/hostile-files';
import { DEFAULT_UPLOAD_SETTINGS } from '../src/files/upload-guard';
import { cardOf, fileMessage, text } from '../test/helpers/tableau';
import { inPersonal, messageActivity, people, post } from '../test/helpers/teams';

const TARGETS = { rssGrowthMb: 150, refusalMs: 2000 };
const INFLATED_BYTES = 1_200_000_000;
const DECLARED_BYTES = 4096;

export interface HostileUploadReport {
  fileKb: number;
  idleRssMb: number;
  lying: { peakGrowthMb: number; ms: number; message: string };
  honest: { peakGrowthMb: number; ms: number; message: string };
  threeAtOnce: { peakGrowthMb: number; ms: number };
  denseUnderLimit: { fileKb: number; peakGrowthMb: number; ms: number; message: string };
}

const mb = (bytes: number): number => Math.round(bytes / (1024 * 1024));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends the files at once from the advisor; resolves when every one has its final card, with the
 * peak RSS seen meanwhile.
 */
async function sendAndWait(
  bot: TestBot,
  files: Buffer[],
): Promise<{ ms: number; peakRss: number; finals: Recorded[] }> {
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 5);
  const t0 = performance.now();
  try {
    const finals = await Promise.all(
      files.map(async (bytes, i) => {
        const name = `hostile-${Date.now()}-${i}.xlsx`;
        bot.connector.files.set(name, bytes);
        const before = bot.connector.recorded.length;
        await post(
          bot.url,
          fileMessage(
            people.advisor,
            bot.serviceUrl,
            name,
            `${bot.serviceUrl}files/${name}`,
            inPersonal(people.advisor),
          ),
        );
        const progress = bot.connector.recorded
          .slice(before)
          .find(
            (r) =>
              r.method === 'POST' &&
              /Lecture du fichier/.test(text(r.activity)) &&
              text(r.activity).includes(name),
          );
        if (!progress) throw new Error('no progress card');
        const isFinal = (r: Recorded) =>
          r.method === 'PUT' &&
          r.activityId === progress.activityId &&
          !/Lecture du fichier|Vérification/.test(text(r.activity));
        await bot.connector.waitFor(() => bot.connector.recorded.some(isFinal), 60_000);
        return bot.connector.recorded.find(isFinal) as Recorded;
      }),
    );
    return {
      ms: performance.now() - t0,
      peakRss: Math.max(peakRss, process.memoryUsage.rss()),
      finals,
    };
  } finally {
    clearInterval(sampler);
  }
}

/** The refusal's main line, as the advisor reads it. */
function messageOf(final: Recorded): string {
  const body = (cardOf(final).body ?? []) as { text?: string }[];
  return body[1]?.text ?? text(cardOf(final));
}

function verdict(value: number, target: number, unit: string): string {
  return `${value.toFixed(0).padStart(6)} ${unit}  (target < ${target} ${unit}) ${value < target ? 'OK' : 'OVER'}`;
}

/** Runs the hostile-upload benchmark and prints its figures. */
export async function benchHostileUpload(): Promise<HostileUploadReport> {
  console.log('\n== Hostile spreadsheet (issue 19) ==');
  const table = await handMadeTable(nationalHeaders(), [
    identityRow('Mme', 'Diallo', 'Awa', '14/03/2003', 'AB12345'),
  ]);
  const t0 = performance.now();
  const lying = await paddedWorksheetXlsx(table, INFLATED_BYTES, DECLARED_BYTES);
  const honest = await paddedWorksheetXlsx(table, INFLATED_BYTES);
  const limit = DEFAULT_UPLOAD_SETTINGS.nationalTableUnzippedBytes;
  const dense = await denseWorksheetXlsx(table, limit - 64 * 1024);
  console.log(
    `files built in memory in ${Math.round(performance.now() - t0)} ms: ${Math.round(lying.length / 1024)} KB each, one worksheet inflating to ${(INFLATED_BYTES / 1e9).toFixed(1)} GB`,
  );

  const bot = await startTestBot({
    env: { LOG_LEVEL: 'warn' },
    overrides: { warmFileWorkers: true },
  });
  try {
    await post(bot.url, messageActivity(people.advisor, bot.serviceUrl, 'aide'));
    await sleep(5000); // the workers are warm, as a few seconds after start-up
    global.gc?.();
    const idleRss = process.memoryUsage.rss();

    const one = await sendAndWait(bot, [lying]);
    const plain = await sendAndWait(bot, [honest]);
    const three = await sendAndWait(bot, [lying, lying, lying]);
    global.gc?.();
    await sleep(1000);
    const full = await sendAndWait(bot, [dense]);
    const report: HostileUploadReport = {
      fileKb: Math.round(lying.length / 1024),
      idleRssMb: mb(idleRss),
      lying: {
        peakGrowthMb: mb(one.peakRss - idleRss),
        ms: Math.round(one.ms),
        message: messageOf(one.finals[0]),
      },
      honest: {
        peakGrowthMb: mb(plain.peakRss - idleRss),
        ms: Math.round(plain.ms),
        message: messageOf(plain.finals[0]),
      },
      threeAtOnce: { peakGrowthMb: mb(three.peakRss - idleRss), ms: Math.round(three.ms) },
      denseUnderLimit: {
        fileKb: Math.round(dense.length / 1024),
        peakGrowthMb: mb(full.peakRss - idleRss),
        ms: Math.round(full.ms),
        message: messageOf(full.finals[0]),
      },
    };

    console.log(`idle bot (workers warm): RSS ${report.idleRssMb} MB`);
    console.log(
      `${report.fileKb} KB xlsx declaring 4 KB for a 1.2 GB worksheet, sent in the personal chat:`,
    );
    console.log(
      `  peak RSS growth        ${verdict(report.lying.peakGrowthMb, TARGETS.rssGrowthMb, 'MB')}`,
    );
    console.log(`  time to the refusal    ${verdict(report.lying.ms, TARGETS.refusalMs, 'ms')}`);
    console.log(`  the advisor reads: « ${report.lying.message} »`);
    console.log('the same worksheet, its true size declared:');
    console.log(
      `  peak RSS growth        ${verdict(report.honest.peakGrowthMb, TARGETS.rssGrowthMb, 'MB')}`,
    );
    console.log(`  time to the refusal    ${verdict(report.honest.ms, TARGETS.refusalMs, 'ms')}`);
    console.log(`  the advisor reads: « ${report.honest.message} »`);
    console.log('three lying files at once:');
    console.log(
      `  peak RSS growth        ${verdict(report.threeAtOnce.peakGrowthMb, TARGETS.rssGrowthMb, 'MB')}`,
    );
    console.log(
      `  time to the last refusal ${verdict(report.threeAtOnce.ms, TARGETS.refusalMs, 'ms')}`,
    );
    console.log(
      `costliest file under the limit: ${report.denseUnderLimit.fileKb} KB, ${mb(limit)} MiB of empty formatted cells once unzipped (read, not refused):`,
    );
    console.log(
      `  peak RSS growth        ${verdict(report.denseUnderLimit.peakGrowthMb, TARGETS.rssGrowthMb, 'MB')}`,
    );
    console.log(`  time to the report     ${report.denseUnderLimit.ms.toFixed(0).padStart(6)} ms`);
    console.log(`  the advisor reads: « ${report.denseUnderLimit.message} »`);
    const refusedEach = [...one.finals, ...plain.finals, ...three.finals].every((f) =>
      /refusé en entier/.test(text(cardOf(f))),
    );
    if (!refusedEach) throw new Error('hostile upload benchmark: a file was not refused');
    return report;
  } finally {
    await bot.stop();
  }
}

if (require.main === module) {
  benchHostileUpload().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
