import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestBot, type TestBot } from '../helpers/app';
import { TestClock } from '../helpers/clock';
import { command, directoryPeople } from '../helpers/directory';
import { engines } from '../helpers/engines';
import {
  act,
  cast,
  fiche,
  ficheIdOf,
  greetAll,
  LIAISON_DIRECTORY,
  submitFiche,
  text,
} from '../helpers/liaison';
import { sqlOf } from '../helpers/sql';

const { national } = directoryPeople;

/** The PDF link of a detail card, on the test bot's real port. */
function pdfLink(bot: TestBot, card: unknown): string {
  const url = text(card).match(/"url":"(http[^"]+\/fiche-liaison\/[^"]+)"/)?.[1];
  assert.ok(url, 'a PDF link');
  return `${bot.url}${new URL(url).pathname}`;
}

/** The text pdftotext (poppler-utils) reads back from the PDF, and its page count. */
function readPdf(bytes: Buffer): { text: string; pages: number } {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-pdf-'));
  try {
    const file = join(dir, 'fiche.pdf');
    writeFileSync(file, bytes);
    const out = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return { text: out, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const engine of engines())
  describe(`the fiche de liaison's PDF for the signatory, on ${engine.name}`, () => {
    let bot: TestBot;
    let clock: TestClock;
    beforeEach(async () => {
      clock = new TestClock();
      bot = await startTestBot({
        engine,
        clock,
        env: {
          DIRECTORY_FILE: LIAISON_DIRECTORY,
          ADMIN_IDS: national.aadObjectId,
          DOWNLOAD_TTL_MINUTES: '15',
        },
      });
      await greetAll(bot);
    });
    afterEach(async () => {
      await bot.stop();
    });

    it("gives the auditor a one-page French PDF with the ML's details and the signatory's name only", async () => {
      const { card } = await submitFiche(bot, fiche());
      const ficheId = ficheIdOf(card);
      const answer = await act(bot, cast.auditor, 'liaison.pdf', { ficheId });
      assert.match(text(answer), /Fiche prête : le lien fonctionne jusqu’au/);
      const res = await fetch(pdfLink(bot, answer));
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/pdf');
      assert.match(
        res.headers.get('content-disposition') ?? '',
        /^attachment; filename="fiche-de-liaison-L\d{4}-\d{6}\.pdf"/,
      );
      assert.match(res.headers.get('cache-control') ?? '', /no-store/);
      const pdf = readPdf(Buffer.from(await res.arrayBuffer()));
      assert.equal(pdf.pages, 1);
      const flat = pdf.text.replace(/\s+/g, ' ');
      for (const expected of [
        'Fiche de liaison',
        'Mission Locale de Bourg-en-Bresse',
        '3 place Bernard, 01000 Bourg-en-Bresse',
        '+33 4 74 00 00 02',
        'Lundi–jeudi 9 h – 17 h',
        'Đặng Văn Lâm',
        'Mme Thị Ánh Nguyễn',
        'Horaires d’ouverture',
        'Référent(e)',
      ])
        assert.ok(flat.includes(expected), `PDF lacks ${expected}`);
      const today = new Intl.DateTimeFormat('fr-FR', {
        timeZone: 'Europe/Paris',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      }).format(clock.now());
      assert.ok(flat.includes(today), `PDF lacks the date ${today}`);
      // Nothing the signatory does not already know: no file number, birth date, DT, fiche number.
      const f = fiche();
      const [birthY, birthM, birthD] = String(f.dateNaissance).split('-');
      const [row] = await sqlOf(bot.app.store).all<{ number: string }>('SELECT number FROM fiches');
      for (const absent of [
        '006977771234',
        '0069 7777 1234',
        '7777',
        `${birthD}/${birthM}/${birthY}`,
        String(f.dateNaissance),
        'DT OFII de Lyon',
        'Camille Martin',
        row.number,
        'Département',
      ])
        assert.ok(!flat.includes(absent), `PDF shows ${absent}`);
      const audit = await sqlOf(bot.app.store).all<{ action: string }>(
        "SELECT action FROM audit_log WHERE action = 'fiche.pdf'",
      );
      assert.equal(audit.length, 1);
    });

    it('refuses the PDF to the ML and to outsiders, and to a link that was tampered with', async () => {
      const { card } = await submitFiche(bot, fiche());
      const ficheId = ficheIdOf(card);
      const ml = await act(bot, cast.bourg, 'liaison.pdf', { ficheId });
      assert.match(text(ml), /réservée à la direction territoriale/);
      const outsider = await act(bot, cast.otherDt, 'liaison.pdf', { ficheId });
      assert.match(text(outsider), /réservée à la direction territoriale/);
      assert.ok(!text(outsider).includes('/fiche-liaison/'));
      const answer = await act(bot, cast.auditor, 'liaison.pdf', { ficheId });
      const link = pdfLink(bot, answer);
      const forged = link.slice(0, -2) + (link.endsWith('AA') ? 'BB' : 'AA');
      const res = await fetch(forged);
      assert.equal(res.status, 403);
      assert.match(await res.text(), /Lien non valide/);
      assert.ok(bot.logs.some((l) => l.code === 'E_FICHE_LINK_REFUSED'));
    });

    it('lets the link expire with the PDF: gone afterwards, and erased by the purge', async () => {
      const { card } = await submitFiche(bot, fiche());
      const answer = await act(bot, cast.auditor, 'liaison.pdf', { ficheId: ficheIdOf(card) });
      const link = pdfLink(bot, answer);
      const sql = sqlOf(bot.app.store);
      const [file] = await sql.all<{ expires_at: string }>('SELECT expires_at FROM table_files');
      const ttl = new Date(file.expires_at).getTime() - clock.now().getTime();
      assert.ok(ttl > 14 * 60_000 && ttl <= 15 * 60_000 + 1_000, `stored for ${ttl} ms`);
      clock.advance(15 * 60_000 + 1_000);
      const res = await fetch(link);
      assert.equal(res.status, 410);
      assert.match(await res.text(), /Lien expiré/);
      const now = clock.now().toISOString();
      await bot.app.store.tableFiles.purge(now, now, now);
      assert.equal((await sql.all('SELECT id FROM table_files')).length, 0);
    });

    it("loads a structure's contact details from the directory file, and exports them in it", async () => {
      const contact = await bot.app.store.structureContacts.get('ml-villeurbanne');
      assert.deepEqual(contact, {
        postalAddress: '12 rue Émile-Zola, 69100 Villeurbanne',
        phone: '+33472000001',
        openingHours: 'Du lundi au vendredi, 9 h – 12 h 30 et 13 h 30 – 17 h',
        referentName: 'Hélène Dupré',
      });
      const { cards } = await command(bot, national, 'annuaire export');
      const url = JSON.stringify(cards).match(/"url":"(http[^"]+\/annuaire\/export\/[^"]+)"/)?.[1];
      assert.ok(url);
      const file = (await (await fetch(`${bot.url}${new URL(url).pathname}`)).json()) as {
        structures: Record<string, unknown>[];
      };
      const exported = file.structures.find((s) => s.id === 'ml-bourg');
      assert.equal(exported?.referentName, 'Đặng Văn Lâm');
      assert.equal(exported?.phone, '+33474000002');
      assert.equal(exported?.postalAddress, '3 place Bernard, 01000 Bourg-en-Bresse');
      const lyon = file.structures.find((s) => s.id === 'ml-lyon');
      assert.ok(lyon && !('referentName' in lyon), 'absent fields stay absent');
    });
  });
