import { readFileSync } from 'node:fs';

/** CPU time of the calling thread in ms (Linux /proc, 10 ms ticks), or NaN elsewhere. */
export function threadCpuMs(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}
