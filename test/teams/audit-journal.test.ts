import { strict as assert } from 'node:assert';
import ExcelJS from 'exceljs';
import { decrypt } from '../../src/files/encrypt';
import type { AuditEvent } from '../../src/storage/store';
import { startTestBot, type TestBot } from '../helpers/app';
import { TestClock } from '../helpers/clock';
import { engines } from '../helpers/engines';
import { cardOf, fileMessage, runExport } from '../helpers/tableau';
import type { Recorded } from '../helpers/connector-stand-in';
import { act as click, answer, figures, openRequest as open, text } from '../helpers/request-life';
import {
  inPersonal,
  invokeActivity,
  messageActivity,
  people,
  personalChat,
  post,
  type Persona,
} from '../helpers/teams';

/** Every audit event, oldest first. */
async function events(bot: TestBot): Promise<AuditEvent[]> {
  const { events: all } = await bot.app.store.audit.list({ structureIds: 'all', limit: 1000 });
  return all.reverse();
}

const say = async (bot: TestBot, p: Persona, words: string) => {
  const before = bot.connector.recorded.length;
  const res = await post(bot.url, messageActivity(p, bot.serviceUrl, words));
  assert.equal(res.status, 200);
  return bot.connector.recorded.slice(before).filter((r) => r.conversationId === personalChat(p));
};

/** The journal card answering `words` (other messages may reach the chat meanwhile). */
const journal = async (bot: TestBot, p: Persona, words: string) => {
  const replies = await say(bot, p, words);
  const found = replies.find((r) => /Journal d’audit/.test(text(r.activity)));
  assert.ok(found, replies.map((r) => text(r.activity).slice(0, 200)).join('\n'));
  return cardOf(found);
};

/** Opens a request (flow 1) and returns its id and number. */
async function openRequest(bot: TestBot): Promise<{ requestId: string; number: string }> {
  const requestId = await open(bot);
  const r = await bot.app.store.requests.get(requestId);
  return { requestId, number: r!.number };
}

for (const engine of engines())
  describe(`the audit of every read, and /journal, on ${engine.name}`, () => {
    let bot: TestBot;
    beforeEach(async () => {
      bot = await startTestBot({ engine, clock: new TestClock() });
      for (const p of [people.advisor, people.dt1, people.dt2, people.dtAdmin, people.otherDt])
        await say(bot, p, 'aide');
    });
    afterEach(async () => {
      await bot.stop();
    });

    it('records who, from which structure, did or was refused what, on which request — never the person’s fields', async () => {
      const { requestId, number } = await openRequest(bot);
      // The DT correspondent reads the detail (refresh), answers, the advisor exports the table.
      const refresh = invokeActivity(
        people.dt1,
        bot.serviceUrl,
        'demande.voir',
        { requestId },
        'card-1',
        inPersonal(people.dt1),
        'automatic',
      );
      assert.match(text((await post(bot.url, refresh)).body.value), /Diallo/);
      assert.match(text(await answer(bot, requestId)), /Complétée/);
      await click(bot, people.advisor, 'demande.voir', { requestId });
      await say(bot, people.advisor, `/suivi ${number}`);
      await runExport(bot, people.advisor);
      // Refused: a correspondent of another DT tries to answer; the outsider asks for the detail.
      assert.match(
        text(await answer(bot, requestId, people.otherDt)),
        /pas adressée à votre direction territoriale/,
      );
      await click(bot, people.otherDt, 'demande.voir', { requestId });

      const all = await events(bot);
      const line = (e: AuditEvent) =>
        [e.action, e.outcome, e.actor, e.actorStructureId, e.requestNumber ?? '-'].join(' ');
      const shown = all.map(line);
      const a = people.advisor.aadObjectId;
      const d = people.dt1.aadObjectId;
      const o = people.otherDt.aadObjectId;
      for (const expected of [
        `request.create ok ${a} ml-villeurbanne ${number}`,
        `request.read ok ${d} dt-lyon ${number}`,
        `request.answer ok ${d} dt-lyon ${number}`,
        `request.read ok ${a} ml-villeurbanne ${number}`,
        `request.search ok ${a} ml-villeurbanne ${number}`,
        `table.export ok ${a} ml-villeurbanne -`,
        `demande.repondre refused ${o} dt-grenoble ${number}`,
        `request.read refused ${o} dt-grenoble ${number}`,
      ])
        assert.ok(shown.includes(expected), `${expected}\n in\n${shown.join('\n')}`);
      const order = [
        'request.create',
        'request.read',
        'request.answer',
        'request.read',
        'request.search',
        'table.export',
        'demande.repondre',
        'request.read',
      ];
      let at = -1;
      for (const action of order) {
        at = all.findIndex((e, i) => i > at && e.action === action);
        assert.ok(at >= 0, `${action} in order`);
      }
      assert.match(
        all.find((e) => e.action === 'demande.repondre')?.detail ?? '',
        /E_NOT_ROUTED_DT/,
      );
      const stored = JSON.stringify(all);
      for (const secret of [
        'Diallo',
        'Aïssatou',
        'CIR-0069-1234',
        figures().positionnementLinguistique,
        figures().prescriptionInitiale,
      ])
        assert.ok(!stored.includes(secret), `the audit holds ${secret}`);
      console.log(
        `      audit events of the flow:\n${shown.map((s) => `        ${s}`).join('\n')}`,
      );
    });

    it('audits a national table refused at import, with its code and no row of it', async () => {
      bot.connector.files.set('tableau.xlsx', Buffer.from('pas un classeur'));
      const url = `${bot.serviceUrl}files/tableau.xlsx`;
      const before = bot.connector.recorded.length;
      const res = await post(
        bot.url,
        fileMessage(people.advisor, bot.serviceUrl, 'tableau.xlsx', url),
      );
      assert.equal(res.status, 200);
      // The refusal card replaces the progress card, in the transaction that audits it.
      const progress = bot.connector.recorded[before];
      await bot.connector.waitFor(
        () =>
          bot.connector.recorded.some(
            (r) =>
              r.method === 'PUT' &&
              r.activityId === progress.activityId &&
              !/Vérification des lignes|Lecture du fichier/.test(text(r.activity)),
          ),
        15_000,
      );
      const [refused] = (await events(bot)).filter((e) => e.action === 'table.import');
      assert.equal(refused.outcome, 'refused');
      assert.equal(refused.actor, people.advisor.aadObjectId);
      assert.equal(refused.actorStructureId, 'ml-villeurbanne');
      assert.match(refused.detail ?? '', /^code=E_/);
    });

    it('refuses /journal to anyone but an admin, in French, naming who may, and audits the refusal', async () => {
      const [reply] = await say(bot, people.advisor, '/journal');
      const said = text(reply.activity);
      assert.match(said, /réservé aux administrateurs du partenariat/);
      assert.match(said, /ADMIN_IDS/);
      const refused = (await events(bot)).filter((e) => e.outcome === 'refused');
      assert.deepEqual(
        refused.map((e) => [e.action, e.actor, e.detail]),
        [['command:journal', people.advisor.aadObjectId, 'code=E_JOURNAL_ADMIN_ONLY']],
      );
    });

    it('pages the journal for the partnership’s admin, filters it by request, person and period, and shows only their partnership', async () => {
      const { requestId, number } = await openRequest(bot);
      for (let i = 0; i < 12; i += 1) await click(bot, people.dt1, 'demande.voir', { requestId });
      await click(bot, people.dt2, 'demande.voir', { requestId });
      // Another partnership's reads stay out of the DT Lyon admin's journal.
      await say(bot, people.otherDt, '/suivi');

      const card = await journal(bot, people.dtAdmin, '/journal');
      const shown = text(card);
      assert.match(shown, /Journal d’audit/);
      assert.match(shown, /Page 1 sur 2/);
      assert.match(shown, /Demande consultée — fait — demande n° \d{4}-\d{6}/);
      assert.match(shown, /Camille Martin \(DT OFII de Lyon\)/);
      assert.doesNotMatch(shown, /Agent Grenoble/);
      const next = (
        card.actions as { verb: string; title: string; data: Record<string, unknown> }[]
      ).find((x) => x.title === 'Suivants');
      assert.equal(next?.verb, 'journal.page');
      const second = text(await click(bot, people.dtAdmin, 'journal.page', next!.data));
      assert.match(second, /Page 2 sur 2/);
      assert.match(second, /Demande ouverte — fait/);

      const byRequest = text(await journal(bot, people.dtAdmin, `/journal ${number}`));
      assert.match(byRequest, new RegExp(`Demande n° ${number}`));
      assert.match(byRequest, /14 événement\(s\)/);
      const byPerson = text(await journal(bot, people.dtAdmin, '/journal karim'));
      assert.match(byPerson, /1 événement\(s\) — Personne : Karim Benali/);
      const stranger = text(await journal(bot, people.dtAdmin, '/journal Agent Grenoble'));
      assert.match(stranger, /Aucune personne de l’annuaire ne correspond/);
      const year = new Date().getUTCFullYear();
      const thisYear = text(await journal(bot, people.dtAdmin, `/journal ${year}`));
      assert.match(thisYear, /Période : du 01\/01\/\d{4} au 31\/12\/\d{4}/);
      assert.doesNotMatch(thisYear, /Aucun événement/);
      const past = text(await journal(bot, people.dtAdmin, '/journal 2020'));
      assert.match(past, /0 événement\(s\)/);
      assert.ok(
        (await events(bot)).some(
          (e) => e.action === 'journal.read' && e.actor === people.dtAdmin.aadObjectId,
        ),
        'reading the journal is audited',
      );
    });

    it('shows every partnership to a global admin (ADMIN_IDS), and answers a filter it cannot read in French', async () => {
      await bot.stop();
      bot = await startTestBot({
        engine,
        env: { ADMIN_IDS: people.otherMl.aadObjectId },
      });
      for (const p of [people.advisor, people.otherDt, people.otherMl]) await say(bot, p, 'aide');
      await openRequest(bot);
      await say(bot, people.otherDt, '/suivi');
      const all = text(await journal(bot, people.otherMl, '/journal'));
      assert.match(all, /Tous les partenariats/);
      assert.match(all, /Demande ouverte — fait/);
      assert.match(all, /Agent Grenoble \(DT OFII de Grenoble\)/);
      const odd = text(await journal(bot, people.otherMl, '/journal 9999-99 zz'));
      assert.match(odd, /Aucune personne de l’annuaire ne correspond à « 9999-99 zz »/);
      const far = text(
        await click(bot, people.otherMl, 'journal.page', { q: '', offset: '-5', cardVersion: 1 }),
      );
      // A negative offset reads as the first page.
      assert.match(far, /Journal consulté — fait/);
      assert.doesNotMatch(far, /"title":"Précédents"/);
    });

    it('exports the journal as a protected xlsx that decrypts and holds the events', async () => {
      const { number } = await openRequest(bot);
      const listed = await journal(bot, people.dtAdmin, '/journal');
      const exportAction = (
        listed.actions as { verb: string; data: Record<string, unknown> }[]
      ).find((x) => x.verb === 'journal.exporter');
      assert.ok(exportAction);
      const before = bot.connector.recorded.length;
      const answer = text(await click(bot, people.dtAdmin, 'journal.exporter', exportAction.data));
      assert.match(answer, /Préparation du fichier du journal/);
      const isPassword = (r: Recorded) =>
        r.method === 'POST' && /tableau\.motdepasse/.test(text(r.activity));
      const isReady = (r: Recorded) => /Télécharger le journal/.test(text(r.activity));
      await bot.connector.waitFor(
        () =>
          bot.connector.recorded.slice(before).some(isPassword) &&
          bot.connector.recorded.slice(before).some(isReady),
        30_000,
      );
      const ready = cardOf(bot.connector.recorded.slice(before).find(isReady)!);
      const url = (ready.actions as { type: string; url: string }[]).find(
        (x) => x.type === 'Action.OpenUrl',
      )!.url;
      const pw = cardOf(bot.connector.recorded.slice(before).find(isPassword)!);
      const secretId = (pw.actions as { data: { secretId: string } }[])[0].data.secretId;
      const shown = text(
        await click(bot, people.dtAdmin, 'tableau.motdepasse', { secretId, masquer: false }),
      );
      const password =
        /"fontType":"Monospace"[^}]*?"text":"([^"]+)"|"text":"([^"]+)"[^}]*?"fontType":"Monospace"/
          .exec(shown)
          ?.slice(1)
          .find(Boolean) as string;
      assert.ok(password);
      const download = await fetch(url.replace(bot.app.config.publicUrl, bot.url));
      assert.equal(download.status, 200);
      const file = Buffer.from(await download.arrayBuffer());
      await assert.rejects(decrypt(file, 'not-the-password'));
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await decrypt(file, password)) as unknown as ExcelJS.Buffer);
      const rows: string[] = [];
      workbook.getWorksheet('Journal')!.eachRow((row) => rows.push(JSON.stringify(row.values)));
      assert.match(
        rows[0],
        /Date.*Personne.*Identifiant Entra.*Structure.*Action.*Résultat.*N° demande/,
      );
      assert.ok(
        rows.some((r) => r.includes('Demande ouverte') && r.includes(number)),
        rows.join('\n'),
      );
      assert.ok(rows.some((r) => r.includes('Journal consulté') && r.includes('Admin DT')));
      assert.ok(!rows.join('').includes('Diallo'));
      const all = await events(bot);
      assert.ok(
        all.some((e) => e.action === 'journal.export' && e.actor === people.dtAdmin.aadObjectId),
      );
      assert.ok(
        all.some((e) => e.action === 'file.download' && e.actor === people.dtAdmin.aadObjectId),
      );
    });
  });
