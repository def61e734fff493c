/**
 * The directory export's delivery (issue 3 §6): the file waits in the database and is served
 * by a short-lived, signed link (files/download-links.ts) usable a few times, never cached.
 * Teams cannot take a data: URL, and the file holds contact details: it goes nowhere else.
 */
import { randomBytes } from 'node:crypto';
import type restify from 'restify';
import type { Logger } from 'pino';
import type { Clock } from '../domain/model';
import {
  authorizeDownload,
  DEFAULT_LINK_TTL_MS,
  downloadHeaders,
  type DownloadLinks,
} from '../files/download-links';
import { fr } from '../i18n/fr';
import type { Store } from '../storage/store';

export const EXPORT_PATH = '/annuaire/export';

export interface DirectoryDownloadsOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  links: DownloadLinks;
  publicUrl: string;
  /** How many times one link serves its file (a retry, a second device). */
  maxUses?: number;
  /** The links' lifetime, as given to createDownloadLinks (15 min by default). */
  ttlMs?: number;
}

/** Publishes exported directory files and serves them through their link. */
export class DirectoryDownloads {
  readonly maxUses: number;
  readonly ttlMs: number;

  constructor(private readonly o: DirectoryDownloadsOptions) {
    this.maxUses = o.maxUses ?? 3;
    this.ttlMs = o.ttlMs ?? DEFAULT_LINK_TTL_MS;
  }

  /** Stores the file and returns its signed link. */
  async publish(actor: string, content: string): Promise<{ url: string; expiresAt: Date }> {
    const now = this.o.clock.now();
    const id = randomBytes(16).toString('base64url');
    const { token, expiresAt } = this.o.links.sign(id, now);
    await this.o.store.transaction(async (tx) => {
      await tx.directory.saveExport(
        id,
        actor,
        content,
        now.toISOString(),
        expiresAt.toISOString(),
        this.maxUses,
      );
      // The file lists the partners' people (names, e-mails, phones): its export is audited.
      await tx.audit.record({
        at: now.toISOString(),
        actor,
        action: 'directory.export',
        detail: `export=${id}`,
      });
    });
    return { url: `${this.o.publicUrl}${EXPORT_PATH}/${token}`, expiresAt };
  }

  /** Adds `GET /annuaire/export/:token` to the server. */
  route(server: restify.Server): void {
    server.get(`${EXPORT_PATH}/:token`, async (req, res) => {
      try {
        const now = this.o.clock.now();
        const repo = this.o.store.directory;
        const token = String(req.params.token ?? '');
        const decision = await authorizeDownload(
          this.o.links,
          { consume: (id, at) => repo.consumeExport(id, at.toISOString()) },
          token,
          now,
        );
        const content = decision.ok ? await repo.exportContent(decision.fileId) : undefined;
        await repo.purgeExports(now.toISOString());
        if (!decision.ok || content === undefined) {
          const status = decision.ok ? 410 : decision.status;
          this.o.logger.warn(
            {
              code: 'E_DIRECTORY_LINK_INVALID',
              status,
              reason: decision.ok ? 'gone' : decision.reason,
            },
            'directory export link refused',
          );
          const page = `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Passerelle CIR</title><p>${fr.errors.E_DIRECTORY_LINK_INVALID}</p></html>`;
          res.writeHead(status, {
            'content-type': 'text/html; charset=utf-8',
            'cache-control': 'no-store',
            'x-content-type-options': 'nosniff',
          });
          res.end(page);
          return;
        }
        const body = Buffer.from(content, 'utf8');
        const name = `annuaire-passerelle-cir-${now.toISOString().slice(0, 10)}.json`;
        res.writeHead(200, {
          ...downloadHeaders(name, body.length),
          'Content-Type': 'application/json; charset=utf-8',
        });
        res.end(body);
      } catch (err) {
        this.o.logger.error(
          { err: (err as Error).message },
          'directory export: cannot serve the file',
        );
        if (!res.headersSent) res.send(500);
      }
    });
  }
}
