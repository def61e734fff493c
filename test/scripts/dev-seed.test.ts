import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '../../src/app';
import { normalizeCir } from '../../src/domain/fields';
import {
  DEMO,
  prepareDemo,
  SEED_FORM_IDS,
  SEED_REQUESTS,
  type SeedReport,
} from '../../scripts/dev-seed';
import { startTestBot, type TestBot } from '../helpers/app';

const ROOT = join(__dirname, '..', '..');

async function statuses(app: App): Promise<string[]> {
  const out: string[] = [];
  for (const r of SEED_REQUESTS)
    for (const found of await app.store.requests.findByCir(normalizeCir(r.cir), DEMO.mlId, 10))
      out.push(found.status);
  return out;
}

describe('the dev seed (npm run dev -- --seed, issue 18 §3)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot({
      env: { DIRECTORY_FILE: join(ROOT, 'demo', 'annuaire-demo.json'), ADMIN_IDS: DEMO.admin },
    });
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('names the channel and team of the admin Playground it binds', () => {
    const yml = readFileSync(join(ROOT, 'demo', 'playground', 'admin.yml'), 'utf8');
    assert.ok(yml.includes(`id: '${DEMO.channelId}'`), 'channel id');
    assert.match(yml, new RegExp(`id: '${DEMO.channelId}'\\n\\s+name: Coordination partenariat`));
    assert.ok(yml.includes(`id: '${DEMO.teamId}'`), 'team id');
  });

  it('creates nothing when not asked: it binds the channel only', async () => {
    const report = await prepareDemo(bot.app, { seed: false, channelServiceUrl: bot.serviceUrl });
    assert.deepEqual(report, {
      requests: 0,
      fiches: 0,
      committees: 0,
      offers: 0,
      channelBound: true,
    } satisfies SeedReport);
    assert.deepEqual(await statuses(bot.app), []);
    const p = await bot.app.store.directory.getPartnership(DEMO.partnershipId);
    assert.equal(p?.channelConversationId, DEMO.channelId);
  });

  it('creates a request in each status, a fiche, a committee and an offer, once', async () => {
    const first = await prepareDemo(bot.app, { seed: true, channelServiceUrl: bot.serviceUrl });
    assert.deepEqual(first, {
      requests: 4,
      fiches: 1,
      committees: 1,
      offers: 1,
      channelBound: true,
    } satisfies SeedReport);
    assert.deepEqual(await statuses(bot.app), ['transmise', 'completee', 'cloturee', 'annulee']);
    const s = bot.app.store;
    assert.ok(await s.fiches.getBySource(`liaison-form|${SEED_FORM_IDS.fiche}`));
    assert.ok(await s.committees.getBySource(`plan:${SEED_FORM_IDS.committee}`));
    assert.ok(await s.offers.getBySource(`${DEMO.advisor}:${SEED_FORM_IDS.offer}`));
    // The committee is announced in the bound channel, without any binding command.
    await bot.connector.waitFor(() => bot.connector.sentTo(DEMO.channelId).length > 0, 10_000);

    const second = await prepareDemo(bot.app, { seed: true, channelServiceUrl: bot.serviceUrl });
    assert.deepEqual(second, {
      requests: 0,
      fiches: 0,
      committees: 0,
      offers: 0,
      channelBound: false,
    } satisfies SeedReport);
    assert.equal((await statuses(bot.app)).length, 4);
    assert.equal((await s.committees.listFor([DEMO.partnershipId])).length, 1);
  });

  it('refuses outside local mode, in English, and writes nothing', async () => {
    const notLocal = { ...bot.app, config: { ...bot.app.config, local: false } } as App;
    await assert.rejects(prepareDemo(notLocal, { seed: true }), /local mode only/);
    assert.deepEqual(await statuses(bot.app), []);
  });
});
