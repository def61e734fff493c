import { strict as assert } from 'node:assert';
import { startTestBot, type TestBot } from '../helpers/app';
import { ddetsPeople, DDETS_DIRECTORY } from '../helpers/ddets';
import { messageActivity, people, personalChat, post, type Persona } from '../helpers/teams';

/** The commands of the last help card sent to `p`, section by section. */
async function help(bot: TestBot, p: Persona): Promise<{ common: string[]; admin: string[] }> {
  const before = bot.connector.sentTo(personalChat(p)).length;
  await post(bot.url, messageActivity(p, bot.serviceUrl, 'aide'));
  const sent = bot.connector.sentTo(personalChat(p)).slice(before);
  const card = JSON.stringify(sent.at(-1)?.activity);
  const body = (
    JSON.parse(card) as { attachments: { content: { body: Record<string, unknown>[] } }[] }
  ).attachments[0].content.body;
  const commands = (nodes: Record<string, unknown>[]) =>
    nodes
      .filter((n) => n.type === 'ColumnSet')
      .map((n) => {
        const columns = n.columns as { items: { text: string }[] }[];
        return columns[0].items[0].text.replace(/\*\*/g, '');
      });
  const admin = body.find((n) => n.type === 'Container');
  return {
    common: commands(body),
    admin: admin ? commands(admin.items as Record<string, unknown>[]) : [],
  };
}

async function greeting(bot: TestBot, p: Persona): Promise<string> {
  await post(bot.url, {
    ...messageActivity(p, bot.serviceUrl, ''),
    type: 'installationUpdate',
    action: 'add',
    text: undefined,
  });
  const sent = bot.connector.sentTo(personalChat(p));
  return String((sent.at(-1)?.activity as { text?: string }).text);
}

describe('help and greeting by role (issue 18 §1)', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot({
      env: { DIRECTORY_FILE: DDETS_DIRECTORY, ADMIN_IDS: people.stranger.aadObjectId },
    });
  });
  after(async () => {
    await bot.stop();
  });

  it('greets each person, on install, with what they can do first', async () => {
    assert.match(
      await greeting(bot, people.advisor),
      /Je suis la Passerelle CIR\. .*« demande CIR »/,
    );
    assert.match(await greeting(bot, people.dt2), /« suivi »/);
    assert.match(await greeting(bot, people.dtAdmin), /« annuaire admin »/);
    assert.match(await greeting(bot, ddetsPeople.agent), /« comite »/);
    const outsider: Persona = {
      ...people.stranger,
      aadObjectId: '99999999-0000-4000-8000-00000000eeee',
    };
    assert.match(await greeting(bot, outsider), /ne figurez pas encore dans l'annuaire/);
  });

  it('shows an advisor the request first, and no administration nor DT command', async () => {
    const { common, admin } = await help(bot, people.advisor);
    assert.deepEqual(common, [
      'demande CIR',
      'suivi',
      'suivi <n° demande ou n° CIR>',
      'tableau [période]',
      '(fichier .xlsx)',
      'offres [texte]',
      'annuaire [texte]',
      'comite',
      'partenariat',
      'aide',
    ]);
    assert.deepEqual(admin, []);
  });

  it('shows a DT correspondent their follow-up and the fiche de liaison, not the request form', async () => {
    const { common, admin } = await help(bot, people.dt1);
    assert.equal(common[0], 'suivi');
    assert.ok(common.includes('liaison'));
    assert.ok(!common.includes('demande CIR'));
    assert.ok(!common.includes('bilan [année]'));
    assert.deepEqual(admin, []);
  });

  it('gives a partnership admin a second, titled section for the directory', async () => {
    const { common, admin } = await help(bot, people.dtAdmin);
    assert.ok(common.includes('bilan [année]'));
    assert.ok(!common.includes('demande CIR'), 'an admin is refused the request form');
    assert.ok(!common.some((c) => c.startsWith('annuaire ') && c !== 'annuaire [texte]'));
    assert.equal(admin[0], 'annuaire admin');
    assert.ok(admin.includes('annuaire canal [partenariat]'));
    const sent = bot.connector.sentTo(personalChat(people.dtAdmin));
    assert.match(JSON.stringify(sent.at(-1)?.activity), /Administration du partenariat/);
  });

  it('gives an ADMIN_IDS administrator outside the directory the administration, not the requests', async () => {
    const { common, admin } = await help(bot, people.stranger);
    assert.ok(!common.includes('suivi'));
    assert.ok(common.includes('bilan [année]'));
    assert.equal(admin.length, 8);
    assert.ok(
      admin.some((c) => c.startsWith('journal ')),
      'the audit journal is an admin command',
    );
  });

  it('shows the DDETS the partnership pages and the bilan, never the requests', async () => {
    const { common, admin } = await help(bot, ddetsPeople.agent);
    assert.deepEqual(common, [
      'comite',
      'bilan [année]',
      'partenariat',
      'offres [texte]',
      'annuaire [texte]',
      'aide',
    ]);
    assert.deepEqual(admin, []);
  });

  it('tells an outsider how to be added, with no command but the help', async () => {
    const outsider: Persona = {
      ...people.stranger,
      aadObjectId: '99999999-0000-4000-8000-00000000ffff',
    };
    const { common, admin } = await help(bot, outsider);
    assert.deepEqual(common, ['aide']);
    assert.deepEqual(admin, []);
    const sent = bot.connector.sentTo(personalChat(outsider));
    assert.match(JSON.stringify(sent.at(-1)?.activity), /annuaire ajouter/);
  });
});
