/**
 * restify 11 routes with find-my-way 7, which backtracks without bound on a route holding two
 * parameters in one path segment (`/:a-:b`, GHSA-rrr8-f88r-h8q6, fixed in 8.2.2 that restify does
 * not take). The bot's routes keep one parameter per segment, so the advisory cannot reach it
 * (README, security); this keeps it so.
 */
import { strict as assert } from 'node:assert';
import { startTestBot, type TestBot } from '../helpers/app';

describe('the HTTP routes (find-my-way 7, issue 16 §9)', () => {
  let bot: TestBot;

  before(async () => {
    bot = await startTestBot({ env: { METRICS_TOKEN: 'metrics-token-for-the-route-test' } });
  });
  after(() => bot.stop());

  it('hold at most one parameter per path segment, and nothing after it', () => {
    const routes = Object.values(
      (
        bot.app.server.router as unknown as { getRoutes(): Record<string, { path: string }> }
      ).getRoutes(),
    ).map((r) => String(r.path));
    assert.ok(routes.includes('/api/messages'), routes.join(' '));
    for (const path of routes)
      for (const segment of path.split('/'))
        assert.ok(
          !segment.includes(':') || /^:[A-Za-z_]\w*$/.test(segment),
          `${path}: the segment ${segment} mixes a parameter with something else`,
        );
  });
});
