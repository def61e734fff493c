/**
 * Issue 4's wiring, kept out of app.ts: the file worker pool, the signed links and the sealed
 * passwords, the optional Graph upload, the download route, the work that runs after a turn,
 * and the purge that erases expired passwords, files and uploads.
 */
import type { Logger } from 'pino';
import type restify from 'restify';
import type { Config, TableauConfig } from '../../config';
import type { Clock } from '../../domain/model';
import { createDownloadLinks, type DownloadLinks } from '../../files/download-links';
import {
  GraphChannelUploader,
  graphTokenSource,
  type ChannelFileUploader,
} from '../../files/channel-upload';
import { createSecretBox, deriveKey, type SecretBox } from '../../files/secret-box';
import { createFileWorkerPool, type FileWorkerPool } from '../../files/worker-pool';
import { tableDownloadRoute } from '../../http/table-download';
import type { Repo, Store } from '../../storage/store';
import { fr } from '../../i18n/fr';
import type { Card } from '../cards/render';
import { cardMessage, statusCard } from './views';

export interface TableFeatureDeps {
  config: Config;
  store: Store;
  clock: Clock;
  logger: Logger;
  wakeOutbox: () => void;
  /** DOWNLOAD_SECRET, or the process's random secret. */
  secret: Buffer | string;
  /** A Graph double (tests); default: Graph from configuration when GRAPH_ENABLED=1. */
  uploader?: ChannelFileUploader | null;
  pool?: FileWorkerPool;
  /** Start the workers (keys derived) at start-up rather than on the first file (default true). */
  warm?: boolean;
}

/** Where a job's card lives: updated in place when it has an id, else posted anew. */
export interface CardPlace {
  conversationId: string;
  activityId: string | null;
  reference: Record<string, unknown>;
}

export interface TableFeature {
  readonly settings: TableauConfig;
  readonly pool: FileWorkerPool;
  readonly links: DownloadLinks;
  readonly box: SecretBox;
  readonly uploader: ChannelFileUploader | null;
  /** Runs work after the turn has answered; stop() waits for it. */
  background(name: string, work: () => Promise<void>): void;
  /** Adds `GET /telechargement/:token`. */
  route(server: restify.Server): void;
  /** Warms the workers, closes the cards of jobs a stopped process left, starts the purge. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const DOWNLOAD_PATH = '/telechargement';
const PURGE_EVERY_MS = 60_000;
/** A job older than this is no longer running anywhere (the pool stops a job after 120 s). */
const STALE_JOB_MS = 5 * 60_000;
/** Erased passwords and finished jobs are forgotten after this. */
const FORGET_AFTER_MS = 7 * 86_400_000;

/** Queues a job's card: an in-place update of its progress card, or a new message. */
export async function enqueueCard(
  tx: Repo,
  place: CardPlace,
  card: Card,
  summary: string,
  at: string,
): Promise<void> {
  await tx.outbox.enqueue(
    {
      op: place.activityId ? 'update' : 'send',
      conversationId: place.conversationId,
      reference: place.reference,
      activity: cardMessage(card, summary),
      activityId: place.activityId ?? undefined,
      dueAt: at,
    },
    at,
  );
}

export function createTableFeature(d: TableFeatureDeps): TableFeature {
  const settings = d.config.tableau;
  const pool = d.pool ?? createFileWorkerPool({ maxOldGenerationSizeMb: settings.workerMaxHeapMb });
  // One secret, two keys: a link's MAC and a sealed password never share a key.
  const links = createDownloadLinks({
    secret: deriveKey(d.secret, 'tableau-link'),
    ttlMs: settings.downloadTtlMinutes * 60_000,
  });
  const box = createSecretBox(deriveKey(d.secret, 'tableau-password'));
  const graph = settings.graph;
  const uploader =
    d.uploader !== undefined
      ? d.uploader
      : graph
        ? new GraphChannelUploader({ token: graphTokenSource(graph) })
        : null;
  const running = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | null = null;

  async function closeStaleJobs(): Promise<void> {
    const now = d.clock.now();
    const stale = await d.store.tableFiles.staleJobs(
      new Date(now.getTime() - STALE_JOB_MS).toISOString(),
    );
    for (const job of stale) {
      await d.store.transaction(async (tx) => {
        const card =
          job.kind === 'import'
            ? statusCard({
                title: fr.tableau.import.title,
                text: fr.tableau.import.interrupted,
                color: 'Attention',
              })
            : statusCard({ text: fr.tableau.export.interrupted, color: 'Attention' });
        await enqueueCard(tx, job, card, fr.tableau.export.title, now.toISOString());
        await tx.tableFiles.finishJob(job.id, 'failed', now.toISOString());
      });
      d.logger.warn(
        { code: 'E_TABLEAU_JOB_INTERRUPTED', jobId: job.id, kind: job.kind },
        'national table job interrupted',
      );
    }
    if (stale.length) d.wakeOutbox();
  }

  async function purge(): Promise<void> {
    const now = d.clock.now();
    const at = (ms: number) => new Date(now.getTime() - ms).toISOString();
    const erased = await d.store.tableFiles.purge(
      now.toISOString(),
      at(FORGET_AFTER_MS),
      at(STALE_JOB_MS),
    );
    if (erased.secrets || erased.files || erased.imports)
      d.logger.info(erased, 'national table: expired passwords, files and uploads erased');
    await closeStaleJobs();
  }

  return {
    settings,
    pool,
    links,
    box,
    uploader,
    background(name, work) {
      const job = work()
        .catch((err: unknown) =>
          d.logger.error(
            { code: 'E_INTERNAL', job: name, err: (err as Error)?.name },
            'national table job failed',
          ),
        )
        .finally(() => running.delete(job));
      running.add(job);
    },
    route(server) {
      tableDownloadRoute(server, {
        path: DOWNLOAD_PATH,
        store: d.store,
        clock: d.clock,
        logger: d.logger,
        links,
      });
    },
    async start() {
      if (!d.config.downloadSecret) {
        d.logger.warn(
          'DOWNLOAD_SECRET is not set: download links and pending table passwords only live as long as this process',
        );
      }
      if (d.warm !== false) pool.warm();
      await purge();
      timer = setInterval(
        () =>
          void purge().catch((err: Error) =>
            d.logger.error({ err: err.message }, 'national table purge failed'),
          ),
        PURGE_EVERY_MS,
      );
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await pool.close();
      await Promise.all([...running]);
    },
  };
}
