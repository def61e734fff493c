/** The restify server: /api/messages (botbuilder), /healthz; bodies over the limit get 413. */
import type { ActivityHandler } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import restify from 'restify';
import type { Logger } from 'pino';
import { registerLegalPages } from './legal-pages';
import { asActivity, type PasserelleAdapter } from '../teams/adapter';

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

export function createServer(o: ServerOptions): restify.Server {
  const server = restify.createServer({ name: 'passerelle-cir', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    const activity = asActivity(req.body);
    if (!activity) {
      o.logger.warn('activity refused: the body is not an activity (no object, or no type)');
      res.send(400);
      return;
    }
    try {
      const answer = await o.adapter.handle(req.headers.authorization ?? '', activity, (context) => o.bot.run(context));
      res.send(answer?.status ?? 200, answer?.body);
    } catch (err) {
      const refused = err instanceof AuthenticationError;
      if (refused) o.logger.warn({ err: (err as Error).message }, 'activity refused: authentication failed');
      else o.logger.error({ err: (err as Error).message }, 'activity processing failed');
      if (!res.headersSent) res.send(refused ? 401 : 500);
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
  return server;
}
