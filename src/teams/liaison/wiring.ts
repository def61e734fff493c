/**
 * The fiche de liaison's wiring, kept out of app.ts: its service, its notifier, the signed links
 * of the signatory's PDF and their download route.
 */
import type { Logger } from 'pino';
import type restify from 'restify';
import type { Config } from '../../config';
import { FicheService } from '../../domain/liaison-service';
import type { Clock } from '../../domain/model';
import type { RequestServiceDeps } from '../../domain/request-effects';
import { createDownloadLinks, type DownloadLinks } from '../../files/download-links';
import { deriveKey } from '../../files/secret-box';
import { liaisonDownloadRoute } from '../../http/liaison-download';
import type { Store } from '../../storage/store';
import { TeamsFicheNotifier } from './notifier';

export const LIAISON_PDF_PATH = '/fiche-liaison';

export interface LiaisonFeature {
  readonly service: FicheService;
  readonly links: DownloadLinks;
  readonly ttlMs: number;
  readonly maxUses: number;
  readonly publicUrl: string;
  /** Adds `GET /fiche-liaison/:token`. */
  route(server: restify.Server): void;
}

export function createLiaisonFeature(d: {
  config: Config;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** DOWNLOAD_SECRET, or the process's random secret. */
  secret: Buffer | string;
  requestDeps: RequestServiceDeps;
}): LiaisonFeature {
  const ttlMs = d.config.tableau.downloadTtlMinutes * 60_000;
  // A key of its own: a PDF link's MAC never opens a table, nor the reverse.
  const links = createDownloadLinks({ secret: deriveKey(d.secret, 'liaison-pdf'), ttlMs });
  return {
    service: new FicheService({
      ...d.requestDeps,
      ficheNotifier: new TeamsFicheNotifier(d.clock),
    }),
    links,
    ttlMs,
    maxUses: d.config.tableau.downloadMaxUses,
    publicUrl: d.config.publicUrl,
    route(server) {
      liaisonDownloadRoute(server, {
        path: LIAISON_PDF_PATH,
        store: d.store,
        clock: d.clock,
        logger: d.logger,
        links,
      });
    },
  };
}
