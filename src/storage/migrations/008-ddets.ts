/**
 * Issue 14 §1: the DDETS, under whose aegis the comité de pilotage meets, becomes a structure
 * kind, and a partnership may name its DDETS. SQLite cannot alter a CHECK constraint: the
 * structures table is rebuilt with every column it has (002 added inbox_team_id), foreign keys
 * off around the rebuild (correspondents, partnerships and requests reference it).
 */
import type { Migration } from './migration';

const ADD_DDETS_TO_PARTNERSHIPS =
  'ALTER TABLE partnerships ADD COLUMN ddets_id TEXT REFERENCES structures(id);';

export const ddetsMigration: Migration = {
  version: 8,
  name: 'DDETS structures and the partnership DDETS',
  sql: '',
  sqlite: `
CREATE TABLE structures_new (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('DT', 'ML', 'DDETS')),
  name TEXT NOT NULL,
  departements TEXT NOT NULL,
  tenant_id TEXT,
  inbox_conversation_id TEXT,
  updated_at TEXT NOT NULL,
  inbox_team_id TEXT
);
INSERT INTO structures_new (id, kind, name, departements, tenant_id, inbox_conversation_id, updated_at, inbox_team_id)
  SELECT id, kind, name, departements, tenant_id, inbox_conversation_id, updated_at, inbox_team_id FROM structures;
DROP TABLE structures;
ALTER TABLE structures_new RENAME TO structures;
${ADD_DDETS_TO_PARTNERSHIPS}
`,
  postgres: `
ALTER TABLE structures DROP CONSTRAINT structures_kind_check;
ALTER TABLE structures ADD CONSTRAINT structures_kind_check CHECK (kind IN ('DT', 'ML', 'DDETS'));
${ADD_DDETS_TO_PARTNERSHIPS}
`,
  rebuildsTables: true,
};
