/**
 * Issue 14 §4's wiring, kept out of app.ts: the offer service, the PDF links (their own key,
 * derived from DOWNLOAD_SECRET; DOWNLOAD_TTL_MINUTES governs them like every download link) and
 * the download route.
 */
import type { Logger } from 'pino';
import type restify from 'restify';
import type { Config } from '../../config';
import type { Clock } from '../../domain/model';
import { OfferService } from '../../domain/offers';
import { createDownloadLinks } from '../../files/download-links';
import { deriveKey } from '../../files/secret-box';
import { offerDownloadRoute } from '../../http/offer-download';
import type { Store } from '../../storage/store';

export const OFFER_PDF_PATH = '/offres/pdf';
/** The list's verb, also behind the comité technique's "Offres de service du partenariat". */
export const OFFERS_PAGE_VERB = 'offres.page';

export interface OfferFeatureDeps {
  config: Config;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** DOWNLOAD_SECRET, or the process's random secret. */
  secret: Buffer | string;
}

export interface OfferFeature {
  readonly service: OfferService;
  /** How long a PDF link lives, in minutes. */
  readonly linkMinutes: number;
  /** A signed link to a sheet's PDF, for a reader the caller has checked. */
  pdfLink(offerId: string): string;
  /** Adds `GET /offres/pdf/:token`. */
  route(server: restify.Server): void;
}

export function createOfferFeature(d: OfferFeatureDeps): OfferFeature {
  const linkMinutes = d.config.tableau.downloadTtlMinutes;
  const links = createDownloadLinks({
    secret: deriveKey(d.secret, 'offres-link'),
    ttlMs: linkMinutes * 60_000,
  });
  return {
    service: new OfferService({
      store: d.store,
      clock: d.clock,
      allowedTenants: d.config.allowedTenants,
    }),
    linkMinutes,
    pdfLink(offerId) {
      const { token } = links.sign(offerId, d.clock.now());
      return `${d.config.publicUrl}${OFFER_PDF_PATH}/${token}`;
    },
    route(server) {
      offerDownloadRoute(server, {
        path: OFFER_PDF_PATH,
        store: d.store,
        clock: d.clock,
        logger: d.logger,
        links,
      });
    },
  };
}
