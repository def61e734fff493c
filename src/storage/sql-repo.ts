/**
 * The SQL both engines share. Placeholders are `?`; an engine's runner translates them.
 * Row ↔ record mapping (row-mappers.ts) is shared too, so engines differ only where dialects do.
 */
import type {
  CorrespondentRecord,
  PartnershipRecord,
  RequestEvent,
  RequestRecord,
  StructureRecord,
} from '../domain/model';
import type { Answer } from '../domain/schemas';
import type {
  AuditEntry,
  AuditRepository,
  DirectoryAccess,
  OutboxRepository,
  ReferenceRepository,
  RequestRepository,
  ClaimedOutboxRow,
  OutboxInput,
  OutboxPacing,
  OutboxRow,
  RequestMessage,
} from './store';
import { optStr, str, toCorrespondent, toRequest, toStructure, type Row } from './row-mappers';
import { deferWrite, type SqlRunner } from './sql-runner';
import { CommitteeRepo } from './committee-repo';
import { DirectoryRepo } from './directory-repo';
import { FilesRepo } from './files-repo';
import { JobRepo } from './job-repo';
import { SendPaceRepo } from './send-pace-repo';
import { OpenItemsRepo } from './open-items-repo';
import { OperationsRepo } from './operations-repo';
import { MinutesRepo, SharedFiguresRepo } from './minutes-repo';
import { BilanRepo } from './bilan-repo';
import { OfferRepo } from './offer-repo';
import { RoadmapRepo } from './roadmap-repo';
import type { RoadmapRepository } from './repositories';
import { RequestLifeRepo } from './request-life-repo';
import type {
  CommitteeRepository,
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
} from './repositories';
import { FicheRepo, StructureContactRepo } from './fiche-repo';
import { TabListRepo } from './tab-repo';
import type { TabListRepository } from './repositories';

export abstract class SqlRepo {
  private pacing: OutboxPacing | undefined;
  readonly directory: DirectoryAccess;
  readonly references: ReferenceRepository;
  readonly requests: RequestRepository;
  readonly outbox: OutboxRepository;
  readonly audit: AuditRepository;
  readonly committees: CommitteeRepository;
  readonly tableFiles: TableFileRepository;
  readonly jobs: JobRepository;
  readonly sendPace: SendPaceRepository;
  readonly openItems: OpenItemsRepository;
  readonly operations: OperationsRepository;
  readonly minutes: MinutesRepository;
  readonly sharedFigures: SharedFiguresRepository;
  readonly bilan: BilanRepository;
  readonly offers: OfferRepository;
  readonly roadmaps: RoadmapRepository;
  readonly fiches: FicheRepository;
  readonly structureContacts: StructureContactRepository;
  readonly requestLife: RequestLifeRepository;
  readonly tabList: TabListRepository;

  /**
   * The runner follows the caller's transaction (context-runner.ts): one set of repositories serves
   * all.
   */
  constructor(
    protected readonly sql: SqlRunner,
    engine: 'sqlite' | 'postgres',
  ) {
    // The core records' SQL is this class's own; each aggregate's repository names it.
    this.directory = Object.assign(new DirectoryRepo(sql), {
      upsertStructure: this.upsertStructure.bind(this),
      upsertCorrespondent: this.upsertCorrespondent.bind(this),
      upsertPartnership: this.upsertPartnership.bind(this),
      getStructure: this.getStructure.bind(this),
      listStructures: this.listStructures.bind(this),
      getCorrespondent: this.getCorrespondent.bind(this),
      listCorrespondents: this.listCorrespondents.bind(this),
      setTeamsUserId: this.setTeamsUserId.bind(this),
      setStructureInbox: this.setStructureInbox.bind(this),
      getPartnership: this.getPartnership.bind(this),
      partnershipsOfStructure: this.partnershipsOfStructure.bind(this),
    });
    this.references = { save: this.saveReference.bind(this), get: this.getReference.bind(this) };
    this.requests = {
      nextNumber: this.nextNumber.bind(this),
      insert: this.insertRequest.bind(this),
      get: this.getRequest.bind(this),
      getBySource: this.getRequestBySource.bind(this),
      getByNumber: this.getRequestByNumber.bind(this),
      findByCir: this.findRequestsByCir.bind(this),
      answer: this.answerRequest.bind(this),
      setPrescription: this.setPrescription.bind(this),
      addEvent: this.addEvent.bind(this),
      listEvents: this.listEvents.bind(this),
      addMessage: this.addRequestMessage.bind(this),
      listMessages: this.listRequestMessages.bind(this),
      eraseClosed: this.eraseClosedRequests.bind(this),
    };
    this.outbox = {
      enqueue: this.enqueue.bind(this),
      enqueueAll: this.enqueueAll.bind(this),
      markSent: this.markSent.bind(this),
      markRetry: this.markRetry.bind(this),
      markFailed: this.markFailed.bind(this),
      deferRows: this.deferRows.bind(this),
    };
    this.audit = { record: this.writeAudit.bind(this) };
    this.committees = new CommitteeRepo(sql);
    this.tableFiles = new FilesRepo(sql);
    this.jobs = new JobRepo(sql, engine);
    this.sendPace = new SendPaceRepo(sql);
    this.openItems = new OpenItemsRepo(sql);
    this.operations = new OperationsRepo(sql);
    this.minutes = new MinutesRepo(sql);
    this.sharedFigures = new SharedFiguresRepo(sql);
    this.bilan = new BilanRepo(sql, engine);
    this.offers = new OfferRepo(sql);
    this.roadmaps = new RoadmapRepo(sql);
    this.fiches = new FicheRepo(sql);
    this.structureContacts = new StructureContactRepo(sql);
    this.requestLife = new RequestLifeRepo(sql);
    this.tabList = new TabListRepo(sql);
  }

  /** The SQL runner behind a store, for tests and the operator's tools (never for features). */
  static runnerOf(store: unknown): SqlRunner {
    if (!(store instanceof SqlRepo)) throw new Error('not a SQL store');
    return store.sql;
  }

  paceOutboxWith(pacing: OutboxPacing): void {
    this.pacing = pacing;
  }

  async nextNumber(year: number): Promise<string> {
    // The upsert locks the counter row until the caller's transaction ends: numbers never repeat.
    const [row] = await this.sql.all<{ value: number | string }>(
      `INSERT INTO counters (name, value) VALUES (?, 1)
       ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value`,
      [`request-${year}`],
    );
    return `${year}-${String(Number(row.value)).padStart(6, '0')}`;
  }

  async upsertStructure(
    s: Omit<StructureRecord, 'inboxConversationId'>,
    at: string,
  ): Promise<void> {
    await this.sql.run(
      `INSERT INTO structures (id, kind, name, departements, tenant_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name,
         departements = excluded.departements, tenant_id = excluded.tenant_id, updated_at = excluded.updated_at
       WHERE structures.kind <> excluded.kind OR structures.name <> excluded.name
         OR structures.departements <> excluded.departements
         OR COALESCE(structures.tenant_id, '') <> COALESCE(excluded.tenant_id, '')`,
      [s.id, s.kind, s.name, JSON.stringify(s.departements), s.tenantId, at],
    );
  }

  async upsertCorrespondent(
    c: Omit<CorrespondentRecord, 'teamsUserId' | 'active'>,
    at: string,
  ): Promise<void> {
    await this.sql.run(
      `INSERT INTO correspondents (aad_object_id, structure_id, role, name, email, phone, active, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 1, ?)
       ON CONFLICT (aad_object_id) DO UPDATE SET structure_id = excluded.structure_id, role = excluded.role,
         name = excluded.name, email = excluded.email, phone = excluded.phone, active = 1, updated_at = excluded.updated_at
       WHERE correspondents.structure_id <> excluded.structure_id OR correspondents.role <> excluded.role
         OR correspondents.name <> excluded.name OR COALESCE(correspondents.email, '') <> COALESCE(excluded.email, '')
         OR COALESCE(correspondents.phone, '') <> COALESCE(excluded.phone, '') OR correspondents.active <> 1`,
      [c.aadObjectId.toLowerCase(), c.structureId, c.role, c.name, c.email, c.phone, at],
    );
  }

  async upsertPartnership(
    p: Omit<PartnershipRecord, 'channelConversationId'>,
    at: string,
  ): Promise<void> {
    await this.sql.run(
      `INSERT INTO partnerships (id, dt_id, name, updated_at, ddets_id) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET dt_id = excluded.dt_id, name = excluded.name, updated_at = excluded.updated_at,
         ddets_id = excluded.ddets_id
       WHERE partnerships.dt_id <> excluded.dt_id OR COALESCE(partnerships.name, '') <> COALESCE(excluded.name, '')
         OR COALESCE(partnerships.ddets_id, '') <> COALESCE(excluded.ddets_id, '')`,
      [p.id, p.dtId, p.name, at, p.ddetsId ?? null],
    );
    for (const ml of p.mlIds) {
      await this.sql.run(
        'INSERT INTO partnership_mls (partnership_id, ml_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
        [p.id, ml],
      );
    }
  }

  async getStructure(id: string): Promise<StructureRecord | undefined> {
    const [r] = await this.sql.all<Row>('SELECT * FROM structures WHERE id = ?', [id]);
    return r && toStructure(r);
  }

  async listStructures(): Promise<StructureRecord[]> {
    return (await this.sql.all<Row>('SELECT * FROM structures ORDER BY name')).map(toStructure);
  }

  async getCorrespondent(aadObjectId: string): Promise<CorrespondentRecord | undefined> {
    const [r] = await this.sql.all<Row>('SELECT * FROM correspondents WHERE aad_object_id = ?', [
      aadObjectId.toLowerCase(),
    ]);
    return r && toCorrespondent(r);
  }

  async listCorrespondents(structureId: string): Promise<CorrespondentRecord[]> {
    const rows = await this.sql.all<Row>(
      'SELECT * FROM correspondents WHERE structure_id = ? AND active = 1 ORDER BY name',
      [structureId],
    );
    return rows.map(toCorrespondent);
  }

  async setTeamsUserId(aadObjectId: string, teamsUserId: string): Promise<void> {
    await this.sql.run(
      "UPDATE correspondents SET teams_user_id = ? WHERE aad_object_id = ? AND COALESCE(teams_user_id, '') <> ?",
      [teamsUserId, aadObjectId.toLowerCase(), teamsUserId],
    );
  }

  async setStructureInbox(structureId: string, conversationId: string | null): Promise<void> {
    await this.sql.run('UPDATE structures SET inbox_conversation_id = ? WHERE id = ?', [
      conversationId,
      structureId,
    ]);
  }

  async getPartnership(id: string): Promise<PartnershipRecord | undefined> {
    const [r] = await this.sql.all<Row>('SELECT * FROM partnerships WHERE id = ?', [id]);
    return r && this.withMls(r);
  }

  async partnershipsOfStructure(structureId: string): Promise<PartnershipRecord[]> {
    const rows = await this.sql.all<Row>(
      `SELECT * FROM partnerships WHERE dt_id = ? OR ddets_id = ?
       OR id IN (SELECT partnership_id FROM partnership_mls WHERE ml_id = ?) ORDER BY id`,
      [structureId, structureId, structureId],
    );
    return Promise.all(rows.map((r) => this.withMls(r)));
  }

  private async withMls(r: Row): Promise<PartnershipRecord> {
    const mls = await this.sql.all<{ ml_id: string }>(
      'SELECT ml_id FROM partnership_mls WHERE partnership_id = ? ORDER BY ml_id',
      [r.id],
    );
    return {
      id: str(r.id),
      dtId: str(r.dt_id),
      name: optStr(r.name),
      mlIds: mls.map((m) => m.ml_id),
      channelConversationId: optStr(r.channel_conversation_id),
      ddetsId: optStr(r.ddets_id),
    };
  }

  async saveReference(
    kind: 'user' | 'conversation',
    key: string,
    reference: Record<string, unknown>,
    at: string,
  ): Promise<void> {
    const json = JSON.stringify(reference);
    await this.sql.run(
      `INSERT INTO conversation_refs (kind, ref_key, reference, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, ref_key) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at
       WHERE conversation_refs.reference <> excluded.reference`,
      [kind, key, json, at],
    );
  }

  async getReference(
    kind: 'user' | 'conversation',
    key: string,
  ): Promise<Record<string, unknown> | undefined> {
    const [r] = await this.sql.all<Row>(
      'SELECT reference FROM conversation_refs WHERE kind = ? AND ref_key = ?',
      [kind, key],
    );
    return r && (JSON.parse(str(r.reference)) as Record<string, unknown>);
  }

  async insertRequest(r: RequestRecord, sourceKey: string | null): Promise<void> {
    const i = r.identity;
    // Deferred: on PostgreSQL it travels with the transaction's next write
    // (postgres/deferred-writes.ts).
    await deferWrite(
      this.sql,
      `INSERT INTO requests (id, number, source_key, status, ml_id, dt_id, partnership_id, created_by, created_at, updated_at,
         civilite, nom, prenom, date_naissance, numero_cir, motif)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        r.id,
        r.number,
        sourceKey,
        r.status,
        r.mlId,
        r.dtId,
        r.partnershipId,
        r.createdBy,
        r.createdAt,
        r.updatedAt,
        i?.civilite ?? null,
        i?.nom ?? null,
        i?.prenom ?? null,
        i?.dateNaissance ?? null,
        i?.numeroCir ?? null,
        r.motif ?? null,
      ],
    );
  }

  async getRequest(id: string): Promise<RequestRecord | undefined> {
    const [r] = await this.sql.all<Row>('SELECT * FROM requests WHERE id = ?', [id]);
    return r && toRequest(r);
  }

  async getRequestBySource(sourceKey: string): Promise<RequestRecord | undefined> {
    const [r] = await this.sql.all<Row>('SELECT * FROM requests WHERE source_key = ?', [sourceKey]);
    return r && toRequest(r);
  }

  async getRequestByNumber(number: string): Promise<RequestRecord | undefined> {
    const [r] = await this.sql.all<Row>('SELECT * FROM requests WHERE number = ?', [number]);
    return r && toRequest(r);
  }

  async findRequestsByCir(
    numeroCir: string,
    structureId: string,
    limit: number,
  ): Promise<RequestRecord[]> {
    const rows = await this.sql.all<Row>(
      'SELECT * FROM requests WHERE numero_cir = ? AND (ml_id = ? OR dt_id = ?) ORDER BY created_at DESC LIMIT ?',
      [numeroCir, structureId, structureId, limit],
    );
    return rows.map(toRequest);
  }

  async answerRequest(
    id: string,
    a: Answer,
    by: string,
    byName: string,
    at: string,
  ): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE requests SET status = 'completee', positionnement_linguistique = ?, prescription_initiale = ?,
         heures_fl = ?, journees_fc = ?, answered_by = ?, answered_by_name = ?, answered_at = ?, updated_at = ?
       WHERE id = ? AND status = 'transmise'`,
      [
        a.positionnementLinguistique,
        a.prescriptionInitiale,
        a.heuresFL,
        a.journeesFC,
        by,
        byName,
        at,
        at,
        id,
      ],
    );
    return changed === 1;
  }

  async setPrescription(id: string, code: string, by: string, at: string): Promise<void> {
    await this.sql.run(
      `UPDATE requests SET prescription_ml = ?, prescribed_by = ?, prescribed_at = ?, updated_at = ?,
         status = CASE WHEN status = 'completee' THEN 'cloturee' ELSE status END
       WHERE id = ? AND status <> 'annulee'`,
      [code, by, at, at, id],
    );
  }

  async addEvent(e: RequestEvent): Promise<void> {
    await deferWrite(
      this.sql,
      'INSERT INTO request_events (request_id, at, actor, kind, detail) VALUES (?, ?, ?, ?, ?)',
      [e.requestId, e.at, e.actor, e.kind, e.detail ?? null],
    );
  }

  async listEvents(requestId: string): Promise<RequestEvent[]> {
    const rows = await this.sql.all<Row>(
      'SELECT * FROM request_events WHERE request_id = ? ORDER BY id',
      [requestId],
    );
    return rows.map((r) => ({
      requestId: str(r.request_id),
      at: str(r.at),
      actor: str(r.actor),
      kind: str(r.kind),
      detail: optStr(r.detail) ?? undefined,
    }));
  }

  async addRequestMessage(m: RequestMessage): Promise<void> {
    await deferWrite(
      this.sql,
      'INSERT INTO request_messages (request_id, side, conversation_id, activity_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      [m.requestId, m.side, m.conversationId, m.activityId],
    );
  }

  async listRequestMessages(requestId: string): Promise<RequestMessage[]> {
    const rows = await this.sql.all<Row>('SELECT * FROM request_messages WHERE request_id = ?', [
      requestId,
    ]);
    return rows.map((r) => ({
      requestId: str(r.request_id),
      side: str(r.side) as 'ml' | 'dt',
      conversationId: str(r.conversation_id),
      activityId: str(r.activity_id),
    }));
  }

  async enqueue(m: OutboxInput, at: string): Promise<number> {
    const [id] = await this.enqueueAll([m], at);
    return id;
  }

  /** Rows and payloads in two statements per 200 rows (a submit writes three). */
  async enqueueAll(ms: OutboxInput[], at: string): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < ms.length; i += 200)
      ids.push(...(await this.enqueueChunk(ms.slice(i, i + 200), at)));
    return ids;
  }

  private async enqueueChunk(ms: OutboxInput[], at: string): Promise<number[]> {
    // Slots are booked in the given order, so that a conversation's rows keep it.
    const slots = ms.map((m) => this.pacing?.join(m.conversationId, m.dueAt));
    const rows = await this.sql.all<{ id: number }>(
      `INSERT INTO outbox (created_at, due_at, op, conversation_id, activity_id, request_id, side)
       VALUES ${ms.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')} RETURNING id`,
      ms.flatMap((m, i) => [
        at,
        slots[i]?.dueAt ?? m.dueAt,
        m.op,
        m.conversationId,
        m.activityId ?? null,
        m.requestId ?? null,
        m.side ?? null,
      ]),
    );
    // Both engines number a multi-row VALUES row by row, in order (SQLite's rowids, PostgreSQL's
    // nextval per row); the order RETURNING lists them in is not specified.
    const ids = rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    ids.forEach((id, i) => slots[i]?.bind(id));
    await deferWrite(
      this.sql,
      `INSERT INTO outbox_payloads (outbox_id, reference, activity) VALUES ${ms.map(() => '(?, ?, ?)').join(', ')}`,
      ms.flatMap((m, i) => [ids[i], JSON.stringify(m.reference), JSON.stringify(m.activity)]),
    );
    return ids;
  }

  /** Claimed rows with their payloads, read in one statement. */
  async withPayloads(rows: ClaimedOutboxRow[]): Promise<OutboxRow[]> {
    if (!rows.length) return [];
    const payloads = await this.sql.all<Row>(
      `SELECT * FROM outbox_payloads WHERE outbox_id IN (${rows.map(() => '?').join(', ')})`,
      rows.map((r) => r.id),
    );
    const byId = new Map(payloads.map((p) => [Number(p.outbox_id), p]));
    return rows.map((r) => {
      const p = byId.get(r.id);
      if (!p) throw new Error(`outbox row ${r.id} has no payload`);
      return {
        ...r,
        reference: JSON.parse(str(p.reference)) as Record<string, unknown>,
        activity: JSON.parse(str(p.activity)) as Record<string, unknown>,
      };
    });
  }

  /** Rows a claim returned, without payloads, oldest first. */
  protected static toClaimed(rows: Row[]): ClaimedOutboxRow[] {
    return rows.map(SqlRepo.toClaimedRow).sort((a, b) => a.id - b.id);
  }

  async writeAudit(e: AuditEntry): Promise<void> {
    await deferWrite(
      this.sql,
      'INSERT INTO audit_log (at, actor, action, request_id, detail) VALUES (?, ?, ?, ?, ?)',
      [e.at, e.actor, e.action, e.requestId ?? null, e.detail ?? null],
    );
  }

  async eraseClosedRequests(cutoff: Date, now: Date): Promise<number> {
    const where =
      "status IN ('completee', 'cloturee', 'annulee') AND erased_at IS NULL AND updated_at < ?";
    const c = cutoff.toISOString();
    const at = now.toISOString();
    // The event first: it names the rows the update is about to change.
    await this.sql.run(
      `INSERT INTO request_events (request_id, at, actor, kind, detail)
       SELECT id, ?, 'system', 'erased', 'retention' FROM requests WHERE ${where}`,
      [at, c],
    );
    return this.sql.run(
      `UPDATE requests SET civilite = NULL, nom = NULL, prenom = NULL, date_naissance = NULL, numero_cir = NULL,
         erased_at = ? WHERE ${where}`,
      [at, c],
    );
  }

  async nextOutboxDue(): Promise<string | undefined> {
    const [r] = await this.sql.all<{ due: string | null }>(
      "SELECT MIN(due_at) AS due FROM outbox WHERE status = 'pending'",
    );
    return r?.due ?? undefined;
  }

  async markSent(id: number, sentActivityId: string | null, at: string): Promise<void> {
    await this.sql.run(
      "UPDATE outbox SET status = 'sent', sent_at = ?, sent_activity_id = ?, attempts = attempts + 1, claimed_until = NULL WHERE id = ?",
      [at, sentActivityId, id],
    );
  }

  async markRetry(id: number, dueAt: string, error: string, countAttempt: boolean): Promise<void> {
    await this.sql.run(
      'UPDATE outbox SET due_at = ?, last_error = ?, attempts = attempts + ?, claimed_until = NULL WHERE id = ?',
      [dueAt, error, countAttempt ? 1 : 0, id],
    );
  }

  async markFailed(id: number, error: string): Promise<void> {
    await this.sql.run(
      "UPDATE outbox SET status = 'failed', last_error = ?, attempts = attempts + 1, claimed_until = NULL WHERE id = ?",
      [error, id],
    );
  }

  async deferRows(rows: { id: number; dueAt: string }[]): Promise<void> {
    // One statement per chunk, each row to its own time.
    for (let i = 0; i < rows.length; i += 200) {
      const chunk = rows.slice(i, i + 200);
      await this.sql.run(
        `UPDATE outbox SET due_at = CASE id ${chunk.map(() => 'WHEN ? THEN ?').join(' ')} END, claimed_until = NULL
         WHERE status = 'pending' AND id IN (${chunk.map(() => '?').join(', ')})`,
        [...chunk.flatMap((r) => [r.id, r.dueAt]), ...chunk.map((r) => r.id)],
      );
    }
  }

  async listOutbox(): Promise<OutboxRow[]> {
    return (
      await this.sql.all<Row>(
        'SELECT * FROM outbox o JOIN outbox_payloads p ON p.outbox_id = o.id ORDER BY o.id',
      )
    ).map(SqlRepo.toOutbox);
  }

  static toOutbox(r: Row): OutboxRow {
    return {
      ...SqlRepo.toClaimedRow(r),
      reference: JSON.parse(str(r.reference)) as Record<string, unknown>,
      activity: JSON.parse(str(r.activity)) as Record<string, unknown>,
    };
  }

  private static toClaimedRow(r: Row): ClaimedOutboxRow {
    return {
      id: Number(r.id),
      op: str(r.op) as 'send' | 'update',
      conversationId: str(r.conversation_id),
      activityId: optStr(r.activity_id) ?? undefined,
      requestId: optStr(r.request_id) ?? undefined,
      side: (optStr(r.side) ?? undefined) as 'ml' | 'dt' | undefined,
      dueAt: str(r.due_at),
      attempts: Number(r.attempts),
      status: str(r.status) as OutboxRow['status'],
    };
  }
}
