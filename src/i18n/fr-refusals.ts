/**
 * Refusals that say who may (issue 18 §4): a role refusal names the role and structure the
 * action is for, by the error's `action` detail; "Demande introuvable" says what was searched
 * and what the person can look up instead. Used by src/teams/error-text.ts.
 */
export const LIST_HINT =
  'Tapez « suivi » pour la liste des demandes en cours de votre structure, ou « suivi 2026-000042 » pour une demande par son numéro.';

export const frRefusals = {
  /** E_ROLE_FORBIDDEN, by the refused action. */
  E_ROLE_FORBIDDEN: {
    'demande.creer':
      "Votre rôle dans l'annuaire ne permet pas cette action : une demande CIR s’ouvre par un conseiller d’une Mission Locale (rôle « conseiller » dans l’annuaire).",
    'demande.repondre':
      "Votre rôle dans l'annuaire ne permet pas cette action : seuls les correspondants de la DT OFII à laquelle la demande est adressée (rôle « correspondant ») y répondent.",
    'demande.prescrire':
      "Votre rôle dans l'annuaire ne permet pas cette action : la prescription de la Mission Locale est indiquée par un conseiller de la Mission Locale qui a ouvert la demande (rôle « conseiller »).",
    'demande.relancer':
      "Votre rôle dans l'annuaire ne permet pas cette action : la suite du parcours est demandée par un correspondant de la DT OFII destinataire (rôle « correspondant »).",
    'demande.corriger':
      "Votre rôle dans l'annuaire ne permet pas cette action : une demande est corrigée par un conseiller de la Mission Locale qui l’a ouverte (rôle « conseiller »).",
    'demande.annuler':
      "Votre rôle dans l'annuaire ne permet pas cette action : une demande est annulée par un conseiller de la Mission Locale qui l’a ouverte ou par un correspondant de la DT destinataire (rôles « conseiller » et « correspondant »).",
    'demande.mettreAJour':
      "Votre rôle dans l'annuaire ne permet pas cette action : les chiffres de la DT sont mis à jour par un correspondant de la DT OFII destinataire (rôle « correspondant »).",
    'liaison.creer':
      "Votre rôle dans l'annuaire ne permet pas cette action : une fiche de liaison se remplit par un correspondant d’une DT OFII (rôle « correspondant » dans l’annuaire).",
    'liaison.accept':
      "Votre rôle dans l'annuaire ne permet pas cette action : une fiche de liaison est acceptée par un conseiller de la Mission Locale destinataire (rôle « conseiller »).",
    'liaison.redirect':
      "Votre rôle dans l'annuaire ne permet pas cette action : une fiche de liaison est réorientée par un conseiller de la Mission Locale destinataire (rôle « conseiller »).",
    'liaison.close':
      "Votre rôle dans l'annuaire ne permet pas cette action : une fiche de liaison est close par un conseiller de la Mission Locale destinataire (rôle « conseiller »).",
    'suivi.liste':
      "Votre rôle dans l'annuaire ne permet pas cette action : le suivi des demandes est réservé aux conseillers et administrateurs d’une Mission Locale, et aux correspondants et administrateurs d’une DT OFII.",
    tableau:
      "Votre rôle dans l'annuaire ne permet pas cette action : le tableau national s’exporte par les conseillers d’une Mission Locale, les correspondants d’une DT OFII et les administrateurs de ces structures.",
    'tableau.importer':
      "Votre rôle dans l'annuaire ne permet pas cette action : un tableau rempli s’importe par un conseiller d’une Mission Locale (demandes, prescriptions) ou un correspondant d’une DT OFII (ses quatre champs).",
    comite:
      "Votre rôle dans l'annuaire ne permet pas cette action : les comités sont planifiés et modifiés par les administrateurs du partenariat (rôle « admin » dans l’annuaire) ; vous pouvez les consulter avec « comite ».",
  } as Record<string, string>,

  /** E_REQUEST_NOT_FOUND, by what `suivi` searched (no other value: a n° CIR is never echoed). */
  E_REQUEST_NOT_FOUND: {
    number: `Demande introuvable : aucune demande n° {number} parmi celles de votre structure (la Mission Locale qui l’a ouverte ou la DT OFII à laquelle elle est adressée). Un n° de demande s’écrit année-numéro, ex. 2026-000042. ${LIST_HINT}`,
    cir: `Demande introuvable : aucune demande de votre structure ne porte ce n° CIR (4 à 30 caractères parmi A–Z, 0–9, « - » et « / »). ${LIST_HINT}`,
  } as Record<string, string>,
};
