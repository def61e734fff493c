import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDirectoryFile, type DirectoryFile } from '../../src/domain/directory';
import { DEV_DEFAULTS } from '../../scripts/dev';

const ROOT = join(__dirname, '..', '..');

/** js-yaml comes with mocha; typed here to what the test needs. */
// An untyped transitive dependency, typed here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { load: loadYaml } = require('js-yaml') as { load: (text: string) => unknown };

interface PlaygroundUser {
  id: string;
  name: string;
  aadObjectId: string;
}
interface PlaygroundConfig {
  version: string;
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string };
  groupChat: { id: string; name: string };
  team: { id: string; name: string; channels: { id: string; name: string }[] };
}

const PERSONAS = {
  conseiller: 'conseiller',
  correspondant: 'correspondant',
  admin: 'admin',
} as const;
const playgroundConfig = (persona: string) =>
  loadYaml(
    readFileSync(join(ROOT, 'demo', 'playground', `${persona}.yml`), 'utf8'),
  ) as PlaygroundConfig;

function demoDirectory(): DirectoryFile {
  const parsed = parseDirectoryFile(
    JSON.parse(readFileSync(join(ROOT, 'demo', 'annuaire-demo.json'), 'utf8')),
  );
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.problems.join('\n'));
  return parsed.value;
}

describe('the demo partnership for npm run dev', () => {
  it('parses as a directory file: one DT for the Rhône and the Ain, two MLs, one partnership', () => {
    const dir = demoDirectory();
    const dts = dir.structures.filter((s) => s.kind === 'DT');
    assert.deepEqual(
      dts.map((s) => [s.name, s.departements]),
      [['DT OFII de Lyon', ['69', '01']]],
    );
    assert.equal(dir.structures.filter((s) => s.kind === 'ML').length, 2);
    assert.equal(dir.partnerships.length, 1);
    assert.deepEqual(
      [...dir.partnerships[0].mlIds].sort(),
      dir.structures
        .filter((s) => s.kind === 'ML')
        .map((s) => s.id)
        .sort(),
    );
  });

  it('has advisors in both MLs, two DT correspondents and the admin that npm run dev names in ADMIN_IDS', () => {
    const dir = demoDirectory();
    const advisorsMl = new Set(
      dir.correspondents.filter((c) => c.role === 'conseiller').map((c) => c.structureId),
    );
    assert.equal(advisorsMl.size, 2);
    assert.ok(dir.correspondents.filter((c) => c.role === 'correspondant').length >= 2);
    const admin = dir.correspondents.find((c) => c.aadObjectId === DEV_DEFAULTS.ADMIN_IDS);
    assert.equal(admin?.role, 'admin');
  });

  for (const [persona, role] of [
    ['conseiller', 'conseiller'],
    ['correspondant', 'correspondant'],
    ['admin', 'admin'],
  ] as const) {
    it(`gives the ${persona} Playground a signed-in user of the directory, with the role and tenant of its structure`, () => {
      const dir = demoDirectory();
      const config = playgroundConfig(PERSONAS[persona]);
      const me = dir.correspondents.find((c) => c.aadObjectId === config.currentUser.aadObjectId);
      assert.ok(me, `${config.currentUser.name} is not in demo/annuaire-demo.json`);
      assert.equal(me.role, role);
      assert.equal(me.name, config.currentUser.name);
      assert.equal(dir.structures.find((s) => s.id === me.structureId)?.tenantId, config.tenantId);
      for (const user of config.users) {
        assert.ok(
          dir.correspondents.some(
            (c) => c.aadObjectId === user.aadObjectId && c.name === user.name,
          ),
          user.name,
        );
      }
    });

    it(`keeps the ${persona} Playground config within what the Playground accepts`, () => {
      const config = playgroundConfig(PERSONAS[persona]);
      assert.equal(config.version, '0.1.1');
      assert.equal(config.users.length, 5, 'the Playground wants exactly 5 other users');
      assert.ok(config.team.channels.length <= 1, 'one channel besides General at most');
      assert.equal(config.team.name, 'Partenariat Rhône');
      const userIds = [config.currentUser.id, ...config.users.map((u) => u.id)];
      assert.equal(new Set(userIds).size, userIds.length);
      const convIds = [
        config.personalChat.id,
        config.groupChat.id,
        config.team.id,
        ...config.team.channels.map((c) => c.id),
      ];
      assert.equal(new Set(convIds).size, convIds.length);
    });
  }

  it('gives each Playground its own conversation ids, so that the bot never mixes their serviceUrls', () => {
    const ids = Object.values(PERSONAS).flatMap((p) => {
      const c = playgroundConfig(p);
      return [c.personalChat.id, c.groupChat.id, c.team.id, ...c.team.channels.map((ch) => ch.id)];
    });
    assert.equal(new Set(ids).size, ids.length);
  });

  it('ships .m365agentsplayground.yml as the advisor, for a bare `npx agentsplayground`', () => {
    assert.equal(
      readFileSync(join(ROOT, '.m365agentsplayground.yml'), 'utf8'),
      readFileSync(join(ROOT, 'demo', 'playground', 'conseiller.yml'), 'utf8'),
    );
  });
});
