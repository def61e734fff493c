/** Raw SQL on a test's store, to look at (or arrange) what the repositories hide. Tests only. */
import { SqlRepo } from '../../src/storage/sql-repo';
import type { SqlRunner } from '../../src/storage/sql-runner';

export function sqlOf(store: unknown): SqlRunner {
  return SqlRepo.runnerOf(store);
}
