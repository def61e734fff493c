/** French texts of the directory, partnerships and inboxes (issue 3); `fr.directory` in fr.ts. */

export const frDirectory = {
  /** Field error codes of the directory cards (merged into fr.fields). */
  fields: {
    E_EMAIL_INVALID: 'Adresse e-mail invalide.',
    E_PHONE_INVALID: 'Numéro français attendu (ex. 04 72 00 00 00, 06 12 34 56 78, +33 …, 0262 …).',
    E_DEPARTEMENT_INVALID:
      'Codes de département attendus, séparés par des virgules (01 à 95, 2A, 2B, 971 à 976).',
    E_ID_INVALID:
      'Identifiant : lettres minuscules, chiffres et traits d’union (ex. ml-villeurbanne).',
    E_ID_TAKEN: 'Cet identifiant existe déjà dans l’annuaire.',
    E_TENANT_INVALID:
      'Identifiant de locataire Entra attendu (GUID, ex. 11111111-2222-3333-4444-555555555555).',
    E_NAME_TOO_LONG_120: '120 caractères au maximum.',
    E_ROLE_KIND:
      'Un conseiller appartient à une Mission Locale, un correspondant à une DT OFII ou à une DDETS.',
    E_KIND_LOCKED: 'Le type d’une structure existante ne peut pas être changé.',
    E_DIRECTORY_SCOPE_FIELD: 'Cette structure relève d’un autre partenariat que le vôtre.',
    E_OWN_STRUCTURE_KEPT: 'Votre propre structure doit rester dans le partenariat.',
  } as Record<string, string>,

  labels: {
    name: 'Nom et prénom',
    structureId: 'Structure',
    role: 'Rôle',
    email: 'E-mail professionnel',
    phone: 'Téléphone professionnel',
    id: 'Identifiant',
    kind: 'Type',
    structureName: 'Nom de la structure',
    departements: 'Départements servis',
    tenantId: 'Locataire Microsoft 365 (tenant id)',
    partnershipName: 'Nom du partenariat',
    dtId: 'Direction territoriale OFII',
    mlIds: 'Missions Locales',
    ddetsId: 'DDETS (comité de pilotage), le cas échéant',
    ddetsNone: 'Aucune DDETS',
    postalAddress: 'Adresse postale (fiche de liaison)',
    openingHours: 'Horaires d’ouverture (fiche de liaison)',
    referentName: 'Nom du ou de la référent·e (fiche de liaison)',
  } as Record<string, string>,

  roles: {
    conseiller: 'Conseiller·ère',
    correspondant: 'Correspondant·e',
    admin: 'Administrateur·rice',
  } as Record<string, string>,
  kinds: { DT: 'DT OFII', ML: 'Mission Locale', DDETS: 'DDETS' } as Record<string, string>,

  search: {
    title: 'Annuaire de la Passerelle CIR',
    titleFor: 'Annuaire — « {query} »',
    count: '{count} résultat(s) — page {page}/{pages}',
    none: 'Aucun résultat. Essayez un nom, une structure, un rôle ou un numéro de département.',
    contact: 'Contacter',
    edit: 'Modifier',
    remove: 'Retirer',
    previous: '◀ Précédent',
    next: 'Suivant ▶',
    inbox: 'Boîte de réception',
    inboxChannel: 'Canal Teams rattaché',
    inboxPersonal: 'Conversations personnelles des membres',
    departements: 'Départements',
  },

  forms: {
    personAdd: 'Ajouter une personne à l’annuaire',
    personEdit: 'Modifier une fiche de l’annuaire',
    personIntro:
      'Coordonnées professionnelles uniquement. Le téléphone est enregistré au format international.',
    alreadyThere:
      'Cette personne figure déjà dans l’annuaire : sa fiche est affichée pour modification.',
    structureAdd: 'Nouvelle structure',
    structureEdit: 'Modifier la structure',
    partnershipAdd: 'Nouveau partenariat DT OFII – Missions Locales',
    partnershipEdit: 'Modifier le partenariat',
    save: 'Enregistrer',
    saved: 'Enregistré ({fields}).',
    unchanged: 'Aucun changement : rien n’a été enregistré.',
    removeConfirm:
      'Retirer {name} de l’annuaire ? Ses demandes restent suivies par sa structure ; l’historique garde trace de ses actions.',
    removeButton: 'Confirmer le retrait',
    removed: '{name} a été retiré(e) de l’annuaire.',
  },

  admin: {
    title: 'Administration de l’annuaire',
    intro:
      'Structures et partenariats à votre portée. Pour rattacher un canal, tapez la commande dans ce canal.',
    structures: 'Structures',
    partnerships: 'Partenariats',
    channel: 'Canal du partenariat',
    noChannel: 'aucun canal rattaché',
    newStructure: 'Nouvelle structure',
    newPartnership: 'Nouveau partenariat',
    journal: 'Journal des modifications',
    export: 'Exporter l’annuaire',
  },

  bindings: {
    inboxBound:
      'Ce canal est désormais la boîte de réception de la structure « {name} » : les nouvelles demandes y arriveront.',
    channelBound:
      'Ce canal est désormais le canal du partenariat {name} (rappels, comités, fichiers).',
    unbound:
      'Rattachement retiré : {names}. Les messages iront aux conversations personnelles des membres.',
    lostTitle: 'Canal perdu',
  },

  file: {
    exportTitle: 'Export de l’annuaire',
    exportReady:
      'Le fichier contient {structures} structure(s), {people} personne(s) et {partnerships} partenariat(s). Lien valable {minutes} minutes, {uses} téléchargement(s).',
    download: 'Télécharger l’annuaire (JSON)',
    importHelp:
      'Pour importer, envoyez-moi le fichier JSON de l’annuaire (format de l’export) en pièce jointe, dans cette conversation personnelle.',
    importProgress: 'Import de l’annuaire en cours…',
    importTitle: 'Import de l’annuaire',
    importSummary:
      '{added} ajout(s), {updated} modification(s), {unchanged} inchangé(s), {rejected} refus.',
    importRefused: 'Fichier refusé en entier, rien n’a été importé :',
    rejectedEntry: '{path} ({label})',
    /**
     * The directory file check speaks English (it also stops start-up): its usual reasons in
     * French.
     */
    problems: [
      [/email/i, 'Adresse e-mail invalide.'],
      [/French phone/, 'Numéro de téléphone français attendu.'],
      [/département code/, 'Code de département invalide (01 à 95, 2A, 2B, 971 à 976).'],
      [/^unknown structure/, 'Structure inconnue de l’annuaire et du fichier.'],
      [/lower-case id/, 'Identifiant : lettres minuscules, chiffres et traits d’union.'],
      [/Entra id/, 'Identifiant Entra (GUID) attendu.'],
      [/^duplicate/, 'En double dans le fichier.'],
      [
        /belongs to an ML|belongs to a DT/,
        'Un conseiller appartient à une Mission Locale, un correspondant à une DT OFII ou à une DDETS.',
      ],
      [/is not a DT|is not an ML/, 'Structure inconnue, ou qui n’est pas du bon type.'],
      [/Unrecognized key/, 'Champ non prévu par le format de l’annuaire.'],
    ] as [RegExp, string][],
  },

  journal: {
    title: 'Journal des modifications de l’annuaire',
    empty: 'Aucune modification enregistrée.',
    teams: 'Teams (bot retiré ou canal supprimé)',
    globalAdmin: 'Administrateur national',
    line: '{action} — {target}{fields}',
    more: 'Plus anciens ▶',
    actions: {
      'correspondent.add': 'Personne ajoutée',
      'correspondent.update': 'Fiche modifiée',
      'correspondent.reactivate': 'Personne réintégrée',
      'correspondent.move': 'Personne changée de structure',
      'correspondent.remove': 'Personne retirée',
      'structure.add': 'Structure créée',
      'structure.update': 'Structure modifiée',
      'partnership.add': 'Partenariat créé',
      'partnership.update': 'Partenariat modifié',
      'inbox.bind': 'Boîte de réception rattachée',
      'inbox.unbind': 'Boîte de réception détachée',
      'inbox.lost': 'Boîte de réception perdue (bot retiré)',
      'channel.bind': 'Canal de partenariat rattaché',
      'channel.unbind': 'Canal de partenariat détaché',
      'channel.lost': 'Canal de partenariat perdu (bot retiré)',
      'directory.export': 'Annuaire exporté',
      'directory.import': 'Annuaire importé',
    } as Record<string, string>,
  },
};
