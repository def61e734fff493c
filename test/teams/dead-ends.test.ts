import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError, type ErrorCode } from '../../src/domain/errors';
import { fr } from '../../src/i18n/fr';
import { errorText } from '../../src/teams/error-text';
import { startTestBot, type TestBot } from '../helpers/app';
import { cardOf, runExport, text } from '../helpers/tableau';
import { messageActivity, people, personalChat, post, type Persona } from '../helpers/teams';

/** The text of the last card sent to `p` after typing `command`. */
async function answer(bot: TestBot, p: Persona, command: string): Promise<string> {
  const before = bot.connector.sentTo(personalChat(p)).length;
  await post(bot.url, messageActivity(p, bot.serviceUrl, command));
  const sent = bot.connector.sentTo(personalChat(p)).slice(before);
  return JSON.stringify(sent.at(-1)?.activity);
}

/** Every `action` a domain service refuses E_ROLE_FORBIDDEN with, as written in src/domain. */
function refusedActions(): string[] {
  const dir = join(__dirname, '..', '..', 'src', 'domain');
  const out = new Set<string>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    const src = readFileSync(join(dir, f), 'utf8');
    for (const m of src.matchAll(/E_ROLE_FORBIDDEN',\s*\{\s*action:\s*'([^']+)'/g)) out.add(m[1]);
    for (const m of src.matchAll(/'(?:conseiller|correspondant)'\)?,\s*'(demande\.[A-Za-z]+)'/g))
      out.add(m[1]);
  }
  // liaison-decisions.ts builds its action from the decision: `liaison.${action}`.
  for (const a of ['accept', 'redirect', 'close']) out.add(`liaison.${a}`);
  return [...out].sort();
}

/** Who a refusal may name: a role, a kind of structure, or the partnership's administrator. */
const NAMES_WHO =
  /conseill|correspondant|administrat|Mission Locale|DT OFII|direction territoriale|DDETS|structure|exploitant|personne qui/;

describe('dead ends say what to do next (issue 18 §4)', () => {
  describe('refusal texts', () => {
    it('has a text naming who may for every action the services refuse by role', () => {
      const actions = refusedActions();
      assert.ok(actions.length >= 10, `found ${actions.join(', ')}`);
      for (const action of actions) {
        const t = errorText(new DomainError('E_ROLE_FORBIDDEN', { action }));
        assert.notEqual(t, fr.errors.E_ROLE_FORBIDDEN, `no precise text for ${action}`);
        assert.match(t, NAMES_WHO, action);
      }
    });

    it('names the role or structure that may, in every access refusal', () => {
      const access: ErrorCode[] = [
        'E_NOT_IN_DIRECTORY',
        'E_TENANT_NOT_ALLOWED',
        'E_TENANT_MISMATCH',
        'E_ROLE_FORBIDDEN',
        'E_NO_PARTNERSHIP',
        'E_NOT_ROUTED_DT',
        'E_NOT_OWN_ML',
        'E_NOT_CONCERNED',
        'E_DIRECTORY_ADMIN_ONLY',
        'E_DIRECTORY_OUT_OF_SCOPE',
        'E_DIRECTORY_OWN_STRUCTURE_ONLY',
        'E_BILAN_FORBIDDEN',
        'E_MINUTES_FORBIDDEN',
        'E_FIGURES_FORBIDDEN',
        'E_OFFER_NOT_YOURS',
        'E_DDETS_NO_PERSONAL_DATA',
        'E_FICHE_NOT_YOUR_ML',
        'E_FICHE_PDF_DT_ONLY',
        'E_TABLEAU_PASSWORD_NOT_YOURS',
        'E_STRUCTURE_WITHOUT_TENANT',
      ];
      for (const code of access) assert.match(fr.errors[code], NAMES_WHO, code);
    });

    it('never takes a variant from the prototype chain', () => {
      const t = errorText(new DomainError('E_ROLE_FORBIDDEN', { action: 'constructor' }));
      assert.equal(t, fr.errors.E_ROLE_FORBIDDEN);
    });
  });

  describe('through /api/messages', () => {
    let bot: TestBot;
    before(async () => {
      bot = await startTestBot();
      for (const p of [people.advisor, people.dt1])
        await post(bot.url, messageActivity(p, bot.serviceUrl, 'aide'));
    });
    after(async () => {
      await bot.stop();
    });

    it('says which request number was searched, where, and what to type instead', async () => {
      const t = await answer(bot, people.advisor, 'suivi 2026-42');
      assert.match(
        t,
        /Demande introuvable : aucune demande n° 2026-000042 parmi celles de votre structure/,
      );
      assert.match(t, /Tapez « suivi » pour la liste des demandes en cours de votre structure/);
      const line = bot.logs.find((l) => l.code === 'E_REQUEST_NOT_FOUND');
      assert.equal(line?.searched, 'number');
    });

    it('says a n° CIR was searched without writing it back, nor logging it', async () => {
      const t = await answer(bot, people.advisor, 'suivi ZX99887766');
      assert.match(t, /aucune demande de votre structure ne porte ce n° CIR/);
      assert.doesNotMatch(t, /ZX99887766/);
      assert.doesNotMatch(JSON.stringify(bot.logs), /ZX99887766/);
    });

    it('tells an advisor who fills a fiche de liaison', async () => {
      const t = await answer(bot, people.advisor, 'liaison');
      assert.match(t, /correspondant d’une DT OFII/);
    });

    it('tells a correspondent who opens a request', async () => {
      const t = await answer(bot, people.dt1, 'demande CIR');
      assert.match(t, /conseiller d’une Mission Locale/);
    });

    it('says an export has no request before offering its file', async () => {
      const run = await runExport(bot, people.dt1, '2001');
      const t = text(cardOf(run.ready));
      assert.match(t, /Aucune demande de DT OFII de Lyon du 01\/01\/2001 au 31\/12\/2001/);
      assert.ok(t.indexOf('Aucune demande') < t.indexOf('Tableau prêt'), t);
    });
  });
});
