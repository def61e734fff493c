/** Starts, kills and steers bot instances in child processes (bot-process.ts), from a test. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { BotProcessSettings } from './bot-process';

export interface BotProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** Its stderr (warnings, errors), for a failing test's message. */
  errors: string[];
  /** Outbox rows it began to send, and those the stand-in answered (bot-process.ts prints them). */
  sending: Set<number>;
  sent: Set<number>;
  /** Resolves once it has a send in flight (begun, not answered yet). */
  sendInFlight(timeoutMs: number): Promise<void>;
  /** From now on its sends hang, as on a stalled link to Teams. */
  stallSends(): Promise<void>;
  /** Sets its clock to real time plus `ms` and resolves once it did. */
  setClockOffset(ms: number): Promise<void>;
  /** SIGKILL: no shutdown, no last commit; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: a clean stop. */
  stop(): Promise<void>;
}

const LAUNCHER = join(__dirname, 'bot-process.ts');

export async function startBotProcess(
  s: BotProcessSettings,
  timeoutMs = 60_000,
): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', LAUNCHER], {
    env: { ...process.env, BOT_PROCESS: JSON.stringify(s) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const errors: string[] = [];
  child.stderr?.on('data', (c: Buffer) => errors.push(String(c)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const sending = new Set<number>();
  const sent = new Set<number>();
  const inFlight = () => [...sending].some((id) => !sent.has(id));
  let listening: (port: number) => void = () => undefined;
  let onLine: () => void = () => undefined;
  let partial = '';
  child.stdout?.on('data', (c: Buffer) => {
    const lines = (partial + String(c)).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      const m = JSON.parse(line) as { port?: number; sending?: number; sent?: number };
      if (m.port !== undefined) listening(m.port);
      if (m.sending !== undefined) sending.add(m.sending);
      if (m.sent !== undefined) sent.add(m.sent);
    }
    onLine();
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${s.name} did not start: ${errors.join('')}`)),
      timeoutMs,
    );
    listening = (p) => {
      clearTimeout(timer);
      resolve(p);
    };
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${s.name} exited (${code}) before listening: ${errors.join('')}`));
    });
  });
  const ask = (m: object) =>
    new Promise<void>((resolve) => {
      child.once('message', () => resolve());
      child.send(m);
    });
  const gone = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    name: s.name,
    url: `http://127.0.0.1:${port}`,
    child,
    errors,
    sending,
    sent,
    sendInFlight: (ms) =>
      new Promise((resolve, reject) => {
        if (inFlight()) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`${s.name} had no send in flight within ${ms} ms`)),
          ms,
        );
        onLine = () => {
          if (!inFlight()) return;
          clearTimeout(timer);
          onLine = () => undefined;
          resolve();
        };
      }),
    setClockOffset: (ms) => ask({ clockOffsetMs: ms }),
    stallSends: () => ask({ stallSends: true }),
    kill: () => gone('SIGKILL'),
    stop: () => gone('SIGTERM'),
  };
}
