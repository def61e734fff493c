/** Rows as both engines return them, turned into the domain's records. */
import type { CorrespondentRecord, RequestRecord, StructureRecord } from '../domain/model';
import type { LastChange } from '../domain/request-life-codes';

export type Row = Record<string, unknown>;
export const str = (v: unknown): string => String(v);
export const optStr = (v: unknown): string | null =>
  v === null || v === undefined ? null : String(v);

/** A `structures` row. */
export function toStructure(r: Row): StructureRecord {
  return {
    id: str(r.id),
    kind: str(r.kind) as StructureRecord['kind'],
    name: str(r.name),
    departements: JSON.parse(str(r.departements)) as string[],
    tenantId: optStr(r.tenant_id),
    inboxConversationId: optStr(r.inbox_conversation_id),
  };
}

/** A `correspondents` row. */
export function toCorrespondent(r: Row): CorrespondentRecord {
  return {
    aadObjectId: str(r.aad_object_id),
    structureId: str(r.structure_id),
    role: str(r.role) as CorrespondentRecord['role'],
    name: str(r.name),
    email: optStr(r.email),
    phone: optStr(r.phone),
    teamsUserId: optStr(r.teams_user_id),
    active: Number(r.active) === 1,
  };
}

/** A `requests` row; identity null once erased. */
export function toRequest(r: Row): RequestRecord {
  const identity =
    r.nom === null || r.nom === undefined
      ? null
      : {
          civilite: str(r.civilite) as 'Mme' | 'M.',
          nom: str(r.nom),
          prenom: str(r.prenom),
          dateNaissance: str(r.date_naissance),
          numeroCir: str(r.numero_cir),
        };
  const answer =
    r.positionnement_linguistique === null || r.positionnement_linguistique === undefined
      ? null
      : {
          positionnementLinguistique: str(r.positionnement_linguistique),
          prescriptionInitiale: str(r.prescription_initiale),
          heuresFL: Number(r.heures_fl),
          journeesFC: Number(r.journees_fc),
        };
  return {
    id: str(r.id),
    number: str(r.number),
    status: str(r.status) as RequestRecord['status'],
    mlId: str(r.ml_id),
    dtId: str(r.dt_id),
    partnershipId: str(r.partnership_id),
    createdBy: str(r.created_by),
    createdAt: str(r.created_at),
    updatedAt: str(r.updated_at),
    identity,
    answer,
    answeredBy: optStr(r.answered_by),
    answeredByName: optStr(r.answered_by_name),
    answeredAt: optStr(r.answered_at),
    prescriptionML: optStr(r.prescription_ml),
    prescribedAt: optStr(r.prescribed_at),
    motif: optStr(r.motif) as RequestRecord['motif'],
    version: r.version === undefined || r.version === null ? 1 : Number(r.version),
    lastChange: r.changed_kind
      ? {
          kind: str(r.changed_kind) as LastChange['kind'],
          by: str(r.changed_by),
          byName: str(r.changed_by_name),
          at: str(r.changed_at),
        }
      : null,
    cancelReason: optStr(r.cancel_reason) as RequestRecord['cancelReason'],
    figuresUpdated: r.figures_updated_at
      ? { byName: str(r.figures_updated_by_name), at: str(r.figures_updated_at) }
      : null,
  };
}
