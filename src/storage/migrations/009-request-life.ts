import type { Migration } from './migration';

/**
 * Issue 13 §1–4, a request over its life: its motif, a version that every change raises (cards
 * carry it, so that a stale card's submit changes nothing), who changed it last and how, its
 * cancellation, the DT's last update of its figures, and each version of the DT's four fields (who, when) in a table of its own.
 * The request row keeps the latest figures: the table export and the bilan read them there.
 */
export const requestLifeMigration: Migration = {
  version: 9,
  name: 'request motif, version, cancellation, DT answer versions',
  sql: `
ALTER TABLE requests ADD COLUMN motif TEXT CHECK (motif IN ('ajustement', 'information'));
ALTER TABLE requests ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE requests ADD COLUMN changed_kind TEXT;
ALTER TABLE requests ADD COLUMN changed_by TEXT;
ALTER TABLE requests ADD COLUMN changed_by_name TEXT;
ALTER TABLE requests ADD COLUMN changed_at TEXT;
ALTER TABLE requests ADD COLUMN cancel_reason TEXT;
ALTER TABLE requests ADD COLUMN figures_updated_by_name TEXT;
ALTER TABLE requests ADD COLUMN figures_updated_at TEXT;
CREATE TABLE request_answer_versions (
  id {{id}},
  request_id TEXT NOT NULL REFERENCES requests(id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  positionnement_linguistique TEXT NOT NULL,
  prescription_initiale TEXT NOT NULL,
  heures_fl INTEGER NOT NULL,
  journees_fc INTEGER NOT NULL
);
CREATE INDEX request_answer_versions_request ON request_answer_versions(request_id, id);
`,
};
