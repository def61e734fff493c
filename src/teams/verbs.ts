/**
 * Every Action.Execute verb the bot understands, and who handles it: the one routing table.
 * Handlers live with their area: requests/, directory/, committees/, table/.
 */
import { routeTable } from '../domain/lookup';
import type { z } from 'zod';
import type { Card } from './cards/render';
import type { VerbContext, VerbHandler } from './feature';
import * as data from './verb-data';
import {
  cancelCommittee,
  confirmCancelCommittee,
  editCommitteeForm,
  newCommitteeForm,
  planCommittee,
  refreshCommittees,
  saveCommittee,
} from './committees/handlers';
import { exportCorrespondentList } from './committees/correspondents';
import { directoryJournal, directoryPage } from './directory/handlers';
import {
  addPartnership,
  addStructure,
  confirmRemovePerson,
  openPartnership,
  openPerson,
  openStructure,
  removePerson,
  savePartnership,
  savePerson,
  saveStructure,
} from './directory/forms';
import { askFollowUp, prescribe } from './requests/pathway';
import { importWithPassword } from './table/import';
import { revealPassword } from './table/password';
import { openItemsPage } from './requests/open-items';
import { answerRequest, createRequest, refreshRequestCard } from './requests/handlers';
import {
  listMinutes,
  openMinutesForm,
  planNextCopil,
  saveMinutes,
  viewMinutes,
} from './records/minutes-handlers';
import { openFiguresForm, saveFigures, viewFigures } from './records/figures-handlers';
import {
  confirmWithdrawOffer,
  editOfferForm,
  newOfferForm,
  offersPage,
  openOffer,
  saveOffer,
  withdrawOffer,
} from './offers/handlers';
import { editRoadmap, saveRoadmap, viewRoadmap } from './partnership/handlers';
import {
  acceptFiche,
  closeFiche,
  createFiche,
  fichePdf,
  newFicheFromCard,
  redirectFiche,
  viewFiche,
} from './liaison/handlers';
import {
  cancelRequest,
  correctRequest,
  openCancel,
  openCorrection,
  openUpdate,
  showHistory,
  updateRequest,
} from './request-life/handlers';
import { exportJournal, journalPage } from './journal/handlers';

/** A verb's data schema and its handler: the router parses the card's data, then hands it over. */
export interface VerbRoute {
  /** The handler's answer, or null when the card's data does not fit the verb at all. */
  run(ctx: Omit<VerbContext, 'data'>, raw: unknown): Promise<Card> | null;
}

function verb<S extends z.ZodType>(schema: S, handler: VerbHandler<z.output<S>>): VerbRoute {
  return {
    run(ctx, raw) {
      const parsed = schema.safeParse(raw);
      return parsed.success ? handler({ ...ctx, data: parsed.data }) : null;
    },
  };
}

/** A Map: a verb named `constructor` or `__proto__` finds nothing. */
export const verbs: ReadonlyMap<string, VerbRoute> = routeTable<VerbRoute>({
  'demande.creer': verb(data.formData, createRequest),
  // the refresh (user-specific view) and "Voir le détail"
  'demande.voir': verb(data.requestRef, refreshRequestCard),
  'demande.repondre': verb(data.formData, answerRequest),
  'demande.prescrire': verb(data.formData, prescribe),
  'demande.relancer': verb(data.requestRef, askFollowUp),
  'comite.liste': verb(data.formData, refreshCommittees),
  'comite.nouveau': verb(data.newCommittee, newCommitteeForm),
  'comite.planifier': verb(data.formData, planCommittee),
  'comite.modifier': verb(data.committeeRef, editCommitteeForm),
  'comite.enregistrer': verb(data.formData, saveCommittee),
  'comite.annuler': verb(data.committeeRef, confirmCancelCommittee),
  'comite.annulerConfirme': verb(data.committeeRef, cancelCommittee),
  // EXPORT_CORRESPONDENTS_VERB
  'comite.correspondants': verb(data.committeeRef, exportCorrespondentList),
  'annuaire.page': verb(data.searchPage, directoryPage),
  'annuaire.journal': verb(data.journalPage, directoryJournal),
  'annuaire.personne.ouvrir': verb(data.personRef, openPerson),
  'annuaire.personne.enregistrer': verb(data.formData, savePerson),
  'annuaire.personne.retirer': verb(data.personRef, confirmRemovePerson),
  'annuaire.personne.retirerConfirme': verb(data.personRef, removePerson),
  'annuaire.structure.ouvrir': verb(data.entityRef, openStructure),
  'annuaire.structure.ajouter': verb(data.formData, addStructure),
  'annuaire.structure.enregistrer': verb(data.formData, saveStructure),
  'annuaire.partenariat.ouvrir': verb(data.entityRef, openPartnership),
  'annuaire.partenariat.ajouter': verb(data.formData, addPartnership),
  'annuaire.partenariat.enregistrer': verb(data.formData, savePartnership),
  'tableau.motdepasse': verb(data.passwordReveal, revealPassword), // the requester's password, in the invoke answer only
  'tableau.importer': verb(data.importPassword, importWithPassword),
  'suivi.page': verb(data.openItemsPage, openItemsPage),
  'comite.compteRendu.liste': verb(data.partnershipRef, listMinutes),
  'comite.compteRendu.voir': verb(data.committeeRef, viewMinutes),
  'comite.compteRendu.saisir': verb(data.committeeRef, openMinutesForm),
  'comite.compteRendu.enregistrer': verb(data.formData, saveMinutes),
  'comite.prochain': verb(data.committeeRef, planNextCopil),
  'chiffres.voir': verb(data.figuresYear, viewFigures),
  'chiffres.saisir': verb(data.figuresRef, openFiguresForm),
  'chiffres.enregistrer': verb(data.formData, saveFigures),
  'offres.page': verb(data.offerPage, offersPage),
  'offres.voir': verb(data.offerRef, openOffer),
  'offres.nouveau': verb(data.formData, newOfferForm),
  'offres.modifier': verb(data.offerRef, editOfferForm),
  'offres.enregistrer': verb(data.formData, saveOffer),
  'offres.retirer': verb(data.offerRef, confirmWithdrawOffer),
  'offres.retirerConfirme': verb(data.offerRef, withdrawOffer),
  'partenariat.voir': verb(data.partnershipRef, viewRoadmap),
  'partenariat.modifier': verb(data.partnershipRef, editRoadmap),
  'partenariat.enregistrer': verb(data.formData, saveRoadmap),
  'liaison.creer': verb(data.formData, createFiche),
  'liaison.voir': verb(data.ficheRef, viewFiche),
  'liaison.accepter': verb(data.formData, acceptFiche),
  'liaison.rediriger': verb(data.formData, redirectFiche),
  'liaison.classer': verb(data.formData, closeFiche),
  'liaison.pdf': verb(data.ficheRef, fichePdf),
  'demande.correction': verb(data.requestRef, openCorrection),
  'demande.corriger': verb(data.formData, correctRequest),
  'demande.annulation': verb(data.requestRef, openCancel),
  'demande.annuler': verb(data.formData, cancelRequest),
  'demande.miseAJour': verb(data.requestRef, openUpdate),
  'demande.mettreAJour': verb(data.formData, updateRequest),
  'demande.historique': verb(data.requestRef, showHistory),
  // The DT side's way in (flow 5), from a request's card as from `liaison`.
  'liaison.nouvelle': verb(data.requestRef, newFicheFromCard),
  // Issue 16 §1: the audit journal's pages and its export for the DPO.
  'journal.page': verb(data.auditJournalRef, journalPage),
  'journal.exporter': verb(data.auditJournalRef, exportJournal),
});

export { baseConversationId } from './edge/conversation-id';
