import { strict as assert } from 'node:assert';
import { ConversationRateLimit } from '../../src/outbox/rate-limit';

describe("Teams' per-conversation limits (7 in 1 s, 8 in 2 s, 60 in 30 s)", () => {
  const T = 1_000_000;

  it('lets 7 of 10 go at once, and says when the rest may follow', () => {
    const limits = new ConversationRateLimit();
    assert.deepEqual(limits.plan('a', T, 3), { sendable: 3, waitMs: 0 });
    const plan = limits.plan('a', T, 10);
    assert.equal(plan.sendable, 7);
    // Once 7 go at T, the 8th may go only when the first leaves the 1 s window (plus the
    // 100 ms kept for the network's jitter).
    assert.equal(plan.waitMs, 1_100);
    for (let i = 0; i < 7; i++) limits.record('a', T);
    assert.equal(limits.waitFor('a', T), 1_100);
    assert.deepEqual(limits.plan('b', T, 10).sendable, 7, 'another conversation has its own budget');
  });

  it('keeps to 60 in 30 s, whatever the pace', () => {
    const limits = new ConversationRateLimit();
    let now = T;
    let sent = 0;
    while (now < T + 30_100) {
      const { sendable } = limits.plan('a', now, 100);
      for (let i = 0; i < sendable; i++) limits.record('a', now);
      sent += sendable;
      now += 250;
    }
    assert.equal(sent, 60);
    assert.ok(limits.plan('a', now - 250, 1).waitMs > 0);
  });
});
