/**
 * PostgreSQL's read cache for the directory and conversation references (cache-groups.ts),
 * shared safely by several bot instances: a transaction that changed a cached table sends
 * `pg_notify` before its COMMIT (PostgreSQL delivers it with the commit, or not at all), and
 * every instance LISTENs and forgets that group when told. Until the listening connection is
 * up, and whenever it drops, nothing is cached: reads go to the database.
 *
 * Inside a transaction, a group it changed is read from the database (its own rows are not
 * committed yet); other groups come from the cache. Each group carries a generation, so that
 * a read that left before a change and came back after it does not store what it saw.
 */
import pg from 'pg';
import { cachePlan, type CachePlan } from '../cache-groups';
import { deferWrite, type SqlRunner } from '../sql-runner';

/**
 * Per group: past this many remembered reads, start again (unknown ids must not grow it forever).
 */
const MAX_ENTRIES = 5_000;
const RECONNECT_MS = 1_000;

interface Group {
  generation: number;
  entries: Map<string, unknown[]>;
}

/** One transaction's view: the groups it changed. */
export interface CachedTransaction {
  runner: SqlRunner;
  /** Tells the other instances, inside the transaction, which groups its commit changes. */
  beforeCommit(): Promise<void>;
  /** Committed or rolled back: this instance forgets the groups the transaction changed. */
  ended(): void;
}

export class SharedReadCache {
  private readonly plans = new Map<string, CachePlan>();
  private readonly groups = new Map<string, Group>();
  private listener: pg.Client | null = null;
  private listening = false;
  private closed = false;
  private generation = 0;

  constructor(
    private readonly connect: () => pg.Client,
    readonly channelName: string,
    private readonly onError: (message: string) => void = () => undefined,
  ) {}

  /**
   * Starts listening; resolves once the cache is usable (or failed to be: reads then go through).
   */
  async start(): Promise<void> {
    if (this.closed) return;
    const client = this.connect();
    this.listener = client;
    client.on('notification', (n) => this.forget(n.payload ?? ''));
    client.on('error', (err) => this.lost(client, err.message));
    client.on('end', () => this.lost(client, 'listening connection ended'));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channelName}"`);
      if (this.listener === client && !this.closed) this.listening = true;
    } catch (err) {
      this.lost(client, (err as Error).message);
      await client.end().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listening = false;
    const client = this.listener;
    this.listener = null;
    await client?.end().catch(() => undefined);
  }

  /**
   * The runner used outside transactions: reads may be cached, an autocommit write tells everyone.
   */
  outside(inner: SqlRunner, notify: (groups: string[]) => Promise<void>): SqlRunner {
    return {
      all: async <T>(sql: string, params: unknown[] = []) => {
        const p = this.plan(sql);
        if (p.readGroup)
          return this.read<T>(p.readGroup, sql, params, () => inner.all<T>(sql, params));
        const rows = await inner.all<T>(sql, params);
        if (rows.length && p.writeGroups.length) await this.changedOutside(p.writeGroups, notify);
        return rows;
      },
      run: async (sql: string, params: unknown[] = []) => {
        const p = this.plan(sql);
        const changes = await inner.run(sql, params);
        if (changes > 0 && p.writeGroups.length) await this.changedOutside(p.writeGroups, notify);
        return changes;
      },
    };
  }

  /** A transaction's runner: reads of the groups it changed go to the database. */
  transaction(inner: SqlRunner): CachedTransaction {
    const dirty = new Set<string>();
    const runner: SqlRunner = {
      all: async <T>(sql: string, params: unknown[] = []) => {
        const p = this.plan(sql);
        if (p.readGroup && !dirty.has(p.readGroup))
          return this.read<T>(p.readGroup, sql, params, () => inner.all<T>(sql, params));
        const rows = await inner.all<T>(sql, params);
        if (rows.length) for (const g of p.writeGroups) dirty.add(g);
        return rows;
      },
      run: async (sql: string, params: unknown[] = []) => {
        const p = this.plan(sql);
        const changes = await inner.run(sql, params);
        if (changes > 0) for (const g of p.writeGroups) dirty.add(g);
        return changes;
      },
      defer: async (sql: string, params: unknown[] = []) => {
        // Its row count is never known: count it as a change.
        for (const g of this.plan(sql).writeGroups) dirty.add(g);
        await deferWrite(inner, sql, params);
      },
    };
    return {
      runner,
      beforeCommit: async () => {
        if (!dirty.size) return;
        const groups = [...dirty];
        await inner.all(
          `SELECT ${groups.map(() => 'pg_notify(?, ?)').join(', ')}`,
          groups.flatMap((g) => [this.channelName, g]),
        );
      },
      ended: () => {
        for (const g of dirty) this.forget(g);
      },
    };
  }

  private plan(sql: string): CachePlan {
    let p = this.plans.get(sql);
    if (!p) {
      p = cachePlan(sql, /^\s*SELECT\b/i.test(sql) && !/\bFOR\s+(UPDATE|SHARE)\b/i.test(sql));
      this.plans.set(sql, p);
    }
    return p;
  }

  private async changedOutside(
    groups: string[],
    notify: (groups: string[]) => Promise<void>,
  ): Promise<void> {
    for (const g of groups) this.forget(g);
    await notify(groups);
  }

  private async read<T>(
    group: string,
    sql: string,
    params: unknown[],
    load: () => Promise<T[]>,
  ): Promise<T[]> {
    if (!this.listening) return load();
    const key = `${sql}\u0000${JSON.stringify(params)}`;
    const g = this.groups.get(group);
    const hit = g?.entries.get(key);
    if (hit) return hit as T[];
    const generation = g?.generation ?? this.generation;
    const rows = await load();
    const now = this.groups.get(group);
    // Told of a change while this read was on its way: what it saw may be older than that.
    if (!this.listening || (now ? now.generation : this.generation) !== generation) return rows;
    let entries = now?.entries;
    if (!now || !entries || entries.size >= MAX_ENTRIES) {
      entries = new Map();
      this.groups.set(group, { generation, entries });
    }
    // Frozen: every caller shares these rows, none may change them.
    for (const r of rows) Object.freeze(r);
    entries.set(key, Object.freeze(rows) as unknown[]);
    return rows;
  }

  /** Forgets a group (a change here or elsewhere): reads already on their way will not store. */
  private forget(group: string): void {
    this.generation += 1;
    this.groups.set(group, { generation: this.generation, entries: new Map() });
  }

  /**
   * The listening connection failed: cache nothing, and listen again a little later (once per
   * connection).
   */
  private lost(client: pg.Client, reason: string): void {
    if (this.listener !== client) return;
    this.listener = null;
    this.listening = false;
    this.generation += 1;
    this.groups.clear();
    if (this.closed) return;
    this.onError(reason);
    setTimeout(() => void this.start(), RECONNECT_MS).unref();
  }
}
