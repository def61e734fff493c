/**
 * Remembers the answers of reads on tables that change rarely and are read on every turn
 * (the directory, conversation references): a flow-1 submit reads them about twenty times.
 * SQLite's: the file belongs to this one process, so every write goes through here and can
 * forget what it touches (PostgreSQL's, postgres/shared-read-cache.ts, also hears other
 * instances' writes).
 *
 * A read is cached when it only reads, and only cached tables. A write forgets the groups of
 * the tables it names once it changed a row. While a transaction that changed such a table is
 * open, its group is neither read from nor filled into the cache: inside, the rows are not
 * committed yet; outside, the reader connection still sees the old ones.
 */
import { cachePlan, type CachePlan as Plan } from '../cache-groups';
import type { SqlRunner } from '../sql-runner';

/**
 * Per group: past this many remembered reads, start again (unknown ids must not grow it forever).
 */
const MAX_ENTRIES = 5_000;

export class ReadCache {
  private readonly plans = new Map<string, Plan>();
  private readonly groups = new Map<string, Map<string, unknown[]>>();
  /** Groups changed by the open transaction. */
  private readonly dirty = new Set<string>();

  constructor(private readonly readsOnly: (sql: string) => boolean) {}

  private plan(sql: string): Plan {
    let p = this.plans.get(sql);
    if (p) return p;
    p = cachePlan(sql, this.readsOnly(sql));
    this.plans.set(sql, p);
    return p;
  }

  /**
   * Wraps a runner; `inTransaction` tells whether the statement runs inside an open transaction.
   */
  wrap(inner: SqlRunner, inTransaction: () => boolean): SqlRunner {
    const all = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
      const p = this.plan(sql);
      if (p.readGroup)
        return this.read<T>(p.readGroup, sql, params, () => inner.all<T>(sql, params));
      const rows = await inner.all<T>(sql, params);
      if (rows.length) this.changed(p.writeGroups, inTransaction());
      return rows;
    };
    const run = async (sql: string, params: unknown[] = []): Promise<number> => {
      const p = this.plan(sql);
      const changes = await inner.run(sql, params);
      if (changes > 0) this.changed(p.writeGroups, inTransaction());
      return changes;
    };
    return { all, run };
  }

  /** The transaction ended (committed or not): its groups are read from the cache again. */
  transactionEnded(): void {
    for (const g of this.dirty) this.groups.delete(g);
    this.dirty.clear();
  }

  private async read<T>(
    group: string,
    sql: string,
    params: unknown[],
    load: () => Promise<T[]>,
  ): Promise<T[]> {
    if (this.dirty.has(group)) return load();
    const key = `${sql}\u0000${JSON.stringify(params)}`;
    let entries = this.groups.get(group);
    const hit = entries?.get(key);
    if (hit) return hit as T[];
    const rows = await load();
    // A write may have forgotten the group while this read was on its way.
    if (this.dirty.has(group) || this.groups.get(group) !== entries) return rows;
    if (!entries || entries.size >= MAX_ENTRIES) this.groups.set(group, (entries = new Map()));
    // Frozen: every caller shares these rows, none may change them.
    for (const r of rows) Object.freeze(r);
    entries.set(key, Object.freeze(rows) as unknown[]);
    return rows;
  }

  private changed(groups: string[], inTransaction: boolean): void {
    for (const g of groups) {
      this.groups.delete(g);
      if (inTransaction) this.dirty.add(g);
    }
  }
}
