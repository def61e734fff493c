/**
 * The directory feature's entry point for the edges: search, admin changes, bindings, file,
 * journal.
 */
import { DirectoryAdmin, type DirectoryDeps } from './directory-admin';
import { DirectoryBindings } from './directory-bindings';
import { journalScope } from './directory-scope';
import { searchDirectory, type DirectoryHit } from './directory-search';
import { DirectoryTransfer } from './directory-transfer';
import type { Caller, CorrespondentRecord } from './model';
import type { DirectoryEvent } from './records';

export class DirectoryService {
  readonly admin: DirectoryAdmin;
  readonly bindings: DirectoryBindings;
  readonly transfer: DirectoryTransfer;

  constructor(private readonly deps: DirectoryDeps) {
    this.admin = new DirectoryAdmin(deps);
    this.bindings = new DirectoryBindings({ ...deps, admin: this.admin });
    this.transfer = new DirectoryTransfer({ ...deps, admin: this.admin });
  }

  /** People and structures within the caller's reach that match `text`. */
  search(caller: Caller, text: string): Promise<DirectoryHit[]> {
    return searchDirectory(this.deps.store, this.deps, caller, text);
  }

  /** The latest directory changes the admin may read, and the people they name. */
  async journal(
    caller: Caller,
    limit: number,
    offset: number,
  ): Promise<{ events: DirectoryEvent[]; people: Map<string, CorrespondentRecord> }> {
    const scope = await this.admin.scope(caller);
    const repo = this.deps.store.directory;
    const events = await repo.events(journalScope(scope), limit, offset);
    const people = new Map((await repo.allCorrespondents()).map((c) => [c.aadObjectId, c]));
    return { events, people };
  }
}
