import { strict as assert } from 'node:assert';
import { ConversationRateLimit, type Plan } from '../../src/outbox/rate-limit';

const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

/** Checks a list of send times against Teams' windows (without our margin). */
function assertWithinTeamsLimits(times: number[]): void {
  const sorted = [...times].sort((a, b) => a - b);
  for (const [ms, max] of [
    [1_000, 7],
    [2_000, 8],
    [30_000, 60],
  ] as const) {
    for (const t of sorted) {
      const inWindow = sorted.filter((o) => o >= t && o < t + ms).length;
      assert.ok(inWindow <= max, `${inWindow} sends within ${ms} ms from ${t}`);
    }
  }
}

describe("Teams' per-conversation limits (7 in 1 s, 8 in 2 s, 60 in 30 s)", () => {
  const T = 1_000_000;

  it('lets 7 of 10 go at once, and gives each of the rest a slot of its own', () => {
    const limits = new ConversationRateLimit();
    assert.deepEqual(limits.plan('a', T, [1, 2, 3]), { sendNow: [1, 2, 3], later: [] });
    for (let i = 0; i < 3; i++) limits.record('a', T);
    const plan = limits.plan('a', T, ids(4, 7));
    assert.deepEqual(plan.sendNow, [4, 5, 6, 7]);
    for (let i = 0; i < 4; i++) limits.record('a', T);
    assert.deepEqual(
      plan.later.map((l) => l.id),
      [8, 9, 10],
    );
    // The 8th may go only when the first leaves the 1 s window (plus the 300 ms kept for the
    // send path's jitter and 50 ms of slack); the 9th must wait for the 2 s window.
    assert.equal(plan.later[0].at, T + 1_350);
    assert.ok(plan.later[1].at >= T + 2_300, `9th at +${plan.later[1].at - T} ms`);
    assert.equal(limits.waitFor('a', T), 1_300);
    assert.deepEqual(
      limits.plan('b', T, ids(100, 10)).sendNow.length,
      7,
      'another conversation has its own budget',
    );
  });

  it('plans a backlog once: each row is deferred to its own slot, in order, within the limits', () => {
    const limits = new ConversationRateLimit();
    const backlog = ids(1, 500);
    const plan = limits.plan('a', T, backlog);
    assert.equal(plan.sendNow.length, 7);
    assert.deepEqual(
      plan.later.map((l) => l.id),
      backlog.slice(7),
    );
    const slots = plan.later.map((l) => l.at);
    assert.deepEqual(
      slots,
      [...slots].sort((a, b) => a - b),
      'slots in the order of the rows',
    );
    assertWithinTeamsLimits([...Array<number>(7).fill(T), ...slots]);
    // At its slot each row is claimed again and goes; rows claimed too early go back to their slot.
    const early = limits.plan('a', slots[0] - 1, [plan.later[0].id]);
    assert.deepEqual(early, { sendNow: [], later: [plan.later[0]] });
    let sent = 7;
    for (const { id, at } of plan.later.slice(0, 100)) {
      const p: Plan = limits.plan('a', at, [id]);
      assert.deepEqual(p, { sendNow: [id], later: [] }, `row ${id} at its slot`);
      limits.record('a', at);
      sent++;
    }
    assert.equal(sent, 107);
  });

  it('puts new rows behind those already booked, even when the limits would let them go', () => {
    const limits = new ConversationRateLimit();
    for (let i = 0; i < 7; i++) limits.record('a', T);
    const first = limits.plan('a', T, [1, 2]);
    assert.deepEqual(first.sendNow, []);
    // Much later, the window is free again, but rows 1 and 2 have not been claimed yet.
    const next = limits.plan('a', T + 60_000, [3]);
    assert.deepEqual(next.sendNow, []);
    assert.ok(next.later[0].at >= T + 60_000);
    // Once the booked rows have gone, a new row goes at once.
    limits.plan('a', T + 60_000, [1, 2]);
    const after = limits.plan('a', next.later[0].at, [3, 4]);
    assert.deepEqual(after.sendNow, [3, 4]);
  });

  it('writes a new row due at its slot when rows already wait in its conversation', () => {
    const limits = new ConversationRateLimit();
    assert.equal(limits.join('a', T, T), undefined, 'nothing waits: the row is due when it says');
    const plan = limits.plan('a', T, ids(1, 10));
    for (let i = 0; i < 7; i++) limits.record('a', T);
    const joined = limits.join('a', T + 10, T + 10)!;
    assert.ok(joined.at > plan.later.at(-1)!.at, 'behind the rows already waiting');
    joined.bind(11);
    // Claimed at its slot, after rows 8-10 went at theirs, it goes without being deferred.
    for (const { id, at } of plan.later) {
      assert.deepEqual(limits.plan('a', at, [id]).sendNow, [id]);
      limits.record('a', at);
    }
    assert.deepEqual(limits.plan('a', joined.at, [11]), { sendNow: [11], later: [] });
  });

  it('after a 429, holds the rows back as asked and keeps them ahead of those booked later', () => {
    const limits = new ConversationRateLimit();
    const plan = limits.plan('a', T, ids(1, 20));
    for (let i = 0; i < 7; i++) limits.record('a', T);
    // Row 7 was answered 429, Retry-After 5 s: it and the rows after it in its batch wait.
    const held = limits.rebook('a', T, [7], T + 5_000);
    assert.ok(held[0].at >= T + 5_000);
    const row8 = limits.plan('a', plan.later[0].at, [8]);
    assert.deepEqual(row8.sendNow, [], 'row 8 no longer goes before row 7');
    assert.ok(row8.later[0].at > held[0].at, 'row 8 after row 7');
  });

  it('keeps to 60 in 30 s, whatever the pace, claiming each row at most twice', () => {
    // The dispatcher's loop, with the outbox as a list: every 250 ms, the rows due are claimed
    // (by due time, then id), planned, sent or deferred; 10 new rows arrive each time.
    const limits = new ConversationRateLimit();
    const rows = new Map<number, { due: number; claims: number }>();
    const sent: { id: number; at: number }[] = [];
    let nextId = 1;
    for (let now = T; now < T + 60_000; now += 250) {
      for (let i = 0; i < 10; i++) rows.set(nextId++, { due: now, claims: 0 });
      const due = [...rows]
        .filter(([, r]) => r.due <= now)
        .sort(([a, x], [b, y]) => x.due - y.due || a - b)
        .slice(0, 64);
      for (const [, r] of due) r.claims++;
      const plan = limits.plan(
        'a',
        now,
        due.map(([id]) => id),
      );
      for (const id of plan.sendNow) {
        limits.record('a', now);
        sent.push({ id, at: now });
        rows.delete(id);
      }
      for (const { id, at } of plan.later) rows.get(id)!.due = at;
    }
    assertWithinTeamsLimits(sent.map((s) => s.at));
    assert.equal(sent.filter((s) => s.at < T + 30_000).length, 60);
    assert.deepEqual(
      sent.map((s) => s.id),
      sent.map((s) => s.id).sort((a, b) => a - b),
      'in order',
    );
    const claims = [...rows.values()].map((r) => r.claims);
    assert.ok(Math.max(...claims) <= 2, `a waiting row was claimed ${Math.max(...claims)} times`);
  });
});
