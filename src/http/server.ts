/** The restify server: /api/messages (botbuilder), /healthz; bodies over the limit get 413. */
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import restify from 'restify';
import type { Logger } from 'pino';

export const MAX_BODY_BYTES = 256 * 1024;

export interface ServerOptions {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  logger: Logger;
  isReady: () => boolean;
}

export function createServer(o: ServerOptions): restify.Server {
  const server = restify.createServer({ name: 'passerelle-cir', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    try {
      await o.adapter.process(req, res, (context) => o.bot.run(context));
    } catch (err) {
      o.logger.error({ err: (err as Error).message }, 'activity processing failed');
      if (!res.headersSent) res.send(500);
    }
  });
  server.get('/healthz', async (_req, res) => {
    res.send(o.isReady() ? 200 : 503, { status: o.isReady() ? 'ok' : 'starting' });
  });
  return server;
}
