import { strict as assert } from 'node:assert';
import type ExcelJS from 'exceljs';
import { startTestBot, type TestBot } from '../helpers/app';
import { chartsOf, facts, NOW, openWithMsoffcrypto, say, seed, sheetRows } from '../helpers/bilan';
import { cardNodes } from '../helpers/cards';
import { TestClock } from '../helpers/clock';
import { engines } from '../helpers/engines';
import type { Recorded } from '../helpers/connector-stand-in';
import { cardOf, text } from '../helpers/tableau';
import { invokeActivity, people, personalChat, post } from '../helpers/teams';

for (const engine of engines())
  describe(`/bilan [année], the comité de pilotage's figures, on ${engine.name}`, () => {
    let bot: TestBot;
    beforeEach(async () => {
      bot = await startTestBot({ engine, clock: new TestClock(NOW) });
      await seed(bot.app.store);
    });
    afterEach(async () => {
      await bot.stop();
    });

    it('gives an admin the year’s figures as charts whose fallback carries exactly the same numbers, small counts shown "< 5"', async () => {
      const sent = await say(bot, people.dtAdmin, '/bilan 2026');
      const card = cardOf(sent[0]);
      const all = text(card);
      assert.match(all, /Bilan 2026 — DT OFII de Lyon/);
      assert.ok(!all.includes('${'), 'nothing left to fill');
      assert.equal(card.version, '1.5');
      const charts = chartsOf(card);
      for (const c of charts) {
        assert.equal(c.fallbackType, 'Table', `${c.title}: a table as fallback`);
        assert.deepEqual(
          c.fallback,
          c.figures.map(([label, value]) => [label, String(value)]),
          `${c.title}: the fallback carries exactly the chart's figures`,
        );
        for (const [, value] of c.figures) assert.equal(typeof value, 'number');
      }
      const byTitle = Object.fromEntries(charts.map((c) => [c.title, c]));
      assert.deepEqual(byTitle['Demandes par statut'].figures, [
        ['Complétée par la DT', 9],
        ['Clôturée', 6],
      ]);
      assert.equal(byTitle['Demandes par statut'].type, 'Chart.Donut');
      assert.match(all, /Total : 20/);
      assert.match(all, /Transmise à la DT \(< 5\), Annulée \(< 5\)/);
      assert.deepEqual(byTitle['Demandes par Mission Locale'].figures, [
        ['Mission Locale de Villeurbanne', 20],
      ]);
      // DISPENSE 2 and three empty codes sum to 2: PLATEFORME (5) is masked too.
      assert.deepEqual(byTitle['Prescriptions initiales de la DT'].figures, [
        ['600 h en présentiel', 8],
      ]);
      assert.match(all, /Plateforme numérique \(licence 12 mois\) \(secret statistique\)/);
      assert.equal(
        byTitle['Prescriptions de la Mission Locale'],
        undefined,
        'nothing may be drawn',
      );
      assert.match(all, /Contrat d'engagement jeune \(secret statistique\)/);
      assert.deepEqual(byTitle['Suites de parcours demandées'].figures, [
        ['Suite donnée par la Mission Locale', 6],
        ['Sans suite à ce jour', 5],
      ]);
      assert.deepEqual(byTitle['Comités, immersions et visites prévus dans l’année'].figures, [
        ['Comité de pilotage annuel', 1],
        ['Comité technique', 2],
      ]);
      assert.deepEqual(facts(card), {
        'Demandes ayant reçu une réponse': '15',
        'Délai médian': '2 jours',
        'Comptes rendus enregistrés pour l’année': '0',
        'Objectifs fixés par le comité de pilotage précédent': '0',
        'Objectifs atteints': '0',
        '90e centile (9 réponses sur 10 en moins de)': '8,3 jours',
      });
      for (const c of charts.filter((x) => !x.title.startsWith('Comités')))
        for (const [, value] of c.figures) assert.ok(Number(value) >= 5, `${c.title}: ${value}`);
    });

    it('shows an empty year (the current one by default) with "< 5" everywhere and no delay', async () => {
      const card = cardOf((await say(bot, people.dtAdmin, 'bilan'))[0]);
      const all = text(card);
      assert.match(all, /Bilan 2027 — /);
      assert.deepEqual(facts(card), {
        'Demandes ayant reçu une réponse': '< 5',
        'Délai médian': 'moins de 5 demandes',
        '90e centile (9 réponses sur 10 en moins de)': 'moins de 5 demandes',
        'Comptes rendus enregistrés pour l’année': '0',
        'Objectifs fixés par le comité de pilotage précédent': '0',
        'Objectifs atteints': '0',
      });
      assert.match(all, /Total : < 5/);
      const charts = chartsOf(card);
      assert.deepEqual(
        charts.map((c) => [c.title, c.figures]),
        [['Comités, immersions et visites prévus dans l’année', [['Immersion réciproque', 1]]]],
        'committees are not people: only they are drawn',
      );
    });

    it('refuses a bad year, a non-admin and an outsider in French, with an English log line, and stores nothing', async () => {
      for (const [who, words, message, code] of [
        [people.dtAdmin, 'bilan 1999', /Indiquez une année sur quatre chiffres/, 'E_BILAN_USAGE'],
        [people.dtAdmin, 'bilan 2028', /Indiquez une année/, 'E_BILAN_USAGE'],
        [people.dtAdmin, 'bilan deux mille', /Indiquez une année/, 'E_BILAN_USAGE'],
        [
          people.dt1,
          'bilan 2026',
          /réservé aux administrateurs du partenariat/,
          'E_BILAN_FORBIDDEN',
        ],
        [people.advisor, 'bilan', /réservé aux administrateurs/, 'E_BILAN_FORBIDDEN'],
        [
          people.stranger,
          'bilan 2026',
          /Vous ne figurez pas dans l'annuaire/,
          'E_NOT_IN_DIRECTORY',
        ],
      ] as const) {
        const logs = bot.logs.length;
        const sent = await say(bot, who, words);
        const shown = text(sent.map((r) => r.activity));
        assert.match(shown, message, words);
        assert.doesNotMatch(shown, /Bilan 20/);
        assert.ok(
          bot.logs.slice(logs).some((l) => l.code === code),
          `${words}: an English log line with ${code}`,
        );
      }
      const store = bot.app.store;
      assert.equal((await store.bilan.requestsBy('rhone', new Date(0), NOW, 'status')).length, 4);
    });

    it('sends the protected xlsx behind a link and its password to the personal chat; the cells say "< 5" like the card', async function () {
      // The file worker starts on demand: on a busy machine that alone takes seconds.
      this.timeout(90_000);
      const sent = await say(bot, people.dtAdmin, '/bilan 2026');
      assert.match(text(cardOf(sent[0])), /fichier Excel protégé de ce bilan arrive/);
      const isPassword = (r: Recorded) =>
        r.conversationId === personalChat(people.dtAdmin) &&
        /tableau\.motdepasse/.test(text(r.activity));
      const isLink = (r: Recorded) => /telechargement/.test(text(r.activity));
      await bot.connector.waitFor(
        () => bot.connector.recorded.some(isPassword) && bot.connector.recorded.some(isLink),
        60_000,
      );
      const link = bot.connector.recorded.find(isLink) as Recorded;
      const url = (
        cardNodes(cardOf(link)).find((x) => x.type === 'Action.OpenUrl') as { url: string }
      ).url;
      const download = await fetch(url.replace(bot.app.config.publicUrl, bot.url));
      assert.equal(download.status, 200);
      const file = Buffer.from(await download.arrayBuffer());
      const passwordMsg = bot.connector.recorded.find(isPassword) as Recorded;
      const secretId = (cardOf(passwordMsg).actions as { data: { secretId: string } }[])[0].data
        .secretId;
      const res = await post(
        bot.url,
        invokeActivity(
          people.dtAdmin,
          bot.serviceUrl,
          'tableau.motdepasse',
          { secretId, masquer: false },
          passwordMsg.activityId,
        ),
      );
      const password = JSON.stringify(res.body.value).match(/"text":"([A-Za-z0-9]{16,})"/)?.[1];
      assert.ok(password, 'the password is revealed to its owner');
      const workbook = await openWithMsoffcrypto(file, password);
      assert.deepEqual(
        workbook.worksheets.map((s) => s.name),
        [
          'Demandes',
          'Délais de réponse de la DT',
          'Prescriptions',
          'Suites de parcours demandées',
          'Fiches de liaison',
          'Comités',
          'Comités tenus et objectifs',
          'Informations',
        ],
      );
      for (const sheet of workbook.worksheets)
        assert.equal(
          (sheet as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet,
          true,
        );
      assert.deepEqual(
        sheetRows(workbook.getWorksheet('Demandes') as ExcelJS.Worksheet).slice(0, 6),
        [
          ['Demandes par statut'],
          ['Transmise à la DT', '< 5'],
          ['Complétée par la DT', 9],
          ['Clôturée', 6],
          ['Annulée', '< 5'],
          ['Total', 20],
        ],
      );
      assert.deepEqual(
        sheetRows(workbook.getWorksheet('Prescriptions') as ExcelJS.Worksheet).slice(0, 8),
        [
          ['Prescriptions initiales de la DT'],
          ['Aucune — dispense', '< 5'],
          ['Plateforme numérique (licence 12 mois)', 'secret statistique'],
          ['600 h en présentiel', 8],
          ['100 h', '< 5'],
          ['200 h', '< 5'],
          ['400 h', '< 5'],
          ['Total', 15],
        ],
      );
      assert.deepEqual(
        sheetRows(workbook.getWorksheet('Délais de réponse de la DT') as ExcelJS.Worksheet),
        [
          ['Délai entre la demande et la réponse de la DT (jours calendaires)'],
          ['Demandes ayant reçu une réponse', 15],
          ['Délai médian', '2 jours'],
          ['90e centile (9 réponses sur 10 en moins de)', '8,3 jours'],
        ],
      );
    });
  });

describe('/bilan for a global admin (ADMIN_IDS)', () => {
  let bot: TestBot;
  afterEach(async () => {
    await bot.stop();
  });

  it('gives one card per partnership, each with its own figures only', async () => {
    bot = await startTestBot({
      clock: new TestClock(NOW),
      env: { ADMIN_IDS: people.otherDt.aadObjectId },
    });
    await seed(bot.app.store);
    const sent = await say(bot, people.otherDt, 'bilan 2026');
    const cards = sent.map(cardOf).filter((c) => /Bilan 2026/.test(text(c)));
    assert.equal(cards.length, 2);
    const isere = cards.find((c) => /DT OFII de Grenoble/.test(text(c)));
    assert.ok(isere);
    // Three requests: every count of people is "< 5", nothing about them is drawn.
    assert.match(text(isere), /Total : < 5/);
    assert.deepEqual(
      chartsOf(isere).filter((c) => !c.title.startsWith('Comités')),
      [],
    );
    const rhone = cards.find((c) => /DT OFII de Lyon/.test(text(c)));
    assert.match(text(rhone), /Total : 20/);
  });
});
