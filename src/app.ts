/**
 * Wiring: config → storage → services → server. Tests build the same app with a test clock and
 * sender.
 */
import { CallerIdConstants, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type restify from 'restify';
import type { Config } from './config';
import { applyDirectory, readDirectoryFile } from './domain/directory-load';
import { DirectoryService } from './domain/directory-service';
import { createDownloadLinks } from './files/download-links';
import { DirectoryDownloads } from './http/directory-download';
import { systemClock, type Clock } from './domain/model';
import { loadReferentials } from './domain/referentials';
import { PathwayService } from './domain/pathway';
import { RequestService } from './domain/requests';
import { RequestLifeService } from './domain/request-life';
import { fr } from './i18n/fr';
import { Metrics, metricsRoute } from './http/metrics';
import { createServer } from './http/server';
import { readinessRoute } from './http/readiness';
import { tabPagesRoute } from './http/tab-pages';
import { createLogger } from './logger';
import { BotConnectorSender, botTokenSource, type MessageSender } from './outbox/connector';
import { OutboxDispatcher } from './outbox/dispatcher';
import { openPostgresStore } from './storage/postgres/postgres-store';
import { openSqliteStore } from './storage/sqlite/sqlite-store';
import type { Store } from './storage/store';
import { PasserelleBot } from './teams/edge/bot';
import { CachingBotFrameworkAuthentication } from './teams/edge/cached-auth';
import { PasserelleAdapter } from './teams/edge/adapter';
import { TeamsRequestNotifier } from './teams/requests/notifier';
import { TeamsRequestLifeNotifier } from './teams/request-life/notifier';
import { createCommitteeFeature } from './teams/committees/wiring';
import { createTableFeature } from './teams/table/wiring';
import { createOfferFeature } from './teams/offers/wiring';
import { createLiaisonFeature } from './teams/liaison/wiring';
import { templating } from './teams/cards/templating';
import type { ChannelFileUploader } from './files/channel-upload';
import type { JobWorker } from './scheduler/worker';
import type { BotServices } from './teams/feature';
import { tabRoutes } from './tab/routes';

export interface AppOverrides {
  clock?: Clock;
  logger?: Logger;
  sender?: MessageSender;
  store?: Store;
  dispatcherPollMs?: number;
  /** How long a claimed outbox row is protected from other instances (tests shorten it). */
  dispatcherLeaseMs?: number;
  backoffMs?: number;
  /** The scheduler's safety-net poll and first retry delay (tests shorten them). */
  schedulerPollMs?: number;
  jobRetryMs?: number;
  /** A Graph double for the national table's channel upload (issue 4); null: links only. */
  channelUploader?: ChannelFileUploader | null;
  /** Start the file workers at start-up (default); tests that never export skip the cost. */
  warmFileWorkers?: boolean;
  /** Where the Bot Framework token keys are published (tests point it at a local stand-in). */
  openIdMetadataUrl?: string;
  /** Where the tabs' built pages are (default dist/web; tests build their own). */
  webDir?: string;
  /** Where Entra tenants' keys are published for the tabs' tokens (tests: a local stand-in). */
  tabKeysBaseUrl?: string;
}

export interface App {
  config: Config;
  store: Store;
  dispatcher: OutboxDispatcher;
  /** The database scheduler's worker (reminders, escalations, retention purge). */
  scheduler: JobWorker;
  server: restify.Server;
  logger: Logger;
  /** The services the bot's handlers use (the dev seed calls them too: scripts/dev-seed.ts). */
  services: BotServices;
  /** Listens and starts the dispatcher; resolves with the bound port. */
  start(): Promise<number>;
  /** Drains, stops the workers, closes the database; false when requests had to be cut. */
  stop(): Promise<boolean>;
}

/**
 * The public cloud's settings with another key endpoint. botbuilder uses its public-cloud
 * defaults only when no setting is given, so every other one is restated here.
 */
function publicCloudWithKeysAt(url: string) {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ToBotFromChannelOpenIdMetadataUrl: url,
    ToBotFromEmulatorOpenIdMetadataUrl: url,
  };
}

/** Builds the bot: opens and migrates storage, loads the directory file, wires the services. */
export async function createApp(config: Config, o: AppOverrides = {}): Promise<App> {
  const logger = o.logger ?? createLogger(config.logLevel);
  const clock = o.clock ?? systemClock;
  const referentials = loadReferentials(config.referentialsFile);
  const store =
    o.store ??
    (config.databaseUrl
      ? await openPostgresStore(config.databaseUrl)
      : openSqliteStore(config.sqliteFile, (err) =>
          logger.warn({ err }, 'sqlite: WAL checkpoint failed'),
        ));
  let ready = false;
  try {
    if (config.directoryFile)
      await applyDirectory(
        store,
        readDirectoryFile(config.directoryFile, { requireTenant: !config.local }),
        clock,
      );
  } catch (err) {
    await store.close();
    throw err;
  }

  const dispatcher = new OutboxDispatcher({
    store,
    sender: o.sender ?? new BotConnectorSender(botTokenSource(config.bot, config.local)),
    clock,
    logger,
    maxAttempts: config.outboxMaxAttempts,
    pollMs: o.dispatcherPollMs,
    leaseMs: o.dispatcherLeaseMs,
    backoffMs: o.backoffMs,
    // Other instances may share a PostgreSQL database; a SQLite file has this process alone.
    sharedPacing: store.engine === 'postgres' ? store.sendPace : undefined,
  });
  store.paceOutboxWith(dispatcher.pacing);
  const requestDeps = {
    store,
    clock,
    referentials,
    cirPattern: config.cirPattern,
    allowedTenants: config.allowedTenants,
    notifier: new TeamsRequestNotifier(clock),
    unanswered: {
      workingDays: config.reminderWorkingDays,
      escalationWorkingDays: config.escalationWorkingDays,
    },
    wakeOutbox: () => dispatcher.wake(),
    accordCadreEndDate: config.accordCadreEndDate,
  };
  const requests = new RequestService(requestDeps);
  const pathway = new PathwayService(requestDeps);
  const requestLife = new RequestLifeService({
    ...requestDeps,
    lifeNotifier: new TeamsRequestLifeNotifier(clock),
  });
  const committeeFeature = createCommitteeFeature({
    config,
    store,
    clock,
    logger,
    wakeOutbox: () => dispatcher.wake(),
    schedulerPollMs: o.schedulerPollMs,
    jobRetryMs: o.jobRetryMs,
  });
  const scheduler = committeeFeature.scheduler;
  const directory = new DirectoryService({ store, clock, allowedTenants: config.allowedTenants });
  // Without DOWNLOAD_SECRET the links only live as long as this process (see .env.example).
  const downloadSecret = config.downloadSecret ?? randomBytes(32);
  // DOWNLOAD_TTL_MINUTES and DOWNLOAD_MAX_USES govern every download link, the directory's too.
  const downloadTtlMs = config.tableau.downloadTtlMinutes * 60_000;
  const downloadLinks = createDownloadLinks({ secret: downloadSecret, ttlMs: downloadTtlMs });
  const tableau = createTableFeature({
    config,
    store,
    clock,
    logger,
    wakeOutbox: () => dispatcher.wake(),
    secret: downloadSecret,
    uploader: o.channelUploader,
    warm: o.warmFileWorkers,
  });
  const directoryDownloads = new DirectoryDownloads({
    store,
    clock,
    logger,
    links: downloadLinks,
    publicUrl: config.publicUrl,
    ttlMs: downloadTtlMs,
    maxUses: config.tableau.downloadMaxUses,
  });
  const offers = createOfferFeature({ config, store, clock, logger, secret: downloadSecret });
  const liaison = createLiaisonFeature({
    config,
    store,
    clock,
    logger,
    secret: downloadSecret,
    requestDeps,
  });
  const services = {
    config,
    clock,
    logger,
    store,
    referentials,
    requests,
    pathway,
    wakeOutbox: () => dispatcher.wake(),
    committees: committeeFeature.committees,
    wakeScheduler: () => scheduler.wake(),
    directory,
    directoryDownloads,
    tableau,
    records: committeeFeature.records,
    offers,
    liaison,
    requestLife,
  };
  if (!config.local && config.anyTenant)
    logger.warn(
      "ALLOWED_TENANTS=*: any Microsoft 365 tenant may use the bot (list the partners' tenant ids to restrict it)",
    );
  const metrics = new Metrics(store, clock);
  if (!config.local && !config.metricsToken)
    logger.info('METRICS_TOKEN is not set: /metrics is off outside local mode');
  const bot = new PasserelleBot({ services, clock, logger, adminIds: config.adminIds, metrics });

  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId,
    ...(o.openIdMetadataUrl ? publicCloudWithKeysAt(o.openIdMetadataUrl) : {}),
  });
  const adapter = new PasserelleAdapter(new CachingBotFrameworkAuthentication(auth));
  adapter.onTurnError = async (context, err) => {
    logger.error({ err: err.message, activityType: context.activity.type }, 'unhandled turn error');
    if (context.activity.type === 'message') await context.sendActivity(fr.errors.E_INTERNAL);
  };
  const server = createServer({
    adapter,
    bot,
    logger,
    isReady: () => ready,
    ics: committeeFeature.ics,
    routes: [
      (s) => directoryDownloads.route(s),
      (s) => tableau.route(s),
      (s) => offers.route(s),
      (s) => liaison.route(s),
      metricsRoute(metrics, { local: config.local, token: config.metricsToken }),
      readinessRoute({ store, clock, logger, isReady: () => ready }),
      // The tabs' pages (issue 15), built into dist/web by `npm run build`.
      tabPagesRoute({ logger, dir: o.webDir }),
      // The tabs' JSON API and, in local mode only, their sign-in page (issue 15).
      tabRoutes({ services, keysBaseUrl: o.tabKeysBaseUrl }),
    ],
  });
  ready = true;

  return {
    config,
    store,
    dispatcher,
    scheduler,
    server,
    logger,
    services,
    async start() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => resolve());
      });
      dispatcher.start();
      await committeeFeature.start();
      await tableau.start();
      // Loaded a moment after the bot answers (its load blocks for ~0.25 s): start-up and the
      // first /healthz do not wait for it, and the first card rarely does (templating.ts).
      setTimeout(() => templating(), 2_000).unref();
      const address = server.address();
      return typeof address === 'object' && address ? address.port : config.port;
    },
    async stop() {
      // Every turn already received is answered first (issue 16 §4); nothing new comes in.
      const answered = await server.requests.drain(config.shutdownTimeoutSeconds * 1000);
      if (!answered)
        logger.warn(
          { inFlight: server.requests.inFlight(), seconds: config.shutdownTimeoutSeconds },
          'shutdown: requests still in flight at the deadline were cut',
        );
      // Export and import jobs: they still write their last card to the database. Then the job
      // worker and the dispatcher, each after its current item.
      await tableau.stop();
      await scheduler.stop();
      await dispatcher.stop();
      await store.close();
      return answered;
    },
  };
}
