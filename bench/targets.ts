/**
 * Issue 12's benchmark targets: each bench part prints its line where it measures it and records
 * it here, and `npm run bench` prints them all again at the end, in one block, with the load
 * average (the machine is shared: a figure means little without it).
 */
import { loadavg } from 'node:os';

const lines: string[] = [];

/** Prints `measure  value  (target …)  OK|OVER` (or a skip reason) and keeps it for the summary. */
export function targetLine(
  measure: string,
  value: string,
  target: string,
  ok: boolean | 'skipped',
): void {
  const verdict = ok === 'skipped' ? 'skipped' : ok ? 'OK' : 'OVER';
  const text = `${measure.padEnd(66)} ${value.padStart(9)}  (target ${target}) ${verdict}`;
  lines.push(`${text}   [load ${loadavg()[0].toFixed(2)}]`);
  console.log(`  ${text}`);
}

/** The recorded lines, in the order they were measured. */
export function printTargetSummary(): void {
  if (!lines.length) return;
  console.log('\nIssue 12 targets (this run; load average when each was measured):');
  for (const l of lines) console.log(`  ${l}`);
}
