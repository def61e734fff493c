/**
 * Issue 14 §3: each partnership's record of its local roadmap — signatories, date and place of
 * signature, the end date of the national accord-cadre it depends on (null: the configured
 * default) — and its amendments, appended, never edited.
 */
import type { Migration } from './migration';

export const roadmapMigration: Migration = {
  version: 13,
  name: 'partnership roadmap record and amendments',
  sql: `
CREATE TABLE partnership_roadmaps (
  partnership_id TEXT PRIMARY KEY REFERENCES partnerships(id),
  signatories TEXT NOT NULL,
  signed_on TEXT,
  signed_place TEXT,
  end_date TEXT,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE roadmap_amendments (
  id {{id}},
  partnership_id TEXT NOT NULL REFERENCES partnerships(id),
  amended_on TEXT NOT NULL,
  summary TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX roadmap_amendments_partnership ON roadmap_amendments(partnership_id, id);
`,
};
