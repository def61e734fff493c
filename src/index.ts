/** Entry point: reads .env if present, validates the configuration, starts the bot. */
// First: restify must find spdy's inert stand-in when it loads (skip-spdy.ts says why).
import './http/skip-spdy';
import { existsSync } from 'node:fs';
import { createApp } from './app';
import { ConfigError, describeConfig, loadConfig } from './config';
import { DirectoryFileError } from './domain/directory-load';
import { createLogger } from './logger';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  try {
    const app = await createApp(config, { logger });
    const port = await app.start();
    logger.info(
      { config: describeConfig(config), port },
      `Passerelle CIR listening on http://${config.host}:${port}`,
    );
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) {
        logger.warn({ signal }, 'second signal during shutdown: exiting now');
        process.exit(1);
      }
      stopping = true;
      logger.info({ signal }, 'shutting down: answering the requests in flight');
      // Past the deadline and a margin for the workers' current item, nothing is waited for.
      setTimeout(
        () => {
          logger.error('shutdown: the workers did not stop in time; exiting');
          process.exit(1);
        },
        (config.shutdownTimeoutSeconds + 5) * 1000,
      ).unref();
      try {
        const answered = await app.stop();
        logger.info({ answered }, 'stopped');
        process.exit(answered ? 0 : 1);
      } catch (err) {
        logger.error({ err: (err as Error).message }, 'shutdown failed');
        process.exit(1);
      }
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
  } catch (err) {
    if (err instanceof DirectoryFileError) {
      console.error(err.message);
      process.exit(3);
    }
    logger.fatal({ err: (err as Error).message }, 'start-up failed');
    process.exit(1);
  }
}

void main();
