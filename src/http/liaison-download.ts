/**
 * `GET /fiche-liaison/:token`: the signatory's one-page PDF behind its signed, short-lived link.
 * The file lives in the table files' store only until the link expires (the purge erases it);
 * a forged link gets 403, an expired, spent or purged one 410, each with a French page.
 */
import type restify from 'restify';
import type { Logger } from 'pino';
import type { Clock } from '../domain/model';
import { authorizeDownload, downloadHeaders, type DownloadLinks } from '../files/download-links';
import type { Store } from '../storage/store';
import { auditDownload } from './download-audit';
import { refusalPage } from './table-download';

export interface LiaisonDownloadOptions {
  path: string;
  store: Store;
  clock: Clock;
  logger: Logger;
  links: DownloadLinks;
}

/** Registers the PDF's download route on the server. */
export function liaisonDownloadRoute(server: restify.Server, o: LiaisonDownloadOptions): void {
  server.get(`${o.path}/:token`, async (req, res) => {
    try {
      const repo = o.store.tableFiles;
      const decision = await authorizeDownload(
        o.links,
        { consume: (id, at) => repo.consumeFile(id, at.toISOString()) },
        String(req.params.token ?? ''),
        o.clock.now(),
      );
      const file = decision.ok ? await repo.fileContent(decision.fileId) : undefined;
      if (!decision.ok || !file) {
        const status = decision.ok ? 410 : decision.status;
        o.logger.warn(
          { code: 'E_FICHE_LINK_REFUSED', status, reason: decision.ok ? 'gone' : decision.reason },
          'fiche de liaison link refused',
        );
        res.writeHead(status, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
        });
        res.end(refusalPage(status));
        return;
      }
      await auditDownload(o, 'fiche.pdf.download', decision.fileId, file);
      o.logger.info({ fileId: decision.fileId }, 'fiche de liaison PDF downloaded');
      res.writeHead(200, {
        ...downloadHeaders(file.fileName, file.content.length),
        'Content-Type': 'application/pdf',
      });
      res.end(file.content);
    } catch (err) {
      o.logger.error({ err: (err as Error).name }, 'fiche de liaison: cannot serve the PDF');
      if (!res.headersSent) res.send(500);
    }
  });
}
