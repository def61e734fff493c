/**
 * `npm run dev`: the bot in local mode on SQLite, seeded with the demo partnership, and one
 * Microsoft 365 Agents Playground per persona (docs/playground.md):
 *
 *   conseiller     Léa Bernard, Mission Locale de Villeurbanne   http://localhost:56150
 *   correspondant  Camille Martin, DT OFII de Lyon               http://localhost:56151
 *   admin          Sophie Laurent, DT OFII de Lyon (--admin)     http://localhost:56152
 *
 * Options: --single (advisor only), --admin (adds the admin), --no-bot (Playgrounds only, for a
 * bot started elsewhere), --no-browser (do not open tabs), --reset (delete the dev database
 * first), --seed (demo requests, fiche, committee and offer: scripts/dev-seed.ts). Ctrl-C stops
 * every child. Variables already set (environment or .env) win over the
 * dev defaults below.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const DEV_SQLITE = './data/dev.sqlite';
const HEALTH_TIMEOUT_MS = 30_000;

interface Persona {
  key: 'conseiller' | 'correspondant' | 'admin';
  label: string;
  port: number;
}

const PERSONAS: Persona[] = [
  {
    key: 'conseiller',
    label: 'Léa Bernard, conseillère — Mission Locale de Villeurbanne',
    port: 56150,
  },
  { key: 'correspondant', label: 'Camille Martin, correspondante — DT OFII de Lyon', port: 56151 },
  {
    key: 'admin',
    label: 'Sophie Laurent, administratrice du partenariat — DT OFII de Lyon',
    port: 56152,
  },
];

/** Dev defaults; the admin id is Sophie Laurent's in demo/annuaire-demo.json. */
export const DEV_DEFAULTS: Record<string, string> = {
  PASSERELLE_LOCAL: '1',
  DIRECTORY_FILE: 'demo/annuaire-demo.json',
  ADMIN_IDS: '5e1f0000-0000-4000-8000-00000000ad01',
  SQLITE_FILE: DEV_SQLITE,
  // The seed's accord-cadre ended in February 2025; the demo runs under a renewed one.
  ACCORD_CADRE_END_DATE: '2099-12-31',
};

const USAGE = `usage: npm run dev [-- --single | --admin] [--no-bot] [--no-browser] [--reset] [--seed]`;

interface Options {
  personas: Persona[];
  bot: boolean;
  browser: boolean;
  reset: boolean;
  seed: boolean;
}

function parseArgs(argv: string[]): Options {
  const flags = new Set(argv);
  const known = ['--single', '--admin', '--no-bot', '--no-browser', '--reset', '--seed', '--help'];
  const unknown = argv.filter((a) => !known.includes(a));
  if (unknown.length || flags.has('--help')) {
    console.log(USAGE);
    process.exit(unknown.length ? 2 : 0);
  }
  const keys = flags.has('--single') ? ['conseiller'] : ['conseiller', 'correspondant'];
  if (flags.has('--admin')) keys.push('admin');
  return {
    personas: PERSONAS.filter((p) => keys.includes(p.key)),
    bot: !flags.has('--no-bot'),
    browser: !flags.has('--no-browser'),
    reset: flags.has('--reset'),
    seed: flags.has('--seed'),
  };
}

const children: { name: string; child: ChildProcess }[] = [];
let stopping = false;

/** Prints each line of a stream with a prefix; pino's JSON lines are shown as "LEVEL msg {…}". */
function forward(name: string, stream: NodeJS.ReadableStream | null, toErr = false): void {
  if (!stream) return;
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines)
      if (line.trim())
        (toErr ? process.stderr : process.stdout).write(`[${name}] ${pretty(line)}\n`);
  });
}

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

function pretty(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const {
      level,
      msg,
      time: _t,
      pid: _p,
      hostname: _h,
      ...rest
    } = JSON.parse(line) as Record<string, unknown>;
    const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
    return `${typeof level === 'number' ? (LEVELS[level] ?? level) : 'INFO'} ${String(msg ?? '')}${extra}`;
  } catch {
    return line;
  }
}

/**
 * The Playground writes its console only to its log file when stdout is not a terminal (it
 * prints just "Listening on <port>"); follow the file so that config errors are seen. It deletes
 * the file on start, hence the restart from 0 when the file shrinks.
 */
function tail(name: string, file: string): NodeJS.Timeout {
  let offset = 0;
  return setInterval(() => {
    if (!existsSync(file)) return;
    const size = statSync(file).size;
    if (size < offset) offset = 0;
    if (size === offset) return;
    const fd = openSync(file, 'r');
    const buf = Buffer.alloc(size - offset);
    readSync(fd, buf, 0, buf.length, offset);
    closeSync(fd);
    offset = size;
    for (const line of buf.toString('utf8').split('\n')) {
      const text = line.replace(/^(log|info|warn|error|debug) /, '');
      if (text.trim() && !text.startsWith('Listening on'))
        process.stdout.write(`[${name}] ${text}\n`);
    }
  }, 500);
}

function start(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push({ name, child });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    if (signal === 'SIGINT') return void stopAll(0); // Ctrl-C reached the child first
    console.error(`[dev] ${name} stopped (${signal ?? `code ${code}`}); stopping the others.`);
    void stopAll(code === 0 ? 1 : (code ?? 1));
  });
  return child;
}

async function stopAll(exitCode: number): Promise<never> {
  stopping = true;
  const alive = children.filter(
    ({ child }) => child.exitCode === null && child.signalCode === null,
  );
  for (const { child } of alive) child.kill('SIGTERM');
  const deadline = Date.now() + 5_000;
  while (
    Date.now() < deadline &&
    alive.some(({ child }) => child.exitCode === null && child.signalCode === null)
  ) {
    await sleep(100);
  }
  for (const { child } of alive)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  process.exit(exitCode);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * Before the bot starts, on its database (scripts/dev-seed.ts, through the domain services):
 * binds the demo partnership's channel, "Coordination partenariat" in the admin's Playground,
 * when that Playground runs (--admin); with --seed, creates the demo records. Local mode only.
 */
async function prepareDemoData(opts: Options, env: NodeJS.ProcessEnv): Promise<void> {
  const admin = opts.personas.find((p) => p.key === 'admin');
  const args = [
    ...(admin ? ['--bind-channel', `http://localhost:${admin.port}/_connector`] : []),
    ...(opts.seed ? ['--seed'] : []),
  ];
  if (!admin)
    console.log(
      "[dev] committee announcements and reminders go to the channel « Coordination partenariat » of the admin's Playground: add --admin to see them.",
    );
  if (!args.length) return;
  const code = await new Promise<number | null>((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/dev-seed.ts', ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (c) => done(c));
  });
  if (code !== 0) {
    console.error('[dev] the demo data could not be prepared (see above); nothing was started.');
    process.exit(code ?? 1);
  }
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (existsSync(join(ROOT, '.env'))) process.loadEnvFile(join(ROOT, '.env'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(DEV_DEFAULTS)) if (!env[k]) env[k] = v;
  const port = env.PORT || '3978';
  const health = `http://127.0.0.1:${port}/healthz`;
  const endpoint = `http://127.0.0.1:${port}/api/messages`;
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  if (opts.bot) {
    if (await healthy(health)) {
      console.error(
        `[dev] something already answers ${health}: stop it, or run \`npm run dev -- --no-bot\`.`,
      );
      process.exit(1);
    }
    if (opts.reset && env.SQLITE_FILE === DEV_SQLITE) {
      for (const f of ['', '-wal', '-shm']) rmSync(join(ROOT, DEV_SQLITE + f), { force: true });
      console.log(`[dev] ${DEV_SQLITE} deleted.`);
    }
    // --- Demo data (issue 18 §3): the partnership channel bound, and --seed's records. ---
    await prepareDemoData(opts, env);
    // --- end of the demo data block ---
    console.log(
      `[dev] starting the bot (local mode, ${env.SQLITE_FILE}, directory ${env.DIRECTORY_FILE})…`,
    );
    const bot = start('bot', ['--import', 'tsx', 'src/index.ts'], env);
    forward('bot', bot.stdout);
    forward('bot', bot.stderr, true);
    const until = Date.now() + HEALTH_TIMEOUT_MS;
    while (!(await healthy(health))) {
      if (Date.now() > until) {
        console.error(
          `[dev] the bot did not answer ${health} within ${HEALTH_TIMEOUT_MS / 1000} s.`,
        );
        await stopAll(1);
      }
      await sleep(250);
    }
    console.log(`[dev] bot ready: ${endpoint}`);
    // The tabs (issue 15) in a plain browser: the local sign-in page picks a person of the directory.
    console.log(`[dev] tab Mes demandes → http://127.0.0.1:${port}/tab/mes-demandes`);
    if (!existsSync(join(ROOT, 'dist', 'web', 'mes-demandes.html')))
      console.log('[dev] the tab pages are not built yet: run `npm run build` once.');
  } else if (opts.seed) {
    console.warn(
      '[dev] --seed writes through the bot started here: it does nothing with --no-bot.',
    );
  } else if (!(await healthy(health))) {
    console.warn(
      `[dev] --no-bot: nothing answers ${health} yet; the Playgrounds will wait 15 s for it.`,
    );
  }

  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  for (const p of opts.personas) {
    const logFile = join(ROOT, 'devTools', `playground-${p.key}.log`);
    const pgEnv: NodeJS.ProcessEnv = {
      ...process.env,
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(ROOT, 'demo', 'playground', `${p.key}.yml`),
      M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
      ...(opts.browser ? {} : { TEAMSAPPTESTER_BROWSER: 'none' }),
    };
    const args = [
      cli,
      '--app-endpoint',
      endpoint,
      '--channel-id',
      'msteams',
      '--port',
      String(p.port),
      '--disable-telemetry',
    ];
    const child = start(p.key, args, pgEnv);
    forward(p.key, child.stderr, true);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      const m = /Listening on (\d+)/.exec(chunk);
      if (!m) return void process.stdout.write(`[${p.key}] ${chunk}`);
      const actual = Number(m[1]);
      const moved = actual === p.port ? '' : ` (port ${p.port} was taken)`;
      console.log(`[dev] ${p.label} → http://localhost:${actual}${moved}`);
    });
    tail(p.key, logFile);
  }
  console.log(
    '[dev] Open each Playground once so that the bot learns its conversation. Cards do not refresh on ' +
      'their own in the Playground: use "Voir le détail". Ctrl-C stops everything.',
  );
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error('[dev]', err);
    void stopAll(1);
  });
}
