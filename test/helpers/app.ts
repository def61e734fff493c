/** Starts the real app on 127.0.0.1 with a throwaway SQLite file and the connector stand-in. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApp, type App, type AppOverrides } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Clock } from '../../src/domain/model';
import { createLogger } from '../../src/logger';
import { ConnectorStandIn } from './connector-stand-in';
import type { Engine } from './engines';

export const FIXTURE_DIRECTORY = join(__dirname, '..', 'fixtures', 'directory.json');

export interface TestBot {
  app: App;
  url: string;
  connector: ConnectorStandIn;
  serviceUrl: string;
  dir: string;
  sqliteFile: string;
  /** Every log line the bot wrote, parsed. */
  logs: Record<string, unknown>[];
  stop(opts?: { keepFiles?: boolean }): Promise<void>;
}

export interface TestBotOptions {
  env?: Record<string, string>;
  connector?: ConnectorStandIn;
  dir?: string;
  /** Run on PostgreSQL (TEST_DATABASE_URL, a schema of its own) instead of SQLite. */
  engine?: Engine;
  /** The app's clock (scheduler included); see TestClock. */
  clock?: Clock;
  /** Further overrides for createApp (e.g. the national table's Graph double). */
  overrides?: Partial<AppOverrides>;
}

export async function startTestBot(o: TestBotOptions = {}): Promise<TestBot> {
  const connector = o.connector ?? new ConnectorStandIn();
  if (!o.connector) await connector.start();
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'passerelle-test-'));
  const sqliteFile = join(dir, 'test.sqlite');
  const config = loadConfig({
    PASSERELLE_LOCAL: '1',
    PORT: '0',
    SQLITE_FILE: sqliteFile,
    DIRECTORY_FILE: FIXTURE_DIRECTORY,
    LOG_LEVEL: 'debug',
    // The seed's accord-cadre ended in February 2025: tests of other features run under a renewed one.
    ACCORD_CADRE_END_DATE: '2099-12-31',
    ...o.env,
  });
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n').filter(Boolean))
        logs.push(JSON.parse(line) as Record<string, unknown>);
      cb();
    },
  });
  const pgStore = o.engine && o.engine.name === 'postgres' ? await o.engine.open() : undefined;
  const app = await createApp(config, {
    logger: createLogger('debug', sink),
    dispatcherPollMs: 200,
    backoffMs: 50,
    store: pgStore?.store,
    clock: o.clock,
    schedulerPollMs: 200,
    jobRetryMs: 50,
    // File workers start on the first export or import: most tests never need them.
    warmFileWorkers: false,
    ...o.overrides,
  });
  const port = await app.start();
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    connector,
    serviceUrl: connector.url,
    dir,
    sqliteFile,
    logs,
    async stop(opts = {}) {
      await app.stop();
      if (!o.connector) await connector.stop();
      await pgStore?.dispose();
      if (!opts.keepFiles && !o.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A birth date that makes the person `age` years old today. */
export function birthDateForAge(age: number): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - age);
  d.setUTCDate(d.getUTCDate() - 10);
  return d.toISOString().slice(0, 10);
}
