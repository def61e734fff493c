import type { Migration } from './migration';

/**
 * Fiches de liaison (flow 5) and the contact details a structure shows on the fiche's PDF.
 * A fiche keeps the flow-1 identity and, for routing only, the département of residence (never
 * the commune or the address). Its events say who did what and when, never the values.
 */
export const liaisonMigration: Migration = {
  version: 10,
  name: 'fiches de liaison, structure contact details',
  sql: `
ALTER TABLE structures ADD COLUMN postal_address TEXT;
ALTER TABLE structures ADD COLUMN contact_phone TEXT;
ALTER TABLE structures ADD COLUMN opening_hours TEXT;
ALTER TABLE structures ADD COLUMN referent_name TEXT;
CREATE TABLE fiches (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('proposee', 'acceptee', 'redirigee', 'sans_suite')),
  dt_id TEXT NOT NULL REFERENCES structures(id),
  ml_id TEXT NOT NULL REFERENCES structures(id),
  partnership_id TEXT NOT NULL REFERENCES partnerships(id),
  departement TEXT NOT NULL,
  civilite TEXT,
  nom TEXT,
  prenom TEXT,
  date_naissance TEXT,
  numero_cir TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  decided_by TEXT,
  decided_by_name TEXT,
  decided_at TEXT,
  reason TEXT,
  request_id TEXT,
  source_key TEXT UNIQUE,
  erased_at TEXT
);
CREATE INDEX fiches_ml ON fiches(ml_id, status);
CREATE INDEX fiches_dt ON fiches(dt_id, status);
CREATE TABLE fiche_events (
  id {{id}},
  fiche_id TEXT NOT NULL REFERENCES fiches(id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT
);
CREATE INDEX fiche_events_fiche ON fiche_events(fiche_id);
CREATE TABLE fiche_messages (
  fiche_id TEXT NOT NULL REFERENCES fiches(id),
  conversation_id TEXT NOT NULL,
  activity_id TEXT NOT NULL,
  PRIMARY KEY (fiche_id, conversation_id, activity_id)
);
`,
};
