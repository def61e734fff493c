/**
 * Group commit on SQLite's one connection. Transactions still run one after another, each in
 * its own SAVEPOINT; when one ends while others wait their turn, the surrounding transaction
 * stays open for them (and for those that start in the same turn of the event loop), and one
 * COMMIT then writes the pages they all touched (the outbox, requests and index pages a flow-1
 * submit shares with the next one) once instead of each time. A transaction's promise settles only
 * after that COMMIT: nobody sees a result
 * that could still be lost. A transaction that fails rolls back to its savepoint alone.
 */
import type Database from 'better-sqlite3';

/** Past this many transactions, or this long since the group began, commit anyway. */
const MAX_GROUP_SIZE = 64;
const MAX_GROUP_MS = 25;

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Group {
  size: number;
  openedAt: number;
  /** Settles once the group's COMMIT is done (or failed). */
  committed: Promise<void>;
  settle(error?: unknown): void;
}

export class GroupCommit {
  private queue: Promise<unknown> = Promise.resolve();
  /** Transactions queued or running. */
  private waiting = 0;
  private group: Group | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly onEnd: () => void,
  ) {}

  /** While a group is open, what a statement outside it waits for; null when none is. */
  busy(): Promise<unknown> | null {
    return this.group ? this.group.committed.catch(() => undefined) : null;
  }

  /** Runs `fn` in its turn; resolves after the COMMIT that made its writes durable. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    this.waiting++;
    const slot = this.queue.then(() => this.runOne(fn));
    this.queue = slot.catch(() => undefined);
    return slot.then(async ({ group, outcome }) => {
      if (!outcome.ok) throw outcome.error;
      await group.committed;
      return outcome.value;
    });
  }

  /** Resolves once every queued transaction has committed or failed. */
  async drain(): Promise<void> {
    await this.queue;
    await this.busy();
  }

  private async runOne<T>(fn: () => Promise<T>): Promise<{ group: Group; outcome: Outcome<T> }> {
    // SQLite may have rolled the whole transaction back on its own (disk full, I/O error).
    if (this.group && !this.db.inTransaction)
      this.end(new Error('SQLite rolled the open transaction back'));
    let group: Group;
    try {
      group = this.group ??= this.open();
    } catch (err) {
      this.waiting--; // BEGIN failed (the database is locked by another process, say)
      throw err;
    }
    group.size++;
    let outcome: Outcome<T>;
    try {
      this.db.exec('SAVEPOINT tx');
      const value = await fn();
      this.db.exec('RELEASE tx');
      outcome = { ok: true, value };
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK TO tx; RELEASE tx');
      outcome = { ok: false, error };
    } finally {
      this.waiting--;
    }
    const full = group.size >= MAX_GROUP_SIZE || performance.now() - group.openedAt >= MAX_GROUP_MS;
    if (full || !this.db.inTransaction) this.end();
    else if (this.waiting === 0) this.endAfterThisTurnOfTheLoop(group);
    return { group, outcome };
  }

  /**
   * SQLite is synchronous: a turn's transaction ends before the next request is even read, so
   * nobody is ever waiting. Committing after the requests this turn of the event loop read
   * (setImmediate) lets their transactions join the group.
   */
  private endAfterThisTurnOfTheLoop(group: Group): void {
    setImmediate(() => {
      if (this.group === group && this.waiting === 0) this.end();
    });
  }

  private open(): Group {
    this.db.exec('BEGIN IMMEDIATE');
    let settle!: (error?: unknown) => void;
    const committed = new Promise<void>((resolve, reject) => {
      settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    committed.catch(() => undefined); // failed members do not wait for it
    return { size: 0, openedAt: performance.now(), committed, settle };
  }

  private end(error?: unknown): void {
    const group = this.group!;
    this.group = null;
    try {
      if (error !== undefined) throw error;
      if (!this.db.inTransaction) throw new Error('SQLite rolled the open transaction back');
      this.db.exec('COMMIT');
      group.settle();
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      group.settle(err);
    } finally {
      this.onEnd();
    }
  }
}
