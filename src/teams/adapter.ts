/**
 * The bot's CloudAdapter. `handle` does what CloudAdapter.process does for one POSTed activity,
 * without building its zod schemas anew for every request (about 2% of a flow-1 submit's CPU).
 */
import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';

export class PasserelleAdapter extends CloudAdapter {
  /** Runs `logic` on an activity already parsed; resolves with the invoke's answer, if any. */
  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/**
 * The request body as an activity, or null when it is not one (no object, no type). Its
 * timestamps become dates, the raw text kept beside them, as botbuilder's own validator does.
 */
export function asActivity(body: unknown): Activity | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const a = body as Record<string, unknown>;
  if (typeof a.type !== 'string' || !a.type) return null;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['expiration', 'rawExpiration'], ['localTimestamp', 'rawLocalTimestamp']]) {
    if (typeof a[field] === 'string') {
      a[raw] = a[field];
      a[field] = new Date(a[field] as string);
    }
  }
  return a as unknown as Activity;
}
