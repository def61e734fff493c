/** The records the domain works with, independent of any storage engine. */
import type { Role, StructureKind } from './directory';
import type { Answer, Identity } from './schemas';

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
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
