/**
 * The storage port's repositories, one per aggregate beside the core `Repo` (storage/store.ts).
 * `tx.directory`, `tx.committees`, `tx.tableFiles` and `tx.jobs` run on the transaction they are
 * reached through (or outside any, from the store); the engines implement them with SQL that
 * nothing outside src/storage/ sees.
 */
import type {
  CorrespondentRecord,
  PartnershipRecord,
  RequestRecord,
  StructureRecord,
} from '../domain/model';
import type {
  CommitteeRecord,
  DirectoryEvent,
  JobInput,
  JobRow,
  LostBinding,
  NationalRow,
  OpenRequestRow,
  OpenFicheRow,
  OperationsSnapshot,
  PendingImport,
  SecretRecord,
  StoredFile,
  TableJob,
} from '../domain/records';
import type { RequestFact } from '../domain/stats';
import type { CommitteeMinutes } from '../domain/committee-minutes';
import type { SharedFigures } from '../domain/shared-figures';
import type { OfferDraft, OfferFile, OfferRecord } from '../domain/offer-records';
import type { Amendment, RoadmapRecord } from '../domain/roadmap';
import type { FicheDecision, FicheEvent, FicheRecord, StructureContact } from '../domain/liaison';
import type { Answer, Identity } from '../domain/schemas';
import type { AnswerVersion, CancelReason, ChangeBy, Motif } from '../domain/request-life-codes';

/** The directory beyond the core reads: bindings, deactivation, journal, file loads, exports. */
export interface DirectoryRepository {
  /** Everyone, the deactivated too, by name. */
  allCorrespondents(): Promise<CorrespondentRecord[]>;
  allPartnerships(): Promise<PartnershipRecord[]>;
  /** Returns how many rows changed (0: already in that state). */
  setActive(aadObjectId: string, active: boolean, at: string): Promise<number>;
  setTeamsUserIdIfUnknown(aadObjectId: string, teamsUserId: string): Promise<void>;
  setPartnershipMls(id: string, mlIds: string[]): Promise<void>;
  bindInbox(
    structureId: string,
    conversationId: string | null,
    teamId: string | null,
  ): Promise<void>;
  bindChannel(
    partnershipId: string,
    conversationId: string | null,
    teamId: string | null,
  ): Promise<void>;
  /** What a channel (or every channel of a team) is bound to. */
  boundTo(conversationId: string | null, teamId: string | null): Promise<LostBinding[]>;
  addEvent(e: DirectoryEvent): Promise<void>;
  /** Newest first; 'all' for global admins. */
  events(structureIds: string[] | 'all', limit: number, offset?: number): Promise<DirectoryEvent[]>;
  /** True the first time a directory file's content hash is seen. */
  markFileApplied(hash: string, at: string): Promise<boolean>;
  saveExport(
    id: string,
    createdBy: string,
    content: string,
    at: string,
    expiresAt: string,
    maxUses: number,
  ): Promise<void>;
  consumeExport(id: string, at: string): Promise<'ok' | 'exhausted' | 'unknown'>;
  purgeExports(at: string): Promise<void>;
  exportContent(id: string): Promise<string | undefined>;
}

/** Committees, the partnerships' one-off notices, and the request facts behind the bilan. */
export interface CommitteeRepository {
  /** False when a committee with this source key exists (a double click). */
  insert(c: CommitteeRecord, sourceKey: string | null): Promise<boolean>;
  get(id: string): Promise<CommitteeRecord | undefined>;
  getBySource(sourceKey: string): Promise<CommitteeRecord | undefined>;
  /** Returns how many rows changed; the sequence grows with each edit. */
  update(
    c: Pick<
      CommitteeRecord,
      'id' | 'kind' | 'startsAt' | 'place' | 'placeKind' | 'agenda' | 'participants'
    >,
    at: string,
  ): Promise<number>;
  cancel(id: string, at: string): Promise<boolean>;
  listFor(partnershipIds: string[]): Promise<CommitteeRecord[]>;
  allPartnershipIds(): Promise<string[]>;
  /** True the first time (partnership, kind) is noted. */
  noteOnce(partnershipId: string, kind: string, at: string): Promise<boolean>;
  clearNotice(partnershipId: string, kind: string): Promise<void>;
  requestFacts(partnershipId: string, from: Date, to: Date): Promise<RequestFact[]>;
}

/** The national table: export rows, files behind links, sealed passwords, pending imports, jobs. */
export interface TableFileRepository {
  exportRows(
    structure: Pick<StructureRecord, 'id' | 'kind'>,
    start: string,
    end: string,
    pageSize?: number,
  ): Promise<NationalRow[]>;
  /** Open requests of the ML by n° CIR: number by CIR. */
  openRequestsByCir(mlId: string, cirs: string[]): Promise<Map<string, string>>;
  reserveNumbers(year: number, n: number): Promise<string[]>;
  saveFile(f: StoredFile): Promise<void>;
  consumeFile(id: string, now: string): Promise<'ok' | 'exhausted' | 'unknown'>;
  fileContent(id: string): Promise<{ fileName: string; content: Buffer } | undefined>;
  saveSecret(s: SecretRecord): Promise<void>;
  getSecret(id: string): Promise<SecretRecord | undefined>;
  markRevealed(id: string, at: string): Promise<void>;
  eraseSecret(id: string, at: string): Promise<void>;
  saveImport(p: PendingImport, createdAt: string): Promise<void>;
  claimImport(
    id: string,
    owner: string,
    now: string,
  ): Promise<PendingImport | 'running' | undefined>;
  releaseImport(id: string, spend: boolean): Promise<void>;
  deleteImport(id: string): Promise<void>;
  startJob(j: TableJob, at: string): Promise<void>;
  finishJob(id: string, status: 'done' | 'failed', at: string): Promise<void>;
  staleJobs(before: string): Promise<TableJob[]>;
  purge(
    now: string,
    forgetBefore: string,
    staleBefore: string,
  ): Promise<{ secrets: number; files: number; imports: number }>;
}

/** Scheduled work (DESIGN.md §8), scheduled and finished in the transaction of what causes it. */
export interface JobRepository {
  /** True when inserted (false: a job with this dedupe key exists). */
  scheduleOne(j: JobInput, at: Date): Promise<boolean>;
  /** Returns how many were new. */
  schedule(jobs: JobInput[], at: Date): Promise<number>;
  cancel(subject: string, at: Date, kind?: string): Promise<number>;
  claimDue(now: Date, limit: number, worker: string, leaseUntil: Date): Promise<JobRow[]>;
  /** First statement of a job's transaction: true if `worker` still holds the pending job. */
  hold(id: number, worker: string, at: Date): Promise<boolean>;
  complete(id: number, outcome: string, at: Date): Promise<void>;
  retry(id: number, worker: string, dueAt: Date, error: string, at: Date): Promise<void>;
  fail(id: number, worker: string, error: string, at: Date): Promise<void>;
  nextDue(): Promise<Date | undefined>;
  countPendingDue(subject: string, kind: string, after: string, upTo: Date): Promise<number>;
  of(subject: string): Promise<JobRow[]>;
  list(): Promise<JobRow[]>;
  prune(before: Date): Promise<number>;
}

/** One conversation's recent sends as every instance recorded them; `version` 0: never written. */
export interface SendPace {
  version: number;
  /** Epoch milliseconds, ascending. */
  times: number[];
}

/**
 * Each conversation's recent send times, shared by every instance (Teams' pacing, DESIGN.md §6).
 * Writes are compare-and-set on the version read: the caller re-reads and decides again when
 * another instance wrote first.
 */
export interface SendPaceRepository {
  read(conversationId: string): Promise<SendPace>;
  /**
   * Stores `times` if the record is still at `version`; false when another instance wrote since.
   */
  write(conversationId: string, version: number, times: number[], at: string): Promise<boolean>;
}

/** What still waits on somebody, for `/suivi` without argument (issue 13 §7). */
export interface OpenItemsRepository {
  /** Requests of the structure on that side that are open or have a follow-up pending. */
  openRequests(side: 'ml' | 'dt', structureId: string): Promise<OpenRequestRow[]>;
  /** Fiches de liaison addressed to (ML) or recorded by (DT) the structure, still undecided. */
  openFiches(side: 'ml' | 'dt', structureId: string): Promise<OpenFicheRow[]>;
}

/** The operator's counts (issue 16 §5). */
export interface OperationsRepository {
  snapshot(): Promise<OperationsSnapshot>;
}

/** The committees' minutes (issue 14 §2): one per committee, edited in place. */
export interface MinutesRepository {
  get(committeeId: string): Promise<CommitteeMinutes | undefined>;
  /** Inserts, or edits keeping the first author and time; returns what is now stored. */
  save(m: CommitteeMinutes): Promise<CommitteeMinutes>;
  listFor(partnershipId: string): Promise<CommitteeMinutes[]>;
  /** The last comité de pilotage held and recorded before `before`, other than `excludeId`. */
  previousCopil(
    partnershipId: string,
    before: Date,
    excludeId: string,
  ): Promise<CommitteeMinutes | undefined>;
  /** The first comité de pilotage held and recorded from `from` on. */
  firstCopilFrom(partnershipId: string, from: Date): Promise<CommitteeMinutes | undefined>;
}

/** The figures each structure shares per year (issue 14 §5). */
export interface SharedFiguresRepository {
  get(partnershipId: string, structureId: string, year: number): Promise<SharedFigures | undefined>;
  save(f: SharedFigures): Promise<void>;
  listFor(partnershipId: string, year: number): Promise<SharedFigures[]>;
}

/** A count by key (a status, an ML's id, a referential code, a committee kind). */
export interface KeyCount {
  key: string;
  count: number;
}

/** What the bilan groups a partnership's requests by. */
export type BilanRequestKey = 'status' | 'ml' | 'motif' | 'prescriptionInitiale' | 'prescriptionML';

/** The bilan's aggregates over a partnership's requests created in [from, to): counts only. */
export interface BilanRepository {
  requestsBy(partnershipId: string, from: Date, to: Date, by: BilanRequestKey): Promise<KeyCount[]>;
  /** Answered requests by whole hours between creation and answer: `[hours, count]`. */
  answerDelayHours(partnershipId: string, from: Date, to: Date): Promise<[number, number][]>;
  /** Requests whose rest of pathway the DT asked for, and how many the ML then answered. */
  followUps(
    partnershipId: string,
    from: Date,
    to: Date,
  ): Promise<{ asked: number; answered: number }>;
  /** Committees planned (not cancelled) in [from, to), by kind. */
  committeesByKind(partnershipId: string, from: Date, to: Date): Promise<KeyCount[]>;
  /** Fiches de liaison created in [from, to), by status (issue 13 §6). */
  fichesByStatus(partnershipId: string, from: Date, to: Date): Promise<KeyCount[]>;
}

/** The offers of service (issue 14 §4) and the PDFs sent to the bot before a sheet is saved. */
export interface OfferRepository {
  /** Inserts an offer; false when `sourceKey` was already used (a retried submit). */
  insert(o: OfferRecord, file: OfferFile | null, sourceKey: string | null): Promise<boolean>;
  getBySource(sourceKey: string): Promise<OfferRecord | undefined>;
  /** Saves an edit; `file` replaces the PDF (null removes it), 'keep' leaves it. */
  update(o: OfferRecord, file: OfferFile | null | 'keep'): Promise<boolean>;
  remove(id: string): Promise<boolean>;
  get(id: string): Promise<OfferRecord | undefined>;
  /** The offers of these structures, without their PDFs' bytes. */
  listFor(structureIds: string[]): Promise<OfferRecord[]>;
  fileContent(id: string): Promise<OfferFile | undefined>;
  /** Keeps a PDF sent to the bot (expired ones are forgotten meanwhile). */
  createDraft(d: OfferDraft, file: OfferFile): Promise<void>;
  /** The owner's newest PDF not yet joined and not expired. */
  latestDraft(owner: string, now: string): Promise<OfferDraft | undefined>;
  draftFile(id: string): Promise<OfferFile | undefined>;
  deleteDraft(id: string): Promise<void>;
}

/** The partnerships' roadmap records and their amendments (issue 14 §3). */
export interface RoadmapRepository {
  get(partnershipId: string): Promise<RoadmapRecord | undefined>;
  /** Creates or replaces the partnership's record. */
  save(r: RoadmapRecord): Promise<void>;
  /** Appends an amendment; amendments are never edited. */
  addAmendment(a: Omit<Amendment, 'id'>): Promise<void>;
  /** The partnership's amendments, by date. */
  amendments(partnershipId: string): Promise<Amendment[]>;
}

/** Fiches de liaison (flow 5): the fiche, its events (never values), the messages showing it. */
export interface FicheRepository {
  nextNumber(year: number): Promise<string>;
  /** False when a fiche with this source key exists (a double click). */
  insert(f: FicheRecord, sourceKey: string | null): Promise<boolean>;
  get(id: string): Promise<FicheRecord | undefined>;
  getBySource(sourceKey: string): Promise<FicheRecord | undefined>;
  /** Applies the decision only if the fiche is still open and addressed to `fromMlId`. */
  decide(id: string, fromMlId: string, d: FicheDecision): Promise<boolean>;
  /** The request an accepted fiche opened. */
  linkRequest(id: string, requestId: string): Promise<void>;
  /**
   * Retention (DESIGN.md §11): erases the identity of fiches decided (accepted, closed) before
   * `cutoff`; the accepted ones' identity lives on in their request. Returns how many.
   */
  eraseClosed(cutoff: Date, at: Date): Promise<number>;
  addEvent(e: FicheEvent): Promise<void>;
  listEvents(ficheId: string): Promise<FicheEvent[]>;
  addMessage(ficheId: string, conversationId: string, activityId: string): Promise<void>;
  listMessages(ficheId: string): Promise<{ conversationId: string; activityId: string }[]>;
}

/** A structure's contact details for the fiche's PDF (address, phone, hours, referent). */
export interface StructureContactRepository {
  /** Undefined for an unknown structure. */
  get(structureId: string): Promise<StructureContact | undefined>;
  /** Returns how many rows changed (0: unknown structure, or already so). */
  set(structureId: string, c: StructureContact, at: string): Promise<number>;
}

/**
 * A request's life (issue 13 §1–4): each change is a compare-and-set on the version the card
 * carried (false: the request changed since, or is not in a status that allows it).
 */
export interface RequestLifeRepository {
  /** Flow-1 fields and motif, while the request is `transmise`. */
  correct(
    id: string,
    version: number,
    identity: Identity,
    motif: Motif | null,
    c: ChangeBy,
  ): Promise<boolean>;
  cancel(
    id: string,
    version: number,
    reason: CancelReason,
    fromStatuses: readonly string[],
    c: ChangeBy,
  ): Promise<boolean>;
  /**
   * Before the first answer (RequestRepository.answer), in its transaction: raises the version if
   * the card's is still the request's, and keeps the figures as their first version.
   */
  answered(id: string, version: number, answer: Answer, c: ChangeBy): Promise<boolean>;
  /** A new version of the DT's four fields, on an answered request. */
  update(id: string, version: number, answer: Answer, c: ChangeBy): Promise<boolean>;
  /** The figures' versions, oldest first. */
  versions(requestId: string): Promise<AnswerVersion[]>;
}

/** The tabs' lists (issue 15): a structure's requests and fiches, on the caller's side. */
export interface TabListRepository {
  /** Every request of the structure on that side, with its last follow-up asked (if any). */
  requestsOf(
    side: 'ml' | 'dt',
    structureId: string,
  ): Promise<(RequestRecord & { followUpAt: string | null })[]>;
  /** Every fiche de liaison recorded by (DT) or addressed now to (ML) the structure. */
  fichesOf(side: 'ml' | 'dt', structureId: string): Promise<FicheRecord[]>;
}
