import { strict as assert } from 'node:assert';
import { startTestBot, type TestBot } from '../helpers/app';
import { messageActivity, people, personalChat, post } from '../helpers/teams';

const greetings = (bot: TestBot) =>
  bot.connector
    .sentTo(personalChat(people.advisor))
    .filter((r) => /Je suis la Passerelle CIR/.test(JSON.stringify(r.activity)));

const event = (bot: TestBot, type: 'installationUpdate' | 'conversationUpdate') => ({
  ...messageActivity(people.advisor, bot.serviceUrl, ''),
  type,
  text: undefined,
  ...(type === 'installationUpdate'
    ? { action: 'add' }
    : {
        membersAdded: [
          { id: '28:passerelle-bot' },
          { id: people.advisor.teamsId, aadObjectId: people.advisor.aadObjectId },
        ],
      }),
});

describe('installing the app in a personal chat', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('greets once, even when the client replays the installation event', async () => {
    await post(bot.url, event(bot, 'installationUpdate'));
    await post(bot.url, event(bot, 'installationUpdate'));
    assert.equal(greetings(bot).length, 1);
    assert.ok(
      await bot.app.store.references.get('user', people.advisor.aadObjectId),
      'the personal chat is remembered for notifications',
    );
  });

  it('greets once when the conversation update comes before the installation', async () => {
    await post(bot.url, event(bot, 'conversationUpdate'));
    await post(bot.url, event(bot, 'installationUpdate'));
    assert.equal(greetings(bot).length, 1);
  });

  it('greets once when both events arrive together, as the Playground sends them', async () => {
    await Promise.all([
      post(bot.url, event(bot, 'conversationUpdate')),
      post(bot.url, event(bot, 'installationUpdate')),
    ]);
    assert.equal(greetings(bot).length, 1);
  });
});
