import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { startTestBot, type TestBot } from '../helpers/app';
import { TestClock } from '../helpers/clock';
import { bindChannel, CHANNEL, inChannel, meet, planCommittee } from '../helpers/committees';
import type { Recorded } from '../helpers/connector-stand-in';
import { engines } from '../helpers/engines';
import { findMsoffcrypto } from '../files/fixtures';
import { cardOf, text } from '../helpers/tableau';
import {
  invokeActivity,
  people,
  personalChat,
  post,
  type Persona,
  type Where,
} from '../helpers/teams';
import { sqlOf } from '../helpers/sql';

// Monday 11 January 2027, 09:00 in Paris.
const START = new Date('2027-01-11T08:00:00.000Z');

async function ask(bot: TestBot, p: Persona, committeeId: string, where: Where = inChannel) {
  const res = await post(
    bot.url,
    invokeActivity(
      p,
      bot.serviceUrl,
      'comite.correspondants',
      { partnershipId: 'rhone', committeeId },
      'card-1',
      where,
    ),
  );
  assert.equal(res.status, 200);
  return text(res.body.value);
}

/** Waits for the list's card where it was asked and the password card in the personal chat. */
async function delivered(bot: TestBot, p: Persona, where: string, before: number) {
  const isList = (r: Recorded) =>
    r.conversationId === where && /Liste des correspondants prête/.test(text(r.activity));
  const isPassword = (r: Recorded) =>
    r.conversationId === personalChat(p) && /tableau\.motdepasse/.test(text(r.activity));
  await bot.connector.waitFor(
    () =>
      bot.connector.recorded.slice(before).some(isList) &&
      bot.connector.recorded.slice(before).some(isPassword),
    40_000,
  );
  const list = bot.connector.recorded.slice(before).find(isList) as Recorded;
  const password = bot.connector.recorded.slice(before).find(isPassword) as Recorded;
  const open = (cardOf(list).actions as { type: string; url: string }[]).find(
    (a) => a.type === 'Action.OpenUrl',
  );
  const execute = (cardOf(password).actions as { data: { secretId: string } }[])[0];
  return { list, password, url: open?.url, secretId: execute.data.secretId };
}

/** The password, from the reveal invoke's answer (never from a posted message). */
async function reveal(bot: TestBot, p: Persona, secretId: string, replyTo: string) {
  const res = await post(
    bot.url,
    invokeActivity(p, bot.serviceUrl, 'tableau.motdepasse', { secretId, masquer: false }, replyTo),
  );
  const m =
    /"fontType":"Monospace"[^}]*?"text":"([^"]+)"|"text":"([^"]+)"[^}]*?"fontType":"Monospace"/.exec(
      text(res.body.value),
    );
  return m?.[1] ?? m?.[2];
}

for (const engine of engines())
  describe(`the comité de pilotage's correspondent list, a protected xlsx, on ${engine.name}`, () => {
    let bot: TestBot;
    let dir: string;
    beforeEach(async () => {
      bot = await startTestBot({ engine, clock: new TestClock(START) });
      dir = mkdtempSync(join(tmpdir(), 'passerelle-correspondants-'));
      await bindChannel(bot);
    });
    afterEach(async () => {
      await bot.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('gives a partner the list in the channel and the password in their personal chat, readable after msoffcrypto-tool', async function () {
      this.timeout(90_000);
      const tool = findMsoffcrypto();
      if ('missing' in tool) this.skip();
      const id = await planCommittee(bot);
      await meet(bot, people.advisor);
      const before = bot.connector.recorded.length;
      const answer = await ask(bot, people.advisor, id);
      assert.match(answer, /en préparation/);
      const run = await delivered(bot, people.advisor, CHANNEL, before);
      assert.ok(run.url?.startsWith(`${bot.app.config.publicUrl}/telechargement/`));

      const download = await fetch((run.url as string).replace(bot.app.config.publicUrl, bot.url));
      assert.equal(download.status, 200);
      assert.match(
        download.headers.get('content-disposition') ?? '',
        /filename="correspondants_dt-ofii-de-lyon_2027-01-11\.xlsx"/,
      );
      const input = join(dir, 'liste.xlsx');
      writeFileSync(input, Buffer.from(await download.arrayBuffer()));
      const password = await reveal(bot, people.advisor, run.secretId, run.password.activityId);
      assert.ok(password && password.length >= 16);

      const output = join(dir, 'clair.xlsx');
      const cli = spawnSync((tool as { cli: string }).cli, ['-p', password, input, output], {
        encoding: 'utf8',
      });
      assert.equal(cli.status, 0, `msoffcrypto-tool failed: ${cli.stderr}`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(readFileSync(output) as unknown as ExcelJS.Buffer);
      const sheet = workbook.worksheets[0];
      assert.equal(sheet.name, 'Correspondants');
      const rows: string[][] = [];
      sheet.eachRow((row) =>
        rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))),
      );
      assert.deepEqual(rows, [
        ['Structure', 'Nom', 'Rôle', 'Courriel', 'Téléphone'],
        ['DT OFII de Lyon', 'Admin DT', 'Coordination du partenariat', '', ''],
        [
          'DT OFII de Lyon',
          'Camille Martin',
          'Correspondant·e (DT OFII)',
          'camille.martin@ofii.example.org',
          '+33400000000',
        ],
        ['DT OFII de Lyon', 'Karim Benali', 'Correspondant·e (DT OFII)', '', ''],
        [
          'Mission Locale de Villeurbanne',
          'Léa Conseillère',
          'Conseiller·ère (Mission Locale)',
          'lea@ml-villeurbanne.example.org',
          '',
        ],
      ]);
      const zip = await JSZip.loadAsync(readFileSync(output));
      const xml = (await zip.file('xl/worksheets/sheet1.xml')?.async('string')) ?? '';
      assert.match(xml, /<sheetProtection [^>]*sheet="1"/, 'the sheet cannot be amended');

      // Nothing Teams stores carries the password or a person's coordinates.
      for (const r of bot.connector.recorded) {
        const json = JSON.stringify(r.activity);
        assert.ok(!json.includes(password), 'password in a message');
        assert.ok(!json.includes('camille.martin@'), 'an e-mail address in a message');
      }
      assert.ok(!JSON.stringify(bot.logs).includes(password), 'password in the logs');
      const [audit] = await sqlOf(bot.app.store).all<{ detail: string }>(
        "SELECT detail FROM audit_log WHERE action = 'correspondents.export'",
      );
      assert.match(audit.detail, /partnership=rhone people=4 delivery=link/);
    });

    it('refuses a person of another partnership and a stranger, in French, and builds nothing', async () => {
      const id = await planCommittee(bot);
      for (const p of [people.otherMl, people.stranger]) await meet(bot, p);
      const before = bot.connector.recorded.length;
      assert.match(
        await ask(bot, people.otherMl, id, {
          conversationId: personalChat(people.otherMl),
          conversationType: 'personal',
        }),
        /Comité introuvable dans vos partenariats/,
      );
      assert.match(await ask(bot, people.stranger, id), /ne figurez pas dans l'annuaire/);
      await new Promise((r) => setTimeout(r, 300));
      assert.ok(
        !bot.connector.recorded.slice(before).some((r) => /correspondants/.test(text(r.activity))),
      );
      assert.equal((await sqlOf(bot.app.store).all('SELECT id FROM table_files')).length, 0);
      assert.ok(
        bot.logs.some((l) => l.code === 'E_COMMITTEE_NOT_FOUND'),
        'the operator’s log line names the refusal',
      );
    });

    it('asks for a personal chat first, since the password goes there only', async () => {
      const id = await planCommittee(bot);
      const answer = await ask(bot, people.dt2, id);
      assert.match(answer, /écrivez d’abord « aide » au bot en conversation personnelle/);
      assert.equal((await sqlOf(bot.app.store).all('SELECT id FROM table_secrets')).length, 0);
    });
  });
