import { strict as assert } from 'node:assert';
import { startTestBot, type TestBot } from '../helpers/app';
import { TestClock } from '../helpers/clock';
import { runExport, seedRequest } from '../helpers/tableau';
import { messageActivity, people, post } from '../helpers/teams';

describe('the national table’s download link, GET /telechargement/:token', () => {
  let bot: TestBot;
  let clock: TestClock;
  before(async () => {
    clock = new TestClock();
    bot = await startTestBot({ clock });
    await post(bot.url, messageActivity(people.advisor, bot.serviceUrl, 'aide'));
    await seedRequest(bot.app.store, { nom: 'Diallo', numeroCir: '0069AAA1' });
  });
  after(async () => {
    await bot.stop();
  });

  /** A fresh export's link, pointed at the port the test bot really listens on. */
  async function link(): Promise<string> {
    const run = await runExport(bot, people.advisor);
    return (run.url as string).replace(bot.app.config.publicUrl, bot.url);
  }

  async function get(url: string) {
    const res = await fetch(url);
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  }

  it('serves the encrypted file as an attachment, never cached, as many times as allowed and no more', async () => {
    const url = await link();
    for (let i = 0; i < 3; i++) {
      const res = await get(url);
      assert.equal(res.status, 200, `download ${i + 1}`);
      assert.match(res.headers.get('content-disposition') ?? '', /^attachment;/);
      assert.match(res.headers.get('cache-control') ?? '', /no-store/);
      assert.equal(
        res.headers.get('content-type'),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      // An encrypted OOXML file is an OLE compound file, not a zip.
      assert.equal(res.body.subarray(0, 4).toString('hex'), 'd0cf11e0');
    }
    const over = await get(url);
    assert.equal(over.status, 410);
    assert.match(over.headers.get('content-type') ?? '', /text\/html/);
    assert.match(over.body.toString('utf8'), /Lien expiré/);
    assert.match(over.body.toString('utf8'), /déjà servi le nombre de fois autorisé/);
  });

  it('answers 403 with a French page to a link whose signature was changed, without spending a use', async () => {
    const url = await link();
    const last = url.slice(-1) === 'A' ? 'B' : 'A';
    const tampered = await get(url.slice(0, -1) + last);
    assert.equal(tampered.status, 403);
    assert.match(tampered.headers.get('cache-control') ?? '', /no-store/);
    assert.match(tampered.body.toString('utf8'), /<html lang="fr">/);
    assert.match(tampered.body.toString('utf8'), /Ce lien de téléchargement n’est pas valide/);
    const other = url.replace(/\/telechargement\/[^.]+/, '/telechargement/autre-fichier');
    assert.equal((await get(other)).status, 403, 'another file id under the same signature');
    assert.equal((await get(url)).status, 200, 'the real link still works');
  });

  it('answers 410 once the link has expired, and after the purge has deleted the file', async () => {
    const url = await link();
    clock.advance(16 * 60_000);
    const expired = await get(url);
    assert.equal(expired.status, 410);
    assert.match(expired.body.toString('utf8'), /a expiré/);
    const now = clock.now().toISOString();
    const purged = await bot.app.store.tableFiles.purge(now, now, now);
    assert.ok(purged.files >= 1, 'the purge deletes expired files');
    clock.advance(-16 * 60_000);
    assert.equal((await get(url)).status, 410, 'a purged file is gone even within its window');
  });
});
