/** A request's life through /api/messages: open one, act on it as Teams would, read the cards. */
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { birthDateForAge, type TestBot } from './app';
import { cardNodes } from './cards';
import { sqlOf } from './sql';
import { inPersonal, invokeActivity, messageActivity, people, post, type Persona } from './teams';

export const identity = (over: Record<string, unknown> = {}) => ({
  civilite: 'Mme',
  nom: 'Diallo',
  prenom: 'Aïssatou',
  dateNaissance: birthDateForAge(22),
  numeroCir: 'CIR-0069-1234',
  motif: 'information',
  ...over,
});

export const figures = (over: Record<string, unknown> = {}) => ({
  positionnementLinguistique: 'INF_A2',
  prescriptionInitiale: 'FL_600',
  heuresFL: '120',
  journeesFC: '1',
  ...over,
});

/** Invokes `verb` as `p` from a card in their personal chat; returns the card answered. */
export async function act(
  bot: TestBot,
  p: Persona,
  verb: string,
  data: Record<string, unknown>,
  replyToId = 'card-1',
): Promise<Record<string, unknown>> {
  const res = await post(bot.url, invokeActivity(p, bot.serviceUrl, verb, data, replyToId));
  assert.equal(res.status, 200);
  return res.body.value as Record<string, unknown>;
}

export const text = (card: unknown): string => JSON.stringify(card);

/** The data of the card's action `verb` (the version it carries, mostly). */
export function actionData(card: unknown, verb: string): Record<string, unknown> | undefined {
  const node = cardNodes(card).find((n) => n.type === 'Action.Execute' && n.verb === verb);
  return node?.data as Record<string, unknown> | undefined;
}

/** The value an input of the card shows. */
export function inputValue(card: unknown, id: string): unknown {
  return cardNodes(card).find((n) => typeof n.type === 'string' && n.id === id)?.value;
}

/** Everyone says hello (the bot learns their chats), then the advisor opens a request. */
export async function openRequest(
  bot: TestBot,
  over: Record<string, unknown> = {},
): Promise<string> {
  for (const p of [people.advisor, people.dt1, people.dt2, people.otherDt, people.otherMl])
    await post(bot.url, messageActivity(p, bot.serviceUrl, 'aide'));
  // One form card, one request: each request comes from a card of its own.
  const card = await act(
    bot,
    people.advisor,
    'demande.creer',
    { ...identity(over), dtId: 'dt-lyon', cardVersion: 1 },
    `form-${randomUUID()}`,
  );
  assert.match(text(card), /Demande CIR n° \d{4}-\d{6}/);
  const [{ id }] = await sqlOf(bot.app.store).all<{ id: string }>(
    'SELECT id FROM requests ORDER BY created_at DESC LIMIT 1',
  );
  return id;
}

/** The DT's first answer, from a card drawn at version 1. */
export async function answer(
  bot: TestBot,
  requestId: string,
  p: Persona = people.dt1,
  over: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  return act(bot, p, 'demande.repondre', { requestId, cardVersion: 1, ...figures(over) });
}

/** A row of the request, as stored. */
export async function stored(bot: TestBot, requestId: string): Promise<Record<string, unknown>> {
  const [row] = await sqlOf(bot.app.store).all<Record<string, unknown>>(
    'SELECT * FROM requests WHERE id = ?',
    [requestId],
  );
  return row;
}

export async function events(bot: TestBot, requestId: string) {
  return sqlOf(bot.app.store).all<{ kind: string; detail: string | null; actor: string }>(
    'SELECT kind, detail, actor FROM request_events WHERE request_id = ? ORDER BY id',
    [requestId],
  );
}

/** The refusal logged for `code`, if any. */
export const refusedWith = (bot: TestBot, code: string) =>
  bot.logs.some((l) => l.msg === 'refused' && l.code === code);

export { inPersonal, people };
