/** `npm run bench`: the request-flow benchmark, then the files benchmark when it exists, then the national table through the bot. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { benchRequestFlow } from './request-flow.bench';
import { benchTableau } from './tableau.bench';

async function main(): Promise<void> {
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
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
