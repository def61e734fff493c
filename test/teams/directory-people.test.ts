import { strict as assert } from 'node:assert';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { birthDateForAge, startTestBot, type TestBot } from '../helpers/app';
import {
  actionData,
  ADMIN_ENV,
  channelMessage,
  click,
  command,
  directoryPeople,
  say,
  TEAM_ID,
  TWO_PARTNERSHIPS,
} from '../helpers/directory';
import { engines } from '../helpers/engines';
import { people, personalChat } from '../helpers/teams';
import { sqlOf } from '../helpers/sql';

const { newcomer, iseAdmin, national } = directoryPeople;
const karim = people.dt2.aadObjectId;

async function person(bot: TestBot, aad: string) {
  return bot.app.store.directory.getCorrespondent(aad);
}

for (const engine of engines())
  describe(`managing people in the directory, through /api/messages, on ${engine.name}`, () => {
    let bot: TestBot;
    beforeEach(async () => {
      bot = await startTestBot({ env: ADMIN_ENV, engine });
      bot.connector.members.set(newcomer.teamsId, {
        id: newcomer.teamsId,
        name: newcomer.name,
        aadObjectId: newcomer.aadObjectId.toUpperCase(),
        email: 'zoe.nouvelle@ofii.example.org',
        userPrincipalName: 'zoe.nouvelle@ofii.example.org',
        tenantId: newcomer.tenantId,
      });
    });
    afterEach(async () => {
      await bot.stop();
    });

    it('lets a partnership admin add a colleague by @mentioning them in a channel, with Teams giving the Entra id', async () => {
      const { cards, text } = await say(
        bot,
        channelMessage(
          people.dtAdmin,
          bot.serviceUrl,
          '<at>Passerelle CIR</at> annuaire ajouter <at>Zoé Nouvelle</at>',
          { mentions: [newcomer] },
        ),
      );
      assert.match(text, /Ajouter une personne à l’annuaire/);
      assert.match(text, /"value":"Zoé Nouvelle"/, 'the name comes from Teams');
      assert.match(text, /"value":"zoe.nouvelle@ofii.example.org"/, 'so does the e-mail');
      assert.ok(
        bot.connector.memberLookups.includes(TEAM_ID),
        'the member was looked up in the team',
      );
      const data = actionData(cards[0], 'annuaire.personne.enregistrer');
      assert.equal(
        data.aadObjectId,
        newcomer.aadObjectId,
        'the Entra id travels with the card, lower-cased',
      );

      const submitted = {
        ...data,
        name: 'Zoé Nouvelle',
        structureId: 'dt-lyon',
        role: 'correspondant',
        email: 'Zoe.Nouvelle@ofii.example.org',
        phone: '04 72 11 22 33',
      };
      const saved = await click(bot, people.dtAdmin, 'annuaire.personne.enregistrer', submitted);
      assert.match(saved.text, /Enregistré/);
      const stored = await person(bot, newcomer.aadObjectId);
      assert.equal(stored?.phone, '+33472112233', 'stored in E.164');
      assert.equal(stored?.email, 'zoe.nouvelle@ofii.example.org');
      assert.equal(
        stored?.teamsUserId,
        newcomer.teamsId,
        'her cards refresh before she ever writes to the bot',
      );
      assert.match((await command(bot, people.dt1, 'annuaire zoe')).text, /\+33 4 72 11 22 33/);

      const again = await click(bot, people.dtAdmin, 'annuaire.personne.enregistrer', submitted);
      assert.match(
        again.text,
        /Aucun changement/,
        'a second click (or a Teams retry) changes nothing',
      );
    });

    it('asks for a mention, and says so when Teams does not know the person', async () => {
      assert.match(
        (await say(bot, channelMessage(people.dtAdmin, bot.serviceUrl, 'annuaire ajouter'))).text,
        /Mentionnez la personne/,
      );
      bot.connector.members.clear();
      const { text } = await say(
        bot,
        channelMessage(people.dtAdmin, bot.serviceUrl, 'annuaire ajouter <at>Zoé Nouvelle</at>', {
          mentions: [newcomer],
        }),
      );
      assert.match(text, /Teams n'a pas pu donner l'identifiant/);
    });

    it('re-renders the card with what was typed and one French message per wrong field', async () => {
      const base = { aadObjectId: newcomer.aadObjectId, cardVersion: 1 };
      const bad = await click(bot, people.dtAdmin, 'annuaire.personne.enregistrer', {
        ...base,
        name: '',
        structureId: 'dt-lyon',
        role: 'correspondant',
        email: 'zoe@',
        phone: '12 34',
      });
      assert.match(bad.text, /Champ obligatoire/);
      assert.match(bad.text, /Adresse e-mail invalide/);
      assert.match(bad.text, /Numéro français attendu/);
      assert.match(bad.text, /"value":"zoe@"/, 'nothing typed is lost');
      assert.match(bad.text, /"value":"12 34"/);
      const kind = await click(bot, people.dtAdmin, 'annuaire.personne.enregistrer', {
        ...base,
        name: 'Zoé',
        structureId: 'dt-lyon',
        role: 'conseiller',
      });
      assert.match(kind.text, /Un conseiller appartient à une Mission Locale/);
      const extra = await click(bot, people.dtAdmin, 'annuaire.personne.enregistrer', {
        ...base,
        name: 'Zoé',
        structureId: 'dt-lyon',
        role: 'correspondant',
        nationalite: 'x',
      });
      assert.match(extra.text, /champs non autorisés par le DPO \(nationalite\)/);
      assert.equal(await person(bot, newcomer.aadObjectId), undefined);
      assert.ok(!JSON.stringify(bot.logs).includes('zoe@'), 'typed values never reach the log');
    });

    it('accepts overseas numbers and gives them their own country code', async () => {
      const base = {
        aadObjectId: newcomer.aadObjectId,
        name: 'Zoé',
        structureId: 'dt-lyon',
        role: 'correspondant',
        cardVersion: 1,
      };
      for (const [typed, e164] of [
        ['0262 20 30 40', '+262262203040'],
        ['06 90 12 34 56', '+590690123456'],
        ['0033 1 23 45 67 89', '+33123456789'],
      ]) {
        await click(bot, national, 'annuaire.personne.enregistrer', { ...base, phone: typed });
        assert.equal((await person(bot, newcomer.aadObjectId))?.phone, e164, typed);
      }
    });

    it('lets an admin edit a person, and the journal names the fields but never their values', async () => {
      const open = await click(bot, people.dtAdmin, 'annuaire.personne.ouvrir', {
        aadObjectId: karim,
      });
      assert.match(open.text, /Modifier une fiche/);
      const data = actionData(open.card, 'annuaire.personne.enregistrer');
      const saved = await click(bot, people.dtAdmin, 'annuaire.personne.enregistrer', {
        ...data,
        name: 'Karim Benali',
        structureId: 'dt-lyon',
        role: 'correspondant',
        email: 'karim.benali@ofii.example.org',
        phone: '06 12 34 56 78',
      });
      assert.match(saved.text, /Enregistré \(E-mail professionnel, Téléphone professionnel\)/);
      const journal = (await command(bot, people.dtAdmin, 'annuaire journal')).text;
      assert.match(journal, /Fiche modifiée — Karim Benali \(email, phone\)/);
      assert.match(journal, /Admin DT/, 'who acted');
      assert.ok(
        !journal.includes('+33612345678') && !journal.includes('karim.benali@'),
        'no personal values in the journal',
      );
    });

    it('removes a person by deactivating them: requests still reach their structure and history keeps who answered', async () => {
      // Karim answers a request, then leaves the DT.
      for (const p of [people.dt1, people.dt2]) await command(bot, p, 'aide');
      await command(bot, people.advisor, 'demande CIR');
      const identity = {
        civilite: 'M.',
        nom: 'Nguyen',
        prenom: 'Minh',
        dateNaissance: birthDateForAge(20),
        numeroCir: 'CIR-0001',
        dtId: 'dt-lyon',
        cardVersion: 1,
      };
      await click(bot, people.advisor, 'demande.creer', identity);
      const [{ id }] = await sqlOf(bot.app.store).all<{ id: string }>('SELECT id FROM requests');
      await click(bot, people.dt2, 'demande.repondre', {
        requestId: id,
        positionnementLinguistique: 'INF_A2',
        prescriptionInitiale: 'FL_600',
        heuresFL: '10',
        journeesFC: '1',
        cardVersion: 1,
      });

      const confirm = await click(bot, people.dtAdmin, 'annuaire.personne.retirer', {
        aadObjectId: karim,
      });
      assert.match(confirm.text, /Retirer Karim Benali de l’annuaire \?/);
      const removed = await click(
        bot,
        people.dtAdmin,
        'annuaire.personne.retirerConfirme',
        actionData(confirm.card, 'annuaire.personne.retirerConfirme'),
      );
      assert.match(removed.text, /Karim Benali a été retiré\(e\)/);
      assert.equal((await person(bot, karim))?.active, false, 'kept, deactivated');
      assert.ok(
        !(await command(bot, people.dt1, 'annuaire karim')).text.includes('Karim'),
        'no longer listed',
      );
      assert.match(
        (await command(bot, people.dt2, 'annuaire camille')).text,
        /Vous ne figurez pas/,
        'and no longer a member',
      );

      const view = await click(bot, people.advisor, 'demande.voir', { requestId: id });
      assert.match(view.text, /Répondu par.*Karim Benali/, 'history keeps who answered');
      await click(bot, people.advisor, 'demande.creer', { ...identity, numeroCir: 'CIR-0002' });
      await bot.connector.waitFor(
        () =>
          bot.connector
            .sentTo(personalChat(people.dt1))
            .filter((r) => /Nouvelle demande/.test(JSON.stringify(r.activity))).length === 2,
      );
      const toKarim = bot.connector
        .sentTo(personalChat(people.dt2))
        .filter((r) => /Nouvelle demande/.test(JSON.stringify(r.activity)));
      assert.equal(
        toKarim.length,
        1,
        'the second request goes to the DT, not to the person who left',
      );
      assert.match(
        (await command(bot, people.dtAdmin, 'annuaire journal')).text,
        /Personne retirée — Karim Benali/,
      );
    });

    it('refuses every change to someone who is not an admin, and to the admin of another partnership', async () => {
      const edit = {
        aadObjectId: karim,
        name: 'K',
        structureId: 'dt-lyon',
        role: 'correspondant',
        cardVersion: 1,
      };
      assert.match(
        (await click(bot, people.dt1, 'annuaire.personne.enregistrer', edit)).text,
        /Réservé aux administrateurs/,
      );
      assert.match(
        (await click(bot, people.dt1, 'annuaire.personne.retirerConfirme', { aadObjectId: karim }))
          .text,
        /Réservé aux administrateurs/,
      );
      assert.match(
        (await click(bot, people.stranger, 'annuaire.personne.ouvrir', { aadObjectId: karim }))
          .text,
        /Vous ne figurez pas/,
      );
      assert.match(
        (
          await say(
            bot,
            channelMessage(people.advisor, bot.serviceUrl, 'annuaire ajouter <at>Zoé</at>', {
              mentions: [newcomer],
            }),
          )
        ).text,
        /Réservé aux administrateurs/,
      );

      for (const verb of [
        'annuaire.personne.ouvrir',
        'annuaire.personne.retirer',
        'annuaire.personne.retirerConfirme',
      ]) {
        assert.match(
          (await click(bot, iseAdmin, verb, { aadObjectId: karim })).text,
          /relève d'un autre partenariat/,
          verb,
        );
      }
      assert.match(
        (await click(bot, iseAdmin, 'annuaire.personne.enregistrer', edit)).text,
        /relève d’un autre partenariat que le vôtre/,
      );
      assert.match(
        (
          await click(bot, iseAdmin, 'annuaire.personne.enregistrer', {
            ...edit,
            structureId: 'ml-grenoble',
            role: 'conseiller',
          })
        ).text,
        /relève d'un autre partenariat/,
        'nor move them into their own',
      );
      assert.equal((await person(bot, karim))?.name, 'Karim Benali', 'nothing changed');
      assert.equal((await person(bot, karim))?.active, true);
    });
  });

describe('the directory file at start-up and the changes made in Teams', () => {
  it('keeps what admins changed in Teams across a restart, until the file itself changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-restart-'));
    const file = join(dir, 'annuaire.json');
    copyFileSync(TWO_PARTNERSHIPS, file);
    const env = { ...ADMIN_ENV, DIRECTORY_FILE: file };
    try {
      let bot = await startTestBot({ env, dir });
      await click(bot, national, 'annuaire.personne.retirerConfirme', { aadObjectId: karim });
      await bot.stop({ keepFiles: true });

      bot = await startTestBot({ env, dir });
      assert.equal(
        (await person(bot, karim))?.active,
        false,
        'the same file does not bring Karim back',
      );
      await bot.stop({ keepFiles: true });

      const changed = JSON.parse(readFileSync(file, 'utf8'));
      changed.structures[0].name = 'DT OFII de Lyon (Auvergne-Rhône-Alpes)';
      writeFileSync(file, JSON.stringify(changed));
      bot = await startTestBot({ env, dir });
      assert.equal(
        (await person(bot, karim))?.active,
        true,
        'a new version of the file is applied',
      );
      assert.equal(
        (await bot.app.store.directory.getStructure('dt-lyon'))?.name,
        'DT OFII de Lyon (Auvergne-Rhône-Alpes)',
      );
      await bot.stop({ keepFiles: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
