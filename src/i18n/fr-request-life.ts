/**
 * French texts of a request's life (issue 13 §1–4): motif, correction, cancellation, the DT's
 * updates and their history, the line a stale card answers with.
 */
import type { CancelReason, ChangeKind, Motif } from '../domain/request-life-codes';

export const frRequestLife = {
  errors: {
    E_NOT_CONCERNED:
      'Cette demande ne concerne pas votre structure : seules la Mission Locale qui l’a ouverte et la DT OFII à laquelle elle est adressée y ont accès.',
    E_REQUEST_NOT_CORRECTABLE:
      'Cette demande ne peut plus être corrigée : la DT y a déjà répondu ou elle a été annulée. Vous pouvez l’annuler et en ouvrir une nouvelle.',
    E_CANCEL_NOT_ALLOWED:
      'Cette demande ne peut pas être annulée dans son état actuel : la Mission Locale annule une demande transmise ou complétée, la DT une demande à laquelle elle a répondu.',
    E_UPDATE_NOT_ALLOWED:
      'Seule une demande à laquelle la DT a répondu (et non annulée) peut être mise à jour.',
  },

  motifLabel: 'Motif de la demande',
  motifs: {
    ajustement: 'Ajuster le parcours CIR',
    information: 'Bénéficier d’informations sur le parcours CIR',
  } satisfies Record<Motif, string>,
  motifUnknown: 'Non précisé',
  /** The "Informations" sheet of the national table. */
  table: {
    heading: 'Motif des demandes',
    byLine: 'Motif par ligne du tableau',
    line: 'Ligne {n}',
  },

  cancelLabel: 'Motif d’annulation',
  cancelReasons: {
    doublon: 'Doublon',
    erreur_saisie: 'Erreur de saisie',
    jeune_non_joignable: 'Jeune non joignable',
    demenagement: 'Déménagement',
    autre: 'Autre',
  } satisfies Record<CancelReason, string>,

  buttons: {
    correct: 'Corriger la demande',
    cancel: 'Annuler la demande',
    update: 'Mettre à jour les chiffres',
    history: 'Historique des chiffres',
    back: 'Retour à la demande',
    sendCorrection: 'Enregistrer la correction',
    sendCancel: 'Confirmer l’annulation',
    sendUpdate: 'Mettre à jour',
  },

  titles: {
    correction: 'Corriger la demande n° {number}',
    cancel: 'Annuler la demande n° {number}',
    update: 'Mettre à jour la demande n° {number}',
    history: 'Historique des chiffres — demande n° {number}',
  },
  intros: {
    correction:
      'Corrigez les champs mal saisis : la DT voit la demande corrigée. L’historique garde qu’une correction a eu lieu, par qui et quand, jamais les anciennes valeurs.',
    cancel:
      'La demande ne sera plus traitée ; l’autre structure en est informée. Choisissez le motif.',
    update:
      'Les heures FL et journées FC évoluent pendant le CIR : chaque mise à jour est gardée (qui, quand) et la Mission Locale en est informée.',
  },

  facts: {
    updated: 'Mis à jour',
    updatedValue: 'le {date} par {name}',
    cancelled: 'Annulée',
    cancelledValue: 'le {date} par {name} — {reason}',
    version: 'Version {n}',
    firstAnswer: 'Réponse initiale',
  },
  historyEmpty: 'La DT n’a pas encore répondu.',

  done: {
    corrected: 'Correction enregistrée : la DT voit la demande corrigée.',
    unchanged: 'Aucun champ n’a changé : rien n’a été enregistré.',
    cancelled: 'Demande annulée : l’autre structure en est informée.',
    updated: 'Mise à jour enregistrée : la Mission Locale en est informée.',
  },

  headlines: {
    correctedForDt: 'Demande corrigée par la Mission Locale.',
    cancelled: 'Demande annulée.',
    updatedForMl: 'La DT a mis à jour ses chiffres.',
  },
  notifications: {
    cancelledByMl: 'Demande annulée par la Mission Locale — {ml}.',
    cancelledByDt: 'Demande annulée par la DT — {dt}.',
    updated: 'Chiffres mis à jour — {dt}.',
  },

  /** The one line a stale card's submit answers with: what happened, by whom, when. */
  stale: {
    answered: 'Déjà traitée par {name} le {date} : votre saisie n’a pas été enregistrée.',
    corrected:
      'La Mission Locale ({name}) a corrigé la demande le {date} : vérifiez-la, votre saisie n’a pas été enregistrée.',
    updated: 'Chiffres mis à jour par {name} le {date} : votre saisie n’a pas été enregistrée.',
    cancelled: 'Demande annulée par {name} le {date} : votre saisie n’a pas été enregistrée.',
    other:
      'La demande a changé depuis l’affichage de cette carte : votre saisie n’a pas été enregistrée.',
    keep: 'Vos valeurs sont reprises ci-dessous : un clic les envoie.',
  } satisfies Record<ChangeKind | 'other' | 'keep', string>,
};
