import { strict as assert } from 'node:assert';
import { startTestBot, type TestBot } from '../helpers/app';
import { TestClock } from '../helpers/clock';
import {
  bindChannel,
  CHANNEL,
  invoke,
  meet,
  planCommittee,
  postsTo,
  runJobs,
} from '../helpers/committees';
import { engines } from '../helpers/engines';
import { deflatedPart, writeZip } from '../helpers/hostile-files';
import { openForm, say, sendFile, sheetData, tinyPdf } from '../helpers/offers';
import { people } from '../helpers/teams';
import { sqlOf } from '../helpers/sql';

const offerCount = async (bot: TestBot) =>
  (await sqlOf(bot.app.store).all('SELECT id FROM offers')).length;
const offerIdIn = (cardText: string): string => {
  const m =
    /"verb":"offres\.(?:voir|modifier|retirer)",(?:"associatedInputs":"none",)?"data":\{"offerId":"([^"]+)"/.exec(
      cardText,
    );
  assert.ok(m, cardText);
  return m[1];
};
const urlIn = (cardText: string): string => {
  const m = /"type":"Action\.OpenUrl","title":"[^"]*","url":"([^"]+)"/.exec(cardText);
  assert.ok(m, cardText);
  return m[1];
};

for (const engine of engines())
  describe(`/offres, the partners' offers of service, on ${engine.name}`, () => {
    let bot: TestBot;
    let clock: TestClock;
    beforeEach(async () => {
      clock = new TestClock(new Date('2027-01-11T08:00:00.000Z'));
      bot = await startTestBot({ engine, clock });
      for (const p of [people.advisor, people.dt1, people.dt2]) await meet(bot, p);
    });
    afterEach(async () => {
      await bot.stop();
    });

    it('lets a DT correspondent publish a sheet with a link, once, and an ML advisor find it, accents and case aside', async () => {
      assert.match(await say(bot, people.dt1, '/offres'), /Aucune fiche publiée pour l’instant/);
      const form = await openForm(bot, people.dt1);
      assert.match(form.text, /Publier une fiche d’offre de service/);
      const data = sheetData({ formId: form.formId });
      const saved = await invoke(bot, people.dt1, 'offres.enregistrer', data);
      assert.match(saved.text, /Fiche publiée/);
      // Teams retries the invoke, or the correspondent clicks twice: one sheet.
      await invoke(bot, people.dt1, 'offres.enregistrer', data);
      assert.equal(await offerCount(bot), 1);

      for (const query of [
        'sociolinguistiques a lyon',
        'SOCIOLINGUISTIQUES',
        'inferieur a2',
        'dt ofii',
      ]) {
        const found = await say(bot, people.advisor, `offres ${query}`);
        assert.match(found, /1 fiche pour/, query);
        assert.match(found, /Ateliers sociolinguistiques à Lyon/, query);
      }
      assert.match(
        await say(bot, people.advisor, 'Offres cuisine'),
        /Aucune fiche pour « cuisine »/,
      );
      const page = await invoke(bot, people.advisor, 'offres.page', { q: 'ÂTELIERS', page: 1 });
      assert.match(page.text, /1 fiche pour « ÂTELIERS »/);

      const id = offerIdIn(page.text);
      const sheet = await invoke(bot, people.advisor, 'offres.voir', { offerId: id });
      assert.equal(urlIn(sheet.text), 'https://ofii.example.org/ateliers');
      assert.doesNotMatch(sheet.text, /offres\.modifier|offres\.retirer/, 'a reader only reads');
      const edit = await invoke(bot, people.advisor, 'offres.modifier', { offerId: id });
      assert.match(edit.text, /Seules les personnes de la structure qui a publié cette fiche/);
      assert.ok(bot.logs.some((l) => l.code === 'E_OFFER_NOT_YOURS'));
      const [audit] = await sqlOf(bot.app.store).all<{ detail: string }>(
        "SELECT detail FROM audit_log WHERE action = 'offer.publish'",
      );
      assert.match(audit.detail, /structure=dt-lyon pdf=no/);
    });

    it('refuses a form without a link nor a PDF, or with a plain http link, keeping what was typed', async () => {
      const form = await openForm(bot, people.advisor);
      const typed = sheetData({ formId: form.formId, lien: '' });
      const none = await invoke(bot, people.advisor, 'offres.enregistrer', typed);
      assert.match(none.text, /Indiquez un lien https, ou envoyez le PDF/);
      assert.match(
        none.text,
        /"value":"Ateliers sociolinguistiques à Lyon"/,
        'nothing typed is lost',
      );
      const http = await invoke(bot, people.advisor, 'offres.enregistrer', {
        ...typed,
        lien: 'http://ml.example.org/fiche',
      });
      assert.match(http.text, /Lien invalide : une adresse https:\/\/ complète est attendue/);
      const extra = await invoke(bot, people.advisor, 'offres.enregistrer', {
        ...typed,
        nom: 'Diallo',
      });
      assert.match(extra.text, /champs non autorisés par le DPO \(nom\)/);
      assert.equal(await offerCount(bot), 0);
    });

    it('takes a PDF dropped while the form is open, checked by content and size, and serves it behind a short-lived signed link', async () => {
      const form = await openForm(bot, people.advisor);
      assert.match(
        await sendFile(
          bot,
          people.advisor,
          'fiche.pdf',
          Buffer.from('Bonjour, ceci est du texte.'),
        ),
        /Ce fichier n’est pas un PDF/,
      );
      const bomb = writeZip([
        deflatedPart('fiche.pdf', Buffer.alloc(20 * 1024 * 1024), { declaredSize: 100 }),
      ]);
      assert.match(
        await sendFile(bot, people.advisor, 'fiche-bombe.pdf', bomb),
        /Ce fichier n’est pas un PDF/,
      );
      const big = Buffer.concat([tinyPdf(), Buffer.alloc(2 * 1024 * 1024)]);
      assert.match(
        await sendFile(bot, people.advisor, 'grosse-fiche.pdf', big),
        /Ce PDF est trop volumineux pour une fiche \(2 Mo au plus\)/,
      );
      assert.equal(
        (await sqlOf(bot.app.store).all('SELECT id FROM offer_drafts')).length,
        0,
        'opening a form or sending a refused file stores nothing',
      );
      assert.ok(bot.logs.some((l) => l.code === 'E_OFFER_NOT_PDF'));
      assert.ok(bot.logs.some((l) => l.code === 'E_OFFER_PDF_TOO_LARGE'));

      assert.match(
        await sendFile(bot, people.advisor, 'Fiche ML Villeurbanne.pdf', tinyPdf()),
        /PDF reçu : Fiche ML Villeurbanne\.pdf/,
      );
      const both = await invoke(
        bot,
        people.advisor,
        'offres.enregistrer',
        sheetData({ formId: form.formId, titre: 'Garantie jeunes — CEJ' }),
      );
      assert.match(both.text, /videz le lien pour le joindre, ou décochez/);
      assert.match(both.text, /"id":"joindrePdf"/, 'the form now offers to leave the PDF aside');
      const saved = await invoke(
        bot,
        people.advisor,
        'offres.enregistrer',
        sheetData({
          formId: form.formId,
          titre: 'Garantie jeunes — CEJ',
          lien: '',
        }),
      );
      assert.match(saved.text, /Fiche publiée/);
      assert.equal((await sqlOf(bot.app.store).all('SELECT id FROM offer_drafts')).length, 0);

      const id = offerIdIn(saved.text);
      const sheet = await invoke(bot, people.dt1, 'offres.voir', { offerId: id });
      assert.match(sheet.text, /Télécharger le PDF \(lien valable 15 min\)/);
      const url = urlIn(sheet.text);
      assert.ok(url.startsWith(`${bot.app.config.publicUrl}/offres/pdf/`));
      const local = url.replace(bot.app.config.publicUrl, bot.url);
      const download = await fetch(local);
      assert.equal(download.status, 200);
      assert.equal(download.headers.get('content-type'), 'application/pdf');
      assert.match(download.headers.get('content-disposition') ?? '', /^attachment;/);
      assert.deepEqual(Buffer.from(await download.arrayBuffer()), tinyPdf());
      assert.equal((await fetch(`${local.slice(0, -3)}abc`)).status, 403, 'a forged link');
      clock.advance(16 * 60_000);
      assert.equal((await fetch(local)).status, 410, 'an expired link');

      // Or attached to the command itself.
      const attached = await sendFile(bot, people.dt2, 'offre.pdf', tinyPdf(), 'offres');
      assert.match(attached, /PDF joint : offre\.pdf/);
      assert.match(attached, /offres\.enregistrer/);
    });

    it('lets the publishing structure edit and withdraw its sheet, and refuses outsiders in French', async () => {
      const form = await openForm(bot, people.dt1);
      const saved = await invoke(
        bot,
        people.dt1,
        'offres.enregistrer',
        sheetData({ formId: form.formId }),
      );
      const id = offerIdIn(saved.text);

      // A colleague of the same DT edits it.
      const edit = await invoke(bot, people.dt2, 'offres.modifier', { offerId: id });
      assert.match(edit.text, /Modifier la fiche/);
      assert.match(edit.text, /"value":"https:\/\/ofii.example.org\/ateliers"/);
      const editData = JSON.parse(edit.text).actions[0].data as Record<string, string>;
      const bad = await invoke(bot, people.dt2, 'offres.enregistrer', {
        ...sheetData({ titre: 'Ateliers du soir' }),
        ...editData,
        lien: 'ftp://ofii.example.org',
      });
      assert.match(bad.text, /Lien invalide/);
      assert.match(bad.text, /"value":"Ateliers du soir"/);
      const [stored] = await sqlOf(bot.app.store).all<{ title: string }>(
        'SELECT title FROM offers',
      );
      assert.equal(stored.title, 'Ateliers sociolinguistiques à Lyon', 'bad input changes nothing');
      const good = await invoke(bot, people.dt2, 'offres.enregistrer', {
        ...sheetData({ titre: 'Ateliers du soir' }),
        ...editData,
      });
      assert.match(good.text, /Fiche modifiée/);
      assert.match(good.text, /Ateliers du soir/);

      // Outsiders: another partnership's advisor, and someone not in the directory.
      await meet(bot, people.otherMl);
      const other = await invoke(bot, people.otherMl, 'offres.voir', { offerId: id });
      assert.match(other.text, /n’est pas publiée dans vos partenariats/);
      assert.match(await say(bot, people.otherMl, 'offres'), /Aucune fiche publiée/);
      assert.match(await say(bot, people.stranger, 'offres'), /ne figurez pas dans l'annuaire/);
      assert.match(
        await sendFile(bot, people.stranger, 'fiche.pdf', tinyPdf()),
        /ne figurez pas dans l'annuaire/,
      );
      assert.equal((await sqlOf(bot.app.store).all('SELECT id FROM offer_drafts')).length, 0);
      const grab = await invoke(bot, people.advisor, 'offres.retirerConfirme', { offerId: id });
      assert.match(grab.text, /Seules les personnes de la structure/);
      assert.equal(await offerCount(bot), 1);

      const confirm = await invoke(bot, people.dt1, 'offres.retirer', { offerId: id });
      assert.match(confirm.text, /Retirer la fiche « Ateliers du soir » \?/);
      assert.equal(await offerCount(bot), 1, 'nothing changes before the confirmation');
      const done = await invoke(bot, people.dt1, 'offres.retirerConfirme', { offerId: id });
      assert.match(done.text, /Fiche retirée/);
      const again = await invoke(bot, people.dt1, 'offres.retirerConfirme', { offerId: id });
      assert.match(again.text, /Cette fiche était déjà retirée/);
      assert.equal(await offerCount(bot), 0);
      const actions = await sqlOf(bot.app.store).all<{ action: string }>(
        "SELECT action FROM audit_log WHERE action LIKE 'offer.%' ORDER BY id",
      );
      assert.deepEqual(
        actions.map((a) => a.action),
        ['offer.publish', 'offer.update', 'offer.withdraw'],
      );
    });

    it('links the partnership’s sheets from the comité technique’s announcement', async () => {
      await bindChannel(bot);
      await planCommittee(bot, { kind: 'COTECH' });
      await runJobs(bot);
      const announced = postsTo(bot, CHANNEL).find((t) => t.includes('Comité technique'));
      assert.ok(announced);
      assert.match(
        announced,
        /"title":"Offres de service du partenariat","verb":"offres\.page","data":\{"page":1,"partnershipId":"rhone"/,
      );
      const list = await invoke(bot, people.advisor, 'offres.page', {
        page: 1,
        partnershipId: 'rhone',
      });
      assert.match(list.text, /Offres de service — /);
      const outsider = await invoke(bot, people.otherMl, 'offres.page', {
        page: 1,
        partnershipId: 'rhone',
      });
      assert.match(outsider.text, /n'est rattachée à aucun partenariat|Vous ne figurez pas/);
    });
  });
