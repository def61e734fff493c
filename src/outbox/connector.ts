/**
 * Sends outbox rows to the Bot Connector REST API (v3 conversations). Kept free of botbuilder
 * so that the dispatcher controls retries itself: one HTTP call per attempt, no hidden retry.
 */
import {
  ClientSecretCredential,
  ManagedIdentityCredential,
  type TokenCredential,
} from '@azure/identity';
import type { OutboxRow } from '../storage/store';

export class SendError extends Error {
  constructor(
    public readonly status: number,
    public readonly retryAfterMs: number | null,
    message: string,
  ) {
    super(message);
  }
}

export interface MessageSender {
  /** Posts or updates the row's activity; returns the id Teams gave the activity, if any. */
  send(row: OutboxRow): Promise<string | null>;
}

export type TokenSource = () => Promise<string | null>;

/** The bot's token for the Bot Connector, from @azure/identity; none in local mode. */
export function botTokenSource(
  bot: { appId: string; appPassword: string; appType: string; tenantId: string },
  local: boolean,
): TokenSource {
  if (local || !bot.appId) return async () => null;
  let credential: TokenCredential;
  if (bot.appType === 'UserAssignedMSI')
    credential = new ManagedIdentityCredential({ clientId: bot.appId });
  else
    credential = new ClientSecretCredential(
      bot.appType === 'SingleTenant' ? bot.tenantId : 'botframework.com',
      bot.appId,
      bot.appPassword,
    );
  return async () =>
    (await credential.getToken('https://api.botframework.com/.default'))?.token ?? null;
}

export class BotConnectorSender implements MessageSender {
  constructor(
    private readonly token: TokenSource,
    private readonly timeoutMs = 15_000,
  ) {}

  async send(row: OutboxRow): Promise<string | null> {
    const ref = row.reference as {
      serviceUrl?: string;
      channelId?: string;
      bot?: unknown;
      conversation?: Record<string, unknown>;
    };
    if (!ref.serviceUrl) throw new SendError(0, null, 'conversation reference has no serviceUrl');
    const base = ref.serviceUrl.replace(/\/+$/, '');
    const conv = encodeURIComponent(row.conversationId);
    const url =
      row.op === 'update'
        ? `${base}/v3/conversations/${conv}/activities/${encodeURIComponent(row.activityId ?? '')}`
        : `${base}/v3/conversations/${conv}/activities`;
    const body = {
      ...row.activity,
      ...(row.op === 'update' ? { id: row.activityId } : {}),
      channelId: ref.channelId ?? 'msteams',
      from: ref.bot,
      conversation: { ...(ref.conversation ?? {}), id: row.conversationId },
      serviceUrl: ref.serviceUrl,
    };
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const token = await this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: row.op === 'update' ? 'PUT' : 'POST',
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new SendError(0, null, `network error: ${(err as Error).message}`);
    }
    const text = await res.text();
    if (!res.ok)
      throw new SendError(
        res.status,
        retryAfter(res.headers.get('retry-after')),
        `HTTP ${res.status}`,
      );
    try {
      const json = JSON.parse(text) as { id?: string };
      return json.id ?? row.activityId ?? null;
    } catch {
      return row.activityId ?? null;
    }
  }
}

/** Retry-After in seconds or as an HTTP date. */
export function retryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
