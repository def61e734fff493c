/**
 * Teams' per-conversation limits across bot instances (DESIGN.md §6, §9). Each instance's
 * limiter (rate-limit.ts) only sees its own sends; on PostgreSQL another instance may be
 * sending to the same conversation. Before each send, the conversation's shared send times are
 * checked against the limits and the send is added to them with a compare-and-set: when another
 * instance wrote first, its sends are read and the decision is made again. Nothing is locked
 * while deciding or sending, and an instance that dies mid-send leaves only a time that ages
 * out of the windows.
 */
import type { SendPace, SendPaceRepository } from '../storage/repositories';
import { LONGEST_MS, waitAfter } from './rate-limit';

/**
 * Writes lost to other instances before this send is put off a moment: only a close race loses
 * twice.
 */
const MAX_TRIES = 4;
const CONTENDED_MS = 20;
/**
 * Conversations whose last known record is kept (one read saved per send); beyond it, start again.
 */
const MAX_KNOWN = 10_000;

export interface Admission {
  /** Milliseconds to wait before sending (0: the send is recorded, go now). */
  wait: number;
  /** The conversation's send times within the longest window, as last read or written. */
  times: number[];
}

export class SharedPacing {
  /**
   * The record as this instance last wrote it: while nobody else writes, a send costs one
   * statement.
   */
  private readonly known = new Map<string, SendPace>();

  constructor(private readonly repo: SendPaceRepository) {}

  /** Records a send to `conversationId` at `now` if every instance's sends allow it. */
  async admit(conversationId: string, now: number): Promise<Admission> {
    let pace = this.known.get(conversationId);
    let times: number[] = [];
    for (let i = 0; i < MAX_TRIES; i++) {
      pace ??= await this.repo.read(conversationId);
      // A time ahead of this clock (another host's runs fast) counts as now: it still takes its
      // place in the windows, and holds nothing back longer than they last.
      times = pace.times.filter((t) => t > now - LONGEST_MS).map((t) => Math.min(t, now));
      // A stale record only lacks others' newest sends: a wait it shows is owed anyway.
      const wait = waitAfter(times, now);
      if (wait > 0) return { wait, times };
      const next = [...times, now];
      if (await this.repo.write(conversationId, pace.version, next, new Date(now).toISOString())) {
        if (this.known.size >= MAX_KNOWN) this.known.clear();
        this.known.set(conversationId, { version: pace.version + 1, times: next });
        return { wait: 0, times: next };
      }
      this.known.delete(conversationId);
      pace = undefined;
    }
    return { wait: CONTENDED_MS, times };
  }
}
