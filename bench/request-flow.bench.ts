/**
 * Flow-1 submits (`demande.creer` invokes) against the real bot on 127.0.0.1, beside a bare
 * restify route in the same run (issue 2, "Benchmark"), and beside a floor route that goes through
 * restify and botbuilder only (comparison-routes.ts). The bot and both routes run on this
 * thread; the clients and the Bot Connector stand-in run in a worker thread
 * (request-flow-clients.ts), as they would be elsewhere in production. Prints, never fails.
 *
 * Environment: BENCH_SUBMITS (5000), BENCH_SECONDS (15), BENCH_CONCURRENCY (50),
 * BENCH_CARD_WAIT_SECONDS (20: bounded wait for the DT cards after the load run),
 * BENCH_CPU_PROFILE (a .cpuprofile path: profiles the bot's thread during the load run only).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { birthDateForAge, startTestBot, type TestBot } from '../test/helpers/app';
import type { CardsResult, LoadArgs, LoadResult } from './request-flow-clients';
import { startBareRoute, startFrameworkFloor, type Route } from './comparison-routes';
import { threadCpuMs } from './thread-cpu';

const TARGET_P99_MS = 50;
const TARGET_SUBMITS_PER_S = 1_000;
const TARGET_RATIO = 0.25;

const num = (name: string, def: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : def;
};

/** The worker thread, driven by request/response messages. */
class Clients {
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private constructor(private readonly worker: Worker, readonly serviceUrl: string) {
    worker.on('message', (m: { id?: number; result?: unknown; error?: string }) => {
      const p = m.id === undefined ? undefined : this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id!);
      if (m.error) p.reject(new Error(`clients worker: ${m.error}`));
      else p.resolve(m.result);
    });
  }

  static async start(): Promise<Clients> {
    // tsx's --import hooks do not reach worker threads: register its CommonJS hook in the worker.
    const file = require.resolve('./request-flow-clients');
    const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, {
      eval: true, workerData: { birthDate: birthDateForAge(22) },
    });
    const serviceUrl = await new Promise<string>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (m: { serviceUrl: string }) => resolve(m.serviceUrl));
    });
    return new Clients(worker, serviceUrl);
  }

  call<T>(cmd: string, args: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, cmd, args });
    });
  }

  load(args: LoadArgs): Promise<LoadResult> {
    return this.call('load', args);
  }

  async stop(): Promise<void> {
    await this.call('stop', {}).catch(() => undefined);
    await this.worker.terminate();
  }
}

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
    count: r.ok, perSecond: r.ok / (r.elapsedMs / 1000),
    p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN,
  };
}

function line(label: string, r: LoadResult, s: Stats, unit: string): string {
  const errs = r.errors ? `, ${r.errors} errors (first: ${r.firstError})` : '';
  return (
    `  ${label.padEnd(20)} ${String(s.count).padStart(6)} ${unit} in ${(r.elapsedMs / 1000).toFixed(2)} s`
    + ` → ${s.perSecond.toFixed(0)} ${unit}/s; p50 ${ms(s.p50)}, p99 ${ms(s.p99)}, max ${ms(s.max)};`
    + ` body ${r.bodyBytes} B${errs}`
  );
}

function cardsLine(label: string, c: CardsResult): string {
  const sorted = [...c.delays].sort((a, b) => a - b);
  return (
    `    ${label}: p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))},`
    + ` max ${ms(sorted.at(-1) ?? NaN)}; ${c.arrived}/${c.expected} DT cards arrived`
    + ` (${c.submits} submits × 2 correspondents), ${c.duplicates} duplicates,`
    + ` waited ${(c.waitedMs / 1000).toFixed(1)} s`
  );
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

interface Figures {
  bare: LoadResult;
  run: LoadResult;
  botCpuMs: number;
  /** The main thread's CPU during the bare run (the bare route shares it with the bot). */
  bareCpuMs: number;
  /** The floor route (comparison-routes.ts): its run and the main thread's CPU during it. */
  floor: LoadResult;
  floorCpuMs: number;
  probeCards: CardsResult;
  runCards: CardsResult;
  pendingRows: number;
  warnings: Map<string, number>;
}

const PROBE_COUNT = 10;

/** Drives the clients worker against the bare route and the bot; returns what it measured. */
async function measure(
  clients: Clients, botUrl: string, bareUrl: string, floorUrl: string, store: TestBot['app']['store'], logs: TestBot['logs'],
): Promise<Figures> {
  const concurrency = num('BENCH_CONCURRENCY', 50);
  const maxSubmits = num('BENCH_SUBMITS', 5_000);
  const maxMs = num('BENCH_SECONDS', 15) * 1000;
  const api = `${botUrl}/api/messages`;

  // The DT correspondents talk to the bot once, so that it knows their personal chats.
  for (const who of ['dt1', 'dt2', 'advisor'] as const) {
    const text = who === 'advisor' ? '/demande CIR' : 'aide';
    const status = await clients.call<number>('message', { url: botUrl, who, text });
    if (status !== 200) throw new Error(`warm-up message from ${who} answered ${status}`);
  }

  // 1. Paced probe: one submit every 500 ms stays under Teams' per-chat limits, so this is the
  //    dispatcher's own delay (woken by the commit).
  const probe = await clients.load({
    url: api, phase: 'probe', maxRequests: PROBE_COUNT, maxMs: 30_000, concurrency: 1,
    kind: 'submit', expectCard: true, intervalMs: 500,
  });
  if (probe.ok !== PROBE_COUNT) {
    throw new Error(`probe: ${probe.ok}/${PROBE_COUNT} submits succeeded (${probe.firstError})`);
  }
  const probeCards = await clients.call<CardsResult>('awaitCards', {
    phase: 'probe', maxWaitMs: 10_000,
  });

  // 2. The bare route, after a warm-up; same clients, same bodies.
  const bareArgs: LoadArgs = {
    url: `${bareUrl}/api/messages`, phase: 'bare', maxRequests: 2_000, maxMs: 5_000, concurrency,
    kind: 'submit', expectCard: false,
  };
  await clients.load(bareArgs);
  const bareCpuBefore = threadCpuMs();
  const bare = await clients.load({
    ...bareArgs, maxRequests: Math.max(maxSubmits, 20_000), maxMs: Math.min(maxMs, 5_000),
  });
  const bareCpuMs = threadCpuMs() - bareCpuBefore;

  // 3. The floor route: the same submits through restify and botbuilder only, after a warm-up.
  const floorArgs: LoadArgs = { ...bareArgs, url: `${floorUrl}/api/messages`, phase: 'floor' };
  await clients.load(floorArgs);
  const floorCpuBefore = threadCpuMs();
  const floor = await clients.load({ ...floorArgs, maxRequests: Math.max(maxSubmits, 10_000), maxMs: Math.min(maxMs, 5_000) });
  const floorCpuMs = threadCpuMs() - floorCpuBefore;

  // 4. The bot: warm-up with duplicate submits (the whole path, no new row), then the load.
  await clients.load({
    url: api, phase: 'warm', maxRequests: 1_000, maxMs: 5_000, concurrency, kind: 'duplicate',
    duplicateOf: { phase: 'probe', count: PROBE_COUNT }, expectCard: true,
  });
  const cpuBefore = threadCpuMs();
  const run = await profiled(() => clients.load({
    url: api, phase: 'load', maxRequests: maxSubmits, maxMs, concurrency, kind: 'submit', expectCard: true,
  }));
  const botCpuMs = threadCpuMs() - cpuBefore;
  const runCards = await clients.call<CardsResult>('awaitCards', {
    phase: 'load', maxWaitMs: num('BENCH_CARD_WAIT_SECONDS', 20) * 1000,
  });
  const pendingRows = (await store.listOutbox()).filter((r) => r.status === 'pending').length;

  const warnings = new Map<string, number>();
  for (const l of logs.filter((x) => Number(x.level) >= 40)) {
    const key = `${String(l.msg)}${l.code ? ` (${String(l.code)})` : ''}`;
    warnings.set(key, (warnings.get(key) ?? 0) + 1);
  }
  return { bare, run, botCpuMs, bareCpuMs, floor, floorCpuMs, probeCards, runCards, pendingRows, warnings };
}

function report(f: Figures): void {
  const b = stats(f.bare);
  const s = stats(f.run);
  const ratio = s.perSecond / b.perSecond;
  console.log(line('bare restify route', f.bare, b, 'req'));
  console.log(line('bot flow-1 submit', f.run, s, 'submits'));
  console.log(`  ratio bot/bare throughput: ${ratio.toFixed(3)}`);
  if (!Number.isNaN(f.botCpuMs)) {
    const fl = stats(f.floor);
    const cpu = (label: string, cpuMs: number, r: LoadResult, n: number) => {
      const per = cpuMs / Math.max(1, n);
      const busy = (ms: number) => `${((100 * ms) / r.elapsedMs).toFixed(0)}%`;
      console.log(
        `    ${label.padEnd(42)} ${per.toFixed(3)} ms each; busy: main thread ${busy(cpuMs)},`
        + ` clients' thread ${busy(r.clientsCpuMs)} (${(r.clientsCpuMs / Math.max(1, n)).toFixed(3)} ms each)`,
      );
      return per;
    };
    console.log(`  CPU per request, of ${cpus().length} cores (the bare route, the floor route and the bot share the main thread):`);
    const perBare = cpu('bare restify route', f.bareCpuMs, f.bare, b.count);
    const perFloor = cpu('floor: restify + botbuilder, constant card', f.floorCpuMs, f.floor, fl.count);
    const perSubmit = cpu('bot flow-1 submit (with outbox dispatcher)', f.botCpuMs, f.run, s.count);
    console.log(
      `    in bare requests: floor ${(perFloor / perBare).toFixed(1)}, submit ${(perSubmit / perBare).toFixed(1)}`
      + ` (a ratio of ${TARGET_RATIO} needs a submit of at most ${(1 / TARGET_RATIO).toFixed(0)} on one thread);`
      + ` floor route ${fl.perSecond.toFixed(0)} req/s, ${(fl.perSecond / b.perSecond).toFixed(3)} × bare`,
    );
  }
  const target = (name: string, value: string, ok: boolean) =>
    console.log(`    ${name.padEnd(26)} ${value.padStart(10)}   ${verdict(ok)}`);
  console.log('  targets:');
  target(`p99 < ${TARGET_P99_MS} ms`, ms(s.p99), s.p99 < TARGET_P99_MS);
  const perSecond = s.perSecond.toFixed(0);
  target(`≥ ${TARGET_SUBMITS_PER_S.toLocaleString('en')} submits/s`, perSecond, s.perSecond >= TARGET_SUBMITS_PER_S);
  target(`≥ ${TARGET_RATIO} × bare throughput`, ratio.toFixed(3), ratio >= TARGET_RATIO);
  console.log('  submit sent → DT card at the connector stand-in:');
  console.log(cardsLine(`paced probe (${PROBE_COUNT} submits, 2/s)`, f.probeCards));
  console.log(cardsLine('load run', f.runCards));
  if (f.runCards.arrived < f.runCards.expected) {
    console.log(
      `      (${f.pendingRows} outbox rows still pending: the dispatcher keeps Teams' per-conversation`
      + ' limits, and every card of the load run goes to the same two DT chats and one advisor chat)',
    );
  }
  for (const [msg, n] of f.warnings) console.log(`  bot log, warning or worse, ${n}×: ${msg}`);
}

/** Runs the request-flow benchmark and prints its figures beside the targets. */
export async function benchRequestFlow(): Promise<void> {
  const clients = await Clients.start();
  let bot: TestBot | undefined;
  let bare: Route | undefined;
  let floor: Route | undefined;
  try {
    // startTestBot's logger is created at debug level whatever LOG_LEVEL says: lower it here.
    bot = await startTestBot({ env: { LOG_LEVEL: 'warn' } });
    bot.app.logger.level = 'warn';
    bare = await startBareRoute();
    floor = await startFrameworkFloor();
    console.log(
      `\nRequest flow: flow-1 submits (demande.creer) on 127.0.0.1, ${num('BENCH_CONCURRENCY', 50)}`
      + ' concurrent keep-alive clients',
    );
    console.log(
      '  (bot and bare route on the main thread; clients and connector stand-in in a worker thread;'
      + ` ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(2)} at start)`,
    );
    report(await measure(clients, bot.url, bare.url, floor.url, bot.app.store, bot.logs));
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
