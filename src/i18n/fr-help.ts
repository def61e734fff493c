import { frJournal } from './fr-journal';

/**
 * The help card and the greeting (issue 18 §1): one line per command, keyed, so that each
 * person is shown the lines their role allows (src/teams/help.ts), in the order they use them.
 */
export const HELP_KEYS = [
  'demande',
  'suivi',
  'suiviNumero',
  'liaison',
  'tableau',
  'importer',
  'annuaire',
  'offres',
  'comite',
  'partenariat',
  'bilan',
  'aide',
  'annuaireAjouter',
  'annuaireAdmin',
  'annuaireBoite',
  'annuaireCanal',
  'annuaireDetacher',
  'annuaireFichier',
  'annuaireJournal',
  'journal',
] as const;
export type HelpKey = (typeof HELP_KEYS)[number];

export const frHelp = {
  title: 'Passerelle CIR — aide',
  intro:
    'Le bot relie la DT OFII et les Missions Locales de votre partenariat. Vos commandes (la barre « / » est facultative) :',
  adminTitle: 'Administration du partenariat',
  adminIntro: 'Réservé aux administrateurs ; les rattachements de canal se tapent dans le canal.',
  outsiderIntro:
    "Vous ne figurez pas encore dans l'annuaire de la Passerelle CIR : aucune commande ne vous est ouverte. Demandez à l'administrateur de votre partenariat (DT OFII ou Mission Locale) de vous ajouter avec « annuaire ajouter ».",
  lines: {
    demande: [
      'demande CIR',
      'Ouvrir une demande de parcours CIR pour un jeune de votre Mission Locale.',
    ],
    suivi: ['suivi', 'Vos dossiers en cours : ce qui attend votre réponse, puis votre partenaire.'],
    suiviNumero: [
      'suivi <n° demande ou n° CIR>',
      'Afficher une demande de votre structure et son état (ex. « suivi 2026-000042 »).',
    ],
    liaison: ['liaison', 'Remplir une fiche de liaison vers la Mission Locale compétente.'],
    tableau: [
      'tableau [période]',
      'Exporter le tableau national protégé de votre structure (ex. « tableau 2026 », « tableau 2026-01..2026-06 »).',
    ],
    importer: [
      '(fichier .xlsx)',
      'Importer un tableau national rempli : envoyez le fichier au bot en conversation personnelle (conseillers : demandes et prescriptions ; correspondants DT : leurs quatre champs).',
    ],
    annuaire: ['annuaire [texte]', 'Chercher un correspondant ou une structure.'],
    offres: [
      'offres [texte]',
      'Les offres de service des partenaires : chercher, publier, modifier.',
    ],
    comite: [
      'comite',
      'Voir les comités de pilotage et comités techniques (les administrateurs les planifient).',
    ],
    partenariat: [
      'partenariat',
      'La feuille de route du partenariat : signataires, avenants, fin de l’accord-cadre national (les administrateurs la modifient).',
    ],
    bilan: [
      'bilan [année]',
      'Bilan de l’année du partenariat pour le comité de pilotage : graphiques et fichier Excel protégé.',
    ],
    aide: ['aide', 'Afficher cette aide.'],
    annuaireAjouter: ['annuaire ajouter @Nom', 'Ajouter une personne mentionnée (dans un canal).'],
    annuaireAdmin: ['annuaire admin', 'Structures, partenariats, journal et export.'],
    annuaireBoite: [
      'annuaire boite [structure]',
      'Faire de ce canal la boîte de réception d’une structure.',
    ],
    annuaireCanal: ['annuaire canal [partenariat]', 'Faire de ce canal le canal du partenariat.'],
    annuaireDetacher: [
      'annuaire detacher [nom]',
      'Retirer le rattachement de ce canal, ou celui d’une structure ou d’un partenariat.',
    ],
    annuaireFichier: [
      'annuaire export / import',
      'Exporter ou importer l’annuaire (conversation personnelle).',
    ],
    annuaireJournal: ['annuaire journal', 'Historique des modifications de l’annuaire.'],
    journal: frJournal.helpLine,
  } satisfies Record<HelpKey, [string, string]>,
  /** The greeting's sentence on what this person can do first. */
  greeting: {
    hello: 'Bonjour ! Je suis la Passerelle CIR.',
    conseiller:
      'Pour commencer, tapez « demande CIR » pour transmettre une demande de parcours à la DT OFII ; « aide » liste vos autres commandes.',
    correspondant:
      'Pour commencer, tapez « suivi » pour voir les demandes des Missions Locales qui attendent votre réponse ; « aide » liste vos autres commandes.',
    ddets:
      'Pour commencer, tapez « comite » pour voir les comités du partenariat, ou « bilan » pour ses chiffres ; « aide » liste vos autres commandes.',
    admin:
      'Pour commencer, tapez « annuaire admin » pour voir les structures et les canaux de votre partenariat ; « aide » liste vos autres commandes.',
    known: 'Tapez « aide » pour voir ce que votre rôle vous permet.',
    outsider:
      "Vous ne figurez pas encore dans l'annuaire : demandez à l'administrateur de votre partenariat de vous ajouter. Tapez « aide » pour en savoir plus.",
  },
};
