/** The fiche de liaison's test partnership: one DT, three MLs (two serve the 69), and outsiders. */
import { join } from 'node:path';
import { strict as assert } from 'node:assert';
import { birthDateForAge, type TestBot } from './app';
import {
  inPersonal,
  invokeActivity,
  messageActivity,
  people,
  personalChat,
  post,
  TENANT_ML,
  TENANT_OFII,
  type Persona,
} from './teams';

export const LIAISON_DIRECTORY = join(__dirname, '..', 'fixtures', 'directory-liaison.json');

const persona = (aadObjectId: string, name: string, tenantId: string): Persona => ({
  aadObjectId,
  name,
  tenantId,
  teamsId: `29:${aadObjectId}-teams`,
});

export const cast = {
  auditor: people.dt1,
  dt2: people.dt2,
  advisor: people.advisor,
  advisor2: persona('aaaaaaaa-0000-4000-8000-000000000002', 'Hugo Conseiller', TENANT_ML),
  mlAdmin: persona('aaaaaaaa-0000-4000-8000-000000000003', 'Admin ML Villeurbanne', TENANT_ML),
  lyon: persona('aaaaaaaa-0000-4000-8000-000000000004', 'Inès Conseillère Lyon', TENANT_ML),
  bourg: persona('aaaaaaaa-0000-4000-8000-000000000005', 'Paul Conseiller Bourg', TENANT_ML),
  otherMl: people.otherMl,
  otherDt: persona('cccccccc-0000-4000-8000-000000000001', 'Agent Grenoble', TENANT_OFII),
  stranger: people.stranger,
};

export const fiche = (over: Record<string, unknown> = {}) => ({
  civilite: 'Mme',
  nom: 'Nguyễn',
  prenom: 'Thị Ánh',
  dateNaissance: birthDateForAge(24),
  numeroCir: '0069 7777 1234',
  residence: '01000',
  cardVersion: 1,
  ...over,
});

export type Body = { value: unknown };
export const text = (card: unknown) => JSON.stringify(card);

/** Everyone says hello once, so that the bot knows their personal chats. */
export async function greetAll(bot: TestBot): Promise<void> {
  for (const p of Object.values(cast))
    await post(bot.url, messageActivity(p, bot.serviceUrl, 'aide'));
}

export async function say(bot: TestBot, p: Persona, words: string) {
  const before = bot.connector.recorded.length;
  const res = await post(bot.url, messageActivity(p, bot.serviceUrl, words));
  assert.equal(res.status, 200);
  return bot.connector.recorded.slice(before).filter((r) => r.conversationId === personalChat(p));
}

export async function act(
  bot: TestBot,
  p: Persona,
  verb: string,
  data: Record<string, unknown>,
  replyToId?: string,
) {
  const res = await post(
    bot.url,
    invokeActivity(p, bot.serviceUrl, verb, data, replyToId, inPersonal(p)),
  );
  assert.equal(res.status, 200);
  return res.body.value as Record<string, unknown>;
}

/** The auditor opens `/liaison` and submits `data`; returns the answer and the form's id. */
export async function submitFiche(bot: TestBot, data: Record<string, unknown>) {
  const [form] = await say(bot, cast.auditor, '/liaison');
  const card = await act(bot, cast.auditor, 'liaison.creer', data, form.activityId);
  return { form, card };
}

/** The fiche id a neutral or detail card refreshes. */
export function ficheIdOf(card: Record<string, unknown>): string {
  return (card.refresh as { action: { data: { ficheId: string } } }).action.data.ficheId;
}

/** The last card sent to `p`'s personal chat. */
export function lastCardTo(bot: TestBot, p: Persona): Record<string, unknown> {
  const r = bot.connector.sentTo(personalChat(p)).at(-1);
  assert.ok(r, `nothing sent to ${p.name}`);
  return (r.activity.attachments as { content: Record<string, unknown> }[])[0].content;
}
