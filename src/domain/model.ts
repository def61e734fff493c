/** The records the domain works with, independent of any storage engine. */
import type { Role, StructureKind } from './directory';
import type { Answer, Identity } from './schemas';
import type { CancelReason, LastChange, Motif } from './request-life-codes';

export const REQUEST_STATUSES = ['transmise', 'completee', 'cloturee', 'annulee'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export interface StructureRecord {
  id: string;
  kind: StructureKind;
  name: string;
  departements: string[];
  tenantId: string | null;
  inboxConversationId: string | null;
}

export interface CorrespondentRecord {
  aadObjectId: string;
  structureId: string;
  role: Role;
  name: string;
  email: string | null;
  phone: string | null;
  teamsUserId: string | null;
  active: boolean;
}

export interface PartnershipRecord {
  id: string;
  dtId: string;
  name: string | null;
  mlIds: string[];
  channelConversationId: string | null;
  /** The DDETS under whose aegis the comité de pilotage meets, if any (issue 14 §1). */
  ddetsId?: string | null;
}

export interface RequestRecord {
  id: string;
  number: string;
  status: RequestStatus;
  mlId: string;
  dtId: string;
  partnershipId: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Null once erased by the retention purge. */
  identity: Identity | null;
  answer: Answer | null;
  answeredBy: string | null;
  answeredByName: string | null;
  answeredAt: string | null;
  prescriptionML: string | null;
  prescribedAt: string | null;
  /** Why the ML asked (issue 13 §1); null for requests from before the motif existed. */
  motif?: Motif | null;
  /** Raised by every change a posted card may be stale about (storage fills it; 1 when new). */
  version?: number;
  /** The last such change, for the stale card's line. */
  lastChange?: LastChange | null;
  cancelReason?: CancelReason | null;
  /** The DT's last update of its four fields, once there was one: "mis à jour le … par …". */
  figuresUpdated?: { byName: string; at: string } | null;
}

export interface RequestEvent {
  requestId: string;
  at: string;
  actor: string;
  kind: string;
  /** Never the person's values: what changed, not what it became. */
  detail?: string;
}

/** Who is acting, as the server establishes it from the activity and the directory. */
export interface Caller {
  aadObjectId: string;
  tenantId: string;
  teamsUserId: string;
  name: string;
  person: CorrespondentRecord | null;
  isGlobalAdmin: boolean;
  /** The tenant the directory records for the person's structure (null: none, or no person). */
  structureTenantId: string | null;
  /**
   * Local mode only (no authentication): a tenant missing on either side passes the comparison.
   * Absent or false: the comparison is strict (tenant-check.ts).
   */
  localMode?: boolean;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
