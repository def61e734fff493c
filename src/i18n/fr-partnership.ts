/**
 * French texts of the DDETS and of the partnership's roadmap record (issue 14 §1, §3).
 */
export const frPartnership = {
  errors: {
    E_ROADMAP_NOT_FOUND:
      'Feuille de route introuvable dans vos partenariats. Tapez « partenariat » pour celles de vos partenariats.',
    E_DDETS_NO_PERSONAL_DATA:
      'La DDETS suit le partenariat (comités, feuille de route, offres de service, chiffres) mais n’a pas accès aux demandes ni aux données des personnes : cette action est réservée aux Missions Locales et à la DT OFII.',
    E_PARTNERSHIP_ENDED:
      'L’accord-cadre national dont dépend ce partenariat a pris fin le {endDate} : aucune nouvelle demande ni fiche de liaison ne peut être ouverte tant qu’un administrateur n’a pas enregistré son renouvellement (commande « partenariat »). Les demandes en cours restent consultables.',
  },

  roadmap: {
    title: (name: string) => `Feuille de route — ${name}`,
    signatories: 'Signataires',
    noSignatory: 'Aucun signataire enregistré.',
    signed: 'Signature',
    signedAt: (date: string, place: string) => `Signée le ${date}${place ? ` à ${place}` : ''}`,
    notSigned: 'Date et lieu de signature non enregistrés.',
    endDate: 'Fin de l’accord-cadre national',
    endDateValue: (date: string, own: boolean) =>
      own ? `Le ${date}` : `Le ${date} (date par défaut de la Passerelle CIR)`,
    noEndDate: 'Non renseignée.',
    ended: (date: string) =>
      `L’accord-cadre a pris fin le ${date} : les nouvelles demandes sont refusées jusqu’à l’enregistrement de son renouvellement.`,
    amendments: 'Avenants',
    noAmendment: 'Aucun avenant.',
    amendment: (date: string, summary: string) => `${date} — ${summary}`,
    edit: 'Modifier la feuille de route',
    save: 'Enregistrer',
    back: 'Retour',
    saved: 'Feuille de route enregistrée.',
    unchanged: 'Rien n’a changé.',
    formTitle: (name: string) => `Modifier la feuille de route — ${name}`,
    signatoryName: (structure: string) => `Signataire — ${structure} : nom`,
    signatoryFunction: (structure: string) => `Signataire — ${structure} : fonction`,
    signedOnLabel: 'Date de signature',
    signedPlaceLabel: 'Lieu de signature (« Fait à »)',
    endDateLabel:
      'Fin de l’accord-cadre national (une date plus tardive enregistre son renouvellement)',
    amendmentDateLabel: 'Nouvel avenant : date',
    amendmentSummaryLabel: 'Nouvel avenant : résumé',
    amendmentHint: 'Un avenant enregistré s’ajoute à la liste ; il ne se modifie pas ensuite.',
    open: 'Voir la feuille de route',
  },

  fields: {
    E_DATE_INVALID: 'Date invalide (JJ/MM/AAAA).',
    E_TEXT_TOO_LONG: 'Texte trop long.',
    E_AMENDMENT_INCOMPLETE: 'Indiquez la date et le résumé de l’avenant.',
    E_SIGNATORY_INCOMPLETE: 'Indiquez le nom et la fonction du signataire.',
  } as Record<string, string>,

  reminders: {
    title: (days: number, date: string) =>
      `L’accord-cadre national prend fin dans ${days} jours (le ${date})`,
    text: (name: string) =>
      `Partenariat « ${name} » : après cette date, la Passerelle CIR refusera les nouvelles demandes tant que le renouvellement de l’accord-cadre n’aura pas été enregistré. Tapez « partenariat » pour enregistrer la nouvelle date de fin.`,
  },
};
