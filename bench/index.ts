/**
 * `npm run bench`: the request-flow benchmark (SQLite, and PostgreSQL with BENCH_DATABASE_URL or
 * TEST_DATABASE_URL), the built bot's cold start and peak RSS, the files benchmark when it exists,
 * the national table through the bot, the hostile spreadsheet, PostgreSQL's round trips per
 * flow-1 submit; then issue 12's target lines again in one block. `BENCH_ONLY=request-flow`,
 * `bot-process`, `hostile` or `pg-round-trips` runs that part alone. `BENCH_ONLY=faults` runs
 * the load-and-fault bench (also `npm run bench:faults`), which is not part of the whole run.
 */
// As the entry point does: restify's unused spdy (and its DEP0111 warning) stays unloaded.
import '../src/http/skip-spdy';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { benchBotProcess } from './bot-process.bench';
import { benchFaults } from './faults.bench';
import { benchHostileUpload } from './hostile-upload.bench';
import { benchPgRoundTrips } from './pg-round-trips.bench';
import { benchRequestFlow } from './request-flow.bench';
import { benchTableau } from './tableau.bench';
import { printTargetSummary } from './targets';

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === 'faults') {
    if (!(await benchFaults())) process.exitCode = 1;
    return;
  }
  if (process.env.BENCH_ONLY === 'hostile') {
    await benchHostileUpload();
    return;
  }
  if (process.env.BENCH_ONLY === 'pg-round-trips') {
    await benchPgRoundTrips();
    printTargetSummary();
    return;
  }
  if (process.env.BENCH_ONLY === 'bot-process') {
    await benchBotProcess();
    printTargetSummary();
    return;
  }
  if (process.env.BENCH_ONLY === 'request-flow') {
    await benchRequestFlow();
    printTargetSummary();
    return;
  }
  await benchRequestFlow();
  await benchBotProcess();
  if (existsSync(join(__dirname, 'files.bench.ts'))) {
    // A variable specifier: the module may not exist when this file is type-checked.
    const specifier = './files.bench';
    const { benchFiles } = (await import(specifier)) as { benchFiles: () => Promise<void> };
    await benchFiles();
  } else {
    console.log('\nFiles benchmark skipped: bench/files.bench.ts is not there yet.');
  }
  await benchTableau();
  await benchHostileUpload();
  await benchPgRoundTrips();
  printTargetSummary();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
