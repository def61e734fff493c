import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FiguresService } from '../../src/domain/figures-service';
import { loadFiguresForms } from '../../src/domain/shared-figures';
import { startTestBot, type TestBot } from '../helpers/app';
import { TestClock } from '../helpers/clock';
import { bindChannel, invoke, planCommittee } from '../helpers/committees';
import { engines } from '../helpers/engines';
import { people } from '../helpers/teams';
import { sqlOf } from '../helpers/sql';

// Monday 11 January 2027: the partners share their 2026 figures before the comité de pilotage.
const START = new Date('2027-01-11T08:00:00.000Z');

const mlFigures = (overrides: Record<string, unknown> = {}) => ({
  partnershipId: 'rhone',
  structureId: 'ml-villeurbanne',
  year: 2026,
  formVersion: '2026-01',
  cardVersion: 1,
  jeunesEtrangersAccueillis: '120',
  premiersAccueils: '45',
  entreesCej: '12',
  ...overrides,
});

for (const engine of engines())
  describe(`shared figures, on ${engine.name}`, () => {
    let bot: TestBot;
    let clock: TestClock;
    beforeEach(async () => {
      clock = new TestClock(START);
      bot = await startTestBot({ engine, clock });
      await bindChannel(bot);
    });
    afterEach(async () => {
      await bot.stop();
    });

    const rows = () =>
      sqlOf(bot.app.store).all<Record<string, unknown>>(
        'SELECT * FROM shared_figures ORDER BY structure_id, year',
      );

    it('lets each structure type its year’s figures on the fixed form, read by every member of the partnership', async () => {
      const view = await invoke(bot, people.advisor, 'chiffres.voir', { partnershipId: 'rhone' });
      assert.match(view.text, /Chiffres partagés 2026/, 'the last full year by default');
      assert.match(view.text, /Données départementales de la migration/);
      assert.match(view.text, /Données sur l'accueil des ressortissants étrangers/);
      assert.match(view.text, /Pas encore renseignés/);
      // The advisor's own structure only gets the button.
      assert.match(view.text, /"structureId":"ml-villeurbanne","year":2026/);
      assert.ok(!view.text.includes('"structureId":"dt-lyon"'));

      const form = await invoke(bot, people.advisor, 'chiffres.saisir', {
        partnershipId: 'rhone',
        structureId: 'ml-villeurbanne',
        year: 2026,
      });
      const ids = [...form.text.matchAll(/"type":"Input\.Text","id":"(\w+)"/g)].map((m) => m[1]);
      assert.deepEqual(ids, [
        'jeunesEtrangersAccueillis',
        'premiersAccueils',
        'signatairesCirAccompagnes',
        'entreesCej',
        'entreesPacea',
        'entreesFormation',
        'accesEmploi',
      ]);

      const saved = await invoke(bot, people.advisor, 'chiffres.enregistrer', mlFigures());
      assert.match(saved.text, /Chiffres enregistrés/);
      assert.match(
        saved.text,
        /\{"title":"Jeunes de nationalité étrangère accueillis dans l'année","value":"120"\}/,
      );
      await invoke(bot, people.dt1, 'chiffres.enregistrer', {
        partnershipId: 'rhone',
        structureId: 'dt-lyon',
        year: '2026',
        cirSignes: '830',
        cirSignes16a25: '210',
      });
      // A partner of the other side reads them.
      const read = await invoke(bot, people.dt1, 'chiffres.voir', {
        partnershipId: 'rhone',
        year: 2026,
      });
      assert.match(read.text, /"value":"120"/);
      assert.match(read.text, /"value":"830"/);
      const [dt, ml] = await rows();
      assert.deepEqual(JSON.parse(String(dt.figures)), { cirSignes: 830, cirSignes16a25: 210 });
      assert.deepEqual(JSON.parse(String(ml.figures)), {
        jeunesEtrangersAccueillis: 120,
        premiersAccueils: 45,
        entreesCej: 12,
      });
      assert.equal(ml.updated_by, people.advisor.aadObjectId);

      // The typed read another view (the bilan) uses.
      const service = new FiguresService({
        store: bot.app.store,
        clock,
        allowedTenants: [],
        forms: loadFiguresForms(),
      });
      const figures = await service.figuresFor('rhone', 2026);
      assert.deepEqual(
        figures.map((f) => [f.structure.id, f.fields.find((x) => x.value !== null)?.value]),
        [
          ['dt-lyon', 830],
          ['ml-villeurbanne', 120],
        ],
      );
      assert.deepEqual(await service.figuresFor('rhone', 2025), [
        ...figures.map((f) => ({
          ...f,
          year: 2025,
          shared: undefined,
          fields: f.fields.map((x) => ({ ...x, value: null })),
        })),
      ]);
    });

    it('takes whole numbers only, refuses any other field, and keeps what was typed', async () => {
      const wrong = await invoke(
        bot,
        people.advisor,
        'chiffres.enregistrer',
        mlFigures({ premiersAccueils: 'Jean Dupont', entreesCej: '-3', entreesPacea: '2,5' }),
      );
      assert.match(wrong.text, /Certains champs sont à corriger/);
      assert.equal((wrong.text.match(/Nombre entier attendu/g) ?? []).length, 3);
      assert.match(
        wrong.text,
        /"id":"premiersAccueils","label":"[^"]+","maxLength":6,"regex":"[^"]+","value":"Jean Dupont"/,
      );
      assert.match(wrong.text, /"value":"120"/, 'the right values stay too');
      const foreign = await invoke(
        bot,
        people.advisor,
        'chiffres.enregistrer',
        mlFigures({ commentaire: 'Jeune suivi : Amina K.', nom: 'K.' }),
      );
      assert.match(foreign.text, /champs non autorisés par le DPO \(commentaire, nom\)/);
      assert.ok(
        !foreign.text.includes('Amina'),
        'a field the form does not have is not shown back',
      );
      assert.equal((await rows()).length, 0, 'nothing stored');
      assert.ok(
        bot.logs.some((l) => l.msg === 'shared figures refused' && l.fields === 'commentaire,nom'),
      );
      assert.ok(!JSON.stringify(bot.logs).includes('Amina'), 'nor logged');
    });

    it('refuses outsiders, another structure’s form and a bad year', async () => {
      const otherDt = await invoke(bot, people.advisor, 'chiffres.saisir', {
        partnershipId: 'rhone',
        structureId: 'dt-lyon',
        year: 2026,
      });
      assert.match(otherDt.text, /Seules les personnes de la structure concernée/);
      const forged = await invoke(
        bot,
        people.dt1,
        'chiffres.enregistrer',
        mlFigures({ jeunesEtrangersAccueillis: '1' }),
      );
      assert.match(forged.text, /Seules les personnes de la structure concernée/);
      const outsider = await invoke(bot, people.otherMl, 'chiffres.voir', {
        partnershipId: 'rhone',
      });
      assert.match(outsider.text, /n'est rattachée à aucun partenariat|aucun partenariat/);
      assert.ok(!outsider.text.includes('Données'));
      const stranger = await invoke(bot, people.stranger, 'chiffres.voir', {
        partnershipId: 'rhone',
      });
      assert.match(stranger.text, /Vous ne figurez pas dans l'annuaire/);
      const future = await invoke(bot, people.advisor, 'chiffres.voir', {
        partnershipId: 'rhone',
        year: 2031,
      });
      assert.match(future.text, /Année invalide/);
      assert.equal((await rows()).length, 0);
      assert.ok(bot.logs.some((l) => l.code === 'E_FIGURES_FORBIDDEN'));
    });

    it('freezes a year once the comité de pilotage that reviews it is recorded, with a clear message', async () => {
      await invoke(bot, people.advisor, 'chiffres.enregistrer', mlFigures());
      const copil = await planCommittee(bot);
      clock.set(new Date('2027-02-18T12:00:00.000Z'));
      // Still open while the committee is not recorded.
      await invoke(bot, people.advisor, 'chiffres.enregistrer', mlFigures({ entreesCej: '13' }));
      await invoke(bot, people.dtAdmin, 'comite.compteRendu.enregistrer', {
        committeeId: copil,
        held: 'true',
        present: 'dt-lyon,ml-villeurbanne',
        decisions: '',
        objectives: '',
      });
      const view = await invoke(bot, people.advisor, 'chiffres.voir', { partnershipId: 'rhone' });
      assert.match(
        view.text,
        /Figés depuis l’enregistrement du Comité de pilotage annuel — 18\/02\/2027 à 09:30/,
      );
      assert.ok(!view.text.includes('chiffres.saisir'));
      const form = await invoke(bot, people.advisor, 'chiffres.saisir', {
        partnershipId: 'rhone',
        structureId: 'ml-villeurbanne',
        year: 2026,
      });
      assert.match(form.text, /Ces chiffres sont figés/);
      const late = await invoke(
        bot,
        people.advisor,
        'chiffres.enregistrer',
        mlFigures({ entreesCej: '99' }),
      );
      assert.match(late.text, /Ces chiffres sont figés/);
      const [ml] = await rows();
      assert.equal(JSON.parse(String(ml.figures)).entreesCej, 13, 'nothing changed');
      assert.ok(bot.logs.some((l) => l.code === 'E_FIGURES_LOCKED' && l.year === 2026));
      // The new year is open.
      const next = await invoke(bot, people.advisor, 'chiffres.saisir', {
        partnershipId: 'rhone',
        structureId: 'ml-villeurbanne',
        year: 2027,
      });
      assert.match(next.text, /chiffres 2027/);
      assert.match(next.text, /"verb":"chiffres.enregistrer"/);
    });
  });

describe('the shared figures form file', () => {
  it('is overridable by SHARED_FIGURES_FILE, and a bad file is refused naming what is wrong', async () => {
    const clock = new TestClock(START);
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-figures-'));
    const file = join(dir, 'chiffres.json');
    const custom = {
      version: 'local-1',
      forms: {
        DT: { title: 'Chiffres DT', fields: [{ id: 'signataires', label: 'Signataires' }] },
        ML: {
          title: 'Chiffres ML',
          fields: [{ id: 'accueillis', label: 'Jeunes accueillis', max: 500 }],
        },
      },
    };
    writeFileSync(file, JSON.stringify(custom));
    assert.equal(loadFiguresForms(file).forms.ML.fields[0].max, 500);
    writeFileSync(file, JSON.stringify({ ...custom, forms: { DT: custom.forms.DT } }));
    assert.throws(() => loadFiguresForms(file), /invalid shared figures file .*forms\.ML/);

    writeFileSync(file, JSON.stringify(custom));
    const other = await startTestBot({ clock, env: { SHARED_FIGURES_FILE: file } });
    try {
      const over = await invoke(other, people.advisor, 'chiffres.enregistrer', {
        partnershipId: 'rhone',
        structureId: 'ml-villeurbanne',
        year: 2026,
        accueillis: '501',
      });
      assert.match(over.text, /Valeur hors des limites autorisées/);
      const ok = await invoke(other, people.advisor, 'chiffres.enregistrer', {
        partnershipId: 'rhone',
        structureId: 'ml-villeurbanne',
        year: 2026,
        accueillis: '500',
      });
      assert.match(ok.text, /Jeunes accueillis","value":"500"/);
      const [row] = await sqlOf(other.app.store).all<{ form_version: string }>(
        'SELECT form_version FROM shared_figures',
      );
      assert.equal(row.form_version, 'local-1');
    } finally {
      await other.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
