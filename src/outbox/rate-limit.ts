/**
 * Teams' per-conversation limits for a bot (7 messages a second, 8 in 2 s, 60 in 30 s): we stay
 * under them instead of collecting 429s.
 *
 * When a conversation has more queued than its limits let go now, each row waiting gets a slot
 * of its own, and is deferred once, to it. Deferring the whole queue to the next free moment
 * instead meant claiming and deferring it all again each time one message could go: with a
 * backlog of thousands (an import, a burst of requests to one DT), the dispatcher did nothing
 * else. Slots are only a plan: `waitFor` checks each send against what was actually sent.
 */
// Each window is held 300 ms longer than Teams' own: a send is recorded before it leaves (and,
// shared, before the pacing table's round trip), and Teams counts it as it arrives. On a busy
// machine the time between the two varies by a few hundred milliseconds from one send to the
// next, which packed 9 arrivals into 1.85 s with a 100 ms margin (multi-instance test, CPU hog).
const MARGIN_MS = 300;
/**
 * A slot comes this much after the limits allow it, so that a send a little late does not push back
 * the next.
 */
const SLACK_MS = 50;
const WINDOWS: [ms: number, max: number][] = [
  [1_000 + MARGIN_MS, 7],
  [2_000 + MARGIN_MS, 8],
  [30_000 + MARGIN_MS, 60],
];
/** Sends older than this no longer hold anything back. */
export const LONGEST_MS = 30_000 + MARGIN_MS;
/** A booked row not claimed this long after its slot is gone (sent or given up elsewhere). */
const FORGET_BOOKING_MS = 10 * 60_000;

export interface Plan {
  /** Rows that may go now, in order. */
  sendNow: number[];
  /** Rows that wait, each with the time (ms) its slot comes. */
  later: { id: number; at: number }[];
}

/** What the limiter knows of one conversation. */
interface Conversation {
  /** Sends still inside the longest window, ascending. */
  sent: number[];
  /** Rows deferred to a slot (row id → slot), in the order they are to go. */
  bookings: Map<number, number>;
  /** The last slots booked (as many as the largest window counts), ascending. */
  tail: number[];
}

const TAIL = Math.max(...WINDOWS.map(([, max]) => max));

export class ConversationRateLimit {
  private readonly conversations = new Map<string, Conversation>();

  /** Milliseconds to wait before the next send to `conversationId` (0: go now). */
  waitFor(conversationId: string, now: number): number {
    return waitAfter(this.state(conversationId, now).sent, now);
  }

  /**
   * `ids` are rows claimed for `conversationId`, oldest first. Rows whose slot has come go
   * first, then those booked for later, then new ones: a conversation's messages keep their
   * order. A booked row claimed before its slot (the slots moved since it was deferred) goes
   * back to it.
   */
  plan(conversationId: string, now: number, ids: number[]): Plan {
    const c = this.state(conversationId, now);
    const times = [...c.sent];
    const sendNow: number[] = [];
    const due: number[] = [];
    const fresh: number[] = [];
    for (const id of ids) {
      const slot = c.bookings.get(id);
      if (slot === undefined) fresh.push(id);
      else if (slot <= now) {
        c.bookings.delete(id);
        due.push(id);
      }
    }
    const goNow = (id: number): boolean => {
      if (waitAfter(times, now) > 0) return false;
      sendNow.push(id);
      times.push(now);
      return true;
    };
    const blocked = due.findIndex((id) => !goNow(id));
    if (blocked >= 0) {
      reslot(c, now, due.slice(blocked), now);
      append(c, now, fresh);
    } else if (c.bookings.size === 0) {
      const first = fresh.findIndex((id) => !goNow(id));
      append(c, now, first < 0 ? [] : fresh.slice(first), sendNow.length);
    } else {
      append(c, now, fresh);
    }
    return { sendNow, later: slotsOf(c, ids) };
  }

  /**
   * A send was held back (the limits, or Teams' 429 asking to wait until `notBefore`): `ids`,
   * that row and the rest of its batch, go ahead of everything else booked, from `notBefore`.
   */
  rebook(
    conversationId: string,
    now: number,
    ids: number[],
    notBefore: number,
  ): { id: number; at: number }[] {
    const c = this.state(conversationId, now);
    reslot(c, now, ids, notBefore);
    return slotsOf(c, ids);
  }

  /**
   * A row about to be written for `conversationId`, due at `dueAt`: when rows already wait in
   * that conversation, it joins the end of their queue. It is then written due at its slot,
   * and its claim will not have to defer it. `bind` books it under its id once written. A row
   * whose transaction then fails leaves a gap in the queue, and a booking that is forgotten
   * ten minutes after its slot: until then, new rows of that conversation wait for a claim.
   */
  join(
    conversationId: string,
    now: number,
    dueAt: number,
  ): { at: number; bind(id: number): void } | undefined {
    const c = this.conversations.get(conversationId);
    if (!c || c.bookings.size === 0) return undefined;
    const [at] = slotsAfterQueue(this.state(conversationId, now), now, 1, 0, dueAt);
    return { at, bind: (id) => void c.bookings.set(id, at) };
  }

  /**
   * The conversation's sends as every instance recorded them (shared-pacing.ts), ours included:
   * they replace what this instance knew, so that its slots allow for the others' sends.
   */
  adopt(conversationId: string, now: number, times: number[]): void {
    this.state(conversationId, now).sent = times.filter((t) => t > now - LONGEST_MS);
  }

  record(conversationId: string, now: number): void {
    this.state(conversationId, now).sent.push(now);
    if (this.conversations.size > 10_000) this.prune(now);
  }

  /** The conversation's state, its sends out of the longest window and stale bookings forgotten. */
  private state(conversationId: string, now: number): Conversation {
    let c = this.conversations.get(conversationId);
    if (!c)
      this.conversations.set(conversationId, (c = { sent: [], bookings: new Map(), tail: [] }));
    const old = c.sent.findIndex((t) => t > now - LONGEST_MS);
    if (old !== 0) c.sent.splice(0, old < 0 ? c.sent.length : old);
    // Bookings go in slot order: the stale ones, if any, come first.
    for (const [id, slot] of c.bookings) {
      if (slot >= now - FORGET_BOOKING_MS) break;
      c.bookings.delete(id);
    }
    return c;
  }

  private prune(now: number): void {
    for (const [k, c] of this.conversations) {
      if (!c.sent.some((t) => t > now - LONGEST_MS) && c.bookings.size === 0)
        this.conversations.delete(k);
    }
  }
}

/** The slots of those of `ids` that wait. */
function slotsOf(c: Conversation, ids: number[]): { id: number; at: number }[] {
  const later: { id: number; at: number }[] = [];
  for (const id of ids) {
    const at = c.bookings.get(id);
    if (at !== undefined) later.push({ id, at });
  }
  return later;
}

/** Books `ids` after everything already booked for the conversation (and `goingNow` sends now). */
function append(c: Conversation, now: number, ids: number[], goingNow = 0): void {
  const slots = slotsAfterQueue(c, now, ids.length, goingNow, now);
  ids.forEach((id, i) => c.bookings.set(id, slots[i]));
}

/** `count` slots after the conversation's queue, none before `notBefore`. */
function slotsAfterQueue(
  c: Conversation,
  now: number,
  count: number,
  goingNow: number,
  notBefore: number,
): number[] {
  if (!count) return [];
  const ahead = c.bookings.size ? c.tail.filter((t) => t > now) : [];
  const times = [...c.sent, ...Array<number>(goingNow).fill(now), ...ahead];
  let t = Math.max(now, notBefore, times.at(-1) ?? now);
  let last = ahead.at(-1) ?? -Infinity;
  const slots: number[] = [];
  for (let i = 0; i < count; i++) {
    // One millisecond apart at least: the claim's order (due time, then id) is then theirs.
    t = last = Math.max(nextSlot(times, t), last + 1);
    times.push(t);
    slots.push(t);
  }
  c.tail = times.slice(-TAIL);
  return slots;
}

/**
 * Books `head` first, then what was booked before, from `notBefore`. A row already booked never
 * moves earlier: its row in the database is due at its old slot, and must not be claimed after
 * a row booked behind it.
 */
function reslot(c: Conversation, now: number, head: number[], notBefore: number): void {
  const previous = [...c.bookings];
  c.bookings = new Map();
  const times = [...c.sent];
  let t = Math.max(now, notBefore);
  for (const [id, old] of [...head.map((id): [number, number] => [id, -Infinity]), ...previous]) {
    t = Math.max(nextSlot(times, t), old, (times.at(-1) ?? -Infinity) + 1);
    times.push(t);
    c.bookings.set(id, t);
  }
  c.tail = times.slice(-TAIL);
}

/**
 * The first moment from `t` that the limits allow, given these times (ascending, none after `t`).
 */
function nextSlot(times: number[], t: number): number {
  const wait = waitAfter(times, t);
  return wait === 0 ? t : t + wait + SLACK_MS;
}

/** How long after `now` the next send may go, given these send times (ascending). */
export function waitAfter(times: number[], now: number): number {
  let wait = 0;
  for (const [ms, max] of WINDOWS) {
    // The max-th most recent send still in the window holds the next one back until it leaves.
    const oldest = times[times.length - max];
    if (oldest !== undefined && oldest > now - ms) wait = Math.max(wait, oldest + ms - now);
  }
  return wait;
}
