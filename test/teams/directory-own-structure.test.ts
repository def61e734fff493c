/**
 * A partnership admin changes the people and the record of their own structure only; the
 * partnership's shared settings stay with all its admins; ADMIN_IDS change everything (issue 16
 * §2). Through /api/messages, on both engines.
 */
import { strict as assert } from 'node:assert';
import { startTestBot, type TestBot } from '../helpers/app';
import { ADMIN_ENV, click, directoryPeople } from '../helpers/directory';
import { engines } from '../helpers/engines';
import { people } from '../helpers/teams';

for (const engine of engines()) {
  describe(`a partnership admin's scope (issue 16 §2, ${engine.name})`, () => {
    let bot: TestBot;
    before(async () => {
      bot = await startTestBot({ env: ADMIN_ENV, engine });
    });
    after(async () => {
      await bot.stop();
    });

    const lea = people.advisor.aadObjectId;
    const edit = (aadObjectId: string, structureId: string, role: string, name: string) => ({
      aadObjectId,
      name,
      structureId,
      role,
      cardVersion: 1,
    });

    it("refuses a DT admin's change to the ML's people, in French, and changes nothing", async () => {
      const saved = await click(
        bot,
        people.dtAdmin,
        'annuaire.personne.enregistrer',
        edit(lea, 'ml-villeurbanne', 'conseiller', 'Léa Piratée'),
      );
      assert.match(saved.text, /que des personnes de votre structure/);
      for (const verb of ['annuaire.personne.ouvrir', 'annuaire.personne.retirerConfirme']) {
        const refused = await click(bot, people.dtAdmin, verb, { aadObjectId: lea });
        assert.match(refused.text, /sa propre structure uniquement/, verb);
      }
      // Nor may the DT admin move a person of the ML into their own structure.
      const moved = await click(
        bot,
        people.dtAdmin,
        'annuaire.personne.enregistrer',
        edit(lea, 'dt-lyon', 'correspondant', 'Léa Conseillère'),
      );
      assert.match(moved.text, /sa propre structure uniquement/);
      const stored = await bot.app.store.directory.getCorrespondent(lea);
      assert.deepEqual(
        [stored?.name, stored?.structureId, stored?.active],
        ['Léa Conseillère', 'ml-villeurbanne', true],
      );
      assert.ok(
        bot.logs.some(
          (l) => l.code === 'E_DIRECTORY_OWN_STRUCTURE_ONLY' && l.structureId === 'ml-villeurbanne',
        ),
        'an English line for the operator',
      );
    });

    it('lets the admin change their own people, the shared partnership, and ADMIN_IDS everything', async () => {
      const own = await click(
        bot,
        people.dtAdmin,
        'annuaire.personne.enregistrer',
        edit(people.dt2.aadObjectId, 'dt-lyon', 'correspondant', 'Karim B.'),
      );
      assert.match(own.text, /Enregistré/);
      const shared = await click(bot, people.dtAdmin, 'annuaire.partenariat.enregistrer', {
        id: 'rhone',
        name: 'Rhône et Ain',
        dtId: 'dt-lyon',
        mlIds: 'ml-villeurbanne,ml-bourgoin',
        cardVersion: 1,
      });
      assert.match(shared.text, /Enregistré/);
      const national = await click(
        bot,
        directoryPeople.national,
        'annuaire.personne.enregistrer',
        edit(lea, 'ml-villeurbanne', 'conseiller', 'Léa C.'),
      );
      assert.match(national.text, /Enregistré/);
      assert.equal((await bot.app.store.directory.getCorrespondent(lea))?.name, 'Léa C.');
    });
  });
}
