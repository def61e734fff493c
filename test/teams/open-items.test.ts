/**
 * `/suivi` without argument (issue 13 §7): the caller's structure's items in play, waiting on
 * it first, then on the partner, paged, neutral (the list is a message Teams stores).
 */
import { strict as assert } from 'node:assert';
import { birthDateForAge, startTestBot, type TestBot } from '../helpers/app';
import { drainOutbox } from '../helpers/committees';
import { engines } from '../helpers/engines';
import { invokeActivity, messageActivity, people, post, type Persona } from '../helpers/teams';

for (const engine of engines())
  describe(`/suivi without argument: my open items, on ${engine.name}`, () => {
    let bot: TestBot;
    beforeEach(async () => {
      bot = await startTestBot({ engine });
      for (const p of [people.advisor, people.dt1, people.otherDt, people.stranger])
        await post(bot.url, messageActivity(p, bot.serviceUrl, 'aide'));
    });
    afterEach(async () => {
      await bot.stop();
    });

    const act = async (p: Persona, verb: string, data: Record<string, unknown>, replyTo = 'c') => {
      const res = await post(
        bot.url,
        invokeActivity(p, bot.serviceUrl, verb, { cardVersion: 1, ...data }, replyTo),
      );
      assert.equal(res.status, 200);
      return JSON.stringify(res.body.value);
    };
    /** The card(s) the bot answered a typed command with. */
    const say = async (p: Persona, text: string) => {
      // The DT's cards of the requests just opened reach the same chat: let them all go first.
      await drainOutbox(bot, 60_000);
      const before = bot.connector.recorded.length;
      await post(bot.url, messageActivity(p, bot.serviceUrl, text));
      return JSON.stringify(bot.connector.recorded.slice(before).map((r) => r.activity));
    };
    const open = async (n: number): Promise<string> => {
      await act(
        people.advisor,
        'demande.creer',
        {
          civilite: 'Mme',
          nom: 'Nguyễn',
          prenom: 'Ánh',
          dateNaissance: birthDateForAge(20),
          numeroCir: `CIR${1000 + n}`,
          dtId: 'dt-lyon',
        },
        `form-${n}`,
      );
      const found = await bot.app.store.requests.findByCir(`CIR${1000 + n}`, 'ml-villeurbanne', 1);
      return found[0].id;
    };
    const answer = (requestId: string) =>
      act(people.dt1, 'demande.repondre', {
        requestId,
        positionnementLinguistique: 'INF_A2',
        prescriptionInitiale: 'FL_600',
        heuresFL: 100,
        journeesFC: 1,
      });
    const numberOf = async (id: string) => (await bot.app.store.requests.get(id))!.number;

    it('lists what waits on each side, mine first, and never a person’s data', async () => {
      const waitingDt = await open(1); // transmise: the DT's turn
      const waitingMl = await open(2);
      await answer(waitingMl); // completee: the ML's prescription is due
      const followedUp = await open(3);
      await answer(followedUp);
      await act(people.advisor, 'demande.prescrire', {
        requestId: followedUp,
        prescriptionML: 'CEJ',
      });
      const closed = await open(4);
      await answer(closed);
      await act(people.advisor, 'demande.prescrire', { requestId: closed, prescriptionML: 'CEJ' });
      await act(people.dt1, 'demande.relancer', { requestId: followedUp }); // the ML's turn again
      // A fiche de liaison the DT recorded waits on the ML's decision.
      await act(
        people.dt1,
        'liaison.creer',
        {
          civilite: 'M.',
          nom: 'Nguyễn',
          prenom: 'Ánh',
          dateNaissance: birthDateForAge(24),
          numeroCir: 'FICHE777',
          residence: '69',
        },
        'fiche-form',
      );

      const ml = await say(people.advisor, 'suivi');
      assert.match(ml, /Dossiers en cours — Mission Locale de Villeurbanne/);
      assert.match(ml, /3 en attente de votre part · 1 en attente du partenaire/);
      assert.match(ml, /Fiche de liaison n° \S+ — DT OFII de Lyon/);
      assert.match(ml, /Fiche de liaison à accepter, rediriger ou classer/);
      assert.match(ml, /"verb":"liaison.voir"/);
      const [n1, n2, n3, n4] = await Promise.all(
        [waitingDt, waitingMl, followedUp, closed].map(numberOf),
      );
      const at = (s: string, n: string) => s.indexOf(`Demande n° ${n}`);
      assert.ok(at(ml, n2) > 0 && at(ml, n3) > at(ml, n2), 'mine, oldest first');
      assert.ok(at(ml, n1) > at(ml, n3), 'then the partner’s');
      assert.equal(at(ml, n4), -1, 'a closed request waits on nobody');
      assert.match(ml, /Prescription de la Mission Locale à indiquer/);
      assert.match(ml, /Suite du parcours demandée par la DT/);
      assert.match(ml, /Réponse de la DT attendue/);
      assert.doesNotMatch(ml, /Nguyễn|Ánh|CIR100|FICHE777/, 'the stored list is neutral');

      const dt = await say(people.dt1, '/suivi');
      assert.match(dt, /1 en attente de votre part · 3 en attente du partenaire/);
      assert.match(dt, /Décision de la Mission Locale attendue/);
      assert.ok(at(dt, n1) < at(dt, n2), 'the DT’s own turn first');
      assert.match(dt, /Demande à traiter/);
      assert.doesNotMatch(dt, /Nguyễn|Ánh|CIR100|FICHE777/);

      // "Ouvrir" is the request's own detail view, with its checks.
      const detail = await act(people.advisor, 'demande.voir', { requestId: waitingMl });
      assert.match(detail, /Nguyễn/);
    });

    it('says so when nothing is in play, and refuses people outside the directory', async () => {
      await open(1);
      const other = await say(people.otherDt, 'suivi');
      assert.match(other, /Aucun dossier en cours/);
      assert.match(other, /0 en attente de votre part · 0 en attente du partenaire/);
      const stranger = await say(people.stranger, 'suivi');
      assert.match(stranger, /annuaire/i);
      assert.doesNotMatch(stranger, /Dossiers en cours/);
    });

    it('pages the list, eight at a time, and clamps a page out of range', async () => {
      const ids: string[] = [];
      for (let n = 1; n <= 10; n++) ids.push(await open(n));
      const first = await say(people.dt1, 'suivi');
      assert.match(first, /Page 1 sur 2/);
      assert.match(first, /"verb":"suivi.page"/);
      assert.equal((first.match(/"verb":"demande.voir"/g) ?? []).length, 8);
      const second = await act(people.dt1, 'suivi.page', { page: 2 });
      assert.match(second, /Page 2 sur 2/);
      assert.equal((second.match(/"verb":"demande.voir"/g) ?? []).length, 2);
      assert.match(second, new RegExp(`Demande n° ${await numberOf(ids[9])}`));
      const far = await act(people.dt1, 'suivi.page', { page: 99 });
      assert.match(far, /Page 2 sur 2/);
      const outsider = await act(people.stranger, 'suivi.page', { page: 1 });
      assert.doesNotMatch(outsider, /Dossiers en cours/);
    });
  });
