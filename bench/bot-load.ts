/**
 * The bot's part of the request-flow bench, run once per storage engine: the correspondents'
 * first messages, a paced probe, a warm-up, then the closed-loop load of flow-1 submits, with the
 * CPU it cost. The bot runs on the bench's main thread, the clients in their worker thread.
 */
import { loadavg } from 'node:os';
import type { TestBot } from '../test/helpers/app';
import type { Clients } from './clients';
import type { CardsResult, LoadResult } from './request-flow-clients';
import { ownProcessCpuMs, processCpuMs, threadCpuMs } from './thread-cpu';

export const PROBE_COUNT = 10;

export interface BotLoadOptions {
  /** Phase prefix, distinct per run: the clients key their submits and cards by phase. */
  tag: string;
  concurrency: number;
  maxSubmits: number;
  maxMs: number;
  cardWaitMs: number;
  /** PostgreSQL backends serving this bot, read just before the load (their CPU is reported). */
  serverPids?: () => number[];
  /** Wraps the load run (CPU profile). */
  around?: <T>(fn: () => Promise<T>) => Promise<T>;
}

export interface BotFigures {
  /** The one-minute load average when this engine's run began (the machine is shared). */
  loadAverage: number;
  run: LoadResult;
  /** CPU of the bench's main thread (the bot's event loop) during the load run, ms. */
  mainCpuMs: number;
  /**
   * CPU of the whole bench process minus the clients' thread during the load run, ms: the bot's
   * process as if alone (its GC helper threads and libuv pool included; V8's helper threads also
   * serve the clients' heap, which counts here).
   */
  processCpuMs: number;
  /** PostgreSQL's CPU in the bot's backends during the load run, ms (NaN when not read). */
  serverCpuMs: number;
  serverBackends: number;
  probeCards: CardsResult;
  runCards: CardsResult;
  pendingRows: number;
  warnings: Map<string, number>;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Drives the clients against `bot` and returns what it measured. */
export async function loadBot(
  clients: Clients,
  bot: TestBot,
  o: BotLoadOptions,
): Promise<BotFigures> {
  const loadAverage = loadavg()[0];
  const api = `${bot.url}/api/messages`;
  const phase = (name: string) => `${o.tag}${name}`;

  // The DT correspondents talk to the bot once, so that it knows their personal chats.
  for (const who of ['dt1', 'dt2', 'advisor'] as const) {
    const text = who === 'advisor' ? '/demande CIR' : 'aide';
    const status = await clients.call<number>('message', { url: bot.url, who, text });
    if (status !== 200) throw new Error(`warm-up message from ${who} answered ${status}`);
  }

  // Paced probe: one submit every 500 ms stays under Teams' per-chat limits, so this is the
  // dispatcher's own delay (woken by the commit).
  const probe = await clients.load({
    url: api,
    phase: phase('probe'),
    maxRequests: PROBE_COUNT,
    maxMs: 30_000,
    concurrency: 1,
    kind: 'submit',
    expectCard: true,
    intervalMs: 500,
  });
  if (probe.ok !== PROBE_COUNT) {
    throw new Error(`probe: ${probe.ok}/${PROBE_COUNT} submits succeeded (${probe.firstError})`);
  }
  const probeCards = await clients.call<CardsResult>('awaitCards', {
    phase: phase('probe'),
    maxWaitMs: 10_000,
  });

  // Warm-up with duplicate submits (the whole path, no new row), then the load.
  await clients.load({
    url: api,
    phase: phase('warm'),
    maxRequests: 1_000,
    maxMs: 5_000,
    concurrency: o.concurrency,
    kind: 'duplicate',
    duplicateOf: { phase: phase('probe'), count: PROBE_COUNT },
    expectCard: true,
  });
  const pids = o.serverPids?.() ?? [];
  const serverBefore = pids.map(processCpuMs);
  const mainBefore = threadCpuMs();
  const processBefore = ownProcessCpuMs();
  const around = o.around ?? (<T>(fn: () => Promise<T>) => fn());
  const run = await around(() =>
    clients.load({
      url: api,
      phase: phase('load'),
      maxRequests: o.maxSubmits,
      maxMs: o.maxMs,
      concurrency: o.concurrency,
      kind: 'submit',
      expectCard: true,
    }),
  );
  const mainCpuMs = threadCpuMs() - mainBefore;
  const processCpu = ownProcessCpuMs() - processBefore - run.clientsCpuMs;
  // Read at once: an idle pooled connection closes after 10 s, and its /proc entry with it.
  const serverCpuMs = pids.length ? sum(pids.map(processCpuMs)) - sum(serverBefore) : NaN;
  const runCards = await clients.call<CardsResult>('awaitCards', {
    phase: phase('load'),
    maxWaitMs: o.cardWaitMs,
  });
  const pendingRows = (await bot.app.store.listOutbox()).filter(
    (r) => r.status === 'pending',
  ).length;

  const warnings = new Map<string, number>();
  for (const l of bot.logs.filter((x) => Number(x.level) >= 40)) {
    const key = `${String(l.msg)}${l.code ? ` (${String(l.code)})` : ''}`;
    warnings.set(key, (warnings.get(key) ?? 0) + 1);
  }
  return {
    loadAverage,
    run,
    mainCpuMs,
    processCpuMs: processCpu,
    serverCpuMs,
    serverBackends: pids.length,
    probeCards,
    runCards,
    pendingRows,
    warnings,
  };
}
