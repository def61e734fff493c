/**
 * Records the storage repositories hand to the domain and the edges (directory journal,
 * committees, the national table's files and rows, scheduled jobs). Plain data: no engine,
 * no SQL; the storage port (storage/repositories.ts) speaks in these types.
 */
import type { CommitteeKind } from './committees';

/** One directory change, as the journal shows it: field names, never personal values. */
export interface DirectoryEvent {
  at: string;
  actor: string;
  action: string;
  targetKind: 'structure' | 'correspondent' | 'partnership' | 'directory';
  targetId: string;
  /** The structure whose admins may read the event (null: global admins only). */
  structureId: string | null;
  fields: string[];
}

/** What a removed or deleted channel was bound to. */
export interface LostBinding {
  kind: 'inbox' | 'channel';
  id: string;
}

/**
 * A committee of a partnership (DESIGN.md §8): comité de pilotage, comité technique, immersion,
 * visit.
 */
export interface CommitteeRecord {
  id: string;
  partnershipId: string;
  kind: CommitteeKind;
  startsAt: Date;
  place: string;
  placeKind: 'place' | 'link';
  agenda: string;
  /** Structure ids, a subset of the partnership's. */
  participants: string[];
  status: 'planned' | 'cancelled';
  /** Grows with each edit: the .ics SEQUENCE and the generation of the reminder jobs. */
  sequence: number;
  /** Secret of the .ics link: the invitation is served to whoever holds the link. */
  icsToken: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** An exported national table behind its signed download link. */
export interface StoredFile {
  id: string;
  owner: string;
  structureId: string;
  conversationId: string;
  fileName: string;
  content: Buffer;
  createdAt: string;
  expiresAt: string;
  maxUses: number;
}

/** An exported table's password, sealed, until the requester reveals it or it expires. */
export interface SecretRecord {
  id: string;
  owner: string;
  fileName: string;
  /** The sealed password (files/secret-box.ts); null once erased. */
  sealed: string | null;
  createdAt: string;
  expiresAt: string;
}

/** An encrypted upload waiting for its password. */
export interface PendingImport {
  id: string;
  owner: string;
  conversationId: string;
  activityId: string | null;
  fileName: string;
  content: Buffer;
  attempts: number;
  expiresAt: string;
}

/** A running export or import, so that a stopped process's card can be closed. */
export interface TableJob {
  id: string;
  kind: 'export' | 'import';
  owner: string;
  conversationId: string;
  activityId: string | null;
  reference: Record<string, unknown>;
}

/** One request as exported: the identity (flow 1) and the answers so far (null: not yet). */
export interface NationalRow {
  civilite: string;
  nom: string;
  prenom: string;
  /** ISO AAAA-MM-JJ. */
  dateNaissance: string;
  numeroCir: string;
  positionnementLinguistique?: string | null;
  prescriptionInitiale?: string | null;
  heuresFL?: number | null;
  journeesFC?: number | null;
  prescriptionML?: string | null;
  /** Why the ML asked (issue 13 §1): on the "Informations" sheet, not a national column. */
  motif?: string | null;
}

export type JobStatus = 'pending' | 'done' | 'failed' | 'cancelled';

/** A job to schedule (DESIGN.md §8: scheduled jobs in the database). */
export interface JobInput {
  kind: string;
  /** What the job is about (`committee:<id>`, `request:<id>`), to cancel or find its jobs. */
  subject?: string;
  /** Ids and options only, never personal data: it is stored and may be logged. */
  payload: Record<string, unknown>;
  dueAt: Date;
  /** The job's identity: scheduling the same key twice keeps the first one. */
  dedupeKey: string;
}

/** A scheduled job as stored. */
export interface JobRow {
  id: number;
  kind: string;
  subject: string | null;
  payload: Record<string, unknown>;
  dueAt: string;
  status: JobStatus;
  attempts: number;
  claimedBy: string | null;
  claimedUntil: string | null;
  lastError: string | null;
  outcome: string | null;
  dedupeKey: string;
}

/** A request still in play, as `/suivi` without argument lists it (issue 13 §7). */
export interface OpenRequestRow {
  id: string;
  number: string;
  status: string;
  mlId: string;
  dtId: string;
  createdAt: string;
  answeredAt: string | null;
  prescribedAt: string | null;
  /** The last follow-up a DT correspondent asked for, if any. */
  followUpAt: string | null;
}

/** A fiche de liaison still waiting on its ML, as `/suivi` without argument lists it. */
export interface OpenFicheRow {
  id: string;
  number: string;
  mlId: string;
  dtId: string;
  /** When it was recorded, or redirected to its current ML. */
  since: string;
}

/** The outbox and the jobs as the operator's metrics see them (issue 16 §5): counts only. */
export interface OperationsSnapshot {
  outboxPending: number;
  /** Pending messages already tried at least once (a 429, a 5xx, a timeout). */
  outboxRetrying: number;
  outboxFailed: number;
  /** When the oldest pending message was queued; null when none is pending. */
  outboxOldestPendingAt: string | null;
  /** Jobs by status (pending, done, failed, cancelled) and kind. */
  jobs: { status: string; kind: string; count: number }[];
}

/** What /readyz reports (issue 17 §3): counts and times only, never a row's content. */
export interface ReadinessSnapshot {
  outboxPending: number;
  /** When the oldest pending message was queued; null when none is pending. */
  outboxOldestPendingAt: string | null;
  /** The last delivery among the 200 most recently queued messages; null if none of them. */
  lastSentAt: string | null;
}
