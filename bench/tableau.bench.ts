/**
 * The national table through the bot (issue 4, wiring): `/tableau` and a dropped .xlsx posted
 * to /api/messages on 127.0.0.1 (SQLite), timed from the message to the final card, while
 * another user keeps typing `aide`: their slowest answer shows whether the work blocks turns.
 * Run alone with `node --import tsx bench/tableau.bench.ts`, or through bench/index.ts.
 */
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { NATIONAL_COLUMNS } from '../src/files/national-columns';
import { birthDateForAge, startTestBot, type TestBot } from '../test/helpers/app';
import { fileMessage } from '../test/helpers/tableau';
import { messageActivity, people, post } from '../test/helpers/teams';
import { sqlOf } from '../test/helpers/sql';

const TARGETS = { export10kMs: 1500, turnMs: 50, import1kMs: 3000 };

interface Turns {
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

export interface TableauBenchReport {
  /** `aide` answers of another user with nothing else running, for comparison. */
  idle: Turns;
  exports: { rows: number; ms: number; turns: Turns }[];
  import1k: { ms: number; turns: Turns };
}

async function seed(bot: TestBot, n: number): Promise<void> {
  const at = new Date().toISOString();
  await bot.app.store.transaction(async (tx) => {
    for (let i = 0; i < n; i++) {
      await sqlOf(tx).run(
        `INSERT INTO requests (id, number, status, ml_id, dt_id, partnership_id, created_by, created_at, updated_at, civilite, nom, prenom, date_naissance, numero_cir)
         VALUES (?, ?, 'transmise', 'ml-villeurbanne', 'dt-lyon', 'rhone', 'bench', ?, ?, 'Mme', 'Dupont', 'Awa', '2004-02-29', ?)`,
        [`bench-${n}-${i}`, `B${n}-${i}`, at, at, `BENCH${n}X${i}`],
      );
    }
  });
}

/** Sends `aide` from another user every 20 ms until `done`; returns how long the answers took. */
async function otherUser(bot: TestBot, done: () => boolean): Promise<Turns> {
  const times: number[] = [];
  while (!done()) {
    const t0 = performance.now();
    await post(bot.url, messageActivity(people.dt2, bot.serviceUrl, 'aide'));
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 20));
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0);
  return { medianMs: at(0.5), p95Ms: at(0.95), maxMs: Math.round(times.at(-1) ?? 0) };
}

async function timed(
  bot: TestBot,
  send: () => Promise<unknown>,
  finished: (from: number) => boolean,
): Promise<{ ms: number; turns: Turns }> {
  const from = bot.connector.recorded.length;
  let over = false;
  const turns = otherUser(bot, () => over);
  const t0 = performance.now();
  await send();
  await bot.connector.waitFor(() => finished(from), 120_000);
  const ms = performance.now() - t0;
  over = true;
  return { ms: Math.round(ms), turns: await turns };
}

async function table(rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Feuil1');
  sheet.addRow(NATIONAL_COLUMNS.map((c) => c.header));
  const born = new Date(`${birthDateForAge(22)}T00:00:00Z`);
  for (let i = 0; i < rows; i++)
    sheet.addRow(['Mme', 'Martin', 'Awa', born, `IMP${String(i).padStart(6, '0')}`]);
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

const line = (label: string, ms: number, target: number): string =>
  `  ${label.padEnd(34)} ${String(ms).padStart(6)} ms  (target < ${target} ms, ${(ms / target).toFixed(2)}×) ${ms < target ? 'OK' : 'OVER'}`;

/** Runs the end-to-end national table benchmark and prints its figures. */
export async function benchTableau(): Promise<TableauBenchReport> {
  console.log('\n== National table through the bot (issue 4, /tableau and import) ==');
  const bot = await startTestBot({ overrides: { warmFileWorkers: true } });
  try {
    for (const p of [people.advisor, people.dt2])
      await post(bot.url, messageActivity(p, bot.serviceUrl, 'aide'));
    await new Promise((r) => setTimeout(r, 4000)); // the workers warm up, as after a start
    let idleOver = false;
    setTimeout(() => (idleOver = true), 2000);
    const idle = await otherUser(bot, () => idleOver);
    const exports: TableauBenchReport['exports'] = [];
    let seeded = 0;
    for (const rows of [1_000, 10_000]) {
      await seed(bot, rows - seeded);
      seeded = rows;
      const ready = (from: number) =>
        bot.connector.recorded
          .slice(from)
          .some(
            (r) =>
              r.method === 'PUT' &&
              /tableau\.motdepasse|telechargement/.test(JSON.stringify(r.activity)),
          );
      const figures = await timed(
        bot,
        () => post(bot.url, messageActivity(people.advisor, bot.serviceUrl, 'tableau')),
        ready,
      );
      exports.push({ rows, ...figures });
    }
    bot.connector.files.set('import.xlsx', await table(1000));
    const reported = (from: number) =>
      bot.connector.recorded
        .slice(from)
        .some((r) => r.method === 'PUT' && /lignes importées/.test(JSON.stringify(r.activity)));
    const import1k = await timed(
      bot,
      () =>
        post(
          bot.url,
          fileMessage(
            people.advisor,
            bot.serviceUrl,
            'import.xlsx',
            `${bot.serviceUrl}files/import.xlsx`,
          ),
        ),
      reported,
    );

    console.log('from the message to the final card (SQLite, worker pool warm):');
    for (const e of exports)
      console.log(line(`export ${e.rows.toLocaleString('en')} rows`, e.ms, TARGETS.export10kMs));
    console.log(line('import 1,000 rows (requests created)', import1k.ms, TARGETS.import1kMs));
    console.log('another user’s `aide` meanwhile (median / p95 / max; target: p95 < 50 ms):');
    const turns = (label: string, t: Turns) =>
      console.log(
        `  ${label.padEnd(34)} ${String(t.medianMs).padStart(4)} / ${String(t.p95Ms).padStart(4)} / ${String(t.maxMs).padStart(5)} ms ${t.p95Ms < TARGETS.turnMs ? 'OK' : 'OVER'}`,
      );
    turns('nothing else running', idle);
    for (const e of exports) turns(`during the ${e.rows.toLocaleString('en')}-row export`, e.turns);
    turns('during the 1,000-row import', import1k.turns);
    return { idle, exports, import1k };
  } finally {
    await bot.stop();
  }
}

if (require.main === module) {
  benchTableau().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
