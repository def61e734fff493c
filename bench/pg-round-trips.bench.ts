/**
 * Round trips to PostgreSQL per flow-1 submit (issue 12, item 4: target ≤ 8). Counts every
 * query the pg driver sends (BEGIN and COMMIT included) while one warm advisor submits one
 * request, through the real /api/messages. Prints, never fails; skipped without a database
 * (BENCH_DATABASE_URL, else TEST_DATABASE_URL).
 */
import pg from 'pg';
import { birthDateForAge, startTestBot } from '../test/helpers/app';
import { benchDatabaseUrl, postgresEngineAt } from './postgres-at';
import { targetLine } from './targets';
import { invokeActivity, messageActivity, people, post } from '../test/helpers/teams';

const TARGET = 8;

/** Counts queries (and keeps their first words) while `fn` runs. */
async function counting<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; count: number; statements: string[] }> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const statements: string[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const text =
      typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '');
    statements.push(text.replace(/\s+/g, ' ').trim().slice(0, 70));
    return original.apply(this, args);
  };
  try {
    const result = await fn();
    return { result, count: statements.length, statements };
  } finally {
    proto.query = original;
  }
}

export async function benchPgRoundTrips(): Promise<void> {
  const url = benchDatabaseUrl();
  console.log('\nRound trips to PostgreSQL per flow-1 submit');
  if (!url) {
    targetLine('round trips per flow-1 submit, PostgreSQL', '—', `≤ ${TARGET}`, 'skipped');
    console.log(
      '  skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL database',
    );
    return;
  }
  const bot = await startTestBot({ engine: postgresEngineAt(url) });
  try {
    const data = (n: number) => ({
      civilite: 'Mme',
      nom: 'Diallo',
      prenom: 'Awa',
      dateNaissance: birthDateForAge(22),
      numeroCir: `CIR-RT-${n}`,
      dtId: 'dt-lyon',
      cardVersion: 1,
    });
    // Warm: the advisor and the DT have spoken once, and one request went through.
    await post(bot.url, messageActivity(people.dt1, bot.serviceUrl, 'aide'));
    await post(bot.url, messageActivity(people.advisor, bot.serviceUrl, 'aide'));
    await post(
      bot.url,
      invokeActivity(people.advisor, bot.serviceUrl, 'demande.creer', data(0), 'form-0'),
    );
    await bot.connector
      .waitFor(() => bot.connector.recorded.length >= 3, 10_000)
      .catch(() => undefined);
    // Only the submit's own queries are counted: the dispatcher and the scheduler are stopped.
    await bot.app.dispatcher.stop();
    await bot.app.scheduler.stop();
    const runs = [];
    for (let i = 1; i <= 5; i += 1) {
      const { count, statements } = await counting(() =>
        post(
          bot.url,
          invokeActivity(people.advisor, bot.serviceUrl, 'demande.creer', data(i), `form-${i}`),
        ),
      );
      runs.push({ count, statements });
    }
    const counts = runs.map((r) => r.count).sort((a, b) => a - b);
    const median = counts[Math.floor(counts.length / 2)];
    targetLine(
      'round trips per flow-1 submit, PostgreSQL (median of 5)',
      String(median),
      `≤ ${TARGET}`,
      median <= TARGET,
    );
    console.log(`    all: ${counts.join(', ')}`);
    if (process.env.BENCH_VERBOSE) for (const s of runs[0].statements) console.log(`    ${s}`);
  } finally {
    await bot.stop();
  }
}

if (require.main === module) {
  benchPgRoundTrips().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
