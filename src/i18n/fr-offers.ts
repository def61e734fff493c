/** French texts of the partners' offers of service (issue 14 §4, `/offres`). */
export const frOffers = {
  errors: {
    E_OFFER_NOT_FOUND:
      'Cette fiche n’existe plus, ou elle n’est pas publiée dans vos partenariats.',
    E_OFFER_NOT_YOURS:
      'Seules les personnes de la structure qui a publié cette fiche peuvent la modifier ou la retirer.',
    E_OFFER_DRAFT_GONE:
      'Ce formulaire a expiré (une heure). Tapez « offres » et rouvrez « Publier une fiche ».',
    E_OFFER_NOT_PDF:
      'Ce fichier n’est pas un PDF : seule une fiche au format PDF peut être jointe. Rien n’a été enregistré.',
    E_OFFER_PDF_TOO_LARGE:
      'Ce PDF est trop volumineux pour une fiche ({max} au plus). Rien n’a été enregistré : allégez-le ou indiquez plutôt un lien.',
    E_OFFER_PERSONAL_ONLY:
      'Un PDF de fiche s’envoie au bot en conversation personnelle, pas dans un canal.',
  },
  fields: {
    E_OFFER_TOO_LONG: 'Texte trop long.',
    E_OFFER_LINK_INVALID: 'Lien invalide : une adresse https:// complète est attendue.',
    E_OFFER_LINK_OR_PDF:
      'Indiquez un lien https, ou envoyez le PDF de la fiche au bot en conversation personnelle.',
    E_OFFER_LINK_AND_PDF:
      'Vous avez envoyé un PDF : videz le lien pour le joindre, ou décochez « Joindre le PDF reçu » pour garder le lien.',
  },
  ui: {
    title: 'Offres de service des partenaires',
    titleOf: (partnership: string) => `Offres de service — ${partnership}`,
    searchLabel: 'Rechercher (titre, public, structure…)',
    searchButton: 'Rechercher',
    results: (total: number, query: string) =>
      `${total === 0 ? 'Aucune fiche' : total === 1 ? '1 fiche' : `${total} fiches`}${query ? ` pour « ${query} »` : ''}.`,
    pageOf: (page: number, pages: number) => `Page ${page} sur ${pages}`,
    previous: 'Précédentes',
    next: 'Suivantes',
    open: 'Ouvrir',
    publish: 'Publier une fiche',
    empty:
      'Aucune fiche publiée pour l’instant. Chaque structure publie les siennes avec « Publier une fiche ».',
    formTitle: 'Publier une fiche d’offre de service',
    editTitle: 'Modifier la fiche',
    labels: {
      titre: 'Titre de la fiche',
      public: 'Public concerné',
      orienter: 'Comment orienter',
      contact: 'Contact',
      lien: 'Lien (https)',
      structure: 'Structure',
      document: 'Document',
      updated: 'Mise à jour',
    },
    errorMessages: {
      titre: 'Indiquez le titre de la fiche.',
      public: 'Indiquez le public concerné.',
      orienter: 'Indiquez comment orienter une personne.',
      contact: 'Indiquez un contact.',
    },
    pdfHelp:
      'Pour joindre un PDF, envoyez-le au bot en conversation personnelle avant d’enregistrer (il est gardé une heure), ou tapez « offres » en joignant le fichier. Sinon, indiquez un lien https.',
    pdfAttached: (name: string, size: string) => `PDF joint : ${name} (${size}).`,
    joinPdf: 'Joindre le PDF reçu à cette fiche',
    pdfKept: (name: string) =>
      `PDF actuel : ${name}. Il est gardé, sauf si vous envoyez un autre PDF ou indiquez un lien.`,
    save: 'Publier',
    saveEdit: 'Enregistrer',
    back: 'Retour aux fiches',
    published: 'Fiche publiée : les partenaires la voient avec « offres ».',
    updated: 'Fiche modifiée.',
    withdrawn: 'Fiche retirée : les partenaires ne la voient plus.',
    alreadyWithdrawn: 'Cette fiche était déjà retirée.',
    edit: 'Modifier',
    withdraw: 'Retirer',
    confirmWithdraw: (title: string) =>
      `Retirer la fiche « ${title} » ? Les partenaires ne la verront plus ; son PDF est effacé.`,
    confirmYes: 'Oui, retirer',
    confirmNo: 'Non, la garder',
    openLink: 'Ouvrir le lien',
    openPdf: (minutes: number) => `Télécharger le PDF (lien valable ${minutes} min)`,
    pdfReceivedTitle: 'Fiche d’offre de service',
    pdfReceived: (name: string, size: string) =>
      `PDF reçu : ${name} (${size}). Il sera joint à la fiche que vous publierez ou modifierez dans l’heure (« Publier » ou « Enregistrer » sur le formulaire ; « offres » pour l’ouvrir).`,
    pdfRefused: 'PDF refusé',
    offersButton: 'Offres de service du partenariat',
  },
};

/** "1,2 Mo", "350 Ko". */
export function frSize(bytes: number): string {
  if (bytes >= 1024 * 1024)
    return `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
  return `${Math.max(1, Math.round(bytes / 1024))} Ko`;
}
