/**
 * Issue 14 §4: the partners' offers of service ("offres de service / fiches d'information
 * type"). An offer belongs to the structure that published it and carries a link or a small PDF
 * kept here (`{{bytes}}`). A PDF sent to the bot waits in `offer_drafts` (an hour) for the next
 * sheet its sender saves.
 */
import type { Migration } from './migration';

export const offersMigration: Migration = {
  version: 12,
  name: 'offers of service and their pending drafts',
  sql: `
CREATE TABLE offers (
  id TEXT PRIMARY KEY,
  structure_id TEXT NOT NULL,
  title TEXT NOT NULL,
  audience TEXT NOT NULL,
  referral TEXT NOT NULL,
  contact TEXT NOT NULL,
  link TEXT,
  file_name TEXT,
  file_size INTEGER,
  file_content {{bytes}},
  source_key TEXT UNIQUE,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX offers_structure ON offers(structure_id);
CREATE TABLE offer_drafts (
  id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  file_name TEXT NOT NULL,
  file_size INTEGER NOT NULL,
  file_content {{bytes}} NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX offer_drafts_owner ON offer_drafts(owner, created_at);
`,
};
