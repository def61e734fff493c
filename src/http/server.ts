/** The restify server: /api/messages (botbuilder), /healthz; bodies over the limit get 413. */
import type { ActivityHandler } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import restify from 'restify';
import type { Logger } from 'pino';
import { parseActivity } from './activity-shape';
import { refuseEncodedBodies, refuseWith, requireJson } from './body-guard';
import { registerLegalPages } from './legal-pages';
import { LogThrottle } from './log-throttle';
import { trackRequests, type Drain } from './drain';
import type { PasserelleAdapter } from '../teams/edge/adapter';
import { KeyEndpointError } from '../teams/edge/cached-auth';

export const MAX_BODY_BYTES = 256 * 1024;

export interface ServerOptions {
  adapter: PasserelleAdapter;
  bot: ActivityHandler;
  logger: Logger;
  isReady: () => boolean;
  /** A committee's invitation, if `sig` is its link's secret (issue 5); null otherwise. */
  ics?: (committeeId: string, sig: string) => Promise<string | null>;
  /** Routes a feature serves itself (issue 3: the directory export's download link). */
  routes?: ((server: restify.Server) => void)[];
}

export type PasserelleServer = restify.Server & { requests: Drain };

export function createServer(o: ServerOptions): PasserelleServer {
  const server = restify.createServer({ name: 'passerelle-cir', handleUncaughtExceptions: false });
  // First: every request counts for the shutdown's drain, refused ones too.
  const requests = trackRequests(server, (inFlight) =>
    o.logger.debug({ inFlight }, 'http: request received'),
  );
  // Anyone can send these refusals: their log lines are throttled, one per kind and minute.
  const throttle = new LogThrottle();
  server.pre(refuseEncodedBodies);
  // JSON only: no form or multipart parsing (and no temporary files) for anything the bot serves.
  // maxBodySize goes to restify's body reader (the typings omit it): a larger body gets 413.
  const jsonOptions = {
    maxBodySize: MAX_BODY_BYTES,
    mapParams: false,
  } as restify.plugins.JsonBodyParserOptions;
  server.use(restify.plugins.jsonBodyParser(jsonOptions));
  server.post('/api/messages', requireJson, async (req, res) => {
    const parsed = parseActivity(req.body);
    if (!('activity' in parsed)) {
      throttle.run(`shape:${parsed.reason}`, (suppressed) =>
        o.logger.warn(
          { reason: parsed.reason, suppressed },
          'activity refused: not an activity the bot can handle',
        ),
      );
      refuseWith(res, 400, parsed.reason);
      return;
    }
    try {
      const answer = await o.adapter.handle(
        req.headers.authorization ?? '',
        parsed.activity,
        (context) => o.bot.run(context),
      );
      res.send(answer?.status ?? 200, answer?.body);
    } catch (err) {
      const message = (err as Error)?.message;
      if (err instanceof KeyEndpointError) {
        throttle.run('auth:keys', (suppressed) =>
          o.logger.error(
            { err: message, suppressed },
            'activity refused: the token signing keys cannot be fetched',
          ),
        );
      } else if (err instanceof AuthenticationError) {
        throttle.run('auth:refused', (suppressed) =>
          o.logger.warn({ err: message, suppressed }, 'activity refused: authentication failed'),
        );
      } else {
        o.logger.error({ err: message }, 'activity processing failed');
      }
      if (!res.headersSent) res.send(err instanceof AuthenticationError ? 401 : 500);
    }
  });
  registerLegalPages(server);
  server.get('/healthz', async (_req, res) => {
    res.send(o.isReady() ? 200 : 503, { status: o.isReady() ? 'ok' : 'starting' });
  });
  const ics = o.ics;
  if (ics) {
    server.get('/ics/:file', async (req, res) => {
      const m = /^([A-Za-z0-9-]{1,64})\.ics$/.exec(String(req.params.file ?? ''));
      const sig = new URL(req.url ?? '/', 'http://local').searchParams.get('sig') ?? '';
      try {
        const body = m ? await ics(m[1], sig) : null;
        // One answer for an unknown committee and a wrong signature: the link reveals nothing.
        if (body === null) {
          res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('Not found');
          return;
        }
        res.writeHead(200, {
          'content-type': 'text/calendar; charset=utf-8',
          'content-disposition': 'attachment; filename="comite.ics"',
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        });
        res.end(body);
      } catch (err) {
        o.logger.error({ err: (err as Error).message }, 'ics: cannot serve the invitation');
        if (!res.headersSent) res.send(500);
      }
    });
  }
  for (const addRoute of o.routes ?? []) addRoute(server);
  return Object.assign(server, { requests });
}
