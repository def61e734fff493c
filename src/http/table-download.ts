/**
 * `GET /telechargement/:token`: an exported national table behind its signed link (DESIGN.md §7).
 * A forged link gets 403, an expired, spent or purged one 410, each with a French page; the file
 * is served as an attachment, never cached. The file is encrypted: the link alone opens nothing.
 */
import type restify from 'restify';
import type { Logger } from 'pino';
import type { Clock } from '../domain/model';
import { authorizeDownload, downloadHeaders, type DownloadLinks } from '../files/download-links';
import { frFiles } from '../i18n/fr-files';
import type { Store } from '../storage/store';
import { auditDownload } from './download-audit';

export interface TableDownloadOptions {
  path: string;
  store: Store;
  clock: Clock;
  logger: Logger;
  links: DownloadLinks;
}

/** A small French page for a refused link. */
export function refusalPage(status: 403 | 410): string {
  const t = frFiles.download;
  const [title, text] =
    status === 403 ? [t.tamperedTitle, t.tampered] : [t.expiredTitle, t.expired];
  return [
    '<!doctype html>',
    '<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title} — Passerelle CIR</title>`,
    '<style>body{font-family:"Segoe UI",system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#242424}h1{font-size:1.4rem}</style>',
    `</head><body><h1>${title}</h1><p>${text}</p><p>Passerelle CIR — partenariat OFII / Missions Locales</p></body></html>`,
  ].join('\n');
}

/** Registers the download route on the server. */
export function tableDownloadRoute(server: restify.Server, o: TableDownloadOptions): void {
  server.get(`${o.path}/:token`, async (req, res) => {
    try {
      const now = o.clock.now();
      const repo = o.store.tableFiles;
      const token = String(req.params.token ?? '');
      const decision = await authorizeDownload(
        o.links,
        { consume: (id, at) => repo.consumeFile(id, at.toISOString()) },
        token,
        now,
      );
      const file = decision.ok ? await repo.fileContent(decision.fileId) : undefined;
      if (!decision.ok || !file) {
        const status = decision.ok ? 410 : decision.status;
        o.logger.warn(
          {
            code: 'E_TABLEAU_LINK_REFUSED',
            status,
            reason: decision.ok ? 'gone' : decision.reason,
          },
          'national table link refused',
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
      await auditDownload(o, 'file.download', decision.fileId, file);
      o.logger.info(
        { fileId: decision.fileId, bytes: file.content.length },
        'national table downloaded',
      );
      res.writeHead(200, downloadHeaders(file.fileName, file.content.length));
      res.end(file.content);
    } catch (err) {
      o.logger.error({ err: (err as Error).name }, 'national table: cannot serve the file');
      if (!res.headersSent) res.send(500);
    }
  });
}
