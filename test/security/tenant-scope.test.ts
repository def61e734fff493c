/**
 * Tenants and the admins' scope (issue 16 §2), through the real entry points: start-up (the
 * environment, the directory file) and /api/messages, outside local mode with signed tokens from
 * the OpenID stand-in, and in local mode where only the tenant-less activity rule applies.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { startTestBot, type TestBot } from '../helpers/app';
import { engines } from '../helpers/engines';
import { OpenIdStandIn } from '../helpers/openid-stand-in';
import { invokeActivity, messageActivity, people, post, TENANT_ML } from '../helpers/teams';
import { rowCounts } from './row-counts';

const ROOT = join(__dirname, '..', '..');
const APP_ID = '00000000-0000-4000-8000-0000000000b2';
const NATIONAL = 'ffffffff-0000-4000-8000-000000000001';
const credentials = {
  PASSERELLE_LOCAL: '',
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: 'test-password',
};

function runBot(env: Record<string, string>) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: res.status, stderr: res.stderr };
}

/** The activity without any tenant: neither channelData.tenant nor conversation.tenantId. */
function withoutTenant<T extends { channelData: object; conversation: object }>(a: T): T {
  const { tenantId: _t, ...conversation } = a.conversation as { tenantId?: string };
  return { ...a, channelData: {}, conversation };
}

describe('tenants at start-up (issue 16 §2)', () => {
  it('refuses to start outside local mode without ALLOWED_TENANTS, naming the variable', () => {
    const { code, stderr } = runBot({ ...credentials, PORT: '0' });
    assert.equal(code, 2);
    assert.match(stderr, /ALLOWED_TENANTS: required outside local mode/);
  });

  it('accepts * alone for any tenant, and refuses * mixed with tenant ids', () => {
    const any = loadConfig({ ...credentials, ALLOWED_TENANTS: '*' });
    assert.deepEqual([any.anyTenant, any.allowedTenants], [true, []]);
    const listed = loadConfig({ ...credentials, ALLOWED_TENANTS: TENANT_ML.toUpperCase() });
    assert.deepEqual([listed.anyTenant, listed.allowedTenants], [false, [TENANT_ML]]);
    assert.throws(
      () => loadConfig({ ...credentials, ALLOWED_TENANTS: `*,${TENANT_ML}` }),
      (err: unknown) =>
        err instanceof ConfigError && err.problems.some((p) => p.startsWith('ALLOWED_TENANTS')),
    );
    assert.equal(loadConfig({ PASSERELLE_LOCAL: '1' }).allowedTenants.length, 0, 'local: any');
  });

  it('says plainly in the start-up log that ALLOWED_TENANTS=* lets any tenant in', async () => {
    const bot = await startTestBot({ env: { ...credentials, ALLOWED_TENANTS: '*' } });
    try {
      const line = bot.logs.find((l) => /ALLOWED_TENANTS=\*/.test(String(l.msg)));
      assert.ok(line, 'a start-up line names the setting');
      assert.equal(line.level, 40, 'as a warning');
      assert.match(String(line.msg), /any Microsoft 365 tenant may use the bot/);
    } finally {
      await bot.stop();
    }
  });

  it('stops outside local mode on a directory file whose structure has no tenant id, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-tenants-'));
    try {
      const file = join(dir, 'annuaire.json');
      writeFileSync(
        file,
        JSON.stringify({
          structures: [
            { id: 'dt-lyon', kind: 'DT', name: 'DT', departements: ['69'], tenantId: TENANT_ML },
            { id: 'ml-sans-tenant', kind: 'ML', name: 'ML', departements: ['69'] },
          ],
        }),
      );
      const env = { PORT: '0', DIRECTORY_FILE: file, SQLITE_FILE: join(dir, 'db.sqlite') };
      const strict = runBot({ ...credentials, ALLOWED_TENANTS: '*', ...env });
      assert.equal(strict.code, 3, strict.stderr);
      assert.match(strict.stderr, /structures\.1\.tenantId: required outside local mode/);
      assert.match(strict.stderr, /ml-sans-tenant/);
      assert.doesNotMatch(strict.stderr, /structures\.0/, 'only the bad entry is named');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

for (const engine of engines()) {
  describe(`an activity without a tenant, in local mode (${engine.name})`, () => {
    let bot: TestBot;
    before(async () => {
      bot = await startTestBot({ engine });
    });
    after(async () => {
      await bot.stop();
    });

    it('is answered in French, logged in English, and leaves nothing stored', async () => {
      const before = engine.name === 'sqlite' ? rowCounts(bot.sqliteFile) : null;
      const sent = bot.connector.recorded.length;
      const msg = withoutTenant(messageActivity(people.advisor, bot.serviceUrl, 'demande'));
      assert.equal((await post(bot.url, msg)).status, 200);
      const replies = bot.connector.recorded.slice(sent);
      assert.equal(replies.length, 1);
      assert.match(JSON.stringify(replies[0].activity), /organisation Microsoft 365 \(tenant\)/);
      assert.doesNotMatch(JSON.stringify(replies[0].activity), /Nouvelle demande CIR/);

      const click = withoutTenant(
        invokeActivity(people.advisor, bot.serviceUrl, 'demande.creer', {}, undefined),
      );
      const answer = await post(bot.url, click);
      assert.equal(answer.status, 200);
      assert.match(JSON.stringify(answer.body.value), /organisation Microsoft 365 \(tenant\)/);

      // Two tenants that disagree are no tenant either.
      const conflicting = messageActivity(people.advisor, bot.serviceUrl, 'aide');
      conflicting.conversation.tenantId = people.dt1.tenantId;
      assert.equal((await post(bot.url, conflicting)).status, 200);

      const lines = bot.logs.filter((l) => l.msg === 'activity refused: it names no single tenant');
      assert.deepEqual(
        lines.map((l) => l.reason),
        ['no-tenant', 'no-tenant', 'tenant-conflict'],
      );
      assert.ok(lines.every((l) => l.code === 'E_TENANT_MISSING' && l.level === 40));
      assert.equal(
        await bot.app.store.references.get('user', people.advisor.aadObjectId),
        undefined,
      );
      if (before) assert.deepEqual(rowCounts(bot.sqliteFile), before, 'nothing stored');
    });
  });
}

describe('outside local mode, with signed tokens (issue 16 §2)', () => {
  let bot: TestBot;
  const keys = new OpenIdStandIn();
  const serviceUrl = 'https://smba.example.invalid/emea/';
  const now = () => Math.floor(Date.now() / 1000);

  before(async () => {
    await keys.start();
    bot = await startTestBot({
      env: { ...credentials, ALLOWED_TENANTS: '*', ADMIN_IDS: NATIONAL },
      overrides: { openIdMetadataUrl: keys.metadataUrl },
    });
  });
  after(async () => {
    await bot.stop();
    await keys.stop();
  });

  async function signedPost(activity: object): Promise<{ status: number; body: any }> {
    const token = keys.token({
      iss: 'https://api.botframework.com',
      aud: APP_ID,
      exp: now() + 600,
      nbf: now() - 60,
      serviceurl: serviceUrl,
    });
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  const clickAs = (p: typeof people.advisor, verb: string, data: Record<string, unknown>) =>
    signedPost(invokeActivity(p, serviceUrl, verb, data, undefined));

  it('refuses an authenticated card action without a tenant, before any handler', async () => {
    const before = rowCounts(bot.sqliteFile);
    const res = await signedPost(
      withoutTenant(invokeActivity(people.advisor, serviceUrl, 'annuaire.page', {}, undefined)),
    );
    assert.equal(res.status, 200);
    assert.match(JSON.stringify(res.body.value), /organisation Microsoft 365 \(tenant\)/);
    assert.deepEqual(rowCounts(bot.sqliteFile), before, 'nothing stored');
  });

  it('never skips the tenant comparison: a structure without a tenant id refuses its people', async () => {
    const at = new Date().toISOString();
    await bot.app.store.directory.upsertStructure(
      {
        id: 'ml-sans-tenant',
        kind: 'ML',
        name: 'ML sans tenant',
        departements: ['69'],
        tenantId: null,
      },
      at,
    );
    const lost = { ...people.stranger, aadObjectId: '99999999-0000-4000-8000-00000000000a' };
    await bot.app.store.directory.upsertCorrespondent(
      {
        aadObjectId: lost.aadObjectId,
        structureId: 'ml-sans-tenant',
        role: 'conseiller',
        name: 'Conseiller sans tenant',
        email: null,
        phone: null,
      },
      at,
    );
    const refused = await clickAs(lost, 'demande.creer', {});
    assert.equal(refused.status, 200);
    assert.match(JSON.stringify(refused.body.value), /n'a pas d'identifiant d'organisation/);
    assert.ok(
      bot.logs.some(
        (l) => l.code === 'E_STRUCTURE_WITHOUT_TENANT' && l.structureId === 'ml-sans-tenant',
      ),
    );
    // The directory's own tenant still must match: the advisor from the DT's tenant is refused.
    const mismatch = await clickAs(
      { ...people.advisor, tenantId: people.dt1.tenantId },
      'demande.creer',
      {},
    );
    assert.match(JSON.stringify(mismatch.body.value), /n'appartient pas à l'organisation/);
  });

  it('refuses a structure card without a tenant id, with a French message, and stores nothing', async () => {
    const national = { ...people.dtAdmin, aadObjectId: NATIONAL };
    const card = {
      id: 'ml-nouvelle',
      kind: 'ML',
      name: 'Mission Locale Nouvelle',
      departements: '69',
      tenantId: '',
      cardVersion: 1,
    };
    const refused = await clickAs(national, 'annuaire.structure.ajouter', card);
    assert.equal(refused.status, 200);
    assert.match(
      JSON.stringify(refused.body.value),
      /Obligatoire : l’identifiant de l’organisation/,
    );
    assert.equal(await bot.app.store.directory.getStructure('ml-nouvelle'), undefined);
    const saved = await clickAs(national, 'annuaire.structure.ajouter', {
      ...card,
      tenantId: TENANT_ML,
    });
    assert.match(JSON.stringify(saved.body.value), /Enregistré/);
    assert.equal((await bot.app.store.directory.getStructure('ml-nouvelle'))?.tenantId, TENANT_ML);
  });
});
