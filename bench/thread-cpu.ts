import { readFileSync } from 'node:fs';

/** utime + stime of a /proc stat file in ms (10 ms ticks), or NaN when it cannot be read. */
function statCpuMs(path: string): number {
  try {
    const stat = readFileSync(path, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** CPU time of the calling thread in ms (Linux /proc, 10 ms ticks), or NaN elsewhere. */
export function threadCpuMs(): number {
  return statCpuMs('/proc/thread-self/stat');
}

/** CPU time of another process (all its threads) in ms, or NaN (gone, or not Linux). */
export function processCpuMs(pid: number): number {
  return statCpuMs(`/proc/${pid}/stat`);
}

/** CPU time of this whole process (every thread, the clients' worker included) in ms. */
export function ownProcessCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
