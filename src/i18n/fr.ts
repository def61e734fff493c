/** Every French string the user sees. Code and logs speak English; people read this. */
import { NATIONAL_LABELS } from '../domain/fields';
import type { ErrorCode } from '../domain/errors';
import type { RequestStatus } from '../domain/model';
import { frCommittees } from './fr-committees';
import { frDirectory } from './fr-directory';
import { frFiles } from './fr-files';
import { frPartnership } from './fr-partnership';
import { frTableau } from './fr-tableau';
import { frRecords } from './fr-records';
import { frBilan } from './fr-bilan';
import { frOffers } from './fr-offers';
import { frLiaison } from './fr-liaison';
import { frRequestLife } from './fr-request-life';
import { frTenants } from './fr-tenants';
import { frHelp } from './fr-help';
import { frRefusals, LIST_HINT } from './fr-refusals';
import { frJournal } from './fr-journal';

export const fr = {
  errors: {
    E_NOT_IN_DIRECTORY:
      "Vous ne figurez pas dans l'annuaire de la Passerelle CIR. Demandez à l'administrateur de votre partenariat de vous y ajouter.",
    E_TENANT_NOT_ALLOWED:
      "Votre organisation n'est pas autorisée à utiliser la Passerelle CIR : l’exploitant du bot l’ajoute à la liste des organisations autorisées, à la demande de l’administrateur de votre partenariat.",
    E_TENANT_MISMATCH:
      "Votre compte n'appartient pas à l'organisation de votre structure dans l'annuaire : connectez-vous avec le compte de votre structure, ou demandez à l’administrateur de votre partenariat de corriger l’annuaire.",
    E_ROLE_FORBIDDEN:
      "Votre rôle dans l'annuaire ne permet pas cette action. Tapez « aide » pour voir les commandes de votre rôle ; l’administrateur de votre partenariat peut changer votre rôle.",
    E_NO_PARTNERSHIP:
      "Votre structure n'est rattachée à aucun partenariat DT OFII – Mission Locale. Un administrateur national de la Passerelle CIR l’ajoute à un partenariat (« annuaire admin »).",
    E_NOT_ROUTED_DT:
      'Cette demande n’est pas adressée à votre direction territoriale : seuls les correspondants de la DT OFII destinataire peuvent y répondre.',
    E_NOT_OWN_ML:
      "Cette demande n'a pas été ouverte par votre Mission Locale : seuls les conseillers de la Mission Locale qui l’a ouverte peuvent y donner suite.",
    E_REQUEST_NOT_FOUND: `Demande introuvable : elle a peut-être été effacée (durée de conservation) ou ne concerne pas votre structure. ${LIST_HINT}`,
    E_REQUEST_ALREADY_ANSWERED: 'Cette demande a déjà reçu une réponse.',
    E_REQUEST_NOT_ANSWERABLE: "Cette demande n'attend plus de réponse.",
    E_REQUEST_ERASED:
      'Les données de cette demande ont été effacées (durée de conservation dépassée).',
    E_FIELDS_NOT_ALLOWED:
      "Le formulaire contenait des champs non autorisés par le DPO ({fields}) : rien n'a été enregistré. Utilisez la carte fournie par le bot.",
    E_INVALID_INPUT: 'Certains champs sont à corriger.',
    E_SUIVI_USAGE:
      'Indiquez un n° de demande (ex. 2026-000042) ou un n° CIR : « suivi 2026-000042 ».',
    E_UNKNOWN_VERB:
      "Cette action n'est pas reconnue. La carte est peut-être ancienne : tapez « aide ».",
    E_CARD_DATA_INVALID:
      "Cette carte n'est plus lisible par la Passerelle CIR. Tapez « aide » pour recommencer.",
    E_DIRECTORY_ADMIN_ONLY:
      "Réservé aux administrateurs du partenariat (rôle « admin » dans l'annuaire).",
    E_DIRECTORY_OUT_OF_SCOPE:
      "Cette structure ou ce partenariat relève d'un autre partenariat : seul son administrateur, ou un administrateur national, peut le modifier.",
    E_DIRECTORY_NOT_FOUND:
      "Aucune structure, personne ni aucun partenariat de l'annuaire à votre portée ne correspond à votre saisie. Essayez une partie du nom (ex. « annuaire Lyon ») ; « annuaire admin » liste les structures et partenariats que vous administrez.",
    E_DIRECTORY_AMBIGUOUS:
      "Plusieurs structures ou partenariats correspondent à votre saisie : indiquez l'identifiant (« annuaire admin » les liste).",
    E_DIRECTORY_CHANNEL_ONLY:
      'Cette commande se tape dans le canal Teams à rattacher (pas en conversation personnelle).',
    E_DIRECTORY_PERSONAL_ONLY:
      'Pour protéger les coordonnées, cette commande se tape en conversation personnelle avec le bot.',
    E_DIRECTORY_MENTION_NEEDED:
      'Mentionnez la personne à ajouter, dans un canal ou une conversation de groupe : « annuaire ajouter @Prénom Nom ».',
    E_DIRECTORY_MEMBER_LOOKUP:
      "Teams n'a pas pu donner l'identifiant de cette personne : est-elle membre de cette équipe ou de cette conversation ?",
    E_DIRECTORY_FILE_UNREADABLE:
      "Le fichier n'a pas pu être lu comme un annuaire JSON (format de la Passerelle CIR). Rien n'a été importé.",
    E_DIRECTORY_LINK_INVALID:
      'Ce lien de téléchargement est expiré, déjà utilisé ou invalide. Refaites « annuaire export ».',
    E_COMMITTEE_NOT_FOUND:
      'Comité introuvable dans vos partenariats : il a peut-être été annulé, ou la carte vient d’un autre partenariat. Tapez « comite » pour la liste des comités à venir.',
    E_COMMITTEE_CANCELLED: 'Ce comité a été annulé : il ne peut plus être modifié.',
    E_BILAN_USAGE:
      'Indiquez une année sur quatre chiffres, de 2000 à l’année en cours : « bilan 2025 ». Sans année : l’année en cours.',
    ...frTableau.errors,
    E_UNKNOWN_COMMAND:
      "Je n'ai pas compris « {command} ». Tapez « aide » pour la liste des commandes.",
    E_INTERNAL:
      "Une erreur technique est survenue. Rien n'a été perdu ; réessayez dans un instant.",
    ...frRecords.errors,
    ...frBilan.errors,
    ...frOffers.errors,
    ...frPartnership.errors,
    ...frLiaison.errors,
    ...frRequestLife.errors,
    ...frTenants.errors,
    ...frJournal.errors,
  } satisfies Record<ErrorCode, string>,

  fields: {
    E_FIELD_REQUIRED: 'Champ obligatoire.',
    E_FIELD_INVALID: 'Valeur invalide.',
    E_CHOICE_INVALID: 'Choisissez une valeur de la liste.',
    E_NAME_TOO_LONG: '100 caractères au maximum.',
    E_NAME_INVALID: 'Lettres, espaces, traits d’union et apostrophes uniquement.',
    E_CIR_INVALID: 'Numéro CIR invalide : 4 à 30 caractères parmi A–Z, 0–9, « - » et « / ».',
    E_DATE_INVALID: 'Date invalide (JJ/MM/AAAA).',
    E_DATE_FUTURE: 'La date de naissance doit être dans le passé.',
    E_AGE_OUT_OF_RANGE: 'La personne doit avoir entre 15 et 30 ans.',
    E_INTEGER_INVALID: 'Nombre entier attendu.',
    E_INTEGER_RANGE: 'Valeur hors des limites autorisées.',
    ...frCommittees.fields,
    ...frDirectory.fields,
    ...frRecords.fields,
    ...frOffers.fields,
    ...frLiaison.fields,
    ...frTenants.fields,
  } as Record<string, string>,

  labels: {
    ...NATIONAL_LABELS,
    dtId: 'Direction territoriale OFII',
  } as Record<string, string>,

  status: {
    transmise: 'Transmise à la DT',
    completee: 'Complétée par la DT',
    cloturee: 'Clôturée',
    annulee: 'Annulée',
  } satisfies Record<RequestStatus, string>,

  request: {
    formTitle: 'Nouvelle demande CIR',
    formIntro:
      'Données validées par le DPO de l’OFII : civilité, nom, prénom, date de naissance et n° CIR. Rien d’autre n’est transmis.',
    submit: 'Transmettre à la DT',
    neutralTitle: 'Demande CIR n° {number}',
    detailButton: 'Voir le détail',
    answerButton: 'Envoyer la réponse à la Mission Locale',
    createdHeadline: 'Demande transmise — {dt}.',
    newForDt: 'Nouvelle demande — {ml}.',
    answeredHeadline: 'La DT a répondu à la demande.',
    answeredBy: 'Réponse de {name} le {date}.',
    alreadyAnsweredBy: 'Déjà traitée par {name} le {date} : votre saisie n’a pas été enregistrée.',
    notificationAnswered: 'Réponse reçue — {dt}.',
    outsider: 'Le détail de cette demande est réservé aux structures concernées.',
    activityText: 'Demande CIR n° {number} — {status}',
  },

  pathway: {
    prescribeTitle: 'Prescription de la Mission Locale',
    prescribeButton: 'Informer la DT de la prescription',
    prescribedHeadline: 'La Mission Locale a indiqué sa prescription.',
    prescribedNotification: 'Prescription de la Mission Locale reçue — {ml}.',
    prescribedDone: 'Prescription transmise à la DT.',
    followUpButton: 'Demander la suite du parcours',
    followUpNotification:
      'Suite du parcours demandée — {dt} : indiquez la prescription de la Mission Locale.',
    followUpDone: 'Demande de suite de parcours envoyée à la Mission Locale.',
  },

  /** Correct, cancel, update, history, stale cards (issue 13 §1–4). */
  life: frRequestLife,

  /** Committees, reminders and the bilan (issue 5). */
  committees: frCommittees,

  /** The directory, partnerships and inboxes (issue 3). */
  directory: frDirectory,

  /** The national table: export, password, import (issue 4); library texts in `files`. */
  tableau: frTableau,
  files: frFiles,

  /** Refusals by action or search, naming who may (issue 18 §4). */
  refusals: frRefusals,

  commands: {
    helpTitle: frHelp.title,
    /** The help card's lines and the greeting, by role (issue 18 §1). */
    help: frHelp,
    notYet: 'La commande « {command} » arrive bientôt dans la Passerelle CIR.',
  },

  /** Committees' minutes and the partners' shared figures (issue 14 §2, §5). */
  records: frRecords,
  /** `/bilan [année]`: the comité de pilotage's figures, card and file (issue 14 §6). */
  bilan: frBilan,
};

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) =>
    Object.hasOwn(values, k) ? String(values[k]) : m,
  );
}

/** An ISO instant shown in Paris time, French style. */
export function frDateTime(iso: string): string {
  return FR_DATE_TIME.format(new Date(iso)).replace(' ', ' à ');
}

// Built once: constructing an Intl formatter costs far more than using it.
const FR_DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
