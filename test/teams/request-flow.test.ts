import { strict as assert } from 'node:assert';
import { birthDateForAge, startTestBot, type TestBot } from '../helpers/app';
import { engines } from '../helpers/engines';
import {
  inPersonal,
  invokeActivity,
  messageActivity,
  people,
  personalChat,
  post,
} from '../helpers/teams';
import { sqlOf } from '../helpers/sql';

const identity = () => ({
  civilite: 'Mme',
  nom: 'Diallo',
  prenom: 'Aïssatou',
  dateNaissance: birthDateForAge(22),
  numeroCir: '0069 1234 5678',
  dtId: 'dt-lyon',
  cardVersion: 1,
});

/** Text of every TextBlock and fact of a card, to read it as a person would. */
function cardText(card: unknown): string {
  return JSON.stringify(card);
}

async function openForm(bot: TestBot) {
  // Each correspondent talks to the bot once so that it knows their personal chat.
  for (const p of [people.dt1, people.dt2])
    await post(bot.url, messageActivity(p, bot.serviceUrl, 'aide'));
  const before = bot.connector.recorded.length;
  const res = await post(bot.url, messageActivity(people.advisor, bot.serviceUrl, '/Demande cir'));
  assert.equal(res.status, 200);
  const reply = bot.connector.recorded[before];
  assert.equal(reply.conversationId, personalChat(people.advisor));
  return reply;
}

for (const engine of engines())
  describe(`the request flow, through /api/messages, on ${engine.name}`, () => {
    let bot: TestBot;
    beforeEach(async () => {
      bot = await startTestBot({ engine });
    });
    afterEach(async () => {
      await bot.stop();
    });

    it('lets an advisor open a request that reaches the DT correspondents, then shows the DT answer', async () => {
      const form = await openForm(bot);
      const formCard = (form.activity.attachments as { content: Record<string, unknown> }[])[0]
        .content;
      const inputs = JSON.stringify(formCard);
      for (const id of ['civilite', 'nom', 'prenom', 'dateNaissance', 'numeroCir', 'dtId'])
        assert.ok(inputs.includes(`"id":"${id}"`), id);

      const submit = await post(
        bot.url,
        invokeActivity(
          people.advisor,
          bot.serviceUrl,
          'demande.creer',
          identity(),
          form.activityId,
        ),
      );
      assert.equal(submit.status, 200);
      assert.equal(submit.body.type, 'application/vnd.microsoft.card.adaptive');
      assert.match(cardText(submit.body.value), /Demande CIR n° \d{4}-\d{6}/);
      assert.match(cardText(submit.body.value), /Diallo/);

      // The DT correspondents get a neutral card: no personal data in what Teams stores.
      await bot.connector.waitFor(
        () =>
          bot.connector.sentTo(personalChat(people.dt1)).length > 1 &&
          bot.connector.sentTo(personalChat(people.dt2)).length > 1,
      );
      const dtMessage = bot.connector.sentTo(personalChat(people.dt1)).at(-1)!;
      const stored = JSON.stringify(dtMessage.activity);
      for (const secret of ['Diallo', 'Aïssatou', '006912345678', 'Mme'])
        assert.ok(!stored.includes(secret), `DT card leaks ${secret}`);
      const card = (dtMessage.activity.attachments as { content: any }[])[0].content;
      assert.equal(card.refresh.action.verb, 'demande.voir');
      assert.ok(card.refresh.userIds.includes(people.dt1.teamsId));
      const requestId = card.refresh.action.data.requestId as string;

      // The advisor's form message became the neutral status card, in place.
      await bot.connector.waitFor(() =>
        bot.connector.recorded.some((r) => r.method === 'PUT' && r.activityId === form.activityId),
      );

      // The correspondent asks for the detail (automatic refresh) and sees the identity and the
      // flow-2 inputs.
      const refresh = await post(
        bot.url,
        invokeActivity(
          people.dt1,
          bot.serviceUrl,
          'demande.voir',
          { requestId },
          dtMessage.activityId,
          inPersonal(people.dt1),
          'automatic',
        ),
      );
      const detail = cardText(refresh.body.value);
      assert.match(detail, /Diallo/);
      for (const id of [
        'positionnementLinguistique',
        'prescriptionInitiale',
        'heuresFL',
        'journeesFC',
      ])
        assert.ok(detail.includes(`"id":"${id}"`), id);

      const answer = await post(
        bot.url,
        invokeActivity(
          people.dt1,
          bot.serviceUrl,
          'demande.repondre',
          {
            requestId,
            positionnementLinguistique: 'INF_A2',
            prescriptionInitiale: 'FL_600',
            heuresFL: '120',
            journeesFC: '2',
            cardVersion: 1,
          },
          dtMessage.activityId,
        ),
      );
      const summary = cardText(answer.body.value);
      assert.match(summary, /Complétée par la DT/);
      assert.ok(!summary.includes('"id":"heuresFL"'), 'the DT card is read-only once answered');

      // The advisor's card is updated in place and the advisor is notified, neutrally.
      await bot.connector.waitFor(
        () =>
          bot.connector.recorded.filter(
            (r) => r.method === 'PUT' && r.activityId === form.activityId,
          ).length >= 2,
      );
      await bot.connector.waitFor(() =>
        bot.connector
          .sentTo(personalChat(people.advisor))
          .some((r) => r.method === 'POST' && /Réponse reçue/.test(JSON.stringify(r.activity))),
      );
      const advisorView = await post(
        bot.url,
        invokeActivity(
          people.advisor,
          bot.serviceUrl,
          'demande.voir',
          { requestId },
          form.activityId,
        ),
      );
      assert.match(cardText(advisorView.body.value), /600 h en présentiel/);
      for (const r of bot.connector.recorded)
        assert.ok(
          !JSON.stringify(r.activity).includes('Diallo'),
          'no identity in any stored message',
        );
    });

    it('refuses the detail to someone of another structure, who gets the neutral card', async () => {
      const form = await openForm(bot);
      await post(
        bot.url,
        invokeActivity(
          people.advisor,
          bot.serviceUrl,
          'demande.creer',
          identity(),
          form.activityId,
        ),
      );
      const [{ id }] = await sqlOf(bot.app.store).all<{ id: string }>('SELECT id FROM requests');
      for (const p of [people.otherDt, people.otherMl, people.stranger]) {
        const res = await post(
          bot.url,
          invokeActivity(
            p,
            bot.serviceUrl,
            'demande.voir',
            { requestId: id },
            'x',
            inPersonal(p),
            'automatic',
          ),
        );
        const text = cardText(res.body.value);
        assert.ok(!text.includes('Diallo'), `${p.name} must not see the identity`);
        assert.match(text, /Demande CIR n°/);
      }
    });
  });
