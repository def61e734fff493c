/**
 * The storage interface (DESIGN.md §9). Engines implement it; the domain and the edges only
 * see this. Every state change runs inside `transaction`, outbound messages included.
 */
import type {
  CorrespondentRecord,
  PartnershipRecord,
  RequestEvent,
  RequestRecord,
  StructureRecord,
} from '../domain/model';
import type { RoadmapRepository } from './repositories';
import type { Answer } from '../domain/schemas';
import type {
  CommitteeRepository,
  DirectoryRepository,
  JobRepository,
  RequestLifeRepository,
  SendPaceRepository,
  OpenItemsRepository,
  OperationsRepository,
  TableFileRepository,
  MinutesRepository,
  SharedFiguresRepository,
  BilanRepository,
  OfferRepository,
  FicheRepository,
  StructureContactRepository,
  TabListRepository,
} from './repositories';

export interface OutboxInput {
  op: 'send' | 'update';
  conversationId: string;
  /** The stored conversation reference (serviceUrl, conversation, tenant): never personal data. */
  reference: Record<string, unknown>;
  activity: Record<string, unknown>;
  activityId?: string;
  requestId?: string;
  side?: 'ml' | 'dt';
  dueAt: string;
}

/**
 * Chooses new outbox rows' due times from their conversation's queue (the dispatcher's rate
 * limits).
 */
export interface OutboxPacing {
  /**
   * Undefined: the row goes at its own `dueAt`. Otherwise it is written due at the `dueAt`
   * returned, and `bind` gets its id.
   */
  join(
    conversationId: string,
    dueAt: string,
  ): { dueAt: string; bind(id: number): void } | undefined;
}

export interface OutboxRow extends OutboxInput {
  id: number;
  attempts: number;
  status: 'pending' | 'sent' | 'failed';
}

/** A claimed row without its payload (kilobytes of card): loaded only for rows sent now. */
export type ClaimedOutboxRow = Omit<OutboxRow, 'reference' | 'activity'>;

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  requestId?: string;
  detail?: string;
}

export interface RequestMessage {
  requestId: string;
  side: 'ml' | 'dt';
  conversationId: string;
  activityId: string;
}

/** The directory's core records (structures, people, partnerships) beside its own SQL repository. */
export interface DirectoryAccess extends DirectoryRepository {
  upsertStructure(s: Omit<StructureRecord, 'inboxConversationId'>, at: string): Promise<void>;
  upsertCorrespondent(
    c: Omit<CorrespondentRecord, 'teamsUserId' | 'active'>,
    at: string,
  ): Promise<void>;
  upsertPartnership(p: Omit<PartnershipRecord, 'channelConversationId'>, at: string): Promise<void>;
  getStructure(id: string): Promise<StructureRecord | undefined>;
  listStructures(): Promise<StructureRecord[]>;
  getCorrespondent(aadObjectId: string): Promise<CorrespondentRecord | undefined>;
  listCorrespondents(structureId: string): Promise<CorrespondentRecord[]>;
  setTeamsUserId(aadObjectId: string, teamsUserId: string): Promise<void>;
  setStructureInbox(structureId: string, conversationId: string | null): Promise<void>;
  getPartnership(id: string): Promise<PartnershipRecord | undefined>;
  partnershipsOfStructure(structureId: string): Promise<PartnershipRecord[]>;
}

/** Conversation references, per user (aadObjectId) and per channel (conversation id). */
export interface ReferenceRepository {
  save(
    kind: 'user' | 'conversation',
    key: string,
    reference: Record<string, unknown>,
    at: string,
  ): Promise<void>;
  get(kind: 'user' | 'conversation', key: string): Promise<Record<string, unknown> | undefined>;
}

/** Requests, their events and the messages that show them (DESIGN.md §3). */
export interface RequestRepository {
  nextNumber(year: number): Promise<string>;
  insert(r: RequestRecord, sourceKey: string | null): Promise<void>;
  get(id: string): Promise<RequestRecord | undefined>;
  getBySource(sourceKey: string): Promise<RequestRecord | undefined>;
  getByNumber(number: string): Promise<RequestRecord | undefined>;
  /** Requests of a structure (either side) for one n° CIR, newest first. */
  findByCir(numeroCir: string, structureId: string, limit: number): Promise<RequestRecord[]>;
  /**
   * Records the DT's answer only if the request is still `transmise`; false when someone was first.
   */
  answer(id: string, answer: Answer, by: string, byName: string, at: string): Promise<boolean>;
  /** Flow 3: records the ML's prescription; an answered request becomes `cloturee`. */
  setPrescription(id: string, code: string, by: string, at: string): Promise<void>;
  addEvent(e: RequestEvent): Promise<void>;
  listEvents(requestId: string): Promise<RequestEvent[]>;
  addMessage(m: RequestMessage): Promise<void>;
  listMessages(requestId: string): Promise<RequestMessage[]>;
  /**
   * Retention (DESIGN.md §11): erases the identity of requests closed (or answered and untouched)
   * before `cutoff`; returns how many.
   */
  eraseClosed(cutoff: Date, at: Date): Promise<number>;
}

/** Outbound messages, written in the transaction of the change that causes them (DESIGN.md §6). */
export interface OutboxRepository {
  enqueue(m: OutboxInput, at: string): Promise<number>;
  /** Several rows at once, ids in the same order. */
  enqueueAll(ms: OutboxInput[], at: string): Promise<number[]>;
  markSent(id: number, sentActivityId: string | null, at: string): Promise<void>;
  markRetry(id: number, dueAt: string, error: string, countAttempt: boolean): Promise<void>;
  markFailed(id: number, error: string): Promise<void>;
  /** Puts claimed rows back, each due at its own time (its conversation's slot, DESIGN.md §6). */
  deferRows(rows: { id: number; dueAt: string }[]): Promise<void>;
}

/** The audit log (DESIGN.md §11): who did what to which request, never the values. */
export interface AuditRepository {
  record(e: AuditEntry): Promise<void>;
}

/** Everything a turn or a worker may read or write: one typed repository per aggregate. */
export interface Repo {
  readonly directory: DirectoryAccess;
  readonly references: ReferenceRepository;
  readonly requests: RequestRepository;
  readonly outbox: OutboxRepository;
  readonly audit: AuditRepository;
  readonly committees: CommitteeRepository;
  readonly tableFiles: TableFileRepository;
  readonly jobs: JobRepository;
  /** Teams' pacing shared by every instance (read by the dispatcher on PostgreSQL). */
  readonly sendPace: SendPaceRepository;
  readonly openItems: OpenItemsRepository;
  readonly operations: OperationsRepository;
  readonly minutes: MinutesRepository;
  readonly sharedFigures: SharedFiguresRepository;
  readonly bilan: BilanRepository;
  /** The partners' offers of service (issue 14 §4). */
  readonly offers: OfferRepository;
  readonly roadmaps: RoadmapRepository;
  readonly fiches: FicheRepository;
  readonly structureContacts: StructureContactRepository;
  readonly requestLife: RequestLifeRepository;
  /** The tabs' lists (issue 15). */
  readonly tabList: TabListRepository;
}

export interface Store extends Repo {
  readonly engine: 'sqlite' | 'postgres';
  /**
   * After erasing personal data: leaves no copy of it where the engine allows (SQLite zeroes
   * freed space as it goes, then its write-ahead log is checkpointed and truncated here).
   * PostgreSQL keeps dead row versions until VACUUM and never zeroes them (README, security).
   */
  settleErasure(): Promise<void>;
  /** The connection pool's state (PostgreSQL); null where there is none (SQLite). */
  poolStats(): { total: number; idle: number; waiting: number } | null;
  /** Runs `fn` atomically; nothing it wrote is visible unless it resolves. */
  transaction<T>(fn: (tx: Repo) => Promise<T>): Promise<T>;
  // Outbox worker side
  claimOutbox(
    now: string,
    limit: number,
    worker: string,
    leaseUntil: string,
  ): Promise<ClaimedOutboxRow[]>;
  /** The claimed rows with their payloads, in the same order. */
  withPayloads(rows: ClaimedOutboxRow[]): Promise<OutboxRow[]>;
  nextOutboxDue(): Promise<string | undefined>;
  /** From now on, rows joining a conversation's queue are written due at their slot. */
  paceOutboxWith(pacing: OutboxPacing): void;
  listOutbox(): Promise<OutboxRow[]>;
  close(): Promise<void>;
}
