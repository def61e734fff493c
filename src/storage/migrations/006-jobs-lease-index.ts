import type { Migration } from './migration';

/**
 * The scheduler re-arms its timer on the earliest due time and the earliest lease end of the
 * pending jobs. The lease end had no index: every re-arm scanned all pending jobs, two more
 * per request created. Partial: only claimed jobs have a lease (every way out clears it), so
 * scheduling a job adds nothing to this index.
 */
export const jobsLeaseIndexMigration: Migration = {
  version: 6,
  name: 'index on the pending jobs’ lease end',
  sql: `
CREATE INDEX jobs_lease ON jobs(claimed_until) WHERE claimed_until IS NOT NULL;
`,
};
