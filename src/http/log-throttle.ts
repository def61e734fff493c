/** Operator log lines that a client can provoke at will: at most one per key and window. */
export class LogThrottle {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Calls `log` with how many lines were held back since the last one, or holds this one back. */
  run(key: string, log: (suppressed: number) => void): void {
    const t = this.now();
    const seen = this.last.get(key);
    if (seen && t - seen.at < this.windowMs) {
      seen.suppressed += 1;
      return;
    }
    if (this.last.size > 100) this.last.clear();
    this.last.set(key, { at: t, suppressed: 0 });
    log(seen?.suppressed ?? 0);
  }
}
