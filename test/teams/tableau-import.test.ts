import { strict as assert } from 'node:assert';
import { encrypt } from '../../src/files/encrypt';
import { birthDateForAge, startTestBot, type TestBot } from '../helpers/app';
import { engines } from '../helpers/engines';
import { cardOf, fileMessage, seedRequest, text } from '../helpers/tableau';
import {
  inPersonal,
  invokeActivity,
  messageActivity,
  people,
  personalChat,
  post,
  type Persona,
} from '../helpers/teams';
import type { Recorded } from '../helpers/connector-stand-in';
import { handMadeTable, identityRow, nationalHeaders, type CellInput } from '../files/fixtures';
import { sqlOf } from '../helpers/sql';

const born = (age: number): Date => new Date(`${birthDateForAge(age)}T00:00:00Z`);
const row = (nom: string, cir: string, age = 22, civilite = 'Mme'): CellInput[] =>
  identityRow(civilite, nom, 'Awa', born(age), cir);

async function count(bot: TestBot, sql: string): Promise<number> {
  const [r] = await sqlOf(bot.app.store).all<{ n: number | string }>(sql);
  return Number(r.n);
}

/**
 * Sends `bytes` as a file in the advisor's personal chat; resolves with the progress card and its
 * final state.
 */
async function send(
  bot: TestBot,
  bytes: Buffer,
  name = 'tableau.xlsx',
  who: Persona = people.advisor,
  words = '',
): Promise<{ progress: Recorded; final: Recorded }> {
  bot.connector.files.set(name, bytes);
  const before = bot.connector.recorded.length;
  const res = await post(
    bot.url,
    fileMessage(
      who,
      bot.serviceUrl,
      name,
      `${bot.serviceUrl}files/${encodeURIComponent(name)}`,
      inPersonal(who),
      words,
    ),
  );
  assert.equal(res.status, 200);
  const progress = bot.connector.recorded[before];
  assert.ok(progress, 'an answer at once');
  const isFinal = (r: Recorded) =>
    r.method === 'PUT' &&
    r.activityId === progress.activityId &&
    !/Vérification des lignes|Lecture du fichier/.test(text(r.activity));
  await bot.connector.waitFor(() => bot.connector.recorded.some(isFinal), 15_000);
  const final = bot.connector.recorded.find(isFinal) as Recorded;
  return { progress, final };
}

for (const engine of engines())
  describe(`importing a national table sent in the personal chat, on ${engine.name}`, () => {
    let bot: TestBot;
    beforeEach(async () => {
      bot = await startTestBot({ engine });
      for (const p of [people.advisor, people.dt1])
        await post(bot.url, messageActivity(p, bot.serviceUrl, 'aide'));
    });
    afterEach(async () => {
      await bot.stop();
    });

    it('turns each valid row into a request sent to the DT, and reports it', async () => {
      const file = await handMadeTable(nationalHeaders(), [
        row('Diallo', '0069 1111'),
        row('Nguyen', '0069-2222'),
      ]);
      // With the command word or without it: a file in the personal chat is an import.
      const { progress, final } = await send(bot, file, 'tableau.xlsx', people.advisor, 'tableau');
      assert.match(text(progress.activity), /Lecture du fichier « tableau\.xlsx »/);
      const report = text(cardOf(final));
      assert.match(report, /2 lignes importées, 0 ligne refusée/);
      assert.match(report, /2 demande\(s\) créée\(s\) et transmise\(s\) — DT OFII de Lyon/);
      const rows = await sqlOf(bot.app.store).all<{
        nom: string;
        status: string;
        created_by: string;
        dt_id: string;
      }>('SELECT nom, status, created_by, dt_id FROM requests ORDER BY nom');
      assert.deepEqual(
        rows.map((r) => [r.nom, r.status, r.created_by, r.dt_id]),
        [
          ['Diallo', 'transmise', people.advisor.aadObjectId, 'dt-lyon'],
          ['Nguyen', 'transmise', people.advisor.aadObjectId, 'dt-lyon'],
        ],
      );
      await bot.connector.waitFor(
        () =>
          bot.connector
            .sentTo(personalChat(people.dt1))
            .filter((r) => /Nouvelle demande/.test(text(r.activity))).length === 2,
      );
      for (const r of bot.connector.recorded)
        assert.ok(
          !/Diallo|Nguyen/.test(JSON.stringify(r.activity)),
          'no identity in a stored message',
        );
      assert.equal(
        await count(bot, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'table.import'"),
        1,
      );
    });

    it('asks for the password of an encrypted file, shows the card again after a wrong one, then imports', async () => {
      const file = encrypt(
        await handMadeTable(nationalHeaders(), [row('Diallo', '00693333')]),
        'Mot-de-passe-du-partenaire',
      );
      const { final } = await send(bot, file, 'protégé.xlsx');
      const ask = cardOf(final);
      assert.match(text(ask), /est protégé par un mot de passe/);
      const submit = (ask.actions as { verb: string; data: { importId: string } }[])[0];
      assert.equal(submit.verb, 'tableau.importer');
      assert.ok(text(ask).includes('"id":"motDePasse"'));
      const importId = submit.data.importId;

      const wrong = await post(
        bot.url,
        invokeActivity(
          people.advisor,
          bot.serviceUrl,
          'tableau.importer',
          { importId, motDePasse: 'pas-le-bon' },
          final.activityId,
        ),
      );
      assert.match(text(wrong.body.value), /Le mot de passe ne permet pas d’ouvrir ce fichier/);
      assert.match(text(wrong.body.value), /Essais restants : 4/);
      assert.ok(text(wrong.body.value).includes('"id":"motDePasse"'), 'the password card again');
      assert.equal(await count(bot, 'SELECT COUNT(*) AS n FROM requests'), 0);

      const other = await post(
        bot.url,
        invokeActivity(
          people.otherMl,
          bot.serviceUrl,
          'tableau.importer',
          { importId, motDePasse: 'Mot-de-passe-du-partenaire' },
          final.activityId,
          inPersonal(people.otherMl),
        ),
      );
      assert.match(
        text(other.body.value),
        /n’est plus en attente/,
        'someone else’s upload does not exist for them',
      );

      const right = await post(
        bot.url,
        invokeActivity(
          people.advisor,
          bot.serviceUrl,
          'tableau.importer',
          { importId, motDePasse: 'Mot-de-passe-du-partenaire' },
          final.activityId,
        ),
      );
      assert.match(text(right.body.value), /1 ligne importée, 0 ligne refusée/);
      assert.equal(await count(bot, 'SELECT COUNT(*) AS n FROM requests'), 1);
      assert.equal(
        await count(bot, 'SELECT COUNT(*) AS n FROM table_imports'),
        0,
        'the encrypted upload is gone once imported',
      );
      const again = await post(
        bot.url,
        invokeActivity(
          people.advisor,
          bot.serviceUrl,
          'tableau.importer',
          { importId, motDePasse: 'Mot-de-passe-du-partenaire' },
          final.activityId,
        ),
      );
      assert.match(
        text(again.body.value),
        /n’est plus en attente/,
        'a second click imports nothing twice',
      );
      assert.equal(await count(bot, 'SELECT COUNT(*) AS n FROM requests'), 1);
    });

    it('refuses a table whose columns are not the national ones, listing the differences, and imports nothing', async () => {
      const headers = nationalHeaders().map((h) => (h === 'N° CIR' ? 'Numéro dossier' : h));
      const { final } = await send(bot, await handMadeTable(headers, [row('Diallo', '00694444')]));
      const card = text(cardOf(final));
      assert.match(card, /ne sont pas celles du tableau national/);
      assert.match(card, /Colonnes manquantes : N° CIR/);
      assert.match(card, /colonne E « Numéro dossier »/);
      assert.equal(await count(bot, 'SELECT COUNT(*) AS n FROM requests'), 0);
    });

    it('imports the good rows of a mixed table and reports each refused row by its line, with the reason', async () => {
      const file = await handMadeTable(nationalHeaders(), [
        row('Diallo', '00695555'),
        row('Trop Âgé', '00695556', 40),
        row('Nguyen', '??', 22, 'Mlle'),
      ]);
      const { final } = await send(bot, file);
      const card = cardOf(final);
      assert.match(text(card), /1 ligne importée, 2 lignes refusées/);
      assert.match(
        text(card),
        /Ligne 3.*Date de naissance : La personne doit avoir entre 15 et 30 ans/,
      );
      assert.match(
        text(card),
        /Ligne 4.*Civilité : Choisissez une valeur de la liste.*N° CIR : Numéro CIR invalide/,
      );
      assert.ok(
        !/Trop Âgé|Nguyen|Diallo/.test(text(card)),
        'rows are named by their line, not their values',
      );
      assert.deepEqual(
        (await sqlOf(bot.app.store).all<{ nom: string }>('SELECT nom FROM requests')).map(
          (r) => r.nom,
        ),
        ['Diallo'],
      );
    });

    it('reports a row whose n° CIR already has an open request of the ML as unchanged, and does not create it again', async () => {
      const existing = await seedRequest(bot.app.store, { nom: 'Diallo', numeroCir: '00696666' });
      const { final } = await send(
        bot,
        await handMadeTable(nationalHeaders(), [
          row('Diallo', '0069 6666'),
          row('Nguyen', '00697777'),
        ]),
      );
      const card = text(cardOf(final));
      assert.match(card, /2 lignes importées, 0 ligne refusée/);
      assert.match(card, /Créées : 1 · mises à jour : 0 · inchangées : 1 · refusées : 0/);
      assert.ok(!card.includes(existing.number), 'an unchanged row is counted, not listed');
      assert.equal(
        await count(bot, "SELECT COUNT(*) AS n FROM requests WHERE numero_cir = '00696666'"),
        1,
      );
      assert.equal(await count(bot, 'SELECT COUNT(*) AS n FROM requests'), 2);
    });

    it('refuses bytes that are not an xlsx, a file sent in a channel, and a file from a DT admin', async () => {
      const { final } = await send(bot, Buffer.from('Nom;Prénom\nDiallo;Awa\n'), 'tableau.xlsx');
      assert.match(text(cardOf(final)), /n’est pas un classeur Excel \(\.xlsx\) lisible/);
      assert.match(text(cardOf(final)), /aucune demande n’a été créée/);

      const before = bot.connector.recorded.length;
      const channel = {
        conversationId: '19:rhone@thread.tacv2;messageid=9',
        conversationType: 'channel' as const,
      };
      bot.connector.files.set(
        'canal.xlsx',
        await handMadeTable(nationalHeaders(), [row('Diallo', '00698888')]),
      );
      await post(
        bot.url,
        fileMessage(
          people.advisor,
          bot.serviceUrl,
          'canal.xlsx',
          `${bot.serviceUrl}files/canal.xlsx`,
          channel,
          '<at>Passerelle CIR</at>',
        ),
      );
      assert.match(
        text(bot.connector.recorded[before].activity),
        /s’envoie en conversation personnelle avec le bot/,
      );

      const fromDt = bot.connector.recorded.length;
      await post(
        bot.url,
        fileMessage(
          people.dtAdmin,
          bot.serviceUrl,
          'canal.xlsx',
          `${bot.serviceUrl}files/canal.xlsx`,
        ),
      );
      assert.match(
        text(bot.connector.recorded[fromDt].activity),
        /Votre rôle dans l'annuaire ne permet pas cette action/,
      );
      assert.equal(bot.connector.recorded.length, fromDt + 1, 'one refusal, no progress card');
      assert.equal(await count(bot, 'SELECT COUNT(*) AS n FROM requests'), 0);
    });

    it('shows progress on a large table, then the report', async () => {
      const rows = Array.from({ length: 600 }, (_, i) =>
        row('Martin', `0069${String(100000 + i)}`),
      );
      const { progress, final } = await send(bot, await handMadeTable(nationalHeaders(), rows));
      const updates = bot.connector.recorded
        .filter((r) => r.method === 'PUT' && r.activityId === progress.activityId)
        .map((r) => text(r.activity));
      assert.match(updates[0], /Vérification des lignes : 250 \/ 600/);
      assert.match(text(cardOf(final)), /600 lignes importées, 0 ligne refusée/);
      assert.equal(await count(bot, 'SELECT COUNT(*) AS n FROM requests'), 600);
    });
  });

describe('the import size limit', () => {
  it('refuses a file over IMPORT_MAX_BYTES before reading it all', async () => {
    const bot = await startTestBot({ env: { IMPORT_MAX_BYTES: '4096' } });
    try {
      await post(bot.url, messageActivity(people.advisor, bot.serviceUrl, 'aide'));
      const big = await handMadeTable(
        nationalHeaders(),
        Array.from({ length: 300 }, (_, i) => row('Martin', `0069${String(200000 + i)}`)),
      );
      assert.ok(big.length > 4096);
      const { final } = await send(bot, big);
      assert.match(text(cardOf(final)), /Ce fichier est trop volumineux \(limite : 4 Ko\)/);
      const [r] = await sqlOf(bot.app.store).all<{ n: number }>(
        'SELECT COUNT(*) AS n FROM requests',
      );
      assert.equal(Number(r.n), 0);
    } finally {
      await bot.stop();
    }
  });
});
