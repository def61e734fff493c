/**
 * Issue 3: the directory managed in Teams. Bindings remember the team of the channel, so that
 * the bot's removal from a team (one event for all its channels) unbinds every channel in it;
 * directory changes are audit events; exported directory files wait, briefly, to be downloaded;
 * the start-up directory file is applied once per content, so that it does not undo at each
 * restart what admins changed in Teams.
 */
import type { Migration } from './migration';

export const directoryMigration: Migration = {
  version: 2,
  name: 'directory management: channel teams, directory events, directory exports',
  sql: `
ALTER TABLE structures ADD COLUMN inbox_team_id TEXT;
ALTER TABLE partnerships ADD COLUMN channel_team_id TEXT;
CREATE TABLE directory_events (
  id {{id}},
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target_kind TEXT NOT NULL,
  target_id TEXT NOT NULL,
  structure_id TEXT,
  fields TEXT
);
CREATE INDEX directory_events_structure ON directory_events(structure_id, id);
CREATE TABLE directory_file_loads (
  hash TEXT PRIMARY KEY,
  applied_at TEXT NOT NULL
);
CREATE TABLE directory_exports (
  id TEXT PRIMARY KEY,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  uses INTEGER NOT NULL DEFAULT 0,
  max_uses INTEGER NOT NULL,
  content TEXT
);
`,
};
