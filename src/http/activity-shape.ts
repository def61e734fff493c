/**
 * What /api/messages accepts as an activity before botbuilder sees it: the fields the bot and
 * the adapter read, each of the type they expect. Anything else is a 400 with a short reason,
 * never a 500 from deep inside a turn.
 */
import type { Activity } from 'botbuilder';

export type ParsedActivity = { activity: Activity } | { reason: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= 2048;

function httpUrl(v: unknown): boolean {
  if (typeof v !== 'string' || v.length > 2048) return false;
  try {
    const url = new URL(v);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The first reason the body is not an activity the bot can handle, or null. */
function problem(a: Record<string, unknown>): string | null {
  if (!isText(a.type)) return 'type must be a non-empty string';
  if (!httpUrl(a.serviceUrl)) return 'serviceUrl must be an http(s) URL';
  if (!isObject(a.conversation) || !isText(a.conversation.id))
    return 'conversation.id must be a non-empty string';
  if (!isObject(a.from) || !isText(a.from.id)) return 'from.id must be a non-empty string';
  if (a.from.aadObjectId !== undefined && typeof a.from.aadObjectId !== 'string')
    return 'from.aadObjectId must be a string';
  if (a.recipient !== undefined && (!isObject(a.recipient) || typeof a.recipient.id !== 'string'))
    return 'recipient.id must be a string';
  if (a.channelId !== undefined && typeof a.channelId !== 'string')
    return 'channelId must be a string';
  if (a.text !== undefined && a.text !== null && typeof a.text !== 'string')
    return 'text must be a string';
  if (a.channelData !== undefined && a.channelData !== null && !isObject(a.channelData))
    return 'channelData must be an object';
  for (const list of ['attachments', 'entities', 'membersAdded', 'membersRemoved'] as const) {
    if (
      a[list] !== undefined &&
      a[list] !== null &&
      !(Array.isArray(a[list]) && (a[list] as unknown[]).every(isObject))
    ) {
      return `${list} must be an array of objects`;
    }
  }
  if (a.type === 'invoke' && !isText(a.name)) return 'an invoke needs a name';
  return null;
}

/**
 * The request body as an activity, or the reason it is not one. Its timestamps become dates,
 * the raw text kept beside them, as botbuilder's own validator does.
 */
export function parseActivity(body: unknown): ParsedActivity {
  if (!isObject(body)) return { reason: 'the body must be a JSON object' };
  const reason = problem(body);
  if (reason) return { reason };
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ]) {
    if (typeof body[field] === 'string') {
      body[raw] = body[field];
      body[field] = new Date(body[field] as string);
    }
  }
  return { activity: body as unknown as Activity };
}
