import { strict as assert } from 'node:assert';
import { startTestBot, type TestBot } from '../helpers/app';
import { actionData, ADMIN_ENV, click, command, directoryPeople } from '../helpers/directory';
import { people } from '../helpers/teams';

describe('/annuaire: searching the directory, through /api/messages', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot({ env: ADMIN_ENV });
  });
  after(async () => {
    await bot.stop();
  });

  it('finds a person whatever the accents and case typed, with role, structure, e-mail, phone and a chat link', async () => {
    for (const q of ['lea', 'LÉA', 'conseillere villeurbanne']) {
      const { text } = await command(bot, people.dt1, `/annuaire ${q}`);
      assert.match(text, /Léa Conseillère/, q);
      assert.match(text, /Conseiller·ère — Mission Locale de Villeurbanne/, q);
      assert.match(text, /lea@ml-villeurbanne\.example\.org/, q);
      assert.match(
        text,
        /https:\/\/teams\.microsoft\.com\/l\/chat\/0\/0\?users=lea%40ml-villeurbanne\.example\.org/,
        q,
      );
    }
    const { text } = await command(bot, people.advisor, 'Annuaire camille');
    assert.match(text, /\+33 4 00 00 00 00/, 'the phone is shown the French way');
  });

  it('finds people by structure, role and département', async () => {
    assert.match(
      (await command(bot, people.advisor, 'annuaire DT lyon correspondant')).text,
      /Karim Benali/,
    );
    const isere = (await command(bot, people.otherMl, 'annuaire 38')).text;
    assert.match(isere, /DT OFII de Grenoble/);
    assert.match(isere, /Agent Grenoble/);
    assert.match(isere, /\+33 4 76 00 00 01/, 'a phone typed 0476… is stored in E.164');
    assert.match((await command(bot, people.dt1, 'annuaire xyzzy')).text, /Aucun résultat/);
  });

  it('shows each member only the structures of their partnerships', async () => {
    const text = (await command(bot, people.advisor, 'annuaire')).text;
    assert.match(text, /DT OFII de Lyon/);
    assert.ok(
      !text.includes('Agent Grenoble'),
      'the Isère partnership is not the Villeurbanne advisor’s',
    );
    const bourgoin = (await command(bot, directoryPeople.bourgoin, 'annuaire agent')).text;
    assert.match(bourgoin, /Agent Grenoble/, 'an ML in both partnerships sees both');
  });

  it('pages long results with Suivant and Précédent', async () => {
    const first = await command(bot, directoryPeople.national, 'annuaire');
    assert.match(first.text, /13 résultat\(s\) — page 1\/2/);
    const next = actionData(first.cards[0], 'annuaire.page');
    assert.deepEqual(next, { q: '', page: 2, cardVersion: 1 });
    const second = await click(bot, directoryPeople.national, 'annuaire.page', next);
    assert.match(second.text, /page 2\/2/);
    assert.ok(!second.text.includes('Suivant'), 'no next page after the last');
    const back = await click(
      bot,
      directoryPeople.national,
      'annuaire.page',
      actionData(second.card, 'annuaire.page'),
    );
    assert.match(back.text, /page 1\/2/);
  });

  it('offers Modifier and Retirer to an admin, only on their own structure', async () => {
    const mine = (await command(bot, people.dtAdmin, 'annuaire karim')).text;
    assert.match(mine, /annuaire\.personne\.retirer/);
    const shared = (await command(bot, people.dtAdmin, 'annuaire 38')).text;
    assert.match(shared, /Hélène Bourgoin/, 'Bourgoin is in the Rhône partnership too');
    assert.ok(
      !shared.includes('annuaire.personne.retirer'),
      'but an ML’s people are its own admins’ (issue 16 §2)',
    );
    assert.ok(!shared.includes('Agent Grenoble'), 'the Isère DT is not the Lyon admin’s');
    const national = (await command(bot, directoryPeople.national, 'annuaire agent grenoble')).text;
    assert.match(national, /annuaire\.personne\.retirer/, 'a global admin may change anyone');
    assert.ok(
      !(await command(bot, people.dt1, 'annuaire karim')).text.includes('annuaire.personne.ouvrir'),
      'not for a correspondent',
    );
  });

  it('refuses people who are not in the directory, and leaves no trace of the search in the log', async () => {
    const { text } = await command(bot, people.stranger, 'annuaire camille');
    assert.match(text, /Vous ne figurez pas dans l'annuaire/);
    assert.ok(!text.includes('Camille'));
    assert.ok(!JSON.stringify(bot.logs).includes('camille.martin'), 'no e-mail in the log');
  });
});
