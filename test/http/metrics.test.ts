/**
 * `/metrics` (issue 16 §5): Prometheus text with turns, refusals, invoke latency, the outbox,
 * the jobs and the pool; no person's data or id in it; a bearer token outside local mode.
 */
import { strict as assert } from 'node:assert';
import { birthDateForAge, startTestBot, type TestBot } from '../helpers/app';
import { engines } from '../helpers/engines';
import { invokeActivity, messageActivity, people, post } from '../helpers/teams';

const TOKEN = 'metrics-token-for-tests-0123456789';

for (const engine of engines())
  describe(`/metrics, on ${engine.name}`, () => {
    let bot: TestBot;
    afterEach(async () => {
      await bot.stop();
    });

    it('counts turns, refusals and invoke times, reads the outbox and jobs, and names nobody', async () => {
      bot = await startTestBot({ engine });
      for (const p of [people.advisor, people.dt1, people.dt2])
        await post(bot.url, messageActivity(p, bot.serviceUrl, 'aide'));
      const form = {
        civilite: 'Mme',
        nom: 'Rahmanova',
        prenom: 'Dilnoza',
        dateNaissance: birthDateForAge(19),
        numeroCir: 'MET12345',
        dtId: 'dt-lyon',
        cardVersion: 1,
      };
      await post(
        bot.url,
        invokeActivity(people.advisor, bot.serviceUrl, 'demande.creer', form, 'f1'),
      );
      await post(bot.url, invokeActivity(people.advisor, bot.serviceUrl, 'nimporte.quoi', {}, 'x'));
      await post(bot.url, messageActivity(people.stranger, bot.serviceUrl, 'tableau'));

      const res = await fetch(`${bot.url}/metrics`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
      const text = await res.text();
      const value = (line: string) => {
        const m = new RegExp(`^${line.replace(/[{}"()]/g, '\\$&')} (\\S+)$`, 'm').exec(text);
        assert.ok(m, `${line} in\n${text.slice(0, 400)}`);
        return Number(m[1]);
      };
      assert.equal(value('passerelle_turns_total{type="message",outcome="ok"}'), 3);
      assert.equal(value('passerelle_turns_total{type="invoke",outcome="ok"}'), 1);
      assert.equal(value('passerelle_turns_total{type="invoke",outcome="refused"}'), 1);
      assert.equal(value('passerelle_refusals_total{code="E_UNKNOWN_VERB"}'), 1);
      assert.equal(value('passerelle_refusals_total{code="E_NOT_IN_DIRECTORY"}'), 1);
      assert.equal(value('passerelle_invoke_duration_seconds_count{verb="demande.creer"}'), 1);
      assert.equal(value('passerelle_invoke_duration_seconds_count{verb="unknown"}'), 1);
      assert.ok(value('passerelle_outbox_pending') >= 0);
      assert.ok(value('passerelle_outbox_oldest_pending_age_seconds') >= 0);
      assert.equal(value('passerelle_outbox_failed'), 0);
      assert.ok(value('passerelle_jobs{status="pending",kind="request.unanswered"}') >= 1);
      assert.match(text, /^passerelle_nodejs_eventloop_lag_seconds /m);
      if (engine.name === 'postgres')
        assert.ok(value('passerelle_db_pool_connections{state="total"}') >= 1);
      for (const secret of [
        'Rahmanova',
        'Dilnoza',
        'MET12345',
        people.advisor.aadObjectId,
        people.advisor.tenantId,
        'nimporte',
      ])
        assert.ok(!text.includes(secret), `no ${secret} in /metrics`);
    });

    it('asks for the bearer token when one is configured', async () => {
      bot = await startTestBot({ engine, env: { METRICS_TOKEN: TOKEN } });
      assert.equal((await fetch(`${bot.url}/metrics`)).status, 401);
      const wrong = await fetch(`${bot.url}/metrics`, {
        headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}x` },
      });
      assert.equal(wrong.status, 401);
      const right = await fetch(`${bot.url}/metrics`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      assert.equal(right.status, 200);
      assert.match(await right.text(), /passerelle_turns_total|passerelle_outbox_pending/);
    });
  });

describe('/metrics outside local mode', () => {
  it('does not exist without METRICS_TOKEN, and the start-up log says so', async () => {
    const bot = await startTestBot({
      env: {
        PASSERELLE_LOCAL: '',
        MicrosoftAppId: 'app-id',
        MicrosoftAppPassword: 'secret',
        ALLOWED_TENANTS: '*',
      },
    });
    try {
      assert.equal((await fetch(`${bot.url}/metrics`)).status, 404);
      assert.ok(bot.logs.some((l) => /METRICS_TOKEN is not set/.test(String(l.msg))));
    } finally {
      await bot.stop();
    }
  });
});
