import { strict as assert } from 'node:assert';
import { birthDateForAge, startTestBot, type TestBot } from '../helpers/app';
import {
  inPersonal,
  invokeActivity,
  messageActivity,
  people,
  personalChat,
  post,
  type Persona,
} from '../helpers/teams';
import { sqlOf } from '../helpers/sql';

describe('flows 3 and 4: the Mission Locale prescription and the follow-up request', () => {
  let bot: TestBot;
  let requestId: string;

  const act = async (p: Persona, verb: string, data: Record<string, unknown>) =>
    JSON.stringify(
      (
        await post(
          bot.url,
          invokeActivity(
            p,
            bot.serviceUrl,
            verb,
            { cardVersion: 1, ...data },
            'card',
            inPersonal(p),
          ),
        )
      ).body.value,
    );

  beforeEach(async () => {
    bot = await startTestBot();
    for (const p of [people.advisor, people.dt1, people.dt2])
      await post(bot.url, messageActivity(p, bot.serviceUrl, 'aide'));
    await post(
      bot.url,
      invokeActivity(
        people.advisor,
        bot.serviceUrl,
        'demande.creer',
        {
          civilite: 'M.',
          nom: 'Kaya',
          prenom: 'Emre',
          dateNaissance: birthDateForAge(20),
          numeroCir: 'AB12345',
          dtId: 'dt-lyon',
          cardVersion: 1,
        },
        'form',
      ),
    );
    [{ id: requestId }] = await sqlOf(bot.app.store).all<{ id: string }>('SELECT id FROM requests');
    await act(people.dt1, 'demande.repondre', {
      requestId,
      positionnementLinguistique: 'INF_A2_NLNS',
      prescriptionInitiale: 'FL_600',
      heuresFL: 300,
      journeesFC: 4,
    });
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('lets the DT ask the advisor for the rest of the pathway, and the advisor answer with the ML prescription', async () => {
    const asked = await act(people.dt1, 'demande.relancer', { requestId });
    assert.match(asked, /Demande de suite de parcours envoyée/);
    await bot.connector.waitFor(() =>
      bot.connector
        .sentTo(personalChat(people.advisor))
        .some((r) => /Suite du parcours demandée/.test(JSON.stringify(r.activity))),
    );

    const advisorCard = await act(people.advisor, 'demande.voir', { requestId });
    assert.ok(advisorCard.includes('"id":"prescriptionML"'), 'the advisor can answer with flow 3');

    const done = await act(people.advisor, 'demande.prescrire', {
      requestId,
      prescriptionML: 'CEJ',
    });
    assert.match(done, /Prescription transmise à la DT/);
    assert.match(done, /Contrat d'engagement jeune/);
    assert.match(done, /Clôturée/);
    await bot.connector.waitFor(() =>
      bot.connector
        .sentTo(personalChat(people.dt1))
        .some((r) => /Prescription de la Mission Locale reçue/.test(JSON.stringify(r.activity))),
    );
    for (const r of bot.connector.recorded)
      assert.ok(!JSON.stringify(r.activity).includes('Kaya'), 'messages stay neutral');
    const events = await bot.app.store.requests.listEvents(requestId);
    assert.deepEqual(
      events.map((e) => e.kind),
      ['created', 'answered', 'followup_requested', 'prescribed'],
    );
  });

  it('refuses flow 3 from the DT and flow 4 from the ML, and a value outside the referential', async () => {
    assert.match(
      await act(people.dt1, 'demande.prescrire', { requestId, prescriptionML: 'CEJ' }),
      /pas été ouverte par votre Mission Locale/,
    );
    assert.match(
      await act(people.advisor, 'demande.relancer', { requestId }),
      /pas adressée à votre direction territoriale/,
    );
    assert.match(
      await act(people.advisor, 'demande.prescrire', { requestId, prescriptionML: 'NIMPORTE' }),
      /Choisissez une valeur de la liste/,
    );
    assert.match(
      await act(people.advisor, 'demande.prescrire', {
        requestId,
        prescriptionML: 'CEJ',
        positionnementLinguistique: 'A2_ATTEINT',
      }),
      /non autorisés par le DPO \(positionnementLinguistique\)/,
    );
    assert.equal((await bot.app.store.requests.get(requestId))?.prescriptionML, null);
  });
});
