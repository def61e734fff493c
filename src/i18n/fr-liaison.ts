/** French texts of the fiche de liaison (flow 5): commands, cards, refusals, the PDF. */
import type { FicheStatus, SansSuiteReason } from '../domain/liaison';

export const frLiaison = {
  newFicheButton: 'Nouvelle fiche de liaison',
  errors: {
    E_FICHE_NOT_FOUND:
      'Fiche de liaison introuvable : elle a peut-être été effacée (durée de conservation). Tapez « suivi » pour les dossiers en cours de votre structure.',
    E_FICHE_NOT_YOUR_ML:
      "Cette fiche de liaison n'est pas adressée à votre Mission Locale : seule la Mission Locale destinataire peut y donner suite.",
    E_FICHE_PDF_DT_ONLY:
      'La fiche à remettre au signataire est réservée à la direction territoriale qui a rempli la fiche de liaison.',
  },
  fields: {
    E_CONTACT_TEXT_INVALID:
      'Texte trop long ou contenant des caractères non autorisés (< > ou retour à la ligne).',
    E_RESIDENCE_INVALID:
      'Indiquez le code postal de la commune de résidence (ex. 69100) ou le département (ex. 69, 2A, 974).',
    E_RESIDENCE_NO_ML:
      'Aucune Mission Locale de votre partenariat ne couvre ce département : la fiche ne peut pas être orientée. Vérifiez la résidence ou contactez l’administrateur du partenariat.',
    E_ML_CHOICE_NEEDED:
      'Plusieurs Missions Locales du partenariat couvrent ce département : choisissez la Mission Locale compétente.',
  },
  labels: {
    residence: 'Commune (code postal) ou département de résidence',
    mlId: 'Mission Locale compétente',
    targetMlId: 'Rediriger vers la Mission Locale',
    reason: 'Motif du classement sans suite',
  } as Record<string, string>,
  status: {
    proposee: 'Proposée à la Mission Locale',
    acceptee: 'Acceptée — demande ouverte',
    redirigee: 'Redirigée vers une autre Mission Locale',
    sans_suite: 'Classée sans suite',
  } satisfies Record<FicheStatus, string>,
  reasons: {
    injoignable: 'Jeune non joignable',
    refus: "Le jeune ne souhaite pas d'accompagnement",
    deja_suivi: 'Déjà suivi par une Mission Locale',
    hors_public: 'Hors du public de la Mission Locale',
    autre: 'Autre motif',
  } satisfies Record<SansSuiteReason, string>,
  formTitle: 'Fiche de liaison — orientation Mission Locale',
  formIntro:
    'À remplir pendant ou après l’entretien de visite d’accueil, si le signataire est intéressé par une orientation Mission Locale. La résidence sert uniquement à choisir la Mission Locale compétente : seul le département est conservé.',
  submit: 'Transmettre à la Mission Locale',
  title: 'Fiche de liaison n° {number}',
  detailButton: 'Voir le détail',
  refreshButton: 'Actualiser',
  acceptButton: 'Accepter et ouvrir la demande',
  redirectButton: 'Rediriger',
  closeButton: 'Classer sans suite',
  pdfButton: 'Fiche à remettre au signataire (PDF)',
  newForMl: 'Nouvelle fiche de liaison — {dt}.',
  createdHeadline: 'Fiche transmise — {ml}.',
  acceptedHeadline: 'Acceptée par {name} le {date} : demande n° {request} ouverte.',
  redirectedHeadline: 'Redirigée vers {ml} par {name} le {date}.',
  closedHeadline: 'Classée sans suite par {name} le {date} : {reason}.',
  alreadyDecided: 'Cette fiche a déjà été traitée : {what}. Rien n’a été modifié.',
  notifyAccepted: 'Fiche de liaison acceptée — {ml}.',
  notifyRedirected: 'Fiche de liaison redirigée vers {ml}.',
  notifyClosed: 'Fiche de liaison classée sans suite — {ml}.',
  outsider: 'Le détail de cette fiche est réservé aux structures concernées.',
  activityText: 'Fiche de liaison n° {number} — {status}',
  facts: {
    status: 'Statut',
    dt: 'DT OFII',
    ml: 'Mission Locale',
    departement: 'Département de résidence',
    createdAt: 'Transmise le',
    request: 'Demande ouverte',
  },
  pdfReady:
    'Fiche prête : le lien fonctionne jusqu’au {expires}, pour {uses} téléchargement(s) au plus. Elle n’est pas conservée au-delà.',
  pdfOpen: 'Télécharger la fiche (PDF)',
  pdf: {
    title: 'Fiche de liaison',
    subtitle: 'Orientation vers la Mission Locale',
    intro:
      'Vous avez signé le contrat d’intégration républicaine et souhaitez être accompagné(e) par une Mission Locale. Voici ses coordonnées. Votre conseiller vous recontactera ; vous pouvez aussi vous présenter avec ce document.',
    beneficiary: 'Remise à',
    date: 'Date',
    ml: 'Mission Locale',
    address: 'Adresse',
    phone: 'Téléphone',
    hours: 'Horaires d’ouverture',
    referent: 'Référent(e)',
    notGiven: 'non renseigné',
    footer:
      'Document remis par la direction territoriale de l’OFII dans le cadre du partenariat OFII – Missions Locales.',
    fileName: 'fiche-de-liaison-{number}.pdf',
  },
  /** The structure card's phone: the ML's reception, not a person's. */
  structurePhone: 'Téléphone d’accueil (fiche de liaison)',
};
