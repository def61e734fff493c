/**
 * One bot instance in a process of its own, on a PostgreSQL schema shared with other instances
 * (test/outbox/multi-instance.test.ts). Started by bot-processes.ts with its settings in
 * BOT_PROCESS (JSON); prints `{"port":…}` once it listens. Each message it sends carries its
 * instance's name and outbox row in channelData, and it prints `{"sending":id}` before the
 * request and `{"sent":id}` once the stand-in answered: the test knows what a killed instance
 * had in flight.
 * Every instance's clock reads real time plus the same offset: leases and Teams' pacing compare
 * times written by one instance with another's clock, as NTP-synchronised hosts do. IPC
 * `{ clockOffsetMs }` moves it (reminders due days later), `{ stallSends }` makes every later
 * send hang (a kill then finds sends in flight); SIGTERM stops it cleanly.
 */
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { BotConnectorSender, type MessageSender } from '../../src/outbox/connector';
import { openPostgresStore } from '../../src/storage/postgres/postgres-store';
import { TestClock } from './clock';

export interface BotProcessSettings {
  name: string;
  databaseUrl: string;
  schema: string;
  directoryFile: string;
  /** Added to real time by the instance's clock. */
  clockOffsetMs: number;
  leaseMs: number;
  env?: Record<string, string>;
}

async function main(): Promise<void> {
  const s = JSON.parse(process.env.BOT_PROCESS ?? '{}') as BotProcessSettings;
  const clock = new TestClock();
  clock.advance(s.clockOffsetMs);
  const store = await openPostgresStore(s.databaseUrl, { schema: s.schema, max: 5 });
  const config = loadConfig({
    PASSERELLE_LOCAL: '1',
    PORT: '0',
    DIRECTORY_FILE: s.directoryFile,
    LOG_LEVEL: 'warn',
    ACCORD_CADRE_END_DATE: '2099-12-31',
    ...s.env,
  });
  const connector = new BotConnectorSender(async () => null);
  let stalled = false;
  const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
  const sender: MessageSender = {
    async send(row) {
      say({ sending: row.id });
      // Its link to Teams stalled: the send hangs until the test kills the process.
      if (stalled) await new Promise(() => undefined);
      const channelData = {
        ...(row.activity.channelData as object | undefined),
        testInstance: s.name,
        testOutboxId: row.id,
      };
      const id = await connector.send({ ...row, activity: { ...row.activity, channelData } });
      say({ sent: row.id });
      return id;
    },
  };
  const app = await createApp(config, {
    store,
    clock,
    sender,
    logger: createLogger('warn', process.stderr),
    dispatcherPollMs: 200,
    dispatcherLeaseMs: s.leaseMs,
    backoffMs: 50,
    schedulerPollMs: 200,
    jobRetryMs: 50,
    warmFileWorkers: false,
  });
  const port = await app.start();
  process.on('message', (m: { clockOffsetMs?: number; stallSends?: boolean }) => {
    if (m.stallSends) stalled = true;
    if (m.clockOffsetMs !== undefined) {
      clock.set(new Date(Date.now() + m.clockOffsetMs));
      // The scheduler's timer was armed on the old reading: look again now.
      app.scheduler.wake();
    }
    process.send?.(m);
  });
  process.once('SIGTERM', () => {
    void app.stop().then(() => process.exit(0));
  });
  say({ port });
}

main().catch((err: Error) => {
  process.stderr.write(`bot process failed to start: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
