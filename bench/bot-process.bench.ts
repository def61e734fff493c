/**
 * The bot as `npm start` runs it (`node --max-semi-space-size=32 dist/index.js`, SQLite, local
 * mode), in a process of its own:
 * - cold start: spawn to the first 200 from GET /healthz (database open and migrated, directory
 *   file applied), median of 5 fresh databases; beside the floor, a process that only loads
 *   botbuilder and restify and answers /healthz (what any bot on this stack pays);
 * - peak RSS under the 50-client submit load: the child's VmHWM (the kernel's high-water mark,
 *   so no sample can miss the peak), with the clients and the Bot Connector stand-in in this
 *   process's worker thread. The in-process request-flow bench cannot give this figure: its RSS
 *   would hold the clients' heap, the routes and tsx's compiler too.
 * Builds dist/ first when a file under src/ is newer than dist/index.js. Prints, never fails.
 * Environment: BENCH_SECONDS (15), BENCH_CONCURRENCY (50), BENCH_COLD_STARTS (5),
 * BENCH_BOT_NODE_ARGS (node flags for the built bot instead of npm start's, to diagnose).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_DIRECTORY } from '../test/helpers/app';
import { ensureBuilt, freePort, memoryMb } from './built-bot';
import { Clients } from './clients';
import { targetLine } from './targets';
import { processCpuMs } from './thread-cpu';

const ROOT = join(__dirname, '..');
const COLD_TARGET_MS = 1_000;
const RSS_TARGET_MB = 300;
/** What `npm start` runs, unless BENCH_BOT_NODE_ARGS says otherwise. */
const BOT_ARGS = [
  ...(process.env.BENCH_BOT_NODE_ARGS?.split(' ').filter(Boolean) ?? ['--max-semi-space-size=32']),
  'dist/index.js',
];

const num = (name: string, def: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : def;
};

/** The floor of a cold start: node, botbuilder and restify loaded, /healthz answered. */
const FLOOR_SCRIPT = `
require('botbuilder');
const restify = require('restify');
const server = restify.createServer();
server.get('/healthz', async (_req, res) => { res.send(200, { status: 'ok' }); });
server.listen(Number(process.env.PORT), '127.0.0.1');
`;

interface Started {
  child: ChildProcess;
  port: number;
  coldMs: number;
  dispose(): Promise<void>;
}

/** Spawns `args` and polls /healthz every 5 ms until it answers 200. */
async function startChild(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-bench-'));
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      PASSERELLE_LOCAL: '1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SQLITE_FILE: join(dir, 'bench.sqlite'),
      DIRECTORY_FILE: FIXTURE_DIRECTORY,
      DOWNLOAD_SECRET: 'bench-download-secret-of-at-least-32-characters',
      // The national accord-cadre's default end (2025-02-28) would refuse the form.
      ACCORD_CADRE_END_DATE: '2099-12-31',
      ...env,
    },
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const dispose = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`bot exited ${child.exitCode}: ${stderr.slice(0, 500)}`);
    const status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    if (performance.now() - t0 > 30_000) {
      await dispose();
      throw new Error('no /healthz 200 within 30 s');
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return { child, port, coldMs: performance.now() - t0, dispose };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function coldStarts(label: string, args: string[], n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = await startChild(args);
    times.push(s.coldMs);
    await s.dispose();
  }
  console.log(
    `  ${label.padEnd(52)} median ${median(times).toFixed(0)} ms; all ${times.map((t) => t.toFixed(0)).join(', ')} ms`,
  );
  return times;
}

/** Peak RSS of the built bot under the submit load, and its whole-process CPU per submit. */
async function peakRss(): Promise<void> {
  const clients = await Clients.start();
  const bot = await startChild(BOT_ARGS);
  try {
    const url = `http://127.0.0.1:${bot.port}`;
    for (const who of ['dt1', 'dt2', 'advisor'] as const) {
      await clients.call<number>('message', {
        url,
        who,
        text: who === 'advisor' ? '/demande CIR' : 'aide',
      });
    }
    const pid = bot.child.pid!;
    const idle = memoryMb(pid);
    const concurrency = num('BENCH_CONCURRENCY', 50);
    const cpu0 = processCpuMs(pid);
    const run = await clients.load({
      url: `${url}/api/messages`,
      phase: 'rss',
      maxRequests: 1_000_000,
      maxMs: num('BENCH_SECONDS', 15) * 1000,
      concurrency,
      kind: 'submit',
      expectCard: true,
    });
    const cpuMs = processCpuMs(pid) - cpu0;
    const after = memoryMb(pid);
    console.log(
      `  built bot (SQLite), ${concurrency} clients: ${run.ok} submits in ${(run.elapsedMs / 1000).toFixed(1)} s` +
        ` (${(run.ok / (run.elapsedMs / 1000)).toFixed(0)}/s, ${run.errors} errors);` +
        ` whole-process CPU ${(cpuMs / Math.max(1, run.ok)).toFixed(3)} ms per submit`,
    );
    console.log(
      `    RSS idle after start-up ${idle.rss.toFixed(0)} MB; after the load ${after.rss.toFixed(0)} MB; peak (VmHWM) ${after.hwm.toFixed(0)} MB`,
    );
    targetLine(
      `bot peak RSS under the ${concurrency}-client submit load (built bot, SQLite)`,
      `${after.hwm.toFixed(0)} MB`,
      `< ${RSS_TARGET_MB} MB`,
      after.hwm < RSS_TARGET_MB,
    );
  } finally {
    await bot.dispose();
    await clients.stop();
  }
}

/** Runs the cold-start and peak-RSS measures. */
export async function benchBotProcess(): Promise<void> {
  console.log(
    `\nThe built bot in a process of its own (load average ${loadavg()[0].toFixed(2)} at start)`,
  );
  ensureBuilt();
  if (process.env.BENCH_BOT_NODE_ARGS)
    console.log(`  built bot run as: node ${BOT_ARGS.join(' ')}`);
  const n = num('BENCH_COLD_STARTS', 5);
  await coldStarts('cold start, floor (node + botbuilder + restify)', ['-e', FLOOR_SCRIPT], n);
  const bot = await coldStarts('cold start, npm start (dist/index.js)', BOT_ARGS, n);
  const m = median(bot);
  targetLine(
    'cold start, `npm start` to /healthz 200 (median)',
    `${m.toFixed(0)} ms`,
    `< ${COLD_TARGET_MS} ms`,
    m < COLD_TARGET_MS,
  );
  await peakRss();
}

if (require.main === module) {
  benchBotProcess().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
