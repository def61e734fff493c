/**
 * `GET /api/tab/demandes/:kind/:id`: an item of one of the caller's two structures, with its
 * timeline, its fields (what the role may see) and the actions the caller may take. The domain's
 * `view` decides who is concerned (and records its own audit line); anyone else gets a 404.
 */
import { toFrDate } from '../domain/fields';
import type { FicheRecord } from '../domain/liaison';
import type { Caller, CorrespondentRecord, RequestRecord } from '../domain/model';
import { ownValue } from '../domain/lookup';
import { labelOf, type Referentials } from '../domain/referentials';
import { fr } from '../i18n/fr';
import { frLiaison } from '../i18n/fr-liaison';
import { frTab } from '../i18n/fr-tab';
import type { Store } from '../storage/store';
import type { BotServices } from '../teams/feature';
import { cancelLabel, motifLabel } from '../teams/request-life/facts';
import { ficheActions, requestActions, type TabAction } from './action-catalog';
import { TabError } from './http';
import { ficheItem, requestItem, structureNames, type TabItem } from './items';

export interface TabField {
  id: string;
  label: string;
  value: string;
}

export interface TabDetail extends TabItem {
  /** The version the actions apply to: a POST carrying an older one changes nothing (409). */
  version: number;
  timeline: { at: string; label: string; by: string | null }[];
  fields: TabField[];
  actions: TabAction[];
  /** What the last action did, in French (POST answers only). */
  message?: string;
}

const notFound = () => new TabError(404, 'E_REQUEST_NOT_FOUND', frTab.errors.notFound);

/** "Name (Structure)" for an actor's id; null for the system or someone no longer listed. */
async function actorNames(store: Store, ids: string[]): Promise<Map<string, string | null>> {
  const names = await structureNames(store);
  const out = new Map<string, string | null>();
  for (const id of new Set(ids)) {
    const p = id === 'system' ? undefined : await store.directory.getCorrespondent(id);
    out.set(id, p ? `${p.name} (${names.get(p.structureId)?.name ?? p.structureId})` : null);
  }
  return out;
}

function identityFields(i: RequestRecord['identity']): TabField[] {
  if (!i)
    return [{ id: 'identite', label: frTab.fields.identite, value: fr.errors.E_REQUEST_ERASED }];
  return [
    { id: 'civilite', label: fr.labels.civilite, value: i.civilite },
    { id: 'nom', label: fr.labels.nom, value: i.nom },
    { id: 'prenom', label: fr.labels.prenom, value: i.prenom },
    { id: 'dateNaissance', label: fr.labels.dateNaissance, value: toFrDate(i.dateNaissance) },
    { id: 'numeroCir', label: fr.labels.numeroCir, value: i.numeroCir },
  ];
}

function requestFields(r: RequestRecord, refs: Referentials): TabField[] {
  const out = [
    ...identityFields(r.identity),
    { id: 'motif', label: fr.life.motifLabel, value: motifLabel(r.motif) },
  ];
  const a = r.answer;
  if (a)
    out.push(
      {
        id: 'positionnementLinguistique',
        label: fr.labels.positionnementLinguistique,
        value: labelOf(refs, 'positionnementLinguistique', a.positionnementLinguistique),
      },
      {
        id: 'prescriptionInitiale',
        label: fr.labels.prescriptionInitiale,
        value: labelOf(refs, 'prescriptionInitiale', a.prescriptionInitiale),
      },
      { id: 'heuresFL', label: fr.labels.heuresFL, value: String(a.heuresFL) },
      { id: 'journeesFC', label: fr.labels.journeesFC, value: String(a.journeesFC) },
    );
  if (r.prescriptionML)
    out.push({
      id: 'prescriptionML',
      label: fr.labels.prescriptionML,
      value: labelOf(refs, 'prescriptionML', r.prescriptionML),
    });
  if (r.status === 'annulee' && r.cancelReason)
    out.push({
      id: 'motifAnnulation',
      label: fr.life.cancelLabel,
      value: cancelLabel(r.cancelReason),
    });
  return out;
}

/** A request's detail for a caller of one of its two structures (checked by the caller). */
export async function requestDetail(
  services: BotServices,
  caller: Caller,
  r: RequestRecord,
  side: 'ml' | 'dt',
): Promise<TabDetail> {
  const { store } = services;
  const events = await store.requests.listEvents(r.id);
  const by = await actorNames(
    store,
    events.map((e) => e.actor),
  );
  // The last follow-up asked, as the list reads it (who the request waits on).
  const followUpAt =
    events
      .filter((e) => e.kind === 'followup_requested')
      .map((e) => e.at)
      .sort()
      .pop() ?? null;
  const item = requestItem({ ...r, followUpAt }, await structureNames(store), services.clock.now());
  return {
    ...item,
    version: r.version ?? 1,
    timeline: events.map((e) => ({
      at: e.at,
      label: ownValue(frTab.timeline, e.kind) ?? frTab.timeline.other,
      by: by.get(e.actor) ?? null,
    })),
    fields: requestFields(r, services.referentials),
    actions: requestActions(r, side, caller.person as CorrespondentRecord, services.referentials),
  };
}

/** A fiche's detail for its DT or the ML it is addressed to. */
export async function ficheDetail(
  services: BotServices,
  caller: Caller,
  f: FicheRecord,
  side: 'ml' | 'dt',
): Promise<TabDetail> {
  const { store } = services;
  const events = await store.fiches.listEvents(f.id);
  const by = await actorNames(
    store,
    events.map((e) => e.actor),
  );
  const names = await structureNames(store);
  const partnership = await store.directory.getPartnership(f.partnershipId);
  const otherMls = (partnership?.mlIds ?? [])
    .filter((id) => id !== f.mlId)
    .map((id) => names.get(id))
    .filter((s) => !!s);
  const request = f.requestId ? await store.requests.get(f.requestId) : undefined;
  const fields: TabField[] = [
    ...identityFields(f.identity),
    { id: 'departement', label: frTab.fields.departement, value: f.departement },
  ];
  if (f.reason)
    fields.push({ id: 'reason', label: frTab.fields.reason, value: frLiaison.reasons[f.reason] });
  if (request) fields.push({ id: 'request', label: frTab.fields.request, value: request.number });
  return {
    ...ficheItem(f, names, services.clock.now()),
    version: 1,
    timeline: events.map((e) => ({
      at: e.at,
      label:
        (e.kind === 'created' ? frTab.timeline.ficheCreated : ownValue(frTab.timeline, e.kind)) ??
        frTab.timeline.other,
      by: by.get(e.actor) ?? null,
    })),
    fields,
    actions: ficheActions(f, side, caller.person as CorrespondentRecord, otherMls),
  };
}

/** The detail route: the domain's view decides, the audit log records the read. */
export async function itemDetail(
  services: BotServices,
  caller: Caller,
  kind: 'demande' | 'fiche',
  id: string,
): Promise<TabDetail> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw notFound();
  const at = services.clock.now().toISOString();
  if (kind === 'demande') {
    const { request, side } = await services.requests.view(caller, id);
    if (!side) throw notFound();
    await services.store.audit.record({
      at,
      actor: caller.aadObjectId,
      action: 'tab.demande.lire',
      requestId: request.id,
    });
    return requestDetail(services, caller, request, side);
  }
  const { fiche, side } = await services.liaison.service.view(caller, id);
  if (!side) throw notFound();
  await services.store.audit.record({
    at,
    actor: caller.aadObjectId,
    action: 'tab.fiche.lire',
    requestId: fiche.requestId ?? undefined,
    detail: `fiche ${fiche.id}`,
  });
  return ficheDetail(services, caller, fiche, side);
}
