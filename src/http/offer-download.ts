/**
 * `GET /offres/pdf/:token`: an offer sheet's PDF behind a short-lived signed link (issue 14 §4),
 * minted for a reader whose role the bot has just checked. A forged link gets 403, an expired
 * one or a withdrawn sheet 410, each with a French page; the PDF is served as an attachment,
 * never cached nor sniffed.
 */
import type restify from 'restify';
import type { Logger } from 'pino';
import type { Clock } from '../domain/model';
import { downloadHeaders, type DownloadLinks } from '../files/download-links';
import type { Store } from '../storage/store';
import { refusalPage } from './table-download';

export interface OfferDownloadOptions {
  path: string;
  store: Store;
  clock: Clock;
  logger: Logger;
  links: DownloadLinks;
}

function refuse(res: restify.Response, status: 403 | 410): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(refusalPage(status));
}

/** Registers the route on the server. */
export function offerDownloadRoute(server: restify.Server, o: OfferDownloadOptions): void {
  server.get(`${o.path}/:token`, async (req, res) => {
    try {
      const check = o.links.verify(String(req.params.token ?? ''), o.clock.now());
      const file = check.ok ? await o.store.offers.fileContent(check.fileId) : undefined;
      if (!check.ok || !file) {
        const status = check.ok ? 410 : check.reason === 'tampered' ? 403 : 410;
        o.logger.warn(
          { code: 'E_OFFER_LINK_REFUSED', status, reason: check.ok ? 'gone' : check.reason },
          'offer pdf link refused',
        );
        refuse(res, status);
        return;
      }
      o.logger.info({ offerId: check.fileId, bytes: file.content.length }, 'offer pdf downloaded');
      res.writeHead(200, {
        ...downloadHeaders(file.name, file.content.length),
        'Content-Type': 'application/pdf',
      });
      res.end(file.content);
    } catch (err) {
      o.logger.error({ err: (err as Error).name }, 'offer pdf: cannot serve the file');
      if (!res.headersSent) res.send(500);
    }
  });
}
