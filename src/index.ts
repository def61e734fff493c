/** Entry point: reads .env if present, validates the configuration, starts the bot. */
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
    const shutdown = async (signal: string) => {
      logger.info({ signal }, 'shutting down');
      await app.stop();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
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
