/**
 * A second bot instance on the same SQLite file, in its own process (as in production: two
 * processes, each blocking only itself while it waits for SQLite's write lock). Runs the due
 * `post` jobs and prints how many it ran.
 */
import { createLogger } from '../../src/logger';
import { JobWorker } from '../../src/scheduler/worker';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store';

async function main(): Promise<void> {
  const [file, at] = process.argv.slice(2);
  const store = openSqliteStore(file);
  const worker = new JobWorker({
    store,
    clock: { now: () => new Date(at) },
    logger: createLogger('silent'),
    wakeOutbox: () => undefined,
    id: 'second-process',
    batch: 4,
    handlers: {
      post: async ({ tx, job, now }) => {
        await new Promise((r) => setTimeout(r, 2));
        await tx.outbox.enqueue(
          {
            op: 'send',
            conversationId: `conv-${String(job.payload.n)}`,
            reference: {},
            activity: { type: 'message' },
            dueAt: now.toISOString(),
          },
          now.toISOString(),
        );
        return { outcome: 'posted' };
      },
    },
  });
  // Ready, then wait for the go: both instances start claiming at the same moment.
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  const ran = await worker.runDue();
  await store.close();
  process.stdout.write(`${ran}\n`);
}

void main();
