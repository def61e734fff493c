/**
 * Teams' per-conversation limits for a bot (7 messages a second, 8 in 2 s, 60 in 30 s): we stay
 * under them instead of collecting 429s.
 */
const WINDOWS: [ms: number, max: number][] = [
  [1_000, 7],
  [2_000, 8],
  [30_000, 60],
];

export class ConversationRateLimit {
  private readonly sent = new Map<string, number[]>();

  /** Milliseconds to wait before the next send to `conversationId` (0: go now). */
  waitFor(conversationId: string, now: number): number {
    const times = (this.sent.get(conversationId) ?? []).filter((t) => t > now - 30_000);
    this.sent.set(conversationId, times);
    let wait = 0;
    for (const [ms, max] of WINDOWS) {
      const inWindow = times.filter((t) => t > now - ms);
      if (inWindow.length >= max) wait = Math.max(wait, inWindow[inWindow.length - max] + ms - now);
    }
    return wait;
  }

  record(conversationId: string, now: number): void {
    const times = this.sent.get(conversationId) ?? [];
    times.push(now);
    this.sent.set(conversationId, times);
    if (this.sent.size > 10_000) this.prune(now);
  }

  private prune(now: number): void {
    for (const [k, v] of this.sent) if (!v.some((t) => t > now - 30_000)) this.sent.delete(k);
  }
}
