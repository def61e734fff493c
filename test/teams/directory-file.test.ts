import { strict as assert } from 'node:assert';
import { startTestBot, type TestBot } from '../helpers/app';
import { TestClock } from '../helpers/clock';
import {
  ADMIN_ENV,
  channelMessage,
  click,
  command,
  directoryPeople,
  say,
} from '../helpers/directory';
import { engines } from '../helpers/engines';
import { messageActivity, people, type Persona } from '../helpers/teams';
import { sqlOf } from '../helpers/sql';

const { national, iseAdmin } = directoryPeople;

/** The link of the export card, on the test bot's real port. */
function linkOf(bot: TestBot, cards: Record<string, any>[]): string {
  const url = JSON.stringify(cards).match(/"url":"(http[^"]+\/annuaire\/export\/[^"]+)"/)?.[1];
  assert.ok(url, 'an export link');
  return `${bot.url}${new URL(url).pathname}`;
}

async function exportFile(
  bot: TestBot,
  p: Persona,
): Promise<{ file: Record<string, any>; link: string; text: string }> {
  const { cards, text } = await command(bot, p, 'annuaire export');
  const link = linkOf(bot, cards);
  const res = await fetch(link);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  assert.match(
    res.headers.get('content-disposition') ?? '',
    /^attachment; filename="annuaire-passerelle-cir-\d{4}-\d{2}-\d{2}\.json"/,
  );
  assert.match(res.headers.get('cache-control') ?? '', /no-store/);
  return { file: (await res.json()) as Record<string, any>, link, text };
}

/**
 * Sends a file in the personal chat as Teams does (file download info), and returns the import
 * report.
 */
async function sendFile(
  bot: TestBot,
  p: Persona,
  name: string,
  body: string,
  text = '',
): Promise<string> {
  bot.connector.files.set(name, body);
  const before = bot.connector.recorded.length;
  const activity = {
    ...messageActivity(p, bot.serviceUrl, text),
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        name,
        contentUrl: `https://contoso.sharepoint.com/personal/${name}`,
        content: {
          downloadUrl: `${bot.connector.url}files/${encodeURIComponent(name)}`,
          uniqueId: 'f1',
          fileType: 'json',
        },
      },
    ],
  };
  await say(bot, activity);
  await bot.connector.waitFor(() =>
    bot.connector.recorded.slice(before).some((r) => r.method === 'PUT'),
  );
  const sent = bot.connector.recorded.slice(before);
  assert.match(
    JSON.stringify(sent[0].activity),
    /Import de l’annuaire en cours/,
    'a progress card first',
  );
  return JSON.stringify(sent.find((r) => r.method === 'PUT')?.activity);
}

for (const engine of engines())
  describe(`the directory file: export and import, through /api/messages, on ${engine.name}`, () => {
    let bot: TestBot;
    beforeEach(async () => {
      bot = await startTestBot({ env: ADMIN_ENV, engine });
    });
    afterEach(async () => {
      await bot.stop();
    });

    it('exports the directory in the DESIGN format, behind a short-lived link that serves it a few times only', async () => {
      const { file, link, text } = await exportFile(bot, national);
      assert.match(text, /5 structure\(s\), 8 personne\(s\) et 2 partenariat\(s\)/);
      assert.deepEqual(Object.keys(file), ['structures', 'correspondents', 'partnerships']);
      assert.deepEqual(
        file.structures.find((s: { id: string }) => s.id === 'dt-lyon'),
        {
          id: 'dt-lyon',
          kind: 'DT',
          name: 'DT OFII de Lyon',
          departements: ['69', '01'],
          tenantId: '11111111-1111-4111-8111-111111111111',
        },
      );
      assert.deepEqual(
        file.correspondents.find((c: { name: string }) => c.name === 'Camille Martin'),
        {
          aadObjectId: people.dt1.aadObjectId,
          structureId: 'dt-lyon',
          role: 'correspondant',
          name: 'Camille Martin',
          email: 'camille.martin@ofii.example.org',
          phone: '+33400000000',
        },
      );
      assert.deepEqual(file.partnerships, [
        { id: 'isere', dtId: 'dt-grenoble', mlIds: ['ml-bourgoin', 'ml-grenoble'], name: 'Isère' },
        { id: 'rhone', dtId: 'dt-lyon', mlIds: ['ml-bourgoin', 'ml-villeurbanne'], name: 'Rhône' },
      ]);
      assert.equal((await fetch(link)).status, 200);
      assert.equal((await fetch(link)).status, 200);
      const spent = await fetch(link);
      assert.equal(spent.status, 410, 'three downloads, then gone');
      assert.match(await spent.text(), /expiré, déjà utilisé ou invalide/);
      const kept = await sqlOf(bot.app.store).all<{ content: string | null }>(
        'SELECT content FROM directory_exports',
      );
      assert.deepEqual(kept, [{ content: null }], 'a spent file is not kept');
      const tampered = link.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
      assert.equal((await fetch(tampered)).status, 403);
      assert.ok(
        !JSON.stringify(bot.logs).includes('camille.martin@'),
        'no contact detail in the log',
      );
    });

    it('lets the link expire after 15 minutes', async () => {
      const clock = new TestClock();
      const timed = await startTestBot({ env: ADMIN_ENV, clock, engine });
      try {
        const link = linkOf(timed, (await command(timed, national, 'annuaire export')).cards);
        clock.advance(14 * 60_000);
        assert.equal((await fetch(link)).status, 200);
        clock.advance(2 * 60_000);
        assert.equal((await fetch(link)).status, 410);
      } finally {
        await timed.stop();
      }
    });

    it('gives a partnership admin their partnerships only, and refuses the export elsewhere than in personal chat or to non-admins', async () => {
      const { file } = await exportFile(bot, iseAdmin);
      assert.deepEqual(
        file.partnerships.map((p: { id: string }) => p.id),
        ['isere'],
      );
      assert.ok(!JSON.stringify(file).includes('Camille'), 'Lyon people are not the Isère admin’s');
      assert.match(
        (await say(bot, channelMessage(people.dtAdmin, bot.serviceUrl, 'annuaire export'))).text,
        /conversation personnelle/,
      );
      assert.match(
        (await command(bot, people.dt1, 'annuaire export')).text,
        /Réservé aux administrateurs/,
      );
      assert.match(
        (await command(bot, people.stranger, 'annuaire export')).text,
        /Vous ne figurez pas/,
      );
    });

    it('imports its own export back: changes made since are undone, a second import changes nothing', async () => {
      const { file: original } = await exportFile(bot, national);
      // Changes after the export: a phone edited, a person removed, a structure renamed.
      await click(bot, national, 'annuaire.personne.enregistrer', {
        aadObjectId: people.dt1.aadObjectId,
        name: 'Camille Martin',
        structureId: 'dt-lyon',
        role: 'correspondant',
        email: 'camille.martin@ofii.example.org',
        phone: '06 00 00 00 00',
      });
      await click(bot, national, 'annuaire.personne.retirerConfirme', {
        aadObjectId: people.dt2.aadObjectId,
      });
      await click(bot, national, 'annuaire.structure.enregistrer', {
        id: 'ml-grenoble',
        kind: 'ML',
        name: 'ML Grenoble',
        departements: '38',
        tenantId: '',
      });
      const json = `${JSON.stringify(original, null, 2)}\n`;

      const report = await sendFile(bot, national, 'annuaire.json', json);
      assert.match(report, /0 ajout\(s\), 3 modification\(s\), 12 inchangé\(s\), 0 refus/);
      assert.deepEqual(
        (await exportFile(bot, national)).file,
        original,
        'the round trip equals the original',
      );
      assert.match(
        await sendFile(bot, national, 'annuaire.json', json, 'annuaire import'),
        /0 ajout\(s\), 0 modification\(s\), 15 inchangé\(s\), 0 refus/,
      );
    });

    it('imports into an empty directory an export that then exports identically', async () => {
      const { file: original } = await exportFile(bot, national);
      const empty = await startTestBot({
        env: { ...ADMIN_ENV, DIRECTORY_FILE: `${__dirname}/../fixtures/directory-empty.json` },
      });
      try {
        assert.match(
          await sendFile(empty, national, 'annuaire.json', JSON.stringify(original)),
          /15 ajout\(s\), 0 modification\(s\), 0 inchangé\(s\), 0 refus/,
        );
        assert.deepEqual((await exportFile(empty, national)).file, original);
      } finally {
        await empty.stop();
      }
    });

    it('reports each rejected entry and why, and imports the rest', async () => {
      const file = {
        structures: [
          { id: 'ml-vienne', kind: 'ML', name: 'Mission Locale de Vienne', departements: ['38'] },
          { id: 'ml-nulle', kind: 'ML', name: 'Nulle part', departements: ['99'] },
        ],
        correspondents: [
          {
            aadObjectId: '12121212-0000-4000-8000-000000000001',
            structureId: 'ml-vienne',
            role: 'conseiller',
            name: 'Zoé Nouvelle',
            phone: '04 74 00 00 00',
          },
          {
            aadObjectId: '12121212-0000-4000-8000-000000000002',
            structureId: 'ml-nulle',
            role: 'conseiller',
            name: 'Sans Structure',
          },
          {
            aadObjectId: '12121212-0000-4000-8000-000000000003',
            structureId: 'ml-villeurbanne',
            role: 'conseiller',
            name: 'Mauvais Mail',
            email: 'pas-un-mail',
          },
          {
            aadObjectId: '12121212-0000-4000-8000-000000000004',
            structureId: 'dt-lyon',
            role: 'correspondant',
            name: 'Hors Portée',
          },
        ],
        partnerships: [
          {
            id: 'isere',
            dtId: 'dt-grenoble',
            mlIds: ['ml-grenoble', 'ml-bourgoin', 'ml-vienne'],
            name: 'Isère',
          },
        ],
      };
      const report = await sendFile(bot, iseAdmin, 'mon annuaire.json', JSON.stringify(file));
      assert.match(report, /1 ajout\(s\), 1 modification\(s\), 0 inchangé\(s\), 5 refus/);
      // A partnership admin staffs their own structure only (issue 16 §2): the new ML's people
      // are its own admin's, or a global admin's.
      assert.match(
        report,
        /correspondents\.0 \(Zoé Nouvelle\).*que des personnes de votre structure/,
      );
      assert.match(report, /structures\.1 \(ml-nulle\).*Code de département invalide/);
      assert.match(
        report,
        /correspondents\.1 \(Sans Structure\).*Structure inconnue de l’annuaire et du fichier/,
      );
      assert.match(report, /correspondents\.2 \(Mauvais Mail\).*Adresse e-mail invalide/);
      assert.match(
        report,
        /correspondents\.3 \(Hors Portée\).*relève d’un autre partenariat que le vôtre/,
      );
      assert.equal(
        await bot.app.store.directory.getCorrespondent('12121212-0000-4000-8000-000000000001'),
        undefined,
      );
      assert.equal(
        await bot.app.store.directory.getCorrespondent('12121212-0000-4000-8000-000000000004'),
        undefined,
      );
    });

    it('refuses a file that is not a directory as a whole, and a non-admin’s file', async () => {
      assert.match(
        await sendFile(bot, national, 'notes.json', '{ pas du json'),
        /n'a pas pu être lu comme un annuaire JSON/,
      );
      assert.match(
        await sendFile(bot, national, 'autre.json', JSON.stringify({ personnes: [] })),
        /Fichier refusé en entier.*personnes/,
      );
      const huge = JSON.stringify({
        structures: [],
        correspondents: [],
        padding: 'x'.repeat(3 * 1024 * 1024),
      });
      assert.match(
        await sendFile(bot, national, 'enorme.json', huge),
        /Ce fichier est trop volumineux \(limite : 2 Mo\)/,
        'over DIRECTORY_IMPORT_MAX_BYTES',
      );
      assert.ok(
        bot.logs.some(
          (l) =>
            l.msg === 'directory import refused' &&
            l.code === 'E_IMPORT_TOO_LARGE' &&
            l.maxBytes === 2 * 1024 * 1024,
        ),
        'a log line for the operator',
      );
      const before = bot.connector.recorded.length;
      await say(bot, {
        ...messageActivity(people.dt1, bot.serviceUrl, ''),
        attachments: [
          {
            contentType: 'application/json',
            name: 'a.json',
            contentUrl: `${bot.connector.url}files/a.json`,
          },
        ],
      });
      assert.match(
        JSON.stringify(bot.connector.recorded.slice(before)),
        /Réservé aux administrateurs/,
      );
      assert.match(
        (await command(bot, national, 'annuaire import')).text,
        /envoyez-moi le fichier JSON/,
      );
    });
  });
