import { strict as assert } from 'node:assert';
import { birthDateForAge, startTestBot, type TestBot } from '../helpers/app';
import { actionData, ADMIN_ENV, click, command, directoryPeople } from '../helpers/directory';
import { engines } from '../helpers/engines';
import { people } from '../helpers/teams';
import { sqlOf } from '../helpers/sql';

const { iseAdmin, national, bourgoin } = directoryPeople;
const vienne = {
  id: 'ml-vienne',
  kind: 'ML',
  name: 'Mission Locale de Vienne',
  departements: '38, 1, 2a',
  tenantId: '',
  cardVersion: 1,
};

for (const engine of engines())
  describe(`managing structures and partnerships, through /api/messages, on ${engine.name}`, () => {
    let bot: TestBot;
    beforeEach(async () => {
      bot = await startTestBot({ env: ADMIN_ENV, engine });
    });
    afterEach(async () => {
      await bot.stop();
    });

    it('lets an admin add a structure, with département codes normalised (01, 2A) and checked', async () => {
      const blank = await click(bot, people.dtAdmin, 'annuaire.structure.ouvrir', {
        cardVersion: 1,
      });
      assert.match(blank.text, /Nouvelle structure/);
      const bad = await click(bot, people.dtAdmin, 'annuaire.structure.ajouter', {
        ...vienne,
        id: 'ML Vienne',
        departements: '38, 99',
        tenantId: 'pas-un-guid',
      });
      assert.match(bad.text, /Identifiant : lettres minuscules/);
      assert.match(bad.text, /Codes de département attendus/);
      assert.match(bad.text, /Identifiant de locataire Entra attendu/);
      assert.match(bad.text, /"value":"38, 99"/);
      assert.match(
        (
          await click(bot, people.dtAdmin, 'annuaire.structure.ajouter', {
            ...vienne,
            id: 'dt-lyon',
          })
        ).text,
        /existe déjà/,
      );

      const saved = await click(bot, people.dtAdmin, 'annuaire.structure.ajouter', vienne);
      assert.match(saved.text, /Enregistré/);
      assert.deepEqual((await bot.app.store.directory.getStructure('ml-vienne'))?.departements, [
        '38',
        '01',
        '2A',
      ]);
      assert.match(
        (await command(bot, people.dtAdmin, 'annuaire journal')).text,
        /Structure créée — ml-vienne/,
      );
    });

    it('lets an admin edit their own structure, but not change its kind nor touch another structure', async () => {
      const open = await click(bot, people.dtAdmin, 'annuaire.structure.ouvrir', {
        id: 'dt-lyon',
      });
      const data = actionData(open.card, 'annuaire.structure.enregistrer');
      assert.deepEqual(
        data,
        { id: 'dt-lyon', kind: 'DT', cardVersion: 1 },
        'id and kind are not inputs',
      );
      const saved = await click(bot, people.dtAdmin, 'annuaire.structure.enregistrer', {
        ...data,
        name: 'DT OFII de Lyon',
        departements: '69, 01',
        tenantId: '11111111-1111-4111-8111-111111111111',
      });
      assert.match(saved.text, /Aucun changement/);
      const renamed = await click(bot, people.dtAdmin, 'annuaire.structure.enregistrer', {
        ...data,
        name: 'DT Lyon',
        departements: '69, 01',
        tenantId: '',
      });
      assert.match(
        renamed.text,
        /Enregistré \(Nom de la structure, Locataire Microsoft 365 \(tenant id\)\)/,
        'local mode: a structure may lack a tenant id',
      );
      assert.equal((await bot.app.store.directory.getStructure('dt-lyon'))?.name, 'DT Lyon');
      const kind = await click(bot, people.dtAdmin, 'annuaire.structure.enregistrer', {
        ...data,
        kind: 'ML',
        name: 'X',
        departements: '69',
      });
      assert.match(kind.text, /Le type d’une structure existante ne peut pas être changé/);
      // The partnership's ML is another structure (often another tenant): its own admins' (issue 16 §2).
      const ml = { id: 'ml-villeurbanne', kind: 'ML', cardVersion: 1 };
      assert.match(
        (await click(bot, people.dtAdmin, 'annuaire.structure.ouvrir', { id: ml.id })).text,
        /modifie les personnes et la fiche de sa propre structure uniquement/,
      );
      for (const p of [people.dtAdmin, iseAdmin, people.dt1]) {
        const refused = await click(bot, p, 'annuaire.structure.enregistrer', {
          ...ml,
          name: 'Piratée',
          departements: '69',
        });
        assert.match(
          refused.text,
          /propre structure uniquement|relève d'un autre partenariat|Réservé aux administrateurs/,
        );
      }
      assert.equal(
        (await bot.app.store.directory.getStructure('ml-villeurbanne'))?.name,
        'Mission Locale de Villeurbanne',
      );
    });

    it('lets a global admin create a partnership of a DT and its MLs', async () => {
      await click(bot, national, 'annuaire.structure.ajouter', vienne);
      const blank = await click(bot, national, 'annuaire.partenariat.ouvrir', { cardVersion: 1 });
      assert.match(blank.text, /Nouveau partenariat/);
      const wrong = await click(bot, national, 'annuaire.partenariat.ajouter', {
        id: 'vienne',
        name: '',
        dtId: 'ml-grenoble',
        mlIds: 'dt-lyon',
        cardVersion: 1,
      });
      assert.match(wrong.text, /Choisissez une valeur de la liste/);
      const saved = await click(bot, national, 'annuaire.partenariat.ajouter', {
        id: 'vienne',
        name: 'Pays viennois',
        dtId: 'dt-lyon',
        mlIds: 'ml-vienne,ml-villeurbanne',
        cardVersion: 1,
      });
      assert.match(saved.text, /Enregistré/);
      const p = await bot.app.store.directory.getPartnership('vienne');
      assert.deepEqual([p?.dtId, p?.mlIds], ['dt-lyon', ['ml-vienne', 'ml-villeurbanne']]);
    });

    it('keeps each partnership admin inside their own partnerships', async () => {
      // The Lyon admin may not pull the Grenoble ML into a partnership of theirs...
      const grab = await click(bot, people.dtAdmin, 'annuaire.partenariat.ajouter', {
        id: 'lyon-2',
        name: '',
        dtId: 'dt-lyon',
        mlIds: 'ml-grenoble',
        cardVersion: 1,
      });
      assert.match(grab.text, /relève d’un autre partenariat que le vôtre/);
      // ...nor edit the Isère partnership, nor drop their own structure from theirs.
      const other = await click(bot, people.dtAdmin, 'annuaire.partenariat.enregistrer', {
        id: 'isere',
        name: 'Isère',
        dtId: 'dt-grenoble',
        mlIds: 'ml-grenoble',
        cardVersion: 1,
      });
      assert.match(other.text, /relève d'un autre partenariat/);
      const drop = await click(bot, iseAdmin, 'annuaire.partenariat.enregistrer', {
        id: 'isere',
        name: 'Isère',
        dtId: 'dt-grenoble',
        mlIds: 'ml-bourgoin',
        cardVersion: 1,
      });
      assert.match(drop.text, /Votre propre structure doit rester dans le partenariat/);
      // A new ML that belongs to no partnership yet may join.
      await click(bot, people.dtAdmin, 'annuaire.structure.ajouter', vienne);
      const open = await click(bot, people.dtAdmin, 'annuaire.partenariat.ouvrir', { id: 'rhone' });
      assert.match(open.text, /Mission Locale de Vienne/, 'offered on the card');
      const join = await click(bot, people.dtAdmin, 'annuaire.partenariat.enregistrer', {
        ...actionData(open.card, 'annuaire.partenariat.enregistrer'),
        name: 'Rhône',
        dtId: 'dt-lyon',
        mlIds: 'ml-villeurbanne,ml-vienne',
        cardVersion: 1,
      });
      assert.match(join.text, /Enregistré \(Missions Locales\)/);
      assert.deepEqual(
        (await bot.app.store.directory.getPartnership('rhone'))?.mlIds,
        ['ml-vienne', 'ml-villeurbanne'],
        'Bourgoin left, Vienne joined',
      );
      assert.deepEqual(
        (await bot.app.store.directory.getPartnership('isere'))?.mlIds,
        ['ml-bourgoin', 'ml-grenoble'],
        'the other partnership is untouched',
      );
    });

    it('shows an admin the structures, inboxes and partnerships they look after', async () => {
      const { text, cards } = await command(bot, iseAdmin, 'annuaire admin');
      assert.match(text, /Administration de l’annuaire/);
      assert.match(text, /DT OFII de Grenoble/);
      assert.ok(!text.includes('Villeurbanne'), 'not the Rhône-only structures');
      assert.deepEqual(actionData(cards[0], 'annuaire.partenariat.ouvrir'), {
        id: 'isere',
        cardVersion: 1,
      });
      assert.match(
        (await command(bot, people.dt1, 'annuaire admin')).text,
        /Réservé aux administrateurs/,
      );
    });

    it('routes a request of an ML in two partnerships to the DT the advisor picks, pre-selecting the one of its département', async () => {
      for (const p of [people.dt1, people.otherDt]) await command(bot, p, 'aide');
      const form = await command(bot, bourgoin, 'demande CIR');
      assert.match(form.text, /DT OFII de Lyon/);
      assert.match(form.text, /DT OFII de Grenoble/);
      const dtInput = JSON.stringify(form.cards[0]).match(/"id":"dtId"[^}]*"value":"([^"]+)"/);
      assert.equal(dtInput?.[1], 'dt-grenoble', 'Bourgoin is in the Isère (38)');
      const identity = {
        civilite: 'Mme',
        nom: 'Diallo',
        prenom: 'Awa',
        dateNaissance: birthDateForAge(24),
        cardVersion: 1,
      };
      await click(bot, bourgoin, 'demande.creer', {
        ...identity,
        numeroCir: 'CIR-LYON',
        dtId: 'dt-lyon',
      });
      await click(bot, bourgoin, 'demande.creer', {
        ...identity,
        numeroCir: 'CIR-GRENOBLE',
        dtId: 'dt-grenoble',
      });
      const rows = await sqlOf(bot.app.store).all<{
        numero_cir: string;
        dt_id: string;
        partnership_id: string;
      }>('SELECT numero_cir, dt_id, partnership_id FROM requests ORDER BY numero_cir');
      assert.deepEqual(
        rows.map((r) => [r.numero_cir, r.dt_id, r.partnership_id]),
        [
          ['CIR-GRENOBLE', 'dt-grenoble', 'isere'],
          ['CIR-LYON', 'dt-lyon', 'rhone'],
        ],
      );
      const outsider = await click(bot, people.advisor, 'demande.creer', {
        ...identity,
        numeroCir: 'CIR-X',
        dtId: 'dt-grenoble',
      });
      assert.match(
        outsider.text,
        /Choisissez une valeur de la liste/,
        'Villeurbanne is not in the Isère partnership',
      );
    });
  });
