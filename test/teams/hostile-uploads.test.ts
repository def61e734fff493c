import { strict as assert } from 'node:assert';
import { encrypt } from '../../src/files/encrypt';
import { birthDateForAge, startTestBot, type TestBot } from '../helpers/app';
import type { Recorded } from '../helpers/connector-stand-in';
import { paddedWorksheetXlsx } from '../helpers/hostile-files';
import { cardOf, fileMessage, seedRequest, text } from '../helpers/tableau';
import {
  inPersonal,
  invokeActivity,
  messageActivity,
  people,
  personalChat,
  post,
} from '../helpers/teams';
import { handMadeTable, identityRow, nationalHeaders, type CellInput } from '../files/fixtures';
import { sqlOf } from '../helpers/sql';

const MiB = 1024 * 1024;
const born = new Date(`${birthDateForAge(22)}T00:00:00Z`);
const row = (nom: string, cir: string): CellInput[] => identityRow('Mme', nom, 'Awa', born, cir);

/**
 * Sends `bytes` as a file in the advisor's personal chat; resolves with the final state of the
 * progress card.
 */
async function send(bot: TestBot, bytes: Buffer, name = 'tableau.xlsx'): Promise<Recorded> {
  bot.connector.files.set(name, bytes);
  const before = bot.connector.recorded.length;
  const res = await post(
    bot.url,
    fileMessage(
      people.advisor,
      bot.serviceUrl,
      name,
      `${bot.serviceUrl}files/${encodeURIComponent(name)}`,
      inPersonal(people.advisor),
    ),
  );
  assert.equal(res.status, 200);
  const progress = bot.connector.recorded[before];
  const isFinal = (r: Recorded) =>
    r.method === 'PUT' &&
    r.activityId === progress.activityId &&
    !/Vérification des lignes|Lecture du fichier/.test(text(r.activity));
  await bot.connector.waitFor(() => bot.connector.recorded.some(isFinal), 15_000);
  return bot.connector.recorded.find(isFinal) as Recorded;
}

async function requestCount(bot: TestBot): Promise<number> {
  const [r] = await sqlOf(bot.app.store).all<{ n: number | string }>(
    'SELECT COUNT(*) AS n FROM requests',
  );
  return Number(r.n);
}

const refusals = (bot: TestBot) => bot.logs.filter((l) => l.msg === 'import refused');

describe('hostile spreadsheets sent to the bot', function () {
  this.timeout(60_000);
  let bot: TestBot;
  let good: Buffer;
  before(async () => {
    good = await handMadeTable(nationalHeaders(), [row('Diallo', '00691111')]);
  });
  beforeEach(async () => {
    // A lowered limit, so that a few MB play the hostile gigabyte: 1 MiB once unzipped.
    bot = await startTestBot({ env: { IMPORT_MAX_UNZIPPED_BYTES: String(MiB) } });
    await post(bot.url, messageActivity(people.advisor, bot.serviceUrl, 'aide'));
    await seedRequest(bot.app.store, { nom: 'Existante', numeroCir: '00690000' });
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('refuses a small file whose worksheet inflates beyond what it declares, plainly, with a log line, and keeps what was stored', async () => {
    const final = await send(bot, await paddedWorksheetXlsx(good, 8 * MiB, 4096));
    const card = text(cardOf(final));
    assert.match(card, /une fois décompressé, sa taille ne correspond pas à celle qu’il annonce/);
    assert.match(card, /aucune demande n’a été créée/);
    assert.doesNotMatch(card, /erreur de la passerelle/);
    assert.deepEqual(
      refusals(bot).map((l) => [l.code, l.reason]),
      [['E_IMPORT_DAMAGED', 'size']],
    );
    assert.equal(
      await requestCount(bot),
      1,
      'the request stored before is still there, nothing was added',
    );
  });

  it('refuses a table that inflates beyond IMPORT_MAX_UNZIPPED_BYTES as too large once decompressed, with the limit', async () => {
    const final = await send(bot, await paddedWorksheetXlsx(good, 3 * MiB));
    assert.match(
      text(cardOf(final)),
      /Ce fichier est trop volumineux une fois décompressé \(limite : 1 Mo\)/,
    );
    const [log] = refusals(bot);
    assert.equal(log.code, 'E_IMPORT_UNZIPPED_TOO_LARGE');
    assert.equal(log.maxUnzippedBytes, MiB);
    assert.equal(await requestCount(bot), 1);
  });

  it('refuses a PDF, a truncated file and a CSV sent as .xlsx, each with its own message', async () => {
    const pdf = await send(
      bot,
      Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'),
      'tableau.xlsx',
    );
    assert.match(text(cardOf(pdf)), /n’est pas un classeur Excel \(\.xlsx\) lisible/);
    const cut = await send(bot, good.subarray(0, Math.floor(good.length / 2)), 'coupé.xlsx');
    assert.match(text(cardOf(cut)), /endommagé ou incomplet/);
    const csv = await send(bot, Buffer.from('Civilité;Nom\nMme;Diallo\n'), 'tableau.csv');
    assert.match(text(cardOf(csv)), /n’est pas un classeur Excel \(\.xlsx\) lisible/);
    assert.deepEqual(
      refusals(bot).map((l) => l.code),
      ['E_IMPORT_NOT_XLSX', 'E_IMPORT_DAMAGED', 'E_IMPORT_NOT_XLSX'],
    );
    assert.equal(await requestCount(bot), 1);
  });

  it('asks the password of an encrypted bomb, then refuses it once opened and forgets the waiting upload', async () => {
    const password = 'Mot-de-passe-du-partenaire';
    const ask = await send(
      bot,
      encrypt(await paddedWorksheetXlsx(good, 8 * MiB, 4096), password),
      'protégé.xlsx',
    );
    const submit = (cardOf(ask).actions as { data: { importId: string } }[])[0];
    const wrong = await post(
      bot.url,
      invokeActivity(
        people.advisor,
        bot.serviceUrl,
        'tableau.importer',
        { importId: submit.data.importId, motDePasse: 'non' },
        ask.activityId,
      ),
    );
    assert.match(text(wrong.body.value), /Le mot de passe ne permet pas d’ouvrir ce fichier/);
    const right = await post(
      bot.url,
      invokeActivity(
        people.advisor,
        bot.serviceUrl,
        'tableau.importer',
        { importId: submit.data.importId, motDePasse: password },
        ask.activityId,
      ),
    );
    assert.match(text(right.body.value), /sa taille ne correspond pas à celle qu’il annonce/);
    const [pending] = await sqlOf(bot.app.store).all<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM table_imports',
    );
    assert.equal(Number(pending.n), 0);
    assert.equal(await requestCount(bot), 1);
  });
});

describe('a file worker that dies', function () {
  this.timeout(60_000);

  it('answers the person when it runs out of memory, keeps answering others, and gives the next file a fresh worker', async () => {
    // 32 MiB of heap: a 20,000-row table (5 MB once unzipped, under the default limit) is too much
    // for it.
    const bot = await startTestBot({
      env: { FILE_WORKER_MAX_HEAP_MB: '32', IMPORT_MAX_ROWS: '100000' },
    });
    try {
      await post(bot.url, messageActivity(people.advisor, bot.serviceUrl, 'aide'));
      await seedRequest(bot.app.store, { nom: 'Existante', numeroCir: '00690000' });
      const big = await handMadeTable(
        nationalHeaders(),
        Array.from({ length: 20_000 }, (_, i) => row('Martin', `0069${String(100000 + i)}`)),
      );
      const final = await send(bot, big, 'gros.xlsx');
      assert.match(
        text(cardOf(final)),
        /demandait trop de mémoire : il a été arrêté et rien n’a été enregistré/,
      );
      assert.deepEqual(
        refusals(bot).map((l) => [l.code, l.cause]),
        [['E_FILE_OUT_OF_MEMORY', 'ERR_WORKER_OUT_OF_MEMORY']],
      );
      assert.equal(await requestCount(bot), 1);

      const before = bot.connector.recorded.length;
      await post(bot.url, messageActivity(people.dt1, bot.serviceUrl, 'aide'));
      assert.ok(
        bot.connector.recorded
          .slice(before)
          .some((r) => r.conversationId === personalChat(people.dt1)),
        'another user is still answered',
      );
      const next = await send(
        bot,
        await handMadeTable(nationalHeaders(), [row('Diallo', '00691111')]),
        'petit.xlsx',
      );
      assert.match(text(cardOf(next)), /1 ligne importée, 0 ligne refusée/);
      assert.equal(await requestCount(bot), 2);
    } finally {
      await bot.stop();
    }
  });
});
