import { strict as assert } from 'node:assert';
import { birthDateForAge, startTestBot, type TestBot } from '../helpers/app';
import {
  ADMIN_ENV,
  botRemovedFromTeam,
  CHANNEL_ID,
  channelMessage,
  click,
  command,
  directoryPeople,
  say,
  TEAM_ID,
} from '../helpers/directory';
import { engines } from '../helpers/engines';
import { messageActivity, people, personalChat, post } from '../helpers/teams';

let cir = 0;
const identity = () => ({
  civilite: 'Mme',
  nom: 'Diallo',
  prenom: 'Awa',
  dateNaissance: birthDateForAge(24),
  numeroCir: `CIR-${++cir}`,
  dtId: 'dt-lyon',
  cardVersion: 1,
});
const isNewRequest = (r: { activity: Record<string, unknown> }) =>
  /Nouvelle demande —/.test(JSON.stringify(r.activity));

for (const engine of engines())
  describe(`inboxes and partnership channels, through /api/messages, on ${engine.name}`, () => {
    let bot: TestBot;
    beforeEach(async () => {
      bot = await startTestBot({ env: ADMIN_ENV, engine });
      for (const p of [people.dt1, people.dt2]) await command(bot, p, 'aide');
    });
    afterEach(async () => {
      await bot.stop();
    });

    /** The advisor sends a request; resolves once the DT side got it somewhere. */
    async function sendRequest(where: () => boolean) {
      await click(bot, people.advisor, 'demande.creer', identity());
      await bot.connector.waitFor(where);
    }

    it('lets an admin make a channel the DT inbox; after the bot is removed from the team, requests go to personal chats again', async () => {
      const bound = await say(
        bot,
        channelMessage(
          people.dtAdmin,
          bot.serviceUrl,
          '<at>Passerelle CIR</at> annuaire boîte DT OFII de Lyon',
        ),
      );
      assert.match(
        bound.text,
        /Ce canal est désormais la boîte de réception de la structure « DT OFII de Lyon »/,
      );
      assert.equal(
        (await bot.app.store.directory.getStructure('dt-lyon'))?.inboxConversationId,
        CHANNEL_ID,
        'the channel, not the thread',
      );

      await sendRequest(() => bot.connector.sentTo(CHANNEL_ID).some(isNewRequest));
      assert.equal(
        bot.connector.sentTo(personalChat(people.dt1)).filter(isNewRequest).length,
        0,
        'the channel replaces personal chats',
      );

      const removed = await post(bot.url, botRemovedFromTeam(people.dtAdmin, bot.serviceUrl));
      assert.equal(removed.status, 200);
      assert.equal(
        (await bot.app.store.directory.getStructure('dt-lyon'))?.inboxConversationId,
        null,
      );
      await sendRequest(
        () =>
          bot.connector.sentTo(personalChat(people.dt1)).some(isNewRequest) &&
          bot.connector.sentTo(personalChat(people.dt2)).some(isNewRequest),
      );
      assert.equal(
        bot.connector.sentTo(CHANNEL_ID).filter(isNewRequest).length,
        1,
        'nothing more to the lost channel',
      );
      const journal = (await command(bot, people.dtAdmin, 'annuaire journal')).text;
      assert.match(journal, /Boîte de réception perdue \(bot retiré\) — dt-lyon/);
      assert.match(journal, /Teams \(bot retiré ou canal supprimé\)/);
    });

    it('also falls back when the app is uninstalled from the team or the channel is deleted', async () => {
      await say(bot, channelMessage(people.dtAdmin, bot.serviceUrl, 'annuaire boite'));
      assert.equal(
        (await bot.app.store.directory.getStructure('dt-lyon'))?.inboxConversationId,
        CHANNEL_ID,
        'the admin’s own structure by default',
      );
      const base = messageActivity(people.dtAdmin, bot.serviceUrl, '', {
        conversationId: TEAM_ID,
        conversationType: 'channel',
      });
      await post(bot.url, {
        ...base,
        type: 'installationUpdate',
        action: 'remove',
        text: undefined,
        channelData: { ...base.channelData, team: { id: TEAM_ID } },
      });
      assert.equal(
        (await bot.app.store.directory.getStructure('dt-lyon'))?.inboxConversationId,
        null,
        'uninstalled',
      );

      await say(bot, channelMessage(people.dtAdmin, bot.serviceUrl, 'annuaire boite dt-lyon'));
      await post(bot.url, {
        ...base,
        type: 'conversationUpdate',
        text: undefined,
        channelData: {
          ...base.channelData,
          eventType: 'channelDeleted',
          channel: { id: CHANNEL_ID },
          team: { id: TEAM_ID },
        },
      });
      assert.equal(
        (await bot.app.store.directory.getStructure('dt-lyon'))?.inboxConversationId,
        null,
        'channel deleted',
      );

      await say(bot, channelMessage(people.dtAdmin, bot.serviceUrl, 'annuaire boite dt-lyon'));
      await post(bot.url, {
        ...base,
        type: 'conversationUpdate',
        text: undefined,
        membersRemoved: [{ id: people.dt1.teamsId }],
        channelData: { ...base.channelData, eventType: 'teamMemberRemoved', team: { id: TEAM_ID } },
      });
      assert.equal(
        (await bot.app.store.directory.getStructure('dt-lyon'))?.inboxConversationId,
        CHANNEL_ID,
        'someone else leaving the team changes nothing',
      );
    });

    it('unbinds and rebinds a channel on request', async () => {
      await say(bot, channelMessage(people.dtAdmin, bot.serviceUrl, 'annuaire boite'));
      const unbound = await say(
        bot,
        channelMessage(people.dtAdmin, bot.serviceUrl, 'annuaire détacher'),
      );
      assert.match(unbound.text, /Rattachement retiré : dt-lyon/);
      assert.equal(
        (await bot.app.store.directory.getStructure('dt-lyon'))?.inboxConversationId,
        null,
      );
      assert.match(
        (await say(bot, channelMessage(people.dtAdmin, bot.serviceUrl, 'annuaire detacher'))).text,
        /Aucune structure/,
        'nothing left to unbind',
      );

      const other = '19:autre-canal@thread.tacv2';
      await say(
        bot,
        channelMessage(people.dtAdmin, bot.serviceUrl, 'annuaire boite', { channelId: other }),
      );
      await say(bot, channelMessage(people.dtAdmin, bot.serviceUrl, 'annuaire boite'));
      assert.equal(
        (await bot.app.store.directory.getStructure('dt-lyon'))?.inboxConversationId,
        CHANNEL_ID,
        'the last binding wins',
      );
      assert.match(
        (await command(bot, people.dtAdmin, 'annuaire detacher dt-lyon')).text,
        /Rattachement retiré : dt-lyon/,
        'from the personal chat, by name',
      );
      await sendRequest(() => bot.connector.sentTo(personalChat(people.dt1)).some(isNewRequest));
    });

    it('binds the partnership channel, and refuses binding from a personal chat, by a non-admin, or across partnerships', async () => {
      const bound = await say(
        bot,
        channelMessage(people.dtAdmin, bot.serviceUrl, 'annuaire canal rhône'),
      );
      assert.match(bound.text, /Ce canal est désormais le canal du partenariat Rhône/);
      assert.equal(
        (await bot.app.store.directory.getPartnership('rhone'))?.channelConversationId,
        CHANNEL_ID,
      );
      assert.match(
        (await command(bot, people.dtAdmin, 'annuaire canal')).text,
        /se tape dans le canal Teams à rattacher/,
      );
      assert.match(
        (await say(bot, channelMessage(people.dt1, bot.serviceUrl, 'annuaire boite'))).text,
        /Réservé aux administrateurs/,
      );
      const isere = await say(
        bot,
        channelMessage(directoryPeople.iseAdmin, bot.serviceUrl, 'annuaire boite dt-lyon'),
      );
      assert.match(
        isere.text,
        /Aucune structure/,
        'the Lyon DT is not within the Isère admin’s reach',
      );
      assert.match(
        (
          await say(
            bot,
            channelMessage(directoryPeople.iseAdmin, bot.serviceUrl, 'annuaire canal rhone'),
          )
        ).text,
        /Aucune structure/,
      );
      assert.match(
        (await say(bot, channelMessage(people.dtAdmin, bot.serviceUrl, 'annuaire canal'))).text,
        /Ce canal est désormais le canal du partenariat Rhône/,
        'their only partnership by default',
      );
      const removed = await post(bot.url, botRemovedFromTeam(people.dtAdmin, bot.serviceUrl));
      assert.equal(removed.status, 200);
      assert.equal(
        (await bot.app.store.directory.getPartnership('rhone'))?.channelConversationId,
        null,
        'the partnership channel is lost too',
      );
    });

    it('lists the channel commands in the help of an admin, and not of an advisor', async () => {
      const admin = (await command(bot, people.dtAdmin, 'aide')).text;
      const advisor = (await command(bot, people.advisor, 'aide')).text;
      for (const c of [
        'annuaire boite',
        'annuaire canal',
        'annuaire detacher',
        'annuaire ajouter @Nom',
        'annuaire journal',
      ]) {
        assert.ok(admin.includes(c), c);
        assert.ok(!advisor.includes(c), c);
      }
    });
  });
