/**
 * Issue 16 §1: each audit event says who acted from which structure (the structure at the time:
 * people move), and how it ended (`ok`, `refused`, `error`); indexes for the journal's pages
 * (newest first, by structure, by actor) and for the retention purge (by date).
 */
import type { Migration } from './migration';

export const auditMigration: Migration = {
  version: 14,
  name: 'audit events: actor structure, outcome, journal indexes',
  sql: `
ALTER TABLE audit_log ADD COLUMN actor_structure_id TEXT;
ALTER TABLE audit_log ADD COLUMN outcome TEXT NOT NULL DEFAULT 'ok';
CREATE INDEX audit_at ON audit_log(at);
CREATE INDEX audit_structure_at ON audit_log(actor_structure_id, at);
CREATE INDEX audit_actor_at ON audit_log(actor, at);
`,
};
