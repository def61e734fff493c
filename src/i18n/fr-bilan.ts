/** French texts of `/bilan [année]` (issue 14 §6): the card, its charts and the xlsx. */
import { frCommittees } from './fr-committees';

const frNumber = (n: number) =>
  new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(n);

export const frBilan = {
  errors: {
    E_BILAN_FORBIDDEN:
      'Le bilan est réservé aux administrateurs du partenariat (rôle « admin » dans l’annuaire) et à la DDETS qui préside le comité de pilotage.',
  },
  title: (partnership: string, year: number) => `Bilan ${year} — ${partnership}`,
  intro: (year: number) =>
    `Demandes créées du 01/01/${year} au 31/12/${year} (heure de Paris). Chiffres seulement, jamais une personne : un nombre de personnes de 0 à 4 s’affiche « < 5 ».`,
  small: '< 5',
  masked: 'secret statistique',
  tooFew: 'moins de 5 demandes',
  total: (value: string) => `Total : ${value}`,
  totalLabel: 'Total',
  hiddenNote: (labels: string) => `Non représentés sur le graphique : ${labels}.`,
  maskedNote:
    '« Secret statistique » : valeur masquée pour qu’aucun « < 5 » ne puisse se déduire du total.',
  nothingToDraw: 'Aucune valeur assez grande pour être représentée.',
  days: (n: number) => `${frNumber(n)} jour${n >= 2 ? 's' : ''}`,
  fileComing: 'Le fichier Excel protégé de ce bilan arrive dans un instant.',
  fileNeedsPersonalChat:
    'Le fichier Excel protégé n’est envoyé que si vous avez une conversation personnelle avec le bot (son mot de passe y est remis) : écrivez « aide » au bot en conversation personnelle, puis relancez « bilan ».',
  label: 'Libellé',
  value: 'Valeur',
  /** Section and item titles, by id (domain/bilan-sections.ts). */
  titles: {
    requests: 'Demandes',
    'requests.status': 'Demandes par statut',
    'requests.ml': 'Demandes par Mission Locale',
    'requests.motif': 'Demandes par motif',
    fiches: 'Fiches de liaison',
    'fiches.status': 'Fiches de liaison remplies par la DT, et ce qu’elles sont devenues',
    delays: 'Délais de réponse de la DT',
    'delays.answer': 'Délai entre la demande et la réponse de la DT (jours calendaires)',
    prescriptions: 'Prescriptions',
    'prescriptions.initial': 'Prescriptions initiales de la DT',
    'prescriptions.ml': 'Prescriptions de la Mission Locale',
    followups: 'Suites de parcours demandées',
    'committees.planned': 'Comités, immersions et visites prévus dans l’année',
    committees: 'Comités',
    held: 'Comités tenus et objectifs',
    'held.kinds': 'Comités, immersions et visites tenus dans l’année (comptes rendus)',
    'held.objectives': 'Comptes rendus et objectifs',
    figures: 'Chiffres partagés par les partenaires',
  } as Record<string, string>,
  /** Row labels the domain does not give, by item id then key. */
  rows: {
    'requests.status': {
      transmise: 'Transmise à la DT',
      completee: 'Complétée par la DT',
      cloturee: 'Clôturée',
      annulee: 'Annulée',
    },
    'requests.motif': {
      ajustement: 'Ajuster le parcours CIR',
      information: 'Bénéficier d’informations',
      non_precise: 'Motif non précisé',
    },
    'fiches.status': {
      proposee: 'En attente de la Mission Locale',
      acceptee: 'Acceptée (demande ouverte)',
      redirigee: 'Redirigée vers une autre Mission Locale',
      sans_suite: 'Classée sans suite',
    },
    'delays.answer': {
      answered: 'Demandes ayant reçu une réponse',
      median: 'Délai médian',
      p90: '90e centile (9 réponses sur 10 en moins de)',
    },
    followups: {
      answered: 'Suite donnée par la Mission Locale',
      waiting: 'Sans suite à ce jour',
    },
    'committees.planned': frCommittees.kinds,
    'held.kinds': frCommittees.kinds,
    'held.objectives': {
      recorded: 'Comptes rendus enregistrés pour l’année',
      set: 'Objectifs fixés par le comité de pilotage précédent',
      met: 'Objectifs atteints',
    },
  } as Record<string, Record<string, string>>,
  file: {
    title: 'Bilan du partenariat (fichier Excel)',
    preparing: 'Préparation du fichier Excel du bilan…',
    info: 'Informations',
    partnership: 'Partenariat',
    year: 'Année',
    generatedAt: 'Généré le',
    notice:
      'Chiffres agrégés du partenariat, jamais une personne. Un nombre de personnes de 0 à 4 est remplacé par « < 5 » ; « secret statistique » masque une valeur qui permettrait de retrouver un « < 5 » par différence. Un délai calculé sur moins de 5 demandes n’est pas donné.',
    failed:
      'Le fichier Excel du bilan n’a pas pu être préparé. Relancez « bilan » dans un instant.',
    ready: (partnership: string, year: number, expires: string, uses: number) =>
      `Bilan ${year} — ${partnership} : fichier Excel protégé prêt. Le lien fonctionne jusqu’au ${expires}, pour ${uses} téléchargement(s) au plus.`,
    download: 'Télécharger le bilan',
  },
};
