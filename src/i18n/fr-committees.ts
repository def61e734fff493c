/**
 * French texts of the committees and reminders (issue 5). Kept apart from fr.ts while that
 * file is being written; the lead merges it in. Codes reused from the flows (E_FIELD_REQUIRED,
 * E_FIELD_INVALID, E_CHOICE_INVALID, E_DATE_INVALID) keep their existing texts.
 */

/** Numbers the French way: decimal comma, narrow no-break space between thousands. */
function frNumber(n: number): string {
  return new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(n);
}

export const frCommittees = {
  kinds: {
    COPIL: 'Comité de pilotage annuel',
    COTECH: 'Comité technique',
    IMMERSION: 'Immersion réciproque',
    VISITE: 'Visite des locaux',
  },

  /** Default agendas, drawn from the roadmap OFII – Missions Locales (§1 and §2). */
  agendas: {
    COPIL: [
      '1. Bilan de l’année passée du partenariat : difficultés, bonnes pratiques, évolution des programmes locaux',
      '2. Objectifs de l’année suivante : formation réciproque, immersion, etc.',
      '3. Échange des listes de correspondants avec coordonnées',
      '',
      'Sous l’égide de la DDETS le cas échéant, selon l’organisation territoriale.',
    ].join('\n'),
    COTECH: [
      '1. Immersions réciproques : dates à prévoir',
      '2. Visite des locaux',
      '3. Échange entre professionnels',
      '4. Présentation des offres de service, échange de fiches d’information type',
      '5. Échange d’informations :',
      '   - OFII : données départementales de la migration',
      '   - Réseau des Missions Locales : données sur l’accueil des ressortissants étrangers',
      '6. Point sur les modalités d’échange : fiche de liaison, tableau de données',
    ].join('\n'),
    IMMERSION: [
      '1. Accueil et présentation des équipes',
      '2. Découverte de l’offre de service et des pratiques professionnelles du partenaire',
      '3. Échange entre professionnels',
      '4. Échange de fiches d’information type',
      '5. Bilan de l’immersion et suites à donner',
    ].join('\n'),
    VISITE: [
      '1. Visite des locaux',
      '2. Présentation des équipes et des offres de service',
      '3. Échange de fiches d’information type',
      '4. Questions et suites à donner',
    ].join('\n'),
  },

  /** Card labels, keyed by the planning card's input ids (as fr.labels). */
  labels: {
    kind: 'Type de rencontre',
    date: 'Date',
    time: 'Heure (heure de Paris)',
    place: 'Lieu ou lien de la réunion en ligne',
    agenda: 'Ordre du jour',
    participants: 'Structures participantes',
  },

  /** Field error messages of the new codes, to merge into fr.fields. */
  fields: {
    E_DATE_PAST: 'Cette date est déjà passée : choisissez une date à venir.',
    E_TIME_PAST: 'Cette heure est déjà passée aujourd’hui : choisissez une heure à venir.',
    E_DATE_TOO_FAR:
      'Cette date est trop lointaine : un comité se planifie au plus trois ans à l’avance.',
    E_TIME_INVALID: 'Indiquez l’heure au format HH:MM, par exemple 09:30.',
    E_TIME_NONEXISTENT:
      'Cette heure n’existe pas ce jour-là : à 2 h du matin, on passe directement à 3 h (heure d’été). Choisissez une autre heure.',
    E_PLACE_TOO_LONG: 'Le lieu est trop long : 200 caractères au plus.',
    E_LINK_INVALID:
      'Ce lien n’est pas valide : indiquez une adresse complète qui commence par https://.',
    E_LINK_TOO_LONG: 'Ce lien est trop long : 2 000 caractères au plus.',
    E_AGENDA_TOO_LONG: 'L’ordre du jour est trop long : 2 000 caractères au plus.',
  },

  holidays: {
    JOUR_DE_L_AN: 'Jour de l’an',
    VENDREDI_SAINT: 'Vendredi saint',
    LUNDI_DE_PAQUES: 'Lundi de Pâques',
    FETE_DU_TRAVAIL: 'Fête du Travail',
    VICTOIRE_1945: 'Victoire 1945',
    ASCENSION: 'Ascension',
    LUNDI_DE_PENTECOTE: 'Lundi de Pentecôte',
    FETE_NATIONALE: 'Fête nationale',
    ASSOMPTION: 'Assomption',
    TOUSSAINT: 'Toussaint',
    ARMISTICE_1918: 'Armistice 1918',
    NOEL: 'Noël',
    SAINT_ETIENNE: 'Saint-Étienne',
    ABOLITION_ESCLAVAGE: 'Abolition de l’esclavage',
  },

  reminders: {
    /** How far the committee is, for the reminder's title. */
    when(
      offset:
        { kind: 'days'; days: number } | { kind: 'hours'; hours: number } | { kind: 'sameDayAt' },
    ): string {
      if (offset.kind === 'sameDayAt') return 'aujourd’hui';
      if (offset.kind === 'hours') return `dans ${offset.hours} h`;
      return offset.days === 1 ? 'demain' : `dans ${offset.days} jours`;
    },
    title: (kindLabel: string, when: string, dateTime: string) =>
      `Rappel : ${kindLabel} ${when}, le ${dateTime}`,
    cancelledTitle: (kindLabel: string, dateTime: string) => `Annulé : ${kindLabel} du ${dateTime}`,
    movedTitle: (kindLabel: string, dateTime: string) =>
      `Nouvelle date : ${kindLabel} le ${dateTime}`,
    addToCalendar: 'Ajouter à mon agenda',
    exportCorrespondents: 'Exporter la liste des correspondants',
    unansweredToDt: (days: number) =>
      `Demande sans réponse depuis ${days} jour${days > 1 ? 's' : ''} ouvré${days > 1 ? 's' : ''}.`,
    escalatedToAdmins: (days: number) =>
      `Demande toujours sans réponse après ${days} jours ouvrés : merci de vérifier qui peut la traiter.`,
  },

  ics: {
    joinLink: 'Lien de la réunion :',
  },

  stats: {
    title: (period: string) => `Chiffres du partenariat (${period})`,
    requests: 'Demandes transmises',
    answered: 'Demandes complétées',
    unanswered: 'Demandes en attente de réponse',
    medianDelay: 'Délai médian de réponse',
    workingDays: (n: number) => `${frNumber(n)} jour${n >= 2 ? 's' : ''} ouvré${n >= 2 ? 's' : ''}`,
    hours: (n: number) => `${frNumber(n)} h`,
    none: 'aucune réponse sur la période',
  },
} as const;
