/**
 * `npm run bench:faults` (or `BENCH_ONLY=faults npm run bench`): load and faults against one
 * built bot (issue 16 §6). Simulated advisors and DT correspondents on loopback run flows 1–2
 * for a bounded time while the connector stand-in answers some sends with 429 (Retry-After),
 * some with 500 and some late; the bot is killed with SIGKILL once in the middle and restarted
 * on the same database. Then: every acknowledged submit and answer must be stored, every card
 * delivered once (twice only when in flight at the kill), nothing left undelivered. Prints the
 * figures; exits 1 when something acknowledged was lost or a card duplicated beyond the kill.
 *
 * Environment: FAULT_ENGINE (`sqlite`, `postgres` or `both`; PostgreSQL on BENCH_DATABASE_URL or
 * TEST_DATABASE_URL, a schema of its own), FAULT_SECONDS (60), FAULT_ADVISORS (20),
 * FAULT_CORRESPONDENTS (20), FAULT_DTS (half the correspondents), FAULT_THINK_MS (2000, each
 * person's pause between two actions), FAULT_429 / FAULT_500 / FAULT_SLOW (0.05 each: shares of
 * the sends and updates so answered), FAULT_SLOW_MS (3000), FAULT_INVALID (0.05: share of forms
 * submitted with a birth date in the future, which the bot must refuse and not store), FAULT_DRAIN_SECONDS (120: the wait,
 * after the load, for the cards still queued; a killed bot's claimed rows wait out their 30 s lease).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgresStore } from '../src/storage/postgres/postgres-store';
import { openSqliteStore } from '../src/storage/sqlite/sqlite-store';
import type { Store } from '../src/storage/store';
import { ConnectorStandIn, type Chaos } from '../test/helpers/connector-stand-in';
import { ensureBuilt, freePort } from './built-bot';
import { Actors } from './fault-actors';
import { botWarnings, startBot } from './fault-bot';
import { castOf, writeCastDirectory } from './fault-cast';
import { expectedCards, lostAcknowledged, readDatabase, tallyCards } from './fault-checks';
import { report } from './fault-report';
import { benchDatabaseUrl } from './postgres-at';

/** The dispatcher serves this many conversations at once: no more sends can be in flight. */
const DISPATCHER_CONCURRENCY = 8;

const num = (name: string, def: number): number => {
  const v = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isFinite(v) && v >= 0 ? v : def;
};

/** A birth date 22 years ago (test/helpers/app.ts has one too, but loads the whole app). */
function birthDate22(): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - 22);
  d.setUTCDate(d.getUTCDate() - 10);
  return d.toISOString().slice(0, 10);
}

export function faultSettings() {
  const correspondents = num('FAULT_CORRESPONDENTS', 20);
  return {
    seconds: num('FAULT_SECONDS', 60),
    advisors: num('FAULT_ADVISORS', 20),
    correspondents,
    dts: Math.max(1, num('FAULT_DTS', Math.ceil(correspondents / 2))),
    thinkMs: num('FAULT_THINK_MS', 2_000),
    p429: num('FAULT_429', 0.05),
    p500: num('FAULT_500', 0.05),
    pSlow: num('FAULT_SLOW', 0.05),
    slowMs: num('FAULT_SLOW_MS', 3_000),
    drainSeconds: num('FAULT_DRAIN_SECONDS', 120),
    invalidShare: num('FAULT_INVALID', 0.05),
  };
}
export type FaultSettings = ReturnType<typeof faultSettings>;

/** The database the bot runs on: its environment, and a store on it for the checks. */
interface Database {
  name: string;
  env: Record<string, string>;
  open(): Promise<Store>;
  dispose(): Promise<void>;
}

async function databaseFor(engine: string, dir: string): Promise<Database> {
  if (engine === 'sqlite') {
    const file = join(dir, 'faults.sqlite');
    return {
      name: 'SQLite',
      env: { SQLITE_FILE: file },
      open: async () => openSqliteStore(file),
      dispose: async () => undefined,
    };
  }
  const url = benchDatabaseUrl();
  if (!url) throw new Error('FAULT_ENGINE=postgres needs BENCH_DATABASE_URL or TEST_DATABASE_URL');
  const schema = `faults_${randomBytes(6).toString('hex')}`;
  const withSchema = new URL(url);
  withSchema.searchParams.set('options', `-c search_path=${schema}`);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  return {
    name: 'PostgreSQL',
    env: { DATABASE_URL: withSchema.toString() },
    open: () => openPostgresStore(url, { schema, max: 2 }),
    dispose: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** The stand-in's faults: each send or update draws one. */
function chaosOf(s: FaultSettings, counts: Record<string, number>): () => Chaos | undefined {
  return () => {
    const r = Math.random();
    let kind = 'ok';
    let chaos: Chaos | undefined;
    if (r < s.p429) {
      kind = '429';
      chaos = { failure: { status: 429, retryAfter: '1' } };
    } else if (r < s.p429 + s.p500) {
      kind = '500';
      chaos = { failure: { status: 500 } };
    } else if (r < s.p429 + s.p500 + s.pSlow) {
      kind = 'slow';
      chaos = { delayMs: s.slowMs };
    }
    counts[kind] = (counts[kind] ?? 0) + 1;
    return chaos;
  };
}

/** One run on `engine`; true when nothing acknowledged was lost and no card over-delivered. */
export async function benchFaultsOn(engine: string, s = faultSettings()): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-faults-'));
  const db = await databaseFor(engine, dir);
  const cast = castOf(s.advisors, s.correspondents, s.dts);
  const directoryFile = join(dir, 'annuaire.json');
  writeCastDirectory(directoryFile, cast);
  const env = { ...db.env, DIRECTORY_FILE: directoryFile };
  const connector = new ConnectorStandIn();
  const faults: Record<string, number> = {};
  connector.chaos = chaosOf(s, faults);
  await connector.start();
  const port = await freePort();
  botWarnings.clear();
  let bot = await startBot(port, env);
  let store: Store | undefined;
  try {
    const actors = new Actors({
      url: () => bot.url,
      connector,
      cast,
      birthDate: birthDate22(),
      thinkMs: s.thinkMs,
      invalidShare: s.invalidShare,
    });
    await actors.hello();
    const loadAverage = loadavg()[0];
    const t0 = Date.now();
    const loadMs = s.seconds * 1000;
    let killAt = 0;
    let restartAt = 0;
    let upAgainAt = 0;
    let firstPeak = 0;
    const killer = new Promise<void>((resolve, reject) => {
      setTimeout(() => {
        firstPeak = bot.peakRssMb();
        bot
          .kill()
          .then(async () => {
            killAt = Date.now();
            restartAt = Date.now();
            bot = await startBot(port, env);
            upAgainAt = Date.now();
          })
          .then(resolve, reject);
      }, loadMs / 2);
    });
    const elapsedMs = await actors.run(loadMs);
    await killer;

    // The drain: wait (bounded) until every card the stored requests call for has arrived.
    store = await db.open();
    const drainStart = Date.now();
    let said = drainStart;
    for (;;) {
      const { requests, outbox } = await readDatabase(store);
      const t = tallyCards(connector.recorded, expectedCards(cast, requests), killAt, restartAt);
      if (t.undelivered === 0 || Date.now() - drainStart > s.drainSeconds * 1000) break;
      if (Date.now() - said >= 10_000) {
        said = Date.now();
        console.log(
          `  … ${((said - drainStart) / 1000).toFixed(0)} s after the load: ${t.undelivered} ` +
            `cards to come, outbox ${JSON.stringify(outbox)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const drainedMs = Date.now() - drainStart;
    const secondPeak = bot.peakRssMb();
    const exitCode = await bot.stop();

    const { requests, outbox, invalid } = await readDatabase(store);
    const created = new Map(requests.map((r) => [r.id, Date.parse(r.createdAt)]));
    const expected = expectedCards(cast, requests);
    const cards = tallyCards(connector.recorded, expected, killAt, restartAt, created);
    const lost = lostAcknowledged(actors, requests);
    return report({
      engine: db.name,
      loadAverage,
      settings: s,
      actors,
      elapsedMs,
      killAtS: (killAt - t0) / 1000,
      restartMs: upAgainAt - restartAt,
      drainedMs,
      peaks: [firstPeak, secondPeak],
      exitCode,
      faults,
      stored: requests.length,
      storedInvalid: invalid,
      outbox,
      cards,
      lost,
      maxKillWindow: DISPATCHER_CONCURRENCY,
      warnings: botWarnings,
    });
  } finally {
    await bot.stop();
    await store?.close();
    await connector.stop();
    await db.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs on the engines FAULT_ENGINE names (or the first argument); true when all held. */
export async function benchFaults(): Promise<boolean> {
  ensureBuilt();
  const which = process.argv[2] ?? process.env.FAULT_ENGINE ?? 'sqlite';
  const engines = which === 'both' ? ['sqlite', 'postgres'] : [which];
  let ok = true;
  for (const e of engines) {
    if (e !== 'sqlite' && e !== 'postgres') throw new Error(`unknown engine ${e}`);
    ok = (await benchFaultsOn(e)) && ok;
  }
  return ok;
}

if (require.main === module) {
  benchFaults().then(
    (ok) => {
      process.exitCode = ok ? 0 : 1;
    },
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
