/**
 * `/bilan` beside the partnership's records (issue 14 §6): committees held (from their minutes),
 * last year's objectives met, and the figures the partners shared for the year.
 */
import { strict as assert } from 'node:assert';
import type { CommitteeMinutes } from '../../src/domain/committee-minutes';
import { startTestBot, type TestBot } from '../helpers/app';
import { chartsOf, facts, NOW, say, seed } from '../helpers/bilan';
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

    it('leaves the shared figures out of a year nobody shared any', async () => {
      const all = text(cardOf((await say(bot, people.dtAdmin, '/bilan 2026'))[0]));
      assert.doesNotMatch(all, /Chiffres partagés/);
      assert.match(all, /Comptes rendus enregistrés pour l’année/);
    });
  });
