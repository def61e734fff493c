/**
 * The two routes the request-flow bench compares the bot with, on the bot's thread.
 *
 * The bare route: restify and the bot's body parser, answering `{"ok":true}`.
 *
 * The floor: a restify route with the bot's body parser, adapter and
 * authentication, whose TeamsActivityHandler answers every card submit with one constant
 * card (no storage, no validation, no outbox). What this route costs per request, any flow-1
 * submit on the project's fixed stack (restify, botbuilder's CloudAdapter) costs too.
 */
import type { AddressInfo } from 'node:net';
import {
  ConfigurationBotFrameworkAuthentication,
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';
import restify from 'restify';
import { parseActivity } from '../src/http/activity-shape';
import { PasserelleAdapter } from '../src/teams/edge/adapter';
import { CachingBotFrameworkAuthentication } from '../src/teams/edge/cached-auth';
import { MAX_BODY_BYTES } from '../src/http/server';

const CARD = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'Demande 2026-000001 transmise', wrap: true }],
};

class ConstantAnswer extends TeamsActivityHandler {
  protected override async onAdaptiveCardInvoke(
    _context: TurnContext,
    _value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: CARD as never,
    };
  }
}

export interface Route {
  url: string;
  close(): Promise<void>;
}

/** A restify 11 server with the bot's body parser, whose POST /api/messages runs `handler`. */
async function startRoute(name: string, handler: restify.RequestHandler): Promise<Route> {
  const server = restify.createServer({ name, handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));
  server.post('/api/messages', handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => (closed ??= new Promise((resolve) => server.close(() => resolve()))),
  };
}

/**
 * The bare route. Async like the bot's (restify 11 refuses a two-argument handler that is not
 * async).
 */
export function startBareRoute(): Promise<Route> {
  return startRoute('bare', async (_req, res) => {
    res.send(200, { ok: true });
  });
}

/** The floor route, on 127.0.0.1 (local mode: no app id, as the bench's bot). */
export function startFrameworkFloor(): Promise<Route> {
  const adapter = new PasserelleAdapter(
    new CachingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({})),
  );
  const bot = new ConstantAnswer();
  return startRoute('floor', async (req, res) => {
    const parsed = parseActivity(req.body);
    if (!('activity' in parsed)) {
      res.send(400);
      return;
    }
    const answer = await adapter.handle(
      req.headers.authorization ?? '',
      parsed.activity,
      (context) => bot.run(context),
    );
    res.send(answer?.status ?? 200, answer?.body);
  });
}
