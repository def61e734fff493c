/**
 * Every Action.Execute verb the bot understands, and who handles it: the one routing table.
 * Handlers live with their feature under features/.
 */
import { routeTable } from '../domain/lookup';
import type { VerbHandler } from './feature';
import {
  cancelCommittee,
  confirmCancelCommittee,
  editCommitteeForm,
  exportCorrespondents,
  newCommitteeForm,
  planCommittee,
  refreshCommittees,
  saveCommittee,
} from './features/committees';
import { directoryJournal, directoryPage } from './features/directory';
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
} from './features/directory-forms';
import { askFollowUp, prescribe } from './features/pathway';
import { importWithPassword } from './features/tableau-import';
import { revealPassword } from './features/tableau-password';
import { answerRequest, createRequest, refreshRequestCard } from './features/requests';

/** A Map: a verb named `constructor` or `__proto__` finds nothing. */
export const verbs: ReadonlyMap<string, VerbHandler> = routeTable<VerbHandler>({
  'demande.creer': createRequest,
  'demande.voir': refreshRequestCard, // the refresh (user-specific view) and "Voir le détail"
  'demande.repondre': answerRequest,
  'demande.prescrire': prescribe,
  'demande.relancer': askFollowUp,
  'comite.liste': refreshCommittees,
  'comite.nouveau': newCommitteeForm,
  'comite.planifier': planCommittee,
  'comite.modifier': editCommitteeForm,
  'comite.enregistrer': saveCommittee,
  'comite.annuler': confirmCancelCommittee,
  'comite.annulerConfirme': cancelCommittee,
  'comite.correspondants': exportCorrespondents, // EXPORT_CORRESPONDENTS_VERB
  'annuaire.page': directoryPage,
  'annuaire.journal': directoryJournal,
  'annuaire.personne.ouvrir': openPerson,
  'annuaire.personne.enregistrer': savePerson,
  'annuaire.personne.retirer': confirmRemovePerson,
  'annuaire.personne.retirerConfirme': removePerson,
  'annuaire.structure.ouvrir': openStructure,
  'annuaire.structure.ajouter': addStructure,
  'annuaire.structure.enregistrer': saveStructure,
  'annuaire.partenariat.ouvrir': openPartnership,
  'annuaire.partenariat.ajouter': addPartnership,
  'annuaire.partenariat.enregistrer': savePartnership,
  'tableau.motdepasse': revealPassword, // the requester's password, in the invoke answer only
  'tableau.importer': importWithPassword,
});

export { baseConversationId } from './conversation-id';
