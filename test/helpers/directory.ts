/** Personas, channel activities and card readers for the directory tests (issue 3). */
import { cardNodes } from './cards';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { TestBot } from './app';
import {
  invokeActivity,
  messageActivity,
  post,
  TENANT_ML,
  TENANT_OFII,
  type Persona,
  type Where,
} from './teams';

export const TWO_PARTNERSHIPS = join(
  __dirname,
  '..',
  'fixtures',
  'directory-two-partnerships.json',
);

const persona = (aadObjectId: string, name: string, tenantId: string): Persona => ({
  aadObjectId,
  name,
  tenantId,
  teamsId: `29:${aadObjectId}-teams`,
});

export const directoryPeople = {
  /** In ADMIN_IDS, not in the directory. */
  national: persona('ffffffff-0000-4000-8000-000000000001', 'Admin National', TENANT_OFII),
  /** Admin of ml-grenoble: the "isere" partnership's admin. */
  iseAdmin: persona(
    'dddddddd-0000-4000-8000-000000000009',
    'Admin Isère',
    '33333333-3333-4333-8333-333333333333',
  ),
  /** Advisor of ml-bourgoin, an ML in both partnerships. */
  bourgoin: persona('aaaaaaaa-0000-4000-8000-000000000002', 'Hélène Bourgoin', TENANT_ML),
  /** Not yet in the directory: added by mention. */
  newcomer: persona('12121212-0000-4000-8000-000000000001', 'Zoé Nouvelle', TENANT_OFII),
};

export const ADMIN_ENV = {
  ADMIN_IDS: directoryPeople.national.aadObjectId,
  DIRECTORY_FILE: TWO_PARTNERSHIPS,
};

export const TEAM_ID = '19:team-lyon@thread.tacv2';
export const CHANNEL_ID = '19:canal-dt-lyon@thread.tacv2';

/**
 * A message in a channel of a team, as Teams sends it (thread id, team and channel in channelData).
 */
export function channelMessage(
  p: Persona,
  serviceUrl: string,
  text: string,
  o: { channelId?: string; teamId?: string; mentions?: Persona[] } = {},
) {
  const channel = o.channelId ?? CHANNEL_ID;
  const where: Where = {
    conversationId: `${channel};messageid=1700000000000`,
    conversationType: 'channel',
  };
  const a = messageActivity(p, serviceUrl, text, where);
  const mentions = [
    { id: '28:passerelle-bot', name: 'Passerelle CIR' },
    ...(o.mentions ?? []).map((m) => ({ id: m.teamsId, name: m.name })),
  ];
  return {
    ...a,
    channelData: {
      ...a.channelData,
      team: { id: o.teamId ?? TEAM_ID },
      channel: { id: channel },
      teamsTeamId: o.teamId ?? TEAM_ID,
      teamsChannelId: channel,
    },
    entities: mentions.map((m) => ({ type: 'mention', mentioned: m, text: `<at>${m.name}</at>` })),
  };
}

/** Teams' conversationUpdate when the bot is removed from a team. */
export function botRemovedFromTeam(p: Persona, serviceUrl: string, teamId = TEAM_ID) {
  const a = messageActivity(p, serviceUrl, '', {
    conversationId: teamId,
    conversationType: 'channel',
  });
  return {
    ...a,
    type: 'conversationUpdate',
    text: undefined,
    membersRemoved: [{ id: '28:passerelle-bot' }],
    channelData: { ...a.channelData, eventType: 'teamMemberRemoved', team: { id: teamId } },
  };
}

/** What the bot answered to a command, as one JSON string (to read it as a person would). */
export async function say(
  bot: TestBot,
  activity: object,
): Promise<{ text: string; cards: Record<string, any>[] }> {
  const before = bot.connector.recorded.length;
  const res = await post(bot.url, activity);
  if (res.status !== 200) throw new Error(`status ${res.status}`);
  const sent = bot.connector.recorded.slice(before).filter((r) => r.method === 'POST');
  const cards = sent.flatMap((r) =>
    ((r.activity.attachments ?? []) as { content: Record<string, any> }[]).map((x) => x.content),
  );
  return { text: JSON.stringify(cards), cards };
}

/** Sends a command in the persona's personal chat. */
export const command = (bot: TestBot, p: Persona, text: string) =>
  say(bot, messageActivity(p, bot.serviceUrl, text));

/** Clicks an Action.Execute and returns the card the bot answered with. */
export async function click(
  bot: TestBot,
  p: Persona,
  verb: string,
  data: Record<string, unknown>,
  where?: Where,
  replyToId: string = randomUUID(),
): Promise<{ text: string; card: Record<string, any> }> {
  const res = await post(bot.url, invokeActivity(p, bot.serviceUrl, verb, data, replyToId, where));
  if (res.status !== 200) throw new Error(`status ${res.status}`);
  return { text: JSON.stringify(res.body.value), card: res.body.value };
}

/** The data of the first Action.Execute with `verb` found in a card. */
export function actionData(card: unknown, verb: string): Record<string, unknown> {
  const found = cardNodes(card)
    .filter((o) => o.type === 'Action.Execute' && o.verb === verb)
    .map((o) => o.data as Record<string, unknown>);
  if (!found.length) throw new Error(`no ${verb} action in the card`);
  return found[0];
}
