/**
 * Numbered schema migrations, applied in order at start-up. Written in the SQL both engines
 * understand; `{{id}}` is the engine's auto-increment key type, `{{bytes}}` its binary type. One
 * file per migration from
 * 002 on; add it to the list below.
 */
import { outboxPayloadsMigration } from './005-outbox-payloads';
import { jobsLeaseIndexMigration } from './006-jobs-lease-index';
import { sendPaceMigration } from './007-send-pace';
import { requestLifeMigration } from './009-request-life';
import type { Migration } from './migration';
import { directoryMigration } from './002-directory';
import { filesMigration } from './003-files';
import { committeesJobsMigration } from './004-committees-jobs';
import { committeeMinutesFiguresMigration } from './011-committee-minutes-figures';
import { offersMigration } from './012-offers';
import { ddetsMigration } from './008-ddets';
import { roadmapMigration } from './013-roadmap';
import { liaisonMigration } from './010-liaison';
import { auditMigration } from './014-audit';

export type { Migration };

const initial: Migration[] = [
  {
    version: 1,
    name: 'directory, requests, outbox, audit',
    sql: `
CREATE TABLE structures (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('DT', 'ML')),
  name TEXT NOT NULL,
  departements TEXT NOT NULL,
  tenant_id TEXT,
  inbox_conversation_id TEXT,
  updated_at TEXT NOT NULL
);
CREATE TABLE correspondents (
  aad_object_id TEXT PRIMARY KEY,
  structure_id TEXT NOT NULL REFERENCES structures(id),
  role TEXT NOT NULL CHECK (role IN ('conseiller', 'correspondant', 'admin')),
  name TEXT NOT NULL,
  email TEXT,
  phone TEXT,
  teams_user_id TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX correspondents_structure ON correspondents(structure_id);
CREATE TABLE partnerships (
  id TEXT PRIMARY KEY,
  dt_id TEXT NOT NULL REFERENCES structures(id),
  name TEXT,
  channel_conversation_id TEXT,
  updated_at TEXT NOT NULL
);
CREATE TABLE partnership_mls (
  partnership_id TEXT NOT NULL REFERENCES partnerships(id),
  ml_id TEXT NOT NULL REFERENCES structures(id),
  PRIMARY KEY (partnership_id, ml_id)
);
CREATE TABLE conversation_refs (
  kind TEXT NOT NULL,
  ref_key TEXT NOT NULL,
  reference TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (kind, ref_key)
);
CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
CREATE TABLE requests (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  source_key TEXT UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('transmise', 'completee', 'cloturee', 'annulee')),
  ml_id TEXT NOT NULL REFERENCES structures(id),
  dt_id TEXT NOT NULL REFERENCES structures(id),
  partnership_id TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  civilite TEXT,
  nom TEXT,
  prenom TEXT,
  date_naissance TEXT,
  numero_cir TEXT,
  positionnement_linguistique TEXT,
  prescription_initiale TEXT,
  heures_fl INTEGER,
  journees_fc INTEGER,
  answered_by TEXT,
  answered_by_name TEXT,
  answered_at TEXT,
  prescription_ml TEXT,
  prescribed_by TEXT,
  prescribed_at TEXT,
  erased_at TEXT
);
CREATE INDEX requests_ml ON requests(ml_id, created_at);
CREATE INDEX requests_dt ON requests(dt_id, created_at);
CREATE INDEX requests_cir ON requests(numero_cir);
CREATE TABLE request_messages (
  request_id TEXT NOT NULL REFERENCES requests(id),
  side TEXT NOT NULL CHECK (side IN ('ml', 'dt')),
  conversation_id TEXT NOT NULL,
  activity_id TEXT NOT NULL,
  PRIMARY KEY (request_id, conversation_id, activity_id)
);
CREATE TABLE request_events (
  id {{id}},
  request_id TEXT NOT NULL REFERENCES requests(id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT
);
CREATE INDEX request_events_request ON request_events(request_id, id);
CREATE TABLE outbox (
  id {{id}},
  created_at TEXT NOT NULL,
  due_at TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('send', 'update')),
  conversation_id TEXT NOT NULL,
  reference TEXT NOT NULL,
  activity TEXT NOT NULL,
  activity_id TEXT,
  request_id TEXT,
  side TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  claimed_by TEXT,
  claimed_until TEXT,
  sent_at TEXT,
  sent_activity_id TEXT
);
CREATE INDEX outbox_due ON outbox(status, due_at);
CREATE TABLE audit_log (
  id {{id}},
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  request_id TEXT,
  detail TEXT
);
CREATE INDEX audit_request ON audit_log(request_id);
`,
  },
];

/** Every migration, by version. */
export const migrations: Migration[] = [
  ...initial,
  directoryMigration,
  filesMigration,
  committeesJobsMigration,
  outboxPayloadsMigration,
  jobsLeaseIndexMigration,
  sendPaceMigration,
  committeeMinutesFiguresMigration,
  offersMigration,
  ddetsMigration,
  roadmapMigration,
  liaisonMigration,
  requestLifeMigration,
  auditMigration,
].sort((a, b) => a.version - b.version);
