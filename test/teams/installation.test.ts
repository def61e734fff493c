import { strict as assert } from 'node:assert';
import { startTestBot } from '../helpers/app';
import { messageActivity, people, personalChat, post } from '../helpers/teams';

describe('installing the app in a personal chat', () => {
  it('greets once, even when the client replays the installation event', async () => {
    const bot = await startTestBot();
    try {
      const install = () => ({ ...messageActivity(people.advisor, bot.serviceUrl, ''), type: 'installationUpdate', action: 'add', text: undefined });
      await post(bot.url, install());
      await post(bot.url, install());
      const greetings = bot.connector.sentTo(personalChat(people.advisor)).filter((r) => /Je suis la Passerelle CIR/.test(JSON.stringify(r.activity)));
      assert.equal(greetings.length, 1);
      assert.ok(await bot.app.store.getReference('user', people.advisor.aadObjectId), 'the personal chat is remembered for notifications');
    } finally {
      await bot.stop();
    }
  });
});
