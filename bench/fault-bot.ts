/**
 * The built bot (`dist/index.js`, as `npm start` runs it) in a child process for the
 * load-and-fault bench: started on a given port and database, its peak RSS sampled, its warning
 * and error log lines counted by message, killed with SIGKILL or stopped with SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { memoryMb } from './built-bot';

const ROOT = join(__dirname, '..');

export interface BotChild {
  child: ChildProcess;
  url: string;
  /** Highest VmHWM read so far, MB (read every 250 ms and once more before a kill). */
  peakRssMb(): number;
  kill(): Promise<void>;
  stop(): Promise<number | null>;
}

/** Warning and error lines of every instance, by message (and code or status). */
export const botWarnings = new Map<string, number>();

function countLogLine(line: string): void {
  if (!line.startsWith('{')) {
    // Node's own warnings name the process: one key for every instance.
    const key = line
      .replace(/^\(node:\d+\) /, '')
      .trim()
      .slice(0, 120);
    if (key) botWarnings.set(key, (botWarnings.get(key) ?? 0) + 1);
    return;
  }
  try {
    const l = JSON.parse(line) as { level?: number; msg?: string; code?: string; status?: number };
    if ((l.level ?? 0) < 40) return;
    const key = `${l.msg}${l.code ? ` (${l.code})` : ''}${l.status ? ` (HTTP ${l.status})` : ''}`;
    botWarnings.set(key, (botWarnings.get(key) ?? 0) + 1);
  } catch {
    // A partial line: pino writes whole lines, so only a kill mid-write gets here.
  }
}

/** Starts the built bot and resolves once GET /healthz answers 200. */
export async function startBot(port: number, env: Record<string, string>): Promise<BotChild> {
  const child = spawn(process.execPath, ['--max-semi-space-size=32', 'dist/index.js'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      PASSERELLE_LOCAL: '1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DOWNLOAD_SECRET: 'bench-download-secret-of-at-least-32-characters',
      // The national accord-cadre's default end (2025-02-28) would refuse the form.
      ACCORD_CADRE_END_DATE: '2099-12-31',
      ...env,
    },
  });
  let partial = '';
  const onData = (c: Buffer) => {
    const lines = (partial + String(c)).split('\n');
    partial = lines.pop() ?? '';
    lines.forEach(countLogLine);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  let peak = 0;
  const sample = () => {
    try {
      peak = Math.max(peak, memoryMb(child.pid!).hwm);
    } catch {
      // The process is gone.
    }
  };
  const sampler = setInterval(sample, 250);
  void exited.then(() => clearInterval(sampler));
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bot exited ${child.exitCode} at start-up`);
    const status = await fetch(`${url}/healthz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    if (performance.now() - t0 > 60_000) {
      child.kill('SIGKILL');
      throw new Error('no /healthz 200 within 60 s');
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    child,
    url,
    peakRssMb: () => (sample(), peak),
    kill: async () => {
      sample();
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
