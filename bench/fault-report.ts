/** Prints the load-and-fault bench's figures and says whether the run held. */
import type { Actors, CallStats } from './fault-actors';
import type { CardTally } from './fault-checks';
import type { FaultSettings } from './faults.bench';

export interface FaultRun {
  engine: string;
  /** The one-minute load average as the run began (the machine may be shared). */
  loadAverage: number;
  settings: FaultSettings;
  actors: Actors;
  elapsedMs: number;
  killAtS: number;
  restartMs: number;
  drainedMs: number;
  /** Peak RSS (VmHWM) of the killed instance and of the restarted one, MB. */
  peaks: [number, number];
  exitCode: number | null;
  /** Sends and updates the stand-in answered, by fault drawn. */
  faults: Record<string, number>;
  stored: number;
  /** Requests stored from a form the bot should have refused. */
  storedInvalid: number;
  outbox: Record<string, number>;
  cards: CardTally;
  lost: { requests: string[]; answers: string[] };
  maxKillWindow: number;
  warnings: Map<string, number>;
}

function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

const line = (name: string, c: CallStats) =>
  `  ${name.padEnd(22)} ${String(c.accepted).padStart(5)} accepted, ${c.refused} refused, ` +
  `${c.unanswered} unanswered (bot down); p50 ${percentile(c.latencies, 50).toFixed(0)} ms, ` +
  `p99 ${percentile(c.latencies, 99).toFixed(0)} ms`;

/** Prints the run; true when nothing acknowledged was lost and no card over-delivered. */
export function report(r: FaultRun): boolean {
  const s = r.settings;
  const a = r.actors;
  const c = r.cards;
  const seconds = r.elapsedMs / 1000;
  console.log(
    `\nLoad and faults — built bot on ${r.engine}, ${s.seconds} s, ${s.advisors} advisors, ` +
      `${s.correspondents} correspondents in ${s.dts} DTs, think ${s.thinkMs} ms ` +
      `(load average ${r.loadAverage.toFixed(1)} at start)`,
  );
  console.log(
    `  connector stand-in: ${pct(s.p429)} of sends answered 429 (Retry-After 1 s), ` +
      `${pct(s.p500)} 500, ${pct(s.pSlow)} after ${s.slowMs} ms; drawn: ` +
      Object.entries(r.faults)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
  );
  console.log(
    `  SIGKILL at ${r.killAtS.toFixed(1)} s; restarted, /healthz 200 after ` +
      `${(r.restartMs / 1000).toFixed(2)} s; cards drained ${(r.drainedMs / 1000).toFixed(1)} s ` +
      `after the load; SIGTERM at the end: exit ${r.exitCode}`,
  );
  console.log(line('flow 1 submits', a.submits));
  console.log(line('flow 2 answers', a.answers));
  console.log(line('`/demande CIR`', a.messages));
  console.log(line('invalid forms', a.invalid));
  const calls = a.submits.accepted + a.answers.accepted;
  console.log(
    `  throughput: ${(a.submits.accepted / seconds).toFixed(1)} submits/s and ` +
      `${(a.answers.accepted / seconds).toFixed(1)} answers/s accepted over ${seconds.toFixed(1)} s ` +
      `(${(calls / seconds).toFixed(1)} invokes/s); latency of both, p50 ` +
      `${percentile([...a.submits.latencies, ...a.answers.latencies], 50).toFixed(0)} ms, p99 ` +
      `${percentile([...a.submits.latencies, ...a.answers.latencies], 99).toFixed(0)} ms`,
  );
  console.log(
    `  peak RSS of the bot (VmHWM): ${r.peaks[0].toFixed(0)} MB before the kill, ` +
      `${r.peaks[1].toFixed(0)} MB after the restart`,
  );
  const ages = c.killWindowAges.map((x) => `${x} ms`).join(', ');
  console.log(
    `  cards: ${c.expected} expected (DT cards of ${r.stored} stored requests, notifications of ` +
      `their answers), ${c.delivered} delivered, ${c.undelivered} undelivered; ` +
      `${c.killWindow} delivered twice across the kill${ages ? ` (first copy ${ages} before it)` : ''}, ` +
      `${c.duplicated} other extra copies, ${c.unexpected} unexpected`,
  );
  const d = c.dtCardDelays;
  console.log(
    `  DT card, from the submit's commit to its arrival: p50 ${(percentile(d, 50) / 1000).toFixed(1)} s, ` +
      `p99 ${(percentile(d, 99) / 1000).toFixed(1)} s, max ${(Math.max(...d) / 1000).toFixed(1)} s`,
  );
  console.log(
    `  outbox at the end: ${Object.entries(r.outbox)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
  );
  const lost = r.lost.requests.length + r.lost.answers.length + c.undelivered;
  const duplicated = c.killWindow + c.duplicated;
  console.log(
    `  counts: accepted ${a.submits.accepted + a.answers.accepted} ` +
      `(${a.acknowledged.size} submits, ${a.answered.size} answers), refused ` +
      `${a.submits.refused + a.answers.refused + a.invalid.refused} (${a.invalid.refused} invalid forms), ` +
      `delivered ${c.delivered}, duplicated ` +
      `${duplicated} (${c.killWindow} in flight at the kill), lost ${lost} ` +
      `(${r.lost.requests.length} acknowledged requests, ${r.lost.answers.length} answers, ` +
      `${c.undelivered} cards)`,
  );
  if (r.warnings.size) {
    console.log('  bot warnings and errors (all instances):');
    for (const [k, v] of [...r.warnings].sort((x, y) => y[1] - x[1]))
      console.log(`    ${String(v).padStart(5)} × ${k}`);
  }
  for (const st of [a.submits, a.answers, a.messages])
    if (st.firstRefusal) console.log(`  first refusal: ${st.firstRefusal}`);
  const problems: string[] = [];
  if (r.lost.requests.length)
    problems.push(`acknowledged requests missing: ${r.lost.requests.slice(0, 5).join(', ')}`);
  if (r.lost.answers.length)
    problems.push(`acknowledged answers not stored: ${r.lost.answers.slice(0, 5).join(', ')}`);
  if (a.invalid.accepted || r.storedInvalid)
    problems.push(`${a.invalid.accepted} invalid forms accepted, ${r.storedInvalid} stored`);
  if (c.undelivered) problems.push(`${c.undelivered} cards never delivered`);
  if (c.duplicated) problems.push(`${c.duplicated} extra copies outside the kill's window`);
  if (c.killWindow > r.maxKillWindow)
    problems.push(`${c.killWindow} cards twice across the kill, more than could be in flight`);
  console.log(problems.length ? `  FAILED: ${problems.join('; ')}` : '  OK');
  return problems.length === 0;
}
