/** French texts of the comité de pilotage's correspondent list (issue 14 §7). */
export const frCorrespondents = {
  file: {
    sheet: 'Correspondants',
    infoSheet: 'Informations',
    title: 'Liste des correspondants du partenariat OFII – Missions Locales',
    headers: {
      structure: 'Structure',
      name: 'Nom',
      role: 'Rôle',
      email: 'Courriel',
      phone: 'Téléphone',
    },
    partnership: 'Partenariat',
    generatedAt: 'Générée le',
    generatedBy: 'Par',
    rowCount: 'Nombre de personnes',
    notice:
      'Document protégé : il ne peut pas être modifié. Ces coordonnées professionnelles sont ' +
      'réservées aux partenaires, pour le comité de pilotage et leurs échanges.',
  },
  ui: {
    title: 'Liste des correspondants',
    preparing:
      'La liste des correspondants est en préparation : le fichier protégé arrive dans cette conversation, son mot de passe en conversation personnelle.',
    readyLink: (partnership: string, people: number, expires: string, uses: number): string =>
      `Liste des correspondants prête — ${partnership} (${people} personne${people > 1 ? 's' : ''}). Le lien fonctionne jusqu’au ${expires}, pour ${uses} téléchargement(s) au plus.`,
    readyGraph: (partnership: string, people: number, fileName: string): string =>
      `Liste des correspondants déposée dans l’onglet « Fichiers » de ce canal — ${partnership} (${people} personne${people > 1 ? 's' : ''}) : ${fileName}.`,
    download: 'Télécharger la liste',
    failed: (reason: string): string =>
      `La liste des correspondants n’a pas pu être préparée. ${reason}`,
    passwordTitle: 'Mot de passe de la liste des correspondants',
  },
  /** Directory roles as the list shows them. */
  roles: {
    conseiller: 'Conseiller·ère (Mission Locale)',
    correspondant: 'Correspondant·e (DT OFII)',
    admin: 'Coordination du partenariat',
  } as Record<string, string>,
};
