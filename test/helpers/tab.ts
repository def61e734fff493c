/** The tabs' API as a page calls it: a bearer token, JSON in and out (issue 15). */
import { strict as assert } from 'node:assert';
import type { TestBot } from './app';
import type { Persona } from './teams';

export interface TabAnswer {
  status: number;
  headers: Headers;
  body: any;
}

/** A development session for `p` (local mode only). */
export async function devToken(bot: TestBot, p: Pick<Persona, 'aadObjectId'>): Promise<string> {
  const res = await fetch(`${bot.url}/api/tab/dev-session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ personId: p.aadObjectId }),
  });
  assert.equal(res.status, 200);
  return ((await res.json()) as { token: string }).token;
}

export async function tabGet(bot: TestBot, path: string, token: string | null): Promise<TabAnswer> {
  const res = await fetch(`${bot.url}${path}`, {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export async function tabPost(
  bot: TestBot,
  path: string,
  token: string,
  body: unknown,
): Promise<TabAnswer> {
  const res = await fetch(`${bot.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}
