/**
 * Issue 4: the national table in Teams. Exported files wait for their download link
 * (`table_files`), the open password waits, sealed, for its reveal (`table_secrets`), an
 * encrypted upload waits for its password (`table_imports`), and each export or import is a
 * job whose progress card can be closed if the process stops (`table_jobs`). `{{bytes}}` is
 * the engine's binary type (SQLite BLOB, PostgreSQL BYTEA).
 */
import type { Migration } from './migration';

export const filesMigration: Migration = {
  version: 3,
  name: 'national table: exported files, sealed passwords, pending imports, jobs',
  sql: `
CREATE TABLE table_files (
  id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  structure_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content {{bytes}},
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  uses INTEGER NOT NULL DEFAULT 0,
  max_uses INTEGER NOT NULL
);
CREATE INDEX table_files_expiry ON table_files(expires_at);
CREATE TABLE table_secrets (
  id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  file_name TEXT NOT NULL,
  sealed TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revealed_at TEXT,
  erased_at TEXT
);
CREATE INDEX table_secrets_expiry ON table_secrets(expires_at);
CREATE TABLE table_imports (
  id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  activity_id TEXT,
  file_name TEXT NOT NULL,
  content {{bytes}},
  status TEXT NOT NULL CHECK (status IN ('pending', 'running')),
  attempts INTEGER NOT NULL DEFAULT 0,
  claimed_at TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX table_imports_expiry ON table_imports(expires_at);
CREATE TABLE table_jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('export', 'import')),
  owner TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  activity_id TEXT,
  reference TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  created_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX table_jobs_status ON table_jobs(status, created_at);
`,
};
