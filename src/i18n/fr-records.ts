/**
 * French texts of the committees' minutes and the shared figures (issue 14 §2, §5). Codes reused
 * from the flows (E_FIELD_REQUIRED, E_CHOICE_INVALID, E_INTEGER_INVALID, E_INTEGER_RANGE) keep
 * their existing texts.
 */

export const frRecords = {
  errors: {
    E_MINUTES_FORBIDDEN:
      'Seuls la personne qui a planifié ce comité et les administrateurs du partenariat peuvent en saisir le compte rendu.',
    E_MINUTES_TOO_EARLY:
      'Ce comité n’a pas encore eu lieu : son compte rendu pourra être saisi après sa date.',
    E_FIGURES_FORBIDDEN:
      'Seules les personnes de la structure concernée peuvent saisir ses chiffres ; les autres membres du partenariat les consultent.',
    E_FIGURES_LOCKED:
      'Ces chiffres sont figés : le comité de pilotage qui les examine a été enregistré. Ils restent consultables.',
    E_FIGURES_YEAR: 'Année invalide : choisissez une année de 2000 à l’année en cours.',
  },

  fields: {
    E_TEXT_TOO_LONG: '2000 caractères au maximum.',
    E_OBJECTIVES_TOO_MANY: '8 objectifs au maximum, un par ligne.',
    E_OBJECTIVE_TOO_LONG: '200 caractères au maximum par objectif.',
  },

  minutes: {
    formTitle: (committee: string) => `Compte rendu — ${committee}`,
    formIntro:
      'Ce compte rendu est visible des membres du partenariat. N’y écrivez aucune donnée personnelle (nom d’un jeune, n° CIR…).',
    labels: {
      held: 'Le comité s’est tenu',
      present: 'Structures présentes',
      decisions: 'Décisions',
      objectives: 'Objectifs pour l’année suivante (un par ligne)',
      met: 'Objectifs de l’an dernier atteints',
      outcome: 'Bilan de la rencontre et suites à donner',
    },
    errorMessages: {
      present: 'Indiquez les structures présentes.',
      outcome: 'Indiquez le bilan de la rencontre.',
    },
    objectivesPlaceholder: 'Ex. : formation réciproque des équipes\nDeux immersions croisées',
    noPrevious: 'Aucun objectif enregistré au comité de pilotage précédent.',
    submit: 'Enregistrer le compte rendu',
    back: 'Retour aux comptes rendus',
    open: 'Saisir le compte rendu',
    edit: 'Modifier le compte rendu',
    view: 'Voir',
    savedTitle: 'Compte rendu enregistré',
    editedTitle: 'Compte rendu modifié',
    viewTitle: (committee: string) => `Compte rendu — ${committee}`,
    heldYes: 'Oui',
    heldNo: 'Non, le comité ne s’est pas tenu',
    labelHeld: 'Tenu',
    labelPresent: 'Présents',
    labelDecisions: 'Décisions',
    labelObjectives: 'Objectifs pour l’année suivante',
    labelMet: 'Objectifs de l’an dernier atteints',
    labelOutcome: 'Bilan',
    none: 'Aucun',
    recordedBy: (name: string, at: string) => `Saisi par ${name} le ${at}.`,
    editedBy: (name: string, at: string, edits: number) =>
      `Modifié ${edits} fois, en dernier par ${name} le ${at}.`,
    notRecorded: 'Compte rendu à saisir.',
    askPlannerTitle: (committee: string) => `Compte rendu à saisir : ${committee}`,
    askPlannerText:
      'Vous avez planifié cette rencontre. Indiquez si elle s’est tenue, qui était présent et ce qui a été décidé.',
    askAdminsTitle: (committee: string) => `Compte rendu toujours attendu : ${committee}`,
    askAdminsText:
      'Le compte rendu de cette rencontre n’a pas encore été saisi. Les administrateurs du partenariat peuvent le faire.',
    listTitle: (partnership: string) => `Comptes rendus — ${partnership}`,
    listNone: 'Aucun comité passé.',
    listRecorded: 'compte rendu saisi',
    listNotHeld: 'ne s’est pas tenu',
    listMissing: 'compte rendu à saisir',
    proposalTitle: 'Et le prochain comité de pilotage ?',
    proposalText: (date: string) =>
      `Le comité de pilotage se réunit une fois par an : proposition pour le ${date}, avec les objectifs fixés aujourd’hui en ouverture de l’ordre du jour.`,
    proposalButton: 'Planifier le prochain comité de pilotage',
    partnershipLabel: 'Partenariat',
    unknownAuthor: 'un administrateur',
  },

  /** The block that opens a comité de pilotage's announcement and reminders. */
  lastYear: {
    objectivesTitle: 'Objectifs fixés au comité de pilotage précédent',
    objectiveMet: (o: string) => `✔ ${o} (atteint)`,
    objectiveOpen: (o: string) => `• ${o}`,
    countsTitle: (from: string, to: string) => `Demandes du ${from} au ${to}, par statut`,
    countsNote: 'Comptages uniquement ; un effectif de 0 à 4 est affiché « < 5 ».',
    agendaHeading: 'Objectifs fixés l’an dernier :',
  },

  figures: {
    title: (year: number) => `Chiffres partagés ${year}`,
    intro:
      'Chiffres agrégés que chaque structure partage pour l’année (feuille de route : échange d’informations). Aucune donnée personnelle.',
    notShared: 'Pas encore renseignés.',
    updated: (at: string) => `Mis à jour le ${at}.`,
    locked: (committee: string) =>
      `Figés depuis l’enregistrement du ${committee} : consultables, plus modifiables.`,
    editButton: 'Saisir les chiffres de ma structure',
    formTitle: (structure: string, year: number) => `${structure} — chiffres ${year}`,
    formIntro: (title: string) =>
      `${title}. Nombres entiers uniquement ; laissez vide ce que vous ne connaissez pas.`,
    submit: 'Enregistrer les chiffres',
    saved: 'Chiffres enregistrés.',
    back: 'Retour aux chiffres',
    otherYear: (year: number) => `Voir ${year}`,
    numberError: 'Nombre entier de 0 à {max}.',
  },

  listButtons: {
    minutes: 'Comptes rendus',
    figures: 'Chiffres partagés',
  },
};

/** Counts of people are never shown under 5 (small numbers could point at someone). */
export function smallCount(n: number): string {
  return n < 5 ? '< 5' : String(n);
}
