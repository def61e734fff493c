/**
 * Copies a Passerelle SQLite file into an empty PostgreSQL database, then checks it:
 *
 *   DATABASE_URL=postgres://user:password@host:5432/passerelle npm run migrate-to-postgres --
 * data/passerelle.sqlite
 *
 * DATABASE_URL is the variable the bot reads (`.env` is read if present, as `npm start` does).
 * The SQLite file is only read. Stop the bot first. Exit codes: 0 copied and verified,
 * 1 refused or failed (nothing written), 2 a count or checksum differed (rolled back).
 */
import { existsSync } from 'node:fs';
import { copyToPostgres, CopyRefused } from '../src/storage/copy-to-postgres/copy';
import { formatReport } from '../src/storage/copy-to-postgres/report';

const USAGE =
  'usage: npm run migrate-to-postgres -- <sqlite file>   (target: DATABASE_URL=postgres://…)';

/** The target without its password, for the operator's screen. */
function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  if (argv.length !== 1 || argv[0].startsWith('-')) {
    console.error(USAGE);
    return 1;
  }
  if (existsSync('.env')) process.loadEnvFile('.env');
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    console.error(
      `migrate-to-postgres: DATABASE_URL must be set to the target, a postgres:// URL\n${USAGE}`,
    );
    return 1;
  }
  console.log(`target: ${redacted(url)}`);
  try {
    const result = await copyToPostgres({
      sqliteFile: argv[0],
      databaseUrl: url,
      progress: (l) => console.log(l),
    });
    console.log(`\n${formatReport(result)}`);
    return result.ok ? 0 : 2;
  } catch (err) {
    const why =
      err instanceof CopyRefused
        ? err.message
        : `unexpected error: ${(err as Error).stack ?? String(err)}`;
    console.error(`migrate-to-postgres: ${why}\nNothing was copied to PostgreSQL.`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
