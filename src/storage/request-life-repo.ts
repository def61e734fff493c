/**
 * SQL of a request's life (issue 13 §1–4): corrections, cancellations and the versions of the
 * DT's answer. Every change is a compare-and-set on the request's version, so that a stale card,
 * a double click or a concurrent change from another instance changes nothing.
 */
import type { Answer, Identity } from '../domain/schemas';
import type {
  AnswerVersion,
  CancelReason,
  ChangeBy,
  ChangeKind,
  Motif,
} from '../domain/request-life-codes';
import type { RequestLifeRepository } from './repositories';
import { deferWrite, type SqlRunner } from './sql-runner';

type Row = Record<string, unknown>;

const CHANGED =
  'version = version + 1, changed_kind = ?, changed_by = ?, changed_by_name = ?, changed_at = ?, updated_at = ?';
const changed = (kind: ChangeKind, c: ChangeBy) => [kind, c.by, c.byName, c.at, c.at];

export class RequestLifeRepo implements RequestLifeRepository {
  constructor(private readonly sql: SqlRunner) {}

  async correct(
    id: string,
    version: number,
    identity: Identity,
    motif: Motif | null,
    c: ChangeBy,
  ): Promise<boolean> {
    const n = await this.sql.run(
      `UPDATE requests SET civilite = ?, nom = ?, prenom = ?, date_naissance = ?, numero_cir = ?,
         motif = ?, ${CHANGED}
       WHERE id = ? AND version = ? AND status = 'transmise' AND erased_at IS NULL`,
      [
        identity.civilite,
        identity.nom,
        identity.prenom,
        identity.dateNaissance,
        identity.numeroCir,
        motif,
        ...changed('corrected', c),
        id,
        version,
      ],
    );
    return n === 1;
  }

  async cancel(
    id: string,
    version: number,
    reason: CancelReason,
    fromStatuses: readonly string[],
    c: ChangeBy,
  ): Promise<boolean> {
    const n = await this.sql.run(
      `UPDATE requests SET status = 'annulee', cancel_reason = ?, ${CHANGED}
       WHERE id = ? AND version = ? AND status IN (${fromStatuses.map(() => '?').join(', ')})`,
      [reason, ...changed('cancelled', c), id, version, ...fromStatuses],
    );
    return n === 1;
  }

  async answered(id: string, version: number, answer: Answer, c: ChangeBy): Promise<boolean> {
    const n = await this.sql.run(
      `UPDATE requests SET ${CHANGED} WHERE id = ? AND version = ? AND status = 'transmise'`,
      [...changed('answered', c), id, version],
    );
    if (n !== 1) return false;
    await this.addVersion(id, answer, c);
    return true;
  }

  async update(id: string, version: number, answer: Answer, c: ChangeBy): Promise<boolean> {
    const n = await this.sql.run(
      `UPDATE requests SET positionnement_linguistique = ?, prescription_initiale = ?, heures_fl = ?,
         journees_fc = ?, figures_updated_by_name = ?, figures_updated_at = ?, ${CHANGED}
       WHERE id = ? AND version = ? AND status IN ('completee', 'cloturee')`,
      [
        answer.positionnementLinguistique,
        answer.prescriptionInitiale,
        answer.heuresFL,
        answer.journeesFC,
        c.byName,
        c.at,
        ...changed('updated', c),
        id,
        version,
      ],
    );
    if (n !== 1) return false;
    await this.addVersion(id, answer, c);
    return true;
  }

  async versions(requestId: string): Promise<AnswerVersion[]> {
    const rows = await this.sql.all<Row>(
      'SELECT * FROM request_answer_versions WHERE request_id = ? ORDER BY id',
      [requestId],
    );
    return rows.map((r) => ({
      at: String(r.at),
      actor: String(r.actor),
      actorName: String(r.actor_name),
      positionnementLinguistique: String(r.positionnement_linguistique),
      prescriptionInitiale: String(r.prescription_initiale),
      heuresFL: Number(r.heures_fl),
      journeesFC: Number(r.journees_fc),
    }));
  }

  private async addVersion(id: string, a: Answer, c: ChangeBy): Promise<void> {
    await deferWrite(
      this.sql,
      `INSERT INTO request_answer_versions (request_id, at, actor, actor_name, positionnement_linguistique,
         prescription_initiale, heures_fl, journees_fc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        c.at,
        c.by,
        c.byName,
        a.positionnementLinguistique,
        a.prescriptionInitiale,
        a.heuresFL,
        a.journeesFC,
      ],
    );
  }
}
