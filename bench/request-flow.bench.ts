/**
 * Flow-1 submits (`demande.creer` invokes) against the real bot on 127.0.0.1, on SQLite and then
 * on PostgreSQL (BENCH_DATABASE_URL, else TEST_DATABASE_URL; skipped without one), beside a bare
 * restify route and a floor route that goes through restify and botbuilder only
 * (comparison-routes.ts). The bot and both routes run on this thread; the clients and the Bot
 * Connector stand-in run in a worker thread (request-flow-clients.ts), as they would be elsewhere
 * in production. The PostgreSQL server runs on the same machine (the same cores). Prints, never
 * fails.
 *
 * CPU per request is read twice: the main thread alone (the bot's event loop, /proc), and the
 * whole process minus the clients' thread (what the bot's process would use alone: V8's GC
 * helpers and libuv's pool too). The ratios use the second.
 *
 * Environment: BENCH_SUBMITS (5000), BENCH_SECONDS (15), BENCH_CONCURRENCY (50),
 * BENCH_CARD_WAIT_SECONDS (20: bounded wait for the DT cards after the load run),
 * BENCH_CPU_PROFILE (a .cpuprofile path: profiles the bot's thread during the SQLite load run).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg } from 'node:os';
import { startTestBot, type TestBot } from '../test/helpers/app';
import { loadBot, PROBE_COUNT, type BotFigures, type BotLoadOptions } from './bot-load';
import { Clients } from './clients';
import { startBareRoute, startFrameworkFloor, type Route } from './comparison-routes';
import { benchDatabaseUrl, postgresEngineAt, watchPgBackends } from './postgres-at';
import type { CardsResult, LoadArgs, LoadResult } from './request-flow-clients';
import { targetLine } from './targets';
import { ownProcessCpuMs, threadCpuMs } from './thread-cpu';

const num = (name: string, def: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : def;
};

/** Profiles this thread (the bot's) while `fn` runs, when BENCH_CPU_PROFILE names a file. */
async function profiled<T>(fn: () => Promise<T>): Promise<T> {
  const file = process.env.BENCH_CPU_PROFILE;
  if (!file) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`  CPU profile of the load run written to ${file}`);
  }
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

const ms = (v: number) => (Number.isNaN(v) ? '—' : `${v.toFixed(1)} ms`);

interface Stats {
  count: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
}

function stats(r: LoadResult): Stats {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  return {
    count: r.ok,
    perSecond: r.ok / (r.elapsedMs / 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
  };
}

function line(label: string, r: LoadResult, s: Stats, unit: string): string {
  const errs = r.errors ? `, ${r.errors} errors (first: ${r.firstError})` : '';
  return (
    `  ${label.padEnd(26)} ${String(s.count).padStart(6)} ${unit} in ${(r.elapsedMs / 1000).toFixed(2)} s` +
    ` → ${s.perSecond.toFixed(0)} ${unit}/s; p50 ${ms(s.p50)}, p99 ${ms(s.p99)}, max ${ms(s.max)};` +
    ` body ${r.bodyBytes} B${errs}`
  );
}

function cardsLine(label: string, c: CardsResult): string {
  const sorted = [...c.delays].sort((a, b) => a - b);
  return (
    `    ${label}: p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))},` +
    ` max ${ms(sorted.at(-1) ?? NaN)}; ${c.arrived}/${c.expected} DT cards arrived` +
    ` (${c.submits} submits × 2 correspondents), ${c.duplicates} duplicates,` +
    ` waited ${(c.waitedMs / 1000).toFixed(1)} s`
  );
}

/** A route's run and its CPU, on the main thread and in the process minus the clients. */
interface RouteFigures {
  run: LoadResult;
  mainCpuMs: number;
  processCpuMs: number;
}

/** The bare and floor routes under the same clients and bodies, each after a warm-up. */
async function loadRoute(
  clients: Clients,
  route: Route,
  phase: string,
  maxRequests: number,
): Promise<RouteFigures> {
  const args: LoadArgs = {
    url: `${route.url}/api/messages`,
    phase,
    maxRequests: 2_000,
    maxMs: 5_000,
    concurrency: num('BENCH_CONCURRENCY', 50),
    kind: 'submit',
    expectCard: false,
  };
  await clients.load(args);
  const main0 = threadCpuMs();
  const process0 = ownProcessCpuMs();
  const run = await clients.load({
    ...args,
    maxRequests,
    maxMs: Math.min(num('BENCH_SECONDS', 15) * 1000, 5_000),
  });
  return {
    run,
    mainCpuMs: threadCpuMs() - main0,
    processCpuMs: ownProcessCpuMs() - process0 - run.clientsCpuMs,
  };
}

/** CPU per request: main thread, process minus clients, and the clients' own share. */
interface PerRequest {
  main: number;
  process: number;
}

function cpuLine(label: string, f: RouteFigures | BotFigures, n: number): PerRequest {
  const per = { main: f.mainCpuMs / Math.max(1, n), process: f.processCpuMs / Math.max(1, n) };
  const busy = (cpuMs: number) => `${((100 * cpuMs) / f.run.elapsedMs).toFixed(0)}%`;
  console.log(
    `    ${label.padEnd(44)} main thread ${per.main.toFixed(3)} ms (busy ${busy(f.mainCpuMs)}),` +
      ` process − clients ${per.process.toFixed(3)} ms; clients' thread` +
      ` ${(f.run.clientsCpuMs / Math.max(1, n)).toFixed(3)} ms (busy ${busy(f.run.clientsCpuMs)})`,
  );
  return per;
}

/** One engine's lines: throughput, CPU, cards, warnings. */
function reportBot(engine: string, f: BotFigures): { s: Stats; cpu: PerRequest } {
  const s = stats(f.run);
  console.log(line(`bot flow-1 submit, ${engine}`, f.run, s, 'submits'));
  console.log(`    (load average ${f.loadAverage.toFixed(2)} when the ${engine} run began)`);
  const cpu = cpuLine(`CPU per submit, ${engine} (with the dispatcher)`, f, s.count);
  if (!Number.isNaN(f.serverCpuMs)) {
    console.log(
      `    PostgreSQL server CPU per submit: ${(f.serverCpuMs / Math.max(1, s.count)).toFixed(3)} ms` +
        ` (${f.serverBackends} backends of the bot's pool and listener, /proc; not in the ratios)`,
    );
  }
  console.log(cardsLine(`paced probe (${PROBE_COUNT} submits, 2/s)`, f.probeCards));
  console.log(cardsLine('load run', f.runCards));
  if (f.runCards.arrived < f.runCards.expected) {
    console.log(
      `      (${f.pendingRows} outbox rows still pending: the dispatcher keeps Teams' per-conversation` +
        ' limits, and every card of the load run goes to the same two DT chats and one advisor chat)',
    );
  }
  for (const [msg, n] of f.warnings) console.log(`    bot log, warning or worse, ${n}×: ${msg}`);
  return { s, cpu };
}

function report(
  bare: RouteFigures,
  floor: RouteFigures,
  sqlite: BotFigures,
  pg: BotFigures | string,
): void {
  const b = stats(bare.run);
  const fl = stats(floor.run);
  console.log(line('bare restify route', bare.run, b, 'req'));
  console.log(line('floor route', floor.run, fl, 'req'));
  console.log(`  CPU per request, of ${cpus().length} cores:`);
  const perBare = cpuLine('bare restify route', bare, b.count);
  const perFloor = cpuLine('floor: restify + botbuilder, constant card', floor, fl.count);
  console.log(`    (floor in bare requests: ${(perFloor.process / perBare.process).toFixed(1)})`);
  const sq = reportBot('SQLite', sqlite);
  const pgLines = typeof pg === 'string' ? undefined : reportBot('PostgreSQL', pg);
  console.log("  targets (issue 12; CPU is the bot's process: process − clients' thread):");
  if (pgLines) {
    const cpuRatio = pgLines.cpu.process / sq.cpu.process;
    targetLine(
      'CPU per flow-1 submit, PostgreSQL ÷ SQLite (bot process)',
      `${cpuRatio.toFixed(2)}×`,
      '≤ 1.5×',
      cpuRatio <= 1.5,
    );
    console.log(`      main thread alone: ${(pgLines.cpu.main / sq.cpu.main).toFixed(2)}×`);
    const rate = pgLines.s.perSecond / sq.s.perSecond;
    targetLine(
      `submits/s at ${num('BENCH_CONCURRENCY', 50)} clients, PostgreSQL ÷ SQLite`,
      rate.toFixed(2),
      '≥ 0.5',
      rate >= 0.5,
    );
    console.log(
      `      ${pgLines.s.perSecond.toFixed(0)}/s vs ${sq.s.perSecond.toFixed(0)}/s;` +
        ` p99 ${ms(pgLines.s.p99)} vs ${ms(sq.s.p99)}`,
    );
  } else {
    targetLine(
      'CPU per flow-1 submit, PostgreSQL ÷ SQLite (bot process)',
      '—',
      '≤ 1.5×',
      'skipped',
    );
    targetLine(
      `submits/s at ${num('BENCH_CONCURRENCY', 50)} clients, PostgreSQL ÷ SQLite`,
      '—',
      '≥ 0.5',
      'skipped',
    );
    console.log(`      ${pg}`);
  }
  const floorRatio = sq.cpu.process / perFloor.process;
  targetLine(
    'CPU per flow-1 submit, SQLite ÷ floor route (bot process)',
    `${floorRatio.toFixed(2)}×`,
    '≤ 3×',
    floorRatio <= 3,
  );
  console.log(`      main thread alone: ${(sq.cpu.main / perFloor.main).toFixed(2)}×`);
}

/** Starts the PostgreSQL bot, runs the same load against it, stops it. */
async function loadPostgres(clients: Clients, url: string, o: BotLoadOptions): Promise<BotFigures> {
  const backends = watchPgBackends();
  let bot: TestBot | undefined;
  try {
    bot = await startTestBot({ engine: postgresEngineAt(url), env: { LOG_LEVEL: 'warn' } });
    bot.app.logger.level = 'warn';
    return await loadBot(clients, bot, { ...o, serverPids: backends.pids });
  } finally {
    backends.restore();
    await bot?.stop();
  }
}

/** Runs the request-flow benchmark and prints its figures beside the targets. */
export async function benchRequestFlow(): Promise<void> {
  const clients = await Clients.start();
  let bot: TestBot | undefined;
  let bare: Route | undefined;
  let floor: Route | undefined;
  const o: BotLoadOptions = {
    tag: '',
    concurrency: num('BENCH_CONCURRENCY', 50),
    maxSubmits: num('BENCH_SUBMITS', 5_000),
    maxMs: num('BENCH_SECONDS', 15) * 1000,
    cardWaitMs: num('BENCH_CARD_WAIT_SECONDS', 20) * 1000,
  };
  try {
    // startTestBot's logger is created at debug level whatever LOG_LEVEL says: lower it here.
    bot = await startTestBot({ env: { LOG_LEVEL: 'warn' } });
    bot.app.logger.level = 'warn';
    bare = await startBareRoute();
    floor = await startFrameworkFloor();
    console.log(
      `\nRequest flow: flow-1 submits (demande.creer) on 127.0.0.1, ${o.concurrency}` +
        ' concurrent keep-alive clients',
    );
    console.log(
      '  (bot and routes on the main thread; clients and connector stand-in in a worker thread;' +
        ` ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(2)} at start)`,
    );
    const bareFigures = await loadRoute(clients, bare, 'bare', Math.max(o.maxSubmits, 20_000));
    const floorFigures = await loadRoute(clients, floor, 'floor', Math.max(o.maxSubmits, 10_000));
    await bare.close();
    await floor.close();
    const sqlite = await loadBot(clients, bot, { ...o, around: profiled });
    // Stopped before the PostgreSQL run: its dispatcher may still be pacing cards out.
    await bot.stop();
    bot = undefined;
    const url = benchDatabaseUrl();
    const pg = url
      ? await loadPostgres(clients, url, { ...o, tag: 'pg' })
      : 'PostgreSQL skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL)';
    report(bareFigures, floorFigures, sqlite, pg);
  } finally {
    await bare?.close();
    await floor?.close();
    await bot?.stop();
    await clients.stop();
  }
}

if (require.main === module) {
  benchRequestFlow().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
