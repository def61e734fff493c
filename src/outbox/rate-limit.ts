/**
 * Teams' per-conversation limits for a bot (7 messages a second, 8 in 2 s, 60 in 30 s): we stay
 * under them instead of collecting 429s.
 */
// Each window is held 100 ms longer than Teams' own: a send is recorded as it leaves, and
// Teams counts it as it arrives, after the network's own jitter.
const MARGIN_MS = 100;
const WINDOWS: [ms: number, max: number][] = [
  [1_000 + MARGIN_MS, 7],
  [2_000 + MARGIN_MS, 8],
  [30_000 + MARGIN_MS, 60],
];
const LONGEST_MS = 30_000 + MARGIN_MS;

export class ConversationRateLimit {
  private readonly sent = new Map<string, number[]>();

  /** Milliseconds to wait before the next send to `conversationId` (0: go now). */
  waitFor(conversationId: string, now: number): number {
    return waitAfter(this.recent(conversationId, now), now);
  }

  /**
   * Of `count` messages queued for `conversationId`, how many may go now, and how long the
   * rest must wait once those are sent.
   */
  plan(conversationId: string, now: number, count: number): { sendable: number; waitMs: number } {
    const times = this.recent(conversationId, now);
    let sendable = count;
    for (const [ms, max] of WINDOWS) {
      sendable = Math.min(sendable, Math.max(0, max - times.filter((t) => t > now - ms).length));
    }
    if (sendable === count) return { sendable, waitMs: 0 };
    return { sendable, waitMs: waitAfter([...times, ...Array<number>(sendable).fill(now)], now) };
  }

  /** The conversation's sends still inside the longest window (older ones are forgotten). */
  private recent(conversationId: string, now: number): number[] {
    const times = (this.sent.get(conversationId) ?? []).filter((t) => t > now - LONGEST_MS);
    this.sent.set(conversationId, times);
    return times;
  }

  record(conversationId: string, now: number): void {
    const times = this.sent.get(conversationId) ?? [];
    times.push(now);
    this.sent.set(conversationId, times);
    if (this.sent.size > 10_000) this.prune(now);
  }

  private prune(now: number): void {
    for (const [k, v] of this.sent) if (!v.some((t) => t > now - LONGEST_MS)) this.sent.delete(k);
  }
}

/** How long after `now` the next send may go, given these send times (oldest first). */
function waitAfter(times: number[], now: number): number {
  let wait = 0;
  for (const [ms, max] of WINDOWS) {
    const inWindow = times.filter((t) => t > now - ms);
    if (inWindow.length >= max) wait = Math.max(wait, inWindow[inWindow.length - max] + ms - now);
  }
  return wait;
}
