/**
 * Issue 5: committees of a partnership, the jobs table of the database scheduler, and the
 * "told once" notices (a partnership without a channel). Times are ISO-8601 UTC strings, as
 * elsewhere, so that comparisons are plain string comparisons on both engines.
 */
import type { Migration } from './migration';

export const committeesJobsMigration: Migration = {
  version: 4,
  name: 'committees, scheduled jobs, partnership notices',
  sql: `
CREATE TABLE jobs (
  id {{id}},
  kind TEXT NOT NULL,
  subject TEXT,
  payload TEXT NOT NULL,
  due_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  claimed_by TEXT,
  claimed_until TEXT,
  last_error TEXT,
  outcome TEXT,
  dedupe_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX jobs_due ON jobs(status, due_at);
CREATE INDEX jobs_subject ON jobs(subject, status);
CREATE TABLE committees (
  id TEXT PRIMARY KEY,
  partnership_id TEXT NOT NULL REFERENCES partnerships(id),
  kind TEXT NOT NULL CHECK (kind IN ('COPIL', 'COTECH', 'IMMERSION', 'VISITE')),
  starts_at TEXT NOT NULL,
  place TEXT NOT NULL,
  place_kind TEXT NOT NULL CHECK (place_kind IN ('place', 'link')),
  agenda TEXT NOT NULL,
  participants TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'cancelled')),
  sequence INTEGER NOT NULL DEFAULT 0,
  ics_token TEXT NOT NULL,
  source_key TEXT UNIQUE,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX committees_partnership ON committees(partnership_id, starts_at);
CREATE TABLE partnership_notices (
  partnership_id TEXT NOT NULL REFERENCES partnerships(id),
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (partnership_id, kind)
);
CREATE INDEX requests_partnership ON requests(partnership_id, created_at);
CREATE INDEX requests_retention ON requests(status, updated_at);
`,
};
