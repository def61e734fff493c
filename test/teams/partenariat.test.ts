/**
 * Issue 14 §3: `/partenariat`, the roadmap record. Members read it (the DDETS too), admins edit
 * it; the end of the accord-cadre refuses new requests until a renewal; admins are reminded 90
 * and 30 days before it, once, across restarts. Through /api/messages, on both engines.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { birthDateForAge, startTestBot, type TestBot } from '../helpers/app';
import { TestClock } from '../helpers/clock';
import { ConnectorStandIn } from '../helpers/connector-stand-in';
import { drainOutbox, invoke, meet, runJobs } from '../helpers/committees';
import { ADMIN_ENV, command, directoryPeople, say } from '../helpers/directory';
import { fileMessage } from '../helpers/tableau';
import { engines, type Engine } from '../helpers/engines';
import { sqlOf } from '../helpers/sql';
import { people, personalChat } from '../helpers/teams';
import { DDETS_DIRECTORY, ddetsPeople } from '../helpers/ddets';

const form = (overrides: Record<string, unknown> = {}) => ({
  partnershipId: 'rhone',
  cardVersion: 1,
  'sig.dt-lyon.nom': 'Claire Durand',
  'sig.dt-lyon.fonction': 'Directrice territoriale',
  'sig.ml-villeurbanne.nom': 'Paul Petit',
  'sig.ml-villeurbanne.fonction': 'Directeur',
  signedOn: '2022-03-15',
  signedPlace: 'Lyon',
  endDate: '2027-06-30',
  amendmentDate: '',
  amendmentSummary: '',
  ...overrides,
});

const request = () => ({
  civilite: 'M.',
  nom: 'Nguyen',
  prenom: 'Minh',
  dateNaissance: birthDateForAge(19),
  numeroCir: 'CIR-2026/0042',
  dtId: 'dt-lyon',
  cardVersion: 1,
});

const ENDED = /L’accord-cadre national dont dépend ce partenariat a pris fin le 28\/02\/2025/;

async function requestCount(bot: TestBot): Promise<number> {
  return (await sqlOf(bot.app.store).all('SELECT id FROM requests')).length;
}

for (const engine of engines()) {
  describe(`/partenariat, the roadmap record (${engine.name})`, () => {
    let bot: TestBot;
    afterEach(async () => {
      await bot?.stop();
    });

    it('shows the record to members, the DDETS included, and lets only admins edit it', async () => {
      bot = await startTestBot({ engine, env: { DIRECTORY_FILE: DDETS_DIRECTORY } });
      for (const p of [people.advisor, people.dt1, ddetsPeople.agent]) {
        const { text } = await command(bot, p, 'partenariat');
        assert.match(text, /Feuille de route/);
        assert.match(text, /Le 31\/12\/2099 \(date par défaut/);
        assert.doesNotMatch(text, /partenariat\.modifier/, `${p.name} gets no edit button`);
      }
      const admin = await command(bot, people.dtAdmin, 'Partenariat');
      assert.match(admin.text, /partenariat\.modifier/);
      // Outsiders and non-admins are refused on the server, whatever the card showed.
      const refused = await invoke(bot, people.advisor, 'partenariat.modifier', {
        partnershipId: 'rhone',
      });
      assert.match(refused.text, /Réservé aux administrateurs du partenariat/);
      const save = await invoke(bot, people.dt1, 'partenariat.enregistrer', form());
      assert.match(save.text, /Réservé aux administrateurs du partenariat/);
      const outsider = await invoke(bot, people.otherDt, 'partenariat.voir', {
        partnershipId: 'rhone',
      });
      assert.match(outsider.text, /Feuille de route introuvable/);
      assert.equal(await bot.app.store.roadmaps.get('rhone'), undefined, 'nothing stored');
      // The DDETS coordinator is an admin of the partnership.
      const edit = await invoke(bot, ddetsPeople.coordinator, 'partenariat.modifier', {
        partnershipId: 'rhone',
      });
      assert.match(edit.text, /"id":"sig.dt-lyon.nom"/);
      assert.match(edit.text, /"id":"sig.ml-villeurbanne.fonction"/);
    });

    it('saves signatories, signature and amendments, appends each amendment once, keeps typed values on a refusal', async () => {
      bot = await startTestBot({ engine });
      const bad = await invoke(
        bot,
        people.dtAdmin,
        'partenariat.enregistrer',
        form({
          'sig.ml-villeurbanne.fonction': '',
          signedOn: '2022-02-30',
          amendmentDate: '2023-01-10',
        }),
      );
      assert.match(bad.text, /Certains champs sont à corriger/);
      assert.match(bad.text, /Indiquez le nom et la fonction du signataire/);
      assert.match(bad.text, /Date invalide/);
      assert.match(bad.text, /Indiquez la date et le résumé de l’avenant/);
      assert.match(bad.text, /"value":"Claire Durand"/, 'typed values kept');
      assert.equal(await bot.app.store.roadmaps.get('rhone'), undefined, 'nothing stored');

      const amended = form({
        amendmentDate: '2023-01-10',
        amendmentSummary: 'Ajout des immersions',
      });
      const ok = await invoke(bot, people.dtAdmin, 'partenariat.enregistrer', amended);
      assert.match(ok.text, /Feuille de route enregistrée/);
      assert.match(ok.text, /Claire Durand — Directrice territoriale/);
      assert.match(ok.text, /Signée le 15\/03\/2022 à Lyon/);
      assert.match(ok.text, /10\/01\/2023 — Ajout des immersions/);
      assert.match(ok.text, /Le 30\/06\/2027"/);
      // A double click, or Teams retrying the invoke, changes nothing.
      const again = await invoke(bot, people.dtAdmin, 'partenariat.enregistrer', amended);
      assert.match(again.text, /Rien n’a changé/);
      await invoke(
        bot,
        people.dtAdmin,
        'partenariat.enregistrer',
        form({ amendmentDate: '2024-05-02', amendmentSummary: 'Nouveau correspondant' }),
      );
      assert.equal((await bot.app.store.roadmaps.amendments('rhone')).length, 2);
      const shown = await command(bot, people.advisor, 'partenariat');
      assert.match(
        shown.text,
        /10\/01\/2023 — Ajout des immersions.*02\/05\/2024 — Nouveau correspondant/,
      );
      const audit = await sqlOf(bot.app.store).all<{ action: string; detail: string }>(
        "SELECT action, detail FROM audit_log WHERE action LIKE 'roadmap.%'",
      );
      assert.equal(audit.length, 2);
      assert.ok(!JSON.stringify(audit).includes('Claire'), 'field names only in the audit');
    });

    it('refuses new requests after the end date, naming it, until an admin records a renewal', async () => {
      bot = await startTestBot({ engine, env: { ACCORD_CADRE_END_DATE: '2025-02-28' } });
      const before = await requestCount(bot);
      const opened = await command(bot, people.advisor, 'demande');
      assert.match(opened.text, ENDED);
      const submitted = await invoke(bot, people.advisor, 'demande.creer', request());
      assert.match(submitted.text, ENDED);
      assert.equal(await requestCount(bot), before, 'nothing stored');
      assert.ok(
        bot.logs.some((l) => l.code === 'E_PARTNERSHIP_ENDED' && l.endDate === '28/02/2025'),
      );
      // The table import is refused the same way, before the file is even read.
      const drop = await say(
        bot,
        fileMessage(
          people.advisor,
          bot.serviceUrl,
          'tableau.xlsx',
          `${bot.connector.url}files/x.xlsx`,
        ),
      );
      assert.match(drop.text, ENDED);
      // No fiche de liaison either: neither the form nor a submit from an older form.
      assert.match((await command(bot, people.dt1, 'liaison')).text, ENDED);
      const fiche = await invoke(bot, people.dt1, 'liaison.creer', {
        civilite: 'Mme',
        nom: 'Nguyễn',
        prenom: 'Ánh',
        dateNaissance: '2004-05-06',
        numeroCir: 'FL1234',
        residence: '69',
      });
      assert.match(fiche.text, ENDED);
      const record = await command(bot, people.advisor, 'partenariat');
      assert.match(record.text, /a pris fin le 28\/02\/2025/);
      const renewed = await invoke(
        bot,
        people.dtAdmin,
        'partenariat.enregistrer',
        form({ endDate: '2030-12-31' }),
      );
      assert.match(renewed.text, /Feuille de route enregistrée/);
      assert.match(renewed.text, /Le 31\/12\/2030"/);
      const form2 = await command(bot, people.advisor, 'demande');
      assert.doesNotMatch(form2.text, ENDED);
      assert.match((await command(bot, people.dt1, 'liaison')).text, /liaison\.creer/);
      const created = await invoke(bot, people.advisor, 'demande.creer', request());
      assert.doesNotMatch(created.text, ENDED);
      assert.equal(await requestCount(bot), before + 1);
    });

    it('keeps an ML in two partnerships working with the one still running', async () => {
      bot = await startTestBot({
        engine,
        env: { ...ADMIN_ENV, ACCORD_CADRE_END_DATE: '2025-02-28' },
      });
      const renewed = await invoke(bot, directoryPeople.national, 'partenariat.enregistrer', {
        ...form({ endDate: '2030-12-31' }),
        partnershipId: 'isere',
      });
      assert.match(renewed.text, /Feuille de route enregistrée/);
      const opened = await command(bot, directoryPeople.bourgoin, 'demande');
      assert.match(opened.text, /dt-grenoble/);
      assert.doesNotMatch(
        opened.text,
        /"value":"dt-lyon"/,
        'the ended partnership’s DT is not offered',
      );
      // A form still showing the Rhône DT is refused with the end date, not a vague choice error.
      const stale = await invoke(bot, directoryPeople.bourgoin, 'demande.creer', request());
      assert.match(stale.text, ENDED);
      const created = await invoke(bot, directoryPeople.bourgoin, 'demande.creer', {
        ...request(),
        dtId: 'dt-grenoble',
      });
      assert.doesNotMatch(created.text, ENDED);
      assert.equal(await requestCount(bot), 1);
    });

    it('reminds the admins 90 then 30 days before the end, once each, across a restart', async () => {
      await remindersOnce(engine, (b) => (bot = b));
    });
  });
}

/** The 90/30-day reminders with an injected clock; the bot restarts on the same database. */
async function remindersOnce(engine: Engine, keep: (b: TestBot) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-roadmap-'));
  const clock = new TestClock(new Date('2027-03-01T10:00:00Z'));
  const pg = engine.name === 'postgres' ? await engine.open() : undefined;
  // One connector for both runs: the stored conversation references point at it.
  const connector = new ConnectorStandIn();
  await connector.start();
  let first = true;
  const start = async () => {
    const store = pg ? (first ? pg.store : await pg.again()) : undefined;
    first = false;
    const b = await startTestBot({
      dir,
      clock,
      connector,
      env: { ACCORD_CADRE_END_DATE: '2027-06-30' },
      overrides: store ? { store } : {},
    });
    keep(b);
    return b;
  };
  const reminders = (_b: TestBot) =>
    connector
      .sentTo(personalChat(people.dtAdmin))
      .filter(
        (r) =>
          r.method === 'POST' && /accord-cadre national prend fin/.test(JSON.stringify(r.activity)),
      )
      .map((r) => JSON.stringify(r.activity));
  try {
    let b = await start();
    await meet(b, people.dtAdmin);
    await runJobs(b);
    assert.equal(reminders(b).length, 0, 'nothing before the 90-day mark');
    clock.set(new Date('2027-04-01T08:00:00Z')); // 90 days before 30 June is 1 April, 09:00 Paris
    await b.app.scheduler.runDue();
    await runJobs(b);
    assert.equal(reminders(b).length, 1);
    assert.match(reminders(b)[0], /prend fin dans 90 jours \(le 30\/06\/2027\)/);
    assert.match(reminders(b)[0], /partenariat\.voir/);
    await runJobs(b);
    assert.equal(reminders(b).length, 1, 'sent once');
    await b.stop({ keepFiles: true });
    // A restart on the same database re-arms nothing already sent.
    clock.set(new Date('2027-04-02T08:00:00Z'));
    b = await start();
    await runJobs(b);
    assert.equal(reminders(b).length, 1, 'not sent again after the restart');
    clock.set(new Date('2027-05-31T08:00:00Z'));
    await runJobs(b);
    assert.equal(reminders(b).length, 2);
    assert.match(reminders(b)[1], /prend fin dans 30 jours/);
    await runJobs(b);
    await drainOutbox(b);
    assert.equal(reminders(b).length, 2, 'sent once');
    // A renewal re-arms them for the new end date.
    const renewed = await invoke(
      b,
      people.dtAdmin,
      'partenariat.enregistrer',
      form({ endDate: '2028-06-30' }),
    );
    assert.match(renewed.text, /Feuille de route enregistrée/);
    const jobs = (await b.app.store.jobs.list()).filter(
      (j) => j.kind === 'roadmap.end-reminder' && j.payload.endDate === '2028-06-30',
    );
    assert.deepEqual(jobs.map((j) => [j.payload.days, j.status]).sort(), [
      [30, 'pending'],
      [90, 'pending'],
    ]);
    await b.stop({ keepFiles: true });
  } finally {
    keep(undefined as unknown as TestBot);
    await connector.stop();
    await pg?.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
