/**
 * French texts of the national table in Teams (issue 4): `/tableau`, the password card, the
 * import by file. The files library's own texts (errors, sheet labels) are in fr-files.ts.
 */

export const frTableau = {
  errors: {
    E_TABLEAU_PERIOD:
      'Période non reconnue. Exemples : « tableau 2026 » (une année), « tableau 2026-03 » (un mois), « tableau 2026-01..2026-06 » (plusieurs mois), « tableau 01/03/2026..15/04/2026 » (des jours). Sans période : l’année en cours.',
    E_TABLEAU_PERSONAL_CHAT_NEEDED:
      'Le mot de passe du tableau n’est remis qu’en conversation personnelle avec le bot, et vous n’en avez pas encore ouvert. Ouvrez une conversation avec « Passerelle CIR » dans Teams, écrivez « aide », puis relancez « tableau ».',
    E_TABLEAU_IMPORT_PERSONAL_ONLY:
      'Pour protéger les données personnelles, un tableau à importer s’envoie en conversation personnelle avec le bot, pas dans un canal ni dans un groupe. Le fichier n’a pas été lu.',
    E_TABLEAU_FILE_UNREADABLE:
      'Le fichier n’a pas pu être récupéré depuis Teams. Renvoyez-le dans un instant. Rien n’a été importé.',
    E_TABLEAU_IMPORT_GONE:
      'Ce fichier n’est plus en attente (délai dépassé, trop d’essais ou import déjà fait). Renvoyez le fichier pour recommencer.',
    E_TABLEAU_IMPORT_RUNNING:
      'Ce fichier est déjà en cours d’import. Patientez : le résultat s’affichera ici.',
    E_TABLEAU_PASSWORD_NOT_YOURS:
      'Ce mot de passe est réservé à la personne qui a demandé le tableau.',
    E_TABLEAU_PASSWORD_ERASED:
      'Le mot de passe de ce tableau a été effacé (délai d’affichage dépassé). Relancez « tableau » pour obtenir un nouveau fichier.',
  },
  export: {
    title: 'Tableau national CIR',
    preparing: 'Préparation du tableau — {structure}, demandes du {from} au {to}…',
    readyLink:
      'Tableau prêt — {structure} ({rows}, demandes du {from} au {to}). Le lien fonctionne jusqu’au {expires}, pour {uses} téléchargement(s) au plus.',
    readyGraph:
      'Tableau déposé dans l’onglet « Fichiers » de ce canal — {structure} ({rows}, demandes du {from} au {to}) : {fileName}.',
    /** Before the link of a table without rows (issue 18 §4): say so first. */
    empty:
      'Aucune demande de {structure} du {from} au {to} : le tableau ne contient que ses en-têtes (un modèle à remplir pour un import). Pour une autre période : « tableau 2025 », « tableau 2026-01..2026-06 » ; pour vos dossiers en cours : « suivi ».',
    passwordInPersonalChat:
      'Le fichier est chiffré : son mot de passe vous a été envoyé en conversation personnelle.',
    passwordBelow: 'Le fichier est chiffré : son mot de passe s’affiche avec le message suivant.',
    download: 'Télécharger le tableau',
    openFile: 'Ouvrir le fichier',
    failed: 'Le tableau n’a pas pu être préparé. {reason}',
    interrupted:
      'La préparation a été interrompue (redémarrage de la passerelle). Relancez « tableau ».',
  },
  password: {
    title: 'Mot de passe du tableau national',
    intro:
      'Mot de passe du fichier {fileName}. Il ne s’affiche qu’à vous, à votre demande, jusqu’au {until} ; il est ensuite effacé.',
    reveal: 'Afficher le mot de passe',
    hide: 'Masquer le mot de passe',
    shown: 'Mot de passe à saisir à l’ouverture du fichier :',
    advice: 'Ne l’écrivez ni dans un message ni dans le courriel qui accompagne le fichier.',
  },
  import: {
    title: 'Import du tableau national',
    help: 'Pour importer un tableau national rempli, envoyez le fichier .xlsx (avec ou sans mot de passe) au bot, ici en conversation personnelle : chaque ligne valide devient une demande transmise à la DT, et un rapport liste les lignes refusées.',
    reading: 'Lecture du fichier « {name} »…',
    askPassword:
      'Le fichier « {name} » est protégé par un mot de passe. Saisissez-le pour l’importer.',
    passwordLabel: 'Mot de passe du fichier',
    submit: 'Importer',
    checking: 'Ouverture du fichier avec le mot de passe…',
    attemptsLeft: 'Essais restants : {n}.',
    refusedFile: 'Le fichier a été refusé en entier : aucune demande n’a été créée.',
    created: '{n} demande(s) créée(s) et transmise(s) — {dt}.',
    noneCreated: 'Aucune demande n’a été créée.',
    duplicates:
      '{n} ligne(s) non recréée(s) : une demande en cours existe déjà pour le même n° CIR.',
    duplicateLine: 'N° CIR déjà dans la demande en cours n° {number} : non recréée.',
    line: 'Ligne {line}',
    more: '… et {n} autre(s) ligne(s) refusée(s) : corrigez d’abord celles-ci puis renvoyez les lignes concernées.',
    interrupted:
      'L’import a été interrompu (redémarrage de la passerelle) : aucune demande n’a été créée. Renvoyez le fichier.',
    resend:
      'Corrigez les lignes refusées puis renvoyez-les seules : les lignes importées ne doivent pas être renvoyées.',
  },
} as const;

/** "1 ligne", "12 lignes", French style. */
export function frRows(n: number): string {
  return `${n.toLocaleString('fr-FR')} ${n > 1 ? 'lignes' : 'ligne'}`;
}
