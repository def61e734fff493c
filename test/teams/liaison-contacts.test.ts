import { strict as assert } from 'node:assert';
import { DirectoryService } from '../../src/domain/directory-service';
import type { Caller } from '../../src/domain/model';
import { startTestBot, type TestBot } from '../helpers/app';
import { click, directoryPeople } from '../helpers/directory';
import { engines } from '../helpers/engines';
import {
  act,
  cast,
  fiche,
  ficheIdOf,
  greetAll,
  LIAISON_DIRECTORY,
  submitFiche,
} from '../helpers/liaison';
import { sqlOf } from '../helpers/sql';

const { national } = directoryPeople;

const lyonCard = (over: Record<string, unknown> = {}) => ({
  id: 'ml-lyon',
  kind: 'ML',
  name: 'Mission Locale de Lyon',
  departements: '69',
  tenantId: '22222222-2222-4222-8222-222222222222',
  postalAddress: '  4 cours Lafayette,   69003 Lyon ',
  phone: '04 78 00 00 03',
  openingHours: 'Mardi et jeudi, 14 h – 18 h',
  referentName: 'Zoë Lefèvre',
  cardVersion: 1,
  ...over,
});

for (const engine of engines())
  describe(`a structure's contact details for the fiche de liaison, on ${engine.name}`, () => {
    let bot: TestBot;
    beforeEach(async () => {
      bot = await startTestBot({
        engine,
        env: { DIRECTORY_FILE: LIAISON_DIRECTORY, ADMIN_IDS: national.aadObjectId },
      });
      await greetAll(bot);
    });
    afterEach(async () => {
      await bot.stop();
    });

    it('lets an admin edit them on the structure card; the journal names the fields, never the values', async () => {
      const open = await click(bot, national, 'annuaire.structure.ouvrir', {
        id: 'ml-villeurbanne',
      });
      for (const id of ['postalAddress', 'phone', 'openingHours', 'referentName'])
        assert.ok(open.text.includes(`"id":"${id}"`), id);
      assert.match(open.text, /12 rue Émile-Zola/);
      assert.match(open.text, /\+33 4 72 00 00 01/);

      const saved = await click(bot, national, 'annuaire.structure.enregistrer', lyonCard());
      assert.match(saved.text, /Adresse postale \(fiche de liaison\)/);
      assert.deepEqual(await bot.app.store.structureContacts.get('ml-lyon'), {
        postalAddress: '4 cours Lafayette, 69003 Lyon',
        phone: '+33478000003',
        openingHours: 'Mardi et jeudi, 14 h – 18 h',
        referentName: 'Zoë Lefèvre',
      });
      const events = JSON.stringify(
        await sqlOf(bot.app.store).all(
          "SELECT * FROM directory_events WHERE target_id = 'ml-lyon'",
        ),
      );
      assert.match(events, /postalAddress/);
      assert.ok(!events.includes('Lafayette') && !events.includes('Zoë'), events);
      const again = await click(bot, national, 'annuaire.structure.enregistrer', lyonCard());
      assert.match(again.text, /Aucun changement/);
      assert.match(again.text, /4 cours Lafayette, 69003 Lyon/, 'the card shows what is stored');
      assert.match(again.text, /\+33 4 78 00 00 03/);

      // The PDF of a fiche for that ML carries the new details.
      const { card } = await submitFiche(bot, fiche({ residence: '69', mlId: 'ml-lyon' }));
      const answer = await act(bot, cast.auditor, 'liaison.pdf', { ficheId: ficheIdOf(card) });
      assert.match(JSON.stringify(answer), /\/fiche-liaison\//);
    });

    it('refuses a bad phone or a multi-line text on the card, keeping what was typed and storing nothing', async () => {
      const before = await bot.app.store.structureContacts.get('ml-lyon');
      const refused = await click(
        bot,
        national,
        'annuaire.structure.enregistrer',
        lyonCard({ phone: '12', referentName: 'a<b>' }),
      );
      assert.match(refused.text, /Numéro français attendu/);
      assert.match(refused.text, /caractères non autorisés/);
      assert.match(refused.text, /4 cours Lafayette/);
      assert.deepEqual(await bot.app.store.structureContacts.get('ml-lyon'), before);
    });

    it('round-trips them through the directory file: an import of the export restores them', async () => {
      const directory = new DirectoryService({
        store: bot.app.store,
        clock: { now: () => new Date() },
        allowedTenants: [],
      });
      const admin: Caller = {
        aadObjectId: national.aadObjectId,
        tenantId: national.tenantId,
        teamsUserId: national.teamsId,
        name: national.name,
        person: null,
        isGlobalAdmin: true,
        structureTenantId: null,
      };
      const exported = await directory.transfer.exportFile(admin);
      await click(bot, national, 'annuaire.structure.enregistrer', {
        ...lyonCard({
          id: 'ml-bourg',
          name: 'Mission Locale de Bourg-en-Bresse',
          departements: '01',
        }),
        referentName: '',
      });
      assert.equal((await bot.app.store.structureContacts.get('ml-bourg'))?.referentName, null);
      const report = await directory.transfer.importFile(admin, exported);
      assert.deepEqual(report.rejected, []);
      assert.equal(report.updated, 1);
      assert.equal(
        (await bot.app.store.structureContacts.get('ml-bourg'))?.referentName,
        'Đặng Văn Lâm',
      );
      assert.deepEqual(await directory.transfer.exportFile(admin), exported);
      const second = await directory.transfer.importFile(admin, exported);
      assert.equal(second.updated, 0);
    });
  });
