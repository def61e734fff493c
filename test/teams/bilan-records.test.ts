/**
 * `/bilan` beside the partnership's records (issue 14 §6): committees held (from their minutes),
 * last year's objectives met, and the figures the partners shared for the year.
 */
import { strict as assert } from 'node:assert';
import type { CommitteeMinutes } from '../../src/domain/committee-minutes';
import { startTestBot, type TestBot } from '../helpers/app';
import { chartsOf, facts, NOW, request, say, seed } from '../helpers/bilan';
import type { FicheRecord } from '../../src/domain/liaison';
import { TestClock } from '../helpers/clock';
import { engines } from '../helpers/engines';
import { cardOf, text } from '../helpers/tableau';
import { people } from '../helpers/teams';

function minutes(
  committeeId: string,
  kind: CommitteeMinutes['kind'],
  startsAt: string,
  o: Partial<CommitteeMinutes> = {},
): CommitteeMinutes {
  return {
    committeeId,
    partnershipId: 'rhone',
    kind,
    startsAt: new Date(startsAt),
    held: true,
    present: ['dt-lyon', 'ml-villeurbanne'],
    decisions: 'Décisions',
    objectives: [],
    met: [],
    outcome: '',
    recordedBy: 'x',
    recordedAt: startsAt,
    updatedBy: 'x',
    updatedAt: startsAt,
    edits: 0,
    ...o,
  };
}

for (const engine of engines())
  describe(`/bilan with the committees' minutes and the shared figures, on ${engine.name}`, () => {
    let bot: TestBot;
    beforeEach(async () => {
      bot = await startTestBot({ engine, clock: new TestClock(NOW) });
      await seed(bot.app.store);
    });
    afterEach(async () => {
      await bot.stop();
    });

    it('counts what was held, the objectives met, and shows the shared figures on their labels', async () => {
      const store = bot.app.store;
      await store.transaction(async (tx) => {
        // Last year's comité de pilotage set three objectives.
        const c0 = (await tx.committees.get('c1'))!;
        await tx.committees.insert(
          { ...c0, id: 'c0', startsAt: new Date('2025-03-11T09:00:00.000Z'), icsToken: 't-c0' },
          null,
        );
        await tx.minutes.save(
          minutes('c0', 'COPIL', '2025-03-11T09:00:00.000Z', {
            objectives: ['Immersions croisées', 'Fiche commune', 'Deux visites'],
          }),
        );
        await tx.minutes.save(
          minutes('c1', 'COPIL', '2026-03-10T09:00:00.000Z', {
            objectives: ['Un nouvel objectif'],
            met: ['Immersions croisées', 'Fiche commune'],
          }),
        );
        await tx.minutes.save(minutes('c2', 'COTECH', '2026-05-12T07:30:00.000Z'));
        await tx.minutes.save(minutes('c3', 'COTECH', '2026-10-06T07:30:00.000Z', { held: false }));
        await tx.sharedFigures.save({
          partnershipId: 'rhone',
          structureId: 'dt-lyon',
          year: 2026,
          formVersion: '2026-1',
          figures: { cirSignes: 120, cirSignes16a25: 3 },
          updatedBy: 'x',
          updatedAt: NOW.toISOString(),
        });
      });

      const card = cardOf((await say(bot, people.dtAdmin, '/bilan 2026'))[0]);
      const all = text(card);
      const held = chartsOf(card).find((c) =>
        c.title.startsWith('Comités, immersions et visites tenus'),
      );
      assert.ok(held, all);
      assert.deepEqual(held.figures, [
        ['Comité de pilotage annuel', 1],
        ['Comité technique', 1],
      ]);
      const f = facts(card);
      assert.equal(f['Comptes rendus enregistrés pour l’année'], '3');
      assert.equal(f['Objectifs fixés par le comité de pilotage précédent'], '3');
      assert.equal(f['Objectifs atteints'], '2');
      assert.match(all, /Chiffres partagés par les partenaires/);
      assert.equal(f["Contrats d'intégration républicaine signés dans l'année"], '120');
      // Shared aggregates are the partners' own figures, not counts the bot discloses.
      assert.equal(f['dont signataires âgés de 16 à 25 ans'], '3');
    });

    it('counts the requests by motif and the fiches de liaison by outcome, under five shown "< 5"', async () => {
      const fiche = (i: number, status: FicheRecord['status']): FicheRecord => ({
        id: `fiche-${i}`,
        number: `F2026-${String(i).padStart(6, '0')}`,
        status,
        dtId: 'dt-lyon',
        mlId: 'ml-villeurbanne',
        partnershipId: 'rhone',
        departement: '69',
        identity: null,
        createdBy: 'x',
        createdAt: `2026-09-${String(i + 1).padStart(2, '0')}T10:00:00.000Z`,
        updatedAt: `2026-09-${String(i + 1).padStart(2, '0')}T10:00:00.000Z`,
        decidedBy: null,
        decidedByName: null,
        decidedAt: null,
        reason: null,
        requestId: null,
      });
      await bot.app.store.transaction(async (tx) => {
        for (let i = 0; i < 13; i++)
          await tx.requests.insert(
            request(`2026-08-${String(i + 1).padStart(2, '0')}T10:00:00.000Z`, {
              motif: i < 6 ? 'ajustement' : 'information',
            }),
            null,
          );
        const outcome = (i: number): FicheRecord['status'] =>
          i < 6 ? 'acceptee' : i < 11 ? 'sans_suite' : i < 13 ? 'proposee' : 'redirigee';
        for (let i = 0; i < 14; i++) await tx.fiches.insert(fiche(i, outcome(i)), null);
      });
      const card = cardOf((await say(bot, people.dtAdmin, '/bilan 2026'))[0]);
      const all = text(card);
      const byTitle = Object.fromEntries(chartsOf(card).map((c) => [c.title, c]));
      assert.deepEqual(byTitle['Demandes par motif'].figures, [
        ['Ajuster le parcours CIR', 6],
        ['Bénéficier d’informations', 7],
        ['Motif non précisé', 20],
      ]);
      assert.deepEqual(
        byTitle['Fiches de liaison remplies par la DT, et ce qu’elles sont devenues'].figures,
        [['Acceptée (demande ouverte)', 6]],
      );
      // 2 waiting and 1 redirected are "< 5"; 5 closed is masked so that they cannot be derived.
      assert.match(all, /En attente de la Mission Locale \(< 5\)/);
      assert.match(all, /Classée sans suite \(secret statistique\)/);
    });

    it('leaves the shared figures out of a year nobody shared any', async () => {
      const all = text(cardOf((await say(bot, people.dtAdmin, '/bilan 2026'))[0]));
      assert.doesNotMatch(all, /Chiffres partagés/);
      assert.match(all, /Comptes rendus enregistrés pour l’année/);
    });
  });
