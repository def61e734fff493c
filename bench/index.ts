/**
 * `npm run bench`: the request-flow benchmark, then the files benchmark when it exists, then the
 * national table through the bot, then the hostile spreadsheet, then PostgreSQL's round trips per
 * flow-1 submit (with BENCH_DATABASE_URL or TEST_DATABASE_URL). `BENCH_ONLY=hostile` or
 * `BENCH_ONLY=pg-round-trips` runs that part alone.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { benchHostileUpload } from './hostile-upload.bench';
import { benchPgRoundTrips } from './pg-round-trips.bench';
import { benchRequestFlow } from './request-flow.bench';
import { benchTableau } from './tableau.bench';

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === 'hostile') {
    await benchHostileUpload();
    return;
  }
  if (process.env.BENCH_ONLY === 'pg-round-trips') {
    await benchPgRoundTrips();
    return;
  }
  await benchRequestFlow();
  if (!existsSync(join(__dirname, 'files.bench.ts'))) {
    console.log('\nFiles benchmark skipped: bench/files.bench.ts is not there yet.');
    return;
  }
  // A variable specifier: the module may not exist when this file is type-checked.
  const specifier = './files.bench';
  const { benchFiles } = (await import(specifier)) as { benchFiles: () => Promise<void> };
  await benchFiles();
  await benchTableau();
  await benchHostileUpload();
  await benchPgRoundTrips();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
