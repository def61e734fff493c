/** `/suivi` without argument: the structure's items in play (issue 13 §7). */
export const frOpenItems = {
  title: 'Dossiers en cours — {structure}',
  summary: '{mine} en attente de votre part · {partner} en attente du partenaire',
  mineHeading: 'En attente de votre part',
  partnerHeading: 'En attente du partenaire',
  none: 'Aucun dossier en cours : rien n’attend votre structure ni son partenaire.',
  hint: 'Pour une demande précise : « suivi 2026-000042 » ou « suivi <n° CIR> ».',
  item: 'Demande n° {number}',
  fiche: 'Fiche de liaison n° {number}',
  since: 'depuis le {date}',
  open: 'Ouvrir',
  pageOf: 'Page {page} sur {pageCount}',
  previous: 'Page précédente',
  next: 'Page suivante',
  /** Keyed by side, then reason: what the item waits for, from the reader's side. */
  reasons: {
    ml: {
      answer: 'Réponse de la DT attendue',
      prescription: 'Prescription de la Mission Locale à indiquer',
      followUp: 'Suite du parcours demandée par la DT',
      fiche: 'Fiche de liaison à accepter, rediriger ou classer',
    },
    dt: {
      answer: 'Demande à traiter',
      prescription: 'Prescription de la Mission Locale attendue',
      followUp: 'Suite du parcours attendue de la Mission Locale',
      fiche: 'Décision de la Mission Locale attendue',
    },
  },
};
