import { strict as assert } from 'node:assert';
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decrypt } from '../../src/files/encrypt';
import type { ChannelFileUploader, ChannelTarget } from '../../src/files/channel-upload';
import { startTestBot, type TestBot } from '../helpers/app';
import { TestClock } from '../helpers/clock';
import { ConnectorStandIn } from '../helpers/connector-stand-in';
import { engines } from '../helpers/engines';
import { cardOf, runExport, seedRequest, text } from '../helpers/tableau';
import {
  inPersonal,
  invokeActivity,
  messageActivity,
  people,
  personalChat,
  post,
} from '../helpers/teams';
import { sqlOf } from '../helpers/sql';

const thisYear = new Date().getUTCFullYear();

async function rowsOf(file: Buffer, password: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await decrypt(file, password)) as unknown as ExcelJS.Buffer);
  const out: string[][] = [];
  workbook.worksheets[0].eachRow((row) =>
    out.push(
      (row.values as unknown[])
        .slice(1)
        .map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ''))),
    ),
  );
  return out;
}

async function reveal(bot: TestBot, who: typeof people.advisor, secretId: string, replyTo: string) {
  const res = await post(
    bot.url,
    invokeActivity(
      who,
      bot.serviceUrl,
      'tableau.motdepasse',
      { secretId, masquer: false },
      replyTo,
    ),
  );
  assert.equal(res.status, 200);
  return res.body.value as Record<string, any>;
}

const passwordIn = (card: Record<string, any>): string | undefined =>
  JSON.stringify(card)
    .match(
      /"fontType":"Monospace"[^}]*?"text":"([^"]+)"|"text":"([^"]+)"[^}]*?"fontType":"Monospace"/,
    )
    ?.slice(1)
    .find(Boolean);

for (const engine of engines())
  describe(`/tableau, the protected national table, on ${engine.name}`, () => {
    let bot: TestBot;
    let clock: TestClock;
    beforeEach(async () => {
      clock = new TestClock();
      bot = await startTestBot({ engine, clock });
      // Everyone has talked to the bot in a personal chat once.
      for (const p of [people.advisor, people.dt1, people.otherMl])
        await post(bot.url, messageActivity(p, bot.serviceUrl, 'aide'));
    });
    afterEach(async () => {
      await bot.stop();
    });

    it('gives an advisor their ML’s table behind a link, and the password only to them, in their personal chat', async () => {
      const store = bot.app.store;
      await seedRequest(store, {
        nom: 'Diallo',
        numeroCir: '0069AAA1',
        createdAt: `${thisYear}-01-15T10:00:00.000Z`,
      });
      await seedRequest(store, {
        nom: 'Nguyen',
        numeroCir: '0069AAA2',
        createdAt: `${thisYear}-02-15T10:00:00.000Z`,
        status: 'completee',
      });
      await seedRequest(store, { nom: 'Annulé', numeroCir: '0069AAA3', status: 'annulee' });
      await seedRequest(store, {
        nom: 'Grenoble',
        numeroCir: '0038BBB1',
        mlId: 'ml-grenoble',
        dtId: 'dt-grenoble',
      });
      await seedRequest(store, {
        nom: 'Ancien',
        numeroCir: '0069AAA4',
        createdAt: `${thisYear - 1}-12-31T22:30:00.000Z`,
      });
      const erased = await seedRequest(store, { nom: 'Effacé', numeroCir: '0069AAA5' });
      await sqlOf(store).run(
        'UPDATE requests SET nom = NULL, prenom = NULL, civilite = NULL, date_naissance = NULL, numero_cir = NULL, erased_at = ? WHERE id = ?',
        [new Date().toISOString(), erased.id],
      );

      const run = await runExport(bot, people.advisor);
      const ready = text(cardOf(run.ready));
      assert.match(ready, /Tableau prêt — Mission Locale de Villeurbanne \(2 lignes/);
      assert.ok(
        run.url?.startsWith(`${bot.app.config.publicUrl}/telechargement/`),
        'a link to the bot’s own route',
      );
      assert.equal(run.password.conversationId, personalChat(people.advisor));

      // PORT=0 in tests: the public URL names port 0, the bot listens elsewhere.
      const download = await fetch((run.url as string).replace(bot.app.config.publicUrl, bot.url));
      assert.equal(download.status, 200);
      assert.match(
        download.headers.get('content-disposition') ?? '',
        /^attachment; filename="tableau-cir_mission-locale-de-villeurbanne_/,
      );
      assert.match(download.headers.get('cache-control') ?? '', /no-store/);
      const file = Buffer.from(await download.arrayBuffer());

      const shown = await reveal(bot, people.advisor, run.secretId, run.password.activityId);
      const password = passwordIn(shown);
      assert.ok(password && password.length >= 16, 'the invoke answer shows the password');
      await assert.rejects(decrypt(file, 'not-the-password'));
      const rows = await rowsOf(file, password);
      assert.deepEqual(rows[0].slice(0, 5), [
        'Civilité',
        'Nom',
        'Prénom',
        'Date de naissance',
        'N° CIR',
      ]);
      assert.deepEqual(
        rows
          .slice(1)
          .map((r) => r[1])
          .sort(),
        ['Diallo', 'Nguyen'],
        'only this ML’s live requests of the year',
      );

      // The password is in no message Teams stores and in no log line.
      for (const r of bot.connector.recorded)
        assert.ok(!JSON.stringify(r.activity).includes(password), 'password in a message');
      assert.ok(!JSON.stringify(bot.logs).includes(password), 'password in the logs');
      const hidden = await post(
        bot.url,
        invokeActivity(
          people.advisor,
          bot.serviceUrl,
          'tableau.motdepasse',
          { secretId: run.secretId, masquer: true },
          run.password.activityId,
        ),
      );
      assert.ok(!text(hidden.body.value).includes(password), 'hidden again on demand');
      const audit = await sqlOf(store).all<{ action: string; detail: string }>(
        "SELECT action, detail FROM audit_log WHERE action LIKE 'table.%' ORDER BY id",
      );
      assert.deepEqual(
        audit.map((a) => a.action),
        ['table.export', 'table.password.reveal'],
      );
      assert.match(
        audit[0].detail,
        /structure=ml-villeurbanne rows=2 period=\d{4}-01-01\.\.\d{4}-12-31 delivery=link/,
      );
    });

    it('refuses the password to anyone else and erases it once the reveal window is over', async () => {
      const run = await runExport(bot, people.advisor, String(thisYear));
      const other = await reveal(bot, people.dt1, run.secretId, run.password.activityId);
      assert.match(text(other), /réservé à la personne qui a demandé le tableau/);
      assert.equal(passwordIn(other), undefined);

      clock.advance(11 * 60_000);
      const late = await reveal(bot, people.advisor, run.secretId, run.password.activityId);
      assert.match(text(late), /a été effacé/);
      assert.equal(passwordIn(late), undefined);
      const [secret] = await sqlOf(bot.app.store).all<{
        sealed: string | null;
        erased_at: string | null;
      }>('SELECT sealed, erased_at FROM table_secrets');
      assert.equal(secret.sealed, null);
      assert.ok(secret.erased_at);
    });

    it('exports a month for a DT correspondent asking in a channel: the file goes to the channel’s files through Graph', async () => {
      await bot.stop();
      const uploads: { target: ChannelTarget; name: string; bytes: number }[] = [];
      const uploader: ChannelFileUploader = {
        async upload(target, name, content) {
          uploads.push({ target, name, bytes: content.length });
          return {
            name,
            webUrl: `https://contoso.sharepoint.com/sites/rhone/Shared%20Documents/${name}`,
          };
        },
      };
      bot = await startTestBot({ engine, clock, overrides: { channelUploader: uploader } });
      await post(bot.url, messageActivity(people.dt1, bot.serviceUrl, 'aide'));
      await seedRequest(bot.app.store, {
        nom: 'Mars',
        numeroCir: '0069MAR1',
        createdAt: `${thisYear}-03-10T10:00:00.000Z`,
      });
      await seedRequest(bot.app.store, {
        nom: 'Avril',
        numeroCir: '0069AVR1',
        createdAt: `${thisYear}-04-10T10:00:00.000Z`,
      });
      const channel = {
        conversationId: '19:rhone@thread.tacv2;messageid=1700',
        conversationType: 'channel' as const,
      };
      const channelData = {
        tenant: { id: people.dt1.tenantId },
        team: { id: '19:team@thread.tacv2', aadGroupId: 'aaaa0000-1111-4222-8333-444455556666' },
        channel: { id: '19:rhone@thread.tacv2' },
      };
      const run = await runExport(bot, people.dt1, `${thisYear}-03`, channel, { channelData });
      assert.equal(run.progress.conversationId, channel.conversationId);
      assert.deepEqual(
        uploads.map((u) => u.target),
        [
          {
            tenantId: people.dt1.tenantId,
            teamId: 'aaaa0000-1111-4222-8333-444455556666',
            channelId: '19:rhone@thread.tacv2',
          },
        ],
      );
      const ready = text(cardOf(run.ready));
      assert.match(ready, /onglet « Fichiers » de ce canal/);
      assert.match(ready, /DT OFII de Lyon \(1 ligne/);
      assert.match(ready, /sharepoint\.com/);
      assert.match(
        text(cardOf(run.ready)),
        /mot de passe vous a été envoyé en conversation personnelle/,
      );
      assert.equal(run.password.conversationId, personalChat(people.dt1));
      const [{ n }] = await sqlOf(bot.app.store).all<{ n: number }>(
        'SELECT COUNT(*) AS n FROM table_files',
      );
      assert.equal(Number(n), 0, 'no link when the file is in the channel');
    });

    it('asks for a personal chat first when the requester never opened one', async () => {
      const before = bot.connector.recorded.length;
      const channel = {
        conversationId: '19:rhone@thread.tacv2;messageid=1',
        conversationType: 'channel' as const,
      };
      await post(
        bot.url,
        messageActivity(people.dt2, bot.serviceUrl, '<at>Passerelle CIR</at> tableau', channel),
      );
      const answer = bot.connector.recorded.slice(before);
      assert.equal(answer.length, 1);
      assert.match(text(answer[0].activity), /conversation personnelle avec le bot/);
      const [{ n }] = await sqlOf(bot.app.store).all<{ n: number }>(
        'SELECT COUNT(*) AS n FROM table_jobs',
      );
      assert.equal(Number(n), 0, 'nothing is built');
    });

    it('explains the period with examples, and refuses people outside the directory', async () => {
      for (const [who, command, expected] of [
        [people.advisor, 'tableau 2026-13', /Exemples : « tableau 2026 »/],
        [people.advisor, 'tableau demain', /Exemples/],
        [people.advisor, '/tableau import', /envoyez le fichier \.xlsx/],
        [people.stranger, 'tableau', /ne figurez pas dans l'annuaire/],
      ] as const) {
        const before = bot.connector.recorded.length;
        await post(bot.url, messageActivity(who, bot.serviceUrl, command, inPersonal(who)));
        assert.match(text(bot.connector.recorded[before].activity), expected, command);
      }
    });
  });

describe('an export or import a stopped process left behind', () => {
  it('gets its progress card closed with a French message when the bot starts again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-tableau-'));
    const connector = new ConnectorStandIn();
    await connector.start();
    try {
      const first = await startTestBot({ dir, connector });
      await post(first.url, messageActivity(people.advisor, first.serviceUrl, 'aide'));
      const reference = await first.app.store.references.get(
        'conversation',
        personalChat(people.advisor),
      );
      const tenMinutesAgo = new Date(Date.now() - 10 * 60_000).toISOString();
      await sqlOf(first.app.store).run(
        "INSERT INTO table_jobs (id, kind, owner, conversation_id, activity_id, reference, status, created_at) VALUES ('job-1', 'export', ?, ?, 'act-progress', ?, 'running', ?)",
        [
          people.advisor.aadObjectId,
          personalChat(people.advisor),
          JSON.stringify(reference),
          tenMinutesAgo,
        ],
      );
      await first.stop();

      const second = await startTestBot({ dir, connector });
      try {
        await second.connector.waitFor(() =>
          second.connector.recorded.some(
            (r) => r.method === 'PUT' && r.activityId === 'act-progress',
          ),
        );
        const closed = second.connector.recorded.find(
          (r) => r.method === 'PUT' && r.activityId === 'act-progress',
        );
        assert.match(text(closed?.activity), /La préparation a été interrompue/);
        const [job] = await sqlOf(second.app.store).all<{ status: string }>(
          "SELECT status FROM table_jobs WHERE id = 'job-1'",
        );
        assert.equal(job.status, 'failed');
      } finally {
        await second.stop();
      }
    } finally {
      await connector.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
