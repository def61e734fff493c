import type { Migration } from './migration';

/**
 * Issue 14 §2 and §5: what a committee left once held (its minutes: held or not, structures
 * present, decisions, objectives, last year's objectives met, an immersion's outcome), and the
 * figures each structure shares per year. Lists are JSON text; times ISO-8601 UTC, as elsewhere.
 * `starts_at` and `kind` are copied from the committee so that "the last comité de pilotage
 * recorded before…" is one indexed read.
 */
export const committeeMinutesFiguresMigration: Migration = {
  version: 11,
  name: 'committee minutes, shared figures',
  sql: `
CREATE TABLE committee_minutes (
  committee_id TEXT PRIMARY KEY REFERENCES committees(id),
  partnership_id TEXT NOT NULL REFERENCES partnerships(id),
  kind TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  held INTEGER NOT NULL CHECK (held IN (0, 1)),
  present TEXT NOT NULL,
  decisions TEXT NOT NULL,
  objectives TEXT NOT NULL,
  met TEXT NOT NULL,
  outcome TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  edits INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX committee_minutes_partnership ON committee_minutes(partnership_id, kind, starts_at);
CREATE TABLE shared_figures (
  partnership_id TEXT NOT NULL REFERENCES partnerships(id),
  structure_id TEXT NOT NULL REFERENCES structures(id),
  year INTEGER NOT NULL,
  form_version TEXT NOT NULL,
  figures TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (partnership_id, structure_id, year)
);
`,
};
