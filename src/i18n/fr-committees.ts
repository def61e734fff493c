/**
 * French texts of the committees and reminders (issue 5). Kept apart from fr.ts while that
 * file is being written; the lead merges it in. Codes reused from the flows (E_FIELD_REQUIRED,
 * E_FIELD_INVALID, E_CHOICE_INVALID, E_DATE_INVALID) keep their existing texts.
 */

import type { CommitteeKind } from '../domain/committees';
/** Numbers the French way: decimal comma, narrow no-break space between thousands. */
function frNumber(n: number): string {
  return new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(n);
}

/**
 * `word name`, unless the name already starts with that word ("Partenariat Rhône" stays
 * "Partenariat Rhône", never "Partenariat Partenariat Rhône"; issue 18 §2).
 */
export function titled(word: string, name: string): string {
  const fold = (v: string) => v.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return fold(name).startsWith(`${fold(word)} `) || fold(name) === fold(word)
    ? name
    : `${word} ${name}`;
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

  /** The `/comite` cards, the channel's messages and the admins' notices. */
  ui: {
    listTitle: 'Comités du partenariat',
    partnership: (name: string) => titled('Partenariat', name),
    channelBound: 'Annonces et rappels publiés dans le canal du partenariat.',
    channelMissing:
      'Aucun canal de partenariat n’est lié : les annonces et rappels ne peuvent pas y être publiés.',
    coming: 'À venir',
    past: 'Passés',
    none: 'Aucun comité planifié.',
    cancelled: 'annulé',
    planHeading: 'Planifier une rencontre :',
    editButton: 'Modifier ou déplacer',
    cancelButton: 'Annuler ce comité',
    backButton: 'Retour à la liste',
    planTitle: (kind: string) => `Planifier : ${kind}`,
    editTitle: (kind: string) => `Modifier ou déplacer : ${kind}`,
    formIntro: (partnership: string, offsets: string) =>
      `${titled('Partenariat', partnership)}. Date et heure de Paris. Rappels dans le canal du partenariat : ${offsets}.`,
    placePlaceholder: 'Adresse et salle, ou lien https:// de la réunion en ligne',
    submitPlan: 'Planifier et annoncer',
    submitEdit: 'Enregistrer',
    offsetDays: (n: number) => (n === 1 ? 'la veille' : `${n} jours avant`),
    offsetHours: (n: number) => `${n} h avant`,
    offsetSameDay: (time: string) => `le jour même à ${time.replace(':', ' h ')}`,
    plannedHeadline: 'Comité planifié et annoncé.',
    movedHeadline: 'Comité déplacé : les rappels suivent la nouvelle date.',
    editedHeadline: 'Comité modifié.',
    cancelledHeadline: 'Comité annulé : ses rappels ne seront pas envoyés.',
    remindersPlanned: (list: string) => `Rappels prévus : ${list}.`,
    noReminderLeft: 'Aucun rappel à venir : la date est trop proche.',
    cancelConfirmTitle: 'Annuler ce comité ?',
    cancelConfirmText: (title: string) =>
      `${title}. Le canal du partenariat sera prévenu et les rappels ne seront pas envoyés.`,
    cancelConfirmButton: 'Oui, annuler le comité',
    keepButton: 'Non, le garder',
    announceTitle: (kindLabel: string, dateTime: string) => `Nouveau : ${kindLabel} le ${dateTime}`,
    updatedTitle: (kindLabel: string, dateTime: string) => `Modifié : ${kindLabel} le ${dateTime}`,
    labelKind: 'Rencontre',
    labelDate: 'Date',
    labelPlace: 'Lieu',
    labelLink: 'Réunion en ligne',
    labelParticipants: 'Participants',
    labelAgenda: 'Ordre du jour',
    joinButton: 'Rejoindre la réunion',
    /** The command binding a channel to a partnership (issue 3's directory), as admins type it. */
    bindCommand: (partnershipId: string) => `annuaire canal ${partnershipId}`,
    exportSent: (minutes: number) =>
      `Le lien de la liste des correspondants vous a été envoyé en conversation personnelle avec le bot (valable ${minutes} minutes).`,
    exportNoChat:
      'La liste des correspondants n’est envoyée qu’en conversation personnelle : écrivez d’abord « aide » au bot en conversation personnelle, puis recommencez.',
    noChannelTitle: (name: string) => `${titled('Partenariat', name)} : aucun canal lié`,
    noChannelText: (command: string) =>
      `Les annonces et rappels des comités sont publiés dans le canal Teams du partenariat, mais aucun n’est lié. ` +
      `Pour en lier un : dans ce canal, mentionnez le bot et tapez « ${command} » (administrateur du partenariat). ` +
      `Le message qui n’a pas pu y être publié suit ; les prochains ne seront publiés qu’une fois le canal lié.`,
  },

  /** The unanswered-request delay on the advisor's card. */
  delay: {
    label: 'Délai',
    waiting: (days: number, remindAt: string) =>
      `En attente depuis ${days} jour${days > 1 ? 's' : ''} ouvré${days > 1 ? 's' : ''} — relance de la DT prévue le ${remindAt}`,
    waitingReminded: (days: number) =>
      `En attente depuis ${days} jour${days > 1 ? 's' : ''} ouvré${days > 1 ? 's' : ''} — la DT a été relancée`,
    answeredIn: (days: number) =>
      days === 0
        ? 'Réponse le jour même'
        : `Réponse en ${days} jour${days > 1 ? 's' : ''} ouvré${days > 1 ? 's' : ''}`,
  },

  bilan: {
    lastTwelveMonths: (from: string, to: string) => `du ${from} au ${to}`,
    year: (year: number) => `année ${year}`,
    cancelled: 'Demandes annulées',
    noneAdmin: 'Le bilan est réservé aux administrateurs du partenariat.',
    departementNote: (dep: string) =>
      `Jours ouvrés comptés avec les jours fériés du département ${dep}.`,
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

/** The French label of a committee kind. */
export function committeeLabel(kind: CommitteeKind): string {
  return frCommittees.kinds[kind];
}

/** The agenda a new committee of this kind starts with, from the roadmap (editable). */
export function defaultAgenda(kind: CommitteeKind): string {
  return frCommittees.agendas[kind];
}
