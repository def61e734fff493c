/**
 * Bot instances in child processes on one PostgreSQL schema, one connector stand-in in the test
 * process, and a store on the same schema to look at the outbox
 * (test/outbox/multi-instance.test.ts).
 */
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgresStore } from '../../src/storage/postgres/postgres-store';
import type { Store } from '../../src/storage/store';
import type { BotProcessSettings } from './bot-process';
import { startBotProcess, type BotProcess } from './bot-processes';
import { ConnectorStandIn } from './connector-stand-in';
import { writeDirectory } from './multi-instance';
import { messageActivity, post, type Persona } from './teams';
import { sqlOf } from './sql';

export interface Cluster {
  /** The instances; a restarted one takes the place of the one it replaces. */
  bots: BotProcess[];
  connector: ConnectorStandIn;
  store: Store;
  /** Every instance's clock reads real time plus this (one offset, as NTP keeps hosts agreeing). */
  clockOffsetMs: number;
  /** Starts another instance on the same database. */
  start(name: string): Promise<BotProcess>;
  /**
   * Posts to instance `to`; when it is dead (or dies under the request), the user's retry reaches
   * another.
   */
  send(to: number, activity: object): Promise<{ status: number; body: any }>;
  /** A command's reply, as the turn sends it (not through the outbox). */
  ask(bot: BotProcess, p: Persona, text: string): Promise<string>;
  /**
   * Resolves once every outbox row is sent: nothing can arrive after that without a new activity.
   */
  settled(deadline: number): Promise<void>;
  stop(): Promise<void>;
}

const alive = (b: BotProcess) => b.child.exitCode === null && b.child.signalCode === null;

export async function startCluster(o: {
  url: string;
  names: string[];
  clockStart: Date;
  leaseMs: number;
  env: Record<string, string>;
}): Promise<Cluster> {
  const connector = new ConnectorStandIn();
  await connector.start();
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-multi-'));
  const directoryFile = join(dir, 'directory.json');
  writeDirectory(directoryFile);
  const clockOffsetMs = o.clockStart.getTime() - Date.now();
  const settings = (name: string): BotProcessSettings => ({
    name,
    databaseUrl: o.url,
    schema,
    directoryFile,
    clockOffsetMs,
    leaseMs: o.leaseMs,
    env: o.env,
  });
  // All start together, as behind one endpoint: each migrates and loads the directory file.
  const bots = await Promise.all(o.names.map((n) => startBotProcess(settings(n))));
  const store = await openPostgresStore(o.url, { schema, max: 2 });
  return {
    bots,
    connector,
    store,
    clockOffsetMs,
    start: (name) => startBotProcess(settings(name)),
    async send(to, activity) {
      const first = alive(bots[to % bots.length]) ? bots[to % bots.length] : bots.find(alive)!;
      try {
        return await post(first.url, activity);
      } catch {
        return post(bots.find((b) => b !== first && alive(b))!.url, activity);
      }
    },
    async ask(bot, p, text) {
      const activity = messageActivity(p, connector.url, text);
      assert.equal((await post(bot.url, activity)).status, 200);
      return JSON.stringify(
        connector.recorded.filter((r) => r.replyToId === activity.id).map((r) => r.activity),
      );
    },
    async settled(deadline) {
      for (;;) {
        const [{ left }] = await sqlOf(store).all<{ left: number }>(
          "SELECT COUNT(*)::int AS left FROM outbox WHERE status <> 'sent'",
        );
        if (left === 0) return;
        assert.ok(Date.now() < deadline, `${left} outbox rows still not sent`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      for (const b of bots) await b.stop();
      await store.close();
      const client = new pg.Client({ connectionString: o.url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
      await connector.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
