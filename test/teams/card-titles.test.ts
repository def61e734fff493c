import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { DEMO, prepareDemo } from '../../scripts/dev-seed';
import { startTestBot, type TestBot } from '../helpers/app';
import { cardNodes } from '../helpers/cards';
import { messageActivity, post, type Persona } from '../helpers/teams';

const OFII = '0f110000-0000-4000-8000-000000000069';
const ML = '4d100000-0000-4000-8000-000000069266';
const demoPerson = (aadObjectId: string, name: string, tenantId: string): Persona => ({
  aadObjectId,
  name,
  tenantId,
  teamsId: `29:${aadObjectId}-teams`,
});
const lea = demoPerson(DEMO.advisor, 'Léa Bernard', ML);
const camille = demoPerson(DEMO.correspondent, 'Camille Martin', OFII);
const sophie = demoPerson(DEMO.admin, 'Sophie Laurent', OFII);

/** A word said twice in a row ("Partenariat Partenariat Rhône"), case aside. */
const REPEATED = /(?:^|[\s«(])(\p{L}{3,})\s+\1(?=$|[\s.,:;»)])/iu;

/** Every text a card shows: text blocks, facts, column headers, button titles. */
function texts(card: unknown): string[] {
  const out: string[] = [];
  for (const n of cardNodes(card))
    for (const key of ['text', 'title', 'value', 'label'] as const)
      if (typeof n[key] === 'string') out.push(n[key]);
  return out;
}

describe('card titles with the demo names (issue 18 §2)', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot({
      env: {
        DIRECTORY_FILE: join(__dirname, '..', '..', 'demo', 'annuaire-demo.json'),
        ADMIN_IDS: DEMO.admin,
      },
    });
  });
  after(async () => {
    await bot.stop();
  });

  it('never repeat a word, as "Partenariat Partenariat Rhône" did, across the cards of every command', async () => {
    for (const p of [lea, camille, sophie])
      await post(bot.url, messageActivity(p, bot.serviceUrl, 'aide'));
    await prepareDemo(bot.app, { seed: true, channelServiceUrl: bot.serviceUrl });
    const commands: [Persona, string][] = [
      [lea, 'demande CIR'],
      [lea, 'suivi'],
      [lea, 'suivi DEMO-0002'],
      [lea, 'offres'],
      [lea, 'annuaire Villeurbanne'],
      [lea, 'comite'],
      [lea, 'partenariat'],
      [camille, 'suivi'],
      [camille, 'liaison'],
      [camille, 'annuaire Lyon'],
      [sophie, 'comite'],
      [sophie, 'bilan'],
      [sophie, 'partenariat'],
      [sophie, 'annuaire admin'],
      [sophie, 'annuaire journal'],
      [sophie, 'offres'],
      [lea, 'bonjour'],
    ];
    for (const [p, text] of commands) await post(bot.url, messageActivity(p, bot.serviceUrl, text));
    await bot.connector.waitFor(() => bot.connector.sentTo(DEMO.channelId).length > 0, 10_000);

    const cards = bot.connector.recorded.flatMap((r) =>
      ((r.activity as { attachments?: { content: unknown }[] }).attachments ?? []).map(
        (a) => a.content,
      ),
    );
    assert.ok(cards.length >= commands.length, `${cards.length} cards`);
    const all = cards.flatMap(texts);
    assert.ok(
      all.some((t) => t.includes('Partenariat Rhône')),
      'the partnership is named on some card',
    );
    for (const t of all) assert.doesNotMatch(t, REPEATED, t);
  });
});
