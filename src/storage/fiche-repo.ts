/**
 * SQL of the fiches de liaison (flow 5) and of the structures' contact details, on the SqlRunner
 * of the caller's transaction (both engines, `?` placeholders). A decision is one conditional
 * UPDATE: two clicks, or two advisors, cannot both decide the same fiche.
 */
import type {
  FicheDecision,
  FicheEvent,
  FicheRecord,
  FicheStatus,
  SansSuiteReason,
  StructureContact,
} from '../domain/liaison';
import type { FicheRepository, StructureContactRepository } from './repositories';
import type { SqlRunner } from './sql-runner';

type Row = Record<string, unknown>;
const opt = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function toFiche(r: Row): FicheRecord {
  return {
    id: String(r.id),
    number: String(r.number),
    status: String(r.status) as FicheStatus,
    dtId: String(r.dt_id),
    mlId: String(r.ml_id),
    partnershipId: String(r.partnership_id),
    departement: String(r.departement),
    identity:
      r.nom === null || r.nom === undefined
        ? null
        : {
            civilite: String(r.civilite) as 'Mme' | 'M.',
            nom: String(r.nom),
            prenom: String(r.prenom),
            dateNaissance: String(r.date_naissance),
            numeroCir: String(r.numero_cir),
          },
    createdBy: String(r.created_by),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    decidedBy: opt(r.decided_by),
    decidedByName: opt(r.decided_by_name),
    decidedAt: opt(r.decided_at),
    reason: opt(r.reason) as SansSuiteReason | null,
    requestId: opt(r.request_id),
  };
}

export class FicheRepo implements FicheRepository {
  constructor(private readonly sql: SqlRunner) {}

  async nextNumber(year: number): Promise<string> {
    // The upsert locks the counter row until the transaction ends: numbers never repeat.
    const [row] = await this.sql.all<{ value: number | string }>(
      `INSERT INTO counters (name, value) VALUES (?, 1)
       ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value`,
      [`fiche-${year}`],
    );
    return `L${year}-${String(Number(row.value)).padStart(6, '0')}`;
  }

  async insert(f: FicheRecord, sourceKey: string | null): Promise<boolean> {
    const i = f.identity;
    const changed = await this.sql.run(
      `INSERT INTO fiches (id, number, status, dt_id, ml_id, partnership_id, departement, civilite, nom, prenom,
         date_naissance, numero_cir, created_by, created_at, updated_at, source_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_key) DO NOTHING`,
      [
        f.id,
        f.number,
        f.status,
        f.dtId,
        f.mlId,
        f.partnershipId,
        f.departement,
        i?.civilite ?? null,
        i?.nom ?? null,
        i?.prenom ?? null,
        i?.dateNaissance ?? null,
        i?.numeroCir ?? null,
        f.createdBy,
        f.createdAt,
        f.updatedAt,
        sourceKey,
      ],
    );
    return changed === 1;
  }

  async get(id: string): Promise<FicheRecord | undefined> {
    const [r] = await this.sql.all<Row>('SELECT * FROM fiches WHERE id = ?', [id]);
    return r && toFiche(r);
  }

  async getBySource(sourceKey: string): Promise<FicheRecord | undefined> {
    const [r] = await this.sql.all<Row>('SELECT * FROM fiches WHERE source_key = ?', [sourceKey]);
    return r && toFiche(r);
  }

  async decide(id: string, fromMlId: string, d: FicheDecision): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE fiches SET status = ?, ml_id = ?, decided_by = ?, decided_by_name = ?, decided_at = ?,
         reason = ?, request_id = ?, updated_at = ?
       WHERE id = ? AND ml_id = ? AND status IN ('proposee', 'redirigee')`,
      [
        d.status,
        d.mlId,
        d.decidedBy,
        d.decidedByName,
        d.at,
        d.reason,
        d.requestId,
        d.at,
        id,
        fromMlId,
      ],
    );
    return changed === 1;
  }

  async linkRequest(id: string, requestId: string): Promise<void> {
    await this.sql.run('UPDATE fiches SET request_id = ? WHERE id = ?', [requestId, id]);
  }

  async eraseClosed(cutoff: Date, now: Date): Promise<number> {
    const where = "status IN ('acceptee', 'sans_suite') AND erased_at IS NULL AND updated_at < ?";
    const c = cutoff.toISOString();
    const at = now.toISOString();
    // The event first: it names the rows the update is about to change.
    await this.sql.run(
      `INSERT INTO fiche_events (fiche_id, at, actor, kind, detail)
       SELECT id, ?, 'system', 'erased', 'retention' FROM fiches WHERE ${where}`,
      [at, c],
    );
    return this.sql.run(
      `UPDATE fiches SET civilite = NULL, nom = NULL, prenom = NULL, date_naissance = NULL,
         numero_cir = NULL, erased_at = ? WHERE ${where}`,
      [at, c],
    );
  }

  async addEvent(e: FicheEvent): Promise<void> {
    await this.sql.run(
      'INSERT INTO fiche_events (fiche_id, at, actor, kind, detail) VALUES (?, ?, ?, ?, ?)',
      [e.ficheId, e.at, e.actor, e.kind, e.detail ?? null],
    );
  }

  async listEvents(ficheId: string): Promise<FicheEvent[]> {
    const rows = await this.sql.all<Row>(
      'SELECT * FROM fiche_events WHERE fiche_id = ? ORDER BY id',
      [ficheId],
    );
    return rows.map((r) => ({
      ficheId: String(r.fiche_id),
      at: String(r.at),
      actor: String(r.actor),
      kind: String(r.kind),
      detail: opt(r.detail) ?? undefined,
    }));
  }

  async addMessage(ficheId: string, conversationId: string, activityId: string): Promise<void> {
    await this.sql.run(
      `INSERT INTO fiche_messages (fiche_id, conversation_id, activity_id) VALUES (?, ?, ?)
       ON CONFLICT DO NOTHING`,
      [ficheId, conversationId, activityId],
    );
  }

  async listMessages(ficheId: string): Promise<{ conversationId: string; activityId: string }[]> {
    const rows = await this.sql.all<Row>(
      'SELECT conversation_id, activity_id FROM fiche_messages WHERE fiche_id = ? ORDER BY conversation_id',
      [ficheId],
    );
    return rows.map((r) => ({
      conversationId: String(r.conversation_id),
      activityId: String(r.activity_id),
    }));
  }
}

export class StructureContactRepo implements StructureContactRepository {
  constructor(private readonly sql: SqlRunner) {}

  async get(structureId: string): Promise<StructureContact | undefined> {
    const [r] = await this.sql.all<Row>(
      'SELECT postal_address, contact_phone, opening_hours, referent_name FROM structures WHERE id = ?',
      [structureId],
    );
    return (
      r && {
        postalAddress: opt(r.postal_address),
        phone: opt(r.contact_phone),
        openingHours: opt(r.opening_hours),
        referentName: opt(r.referent_name),
      }
    );
  }

  async set(structureId: string, c: StructureContact, at: string): Promise<number> {
    return this.sql.run(
      `UPDATE structures SET postal_address = ?, contact_phone = ?, opening_hours = ?, referent_name = ?, updated_at = ?
       WHERE id = ? AND (COALESCE(postal_address, '') <> ? OR COALESCE(contact_phone, '') <> ?
         OR COALESCE(opening_hours, '') <> ? OR COALESCE(referent_name, '') <> ?)`,
      [
        c.postalAddress,
        c.phone,
        c.openingHours,
        c.referentName,
        at,
        structureId,
        c.postalAddress ?? '',
        c.phone ?? '',
        c.openingHours ?? '',
        c.referentName ?? '',
      ],
    );
  }
}
