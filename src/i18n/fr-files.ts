/**
 * Every French string of the national-table files (export, import, download links). The lead
 * wires it into the bot's catalogue; keys of `errors` are the files' stable codes
 * (domain/errors.ts).
 */
import type { FileErrorCode, FileErrorDetails } from '../domain/errors';

export const frFiles = {
  sheets: {
    table: 'Tableau national',
    info: 'Informations',
  },
  info: {
    title: 'Tableau national — contrat d’intégration républicaine (CIR)',
    structure: 'Structure',
    period: 'Période',
    periodRange: (from: string, to: string): string => `du ${from} au ${to}`,
    generatedAt: 'Généré le',
    generatedBy: 'Par',
    rowCount: 'Nombre de lignes',
    referentials: 'Version des référentiels',
    notice:
      'Document protégé : il ne peut pas être modifié. Les données personnelles qu’il contient ' +
      'sont réservées aux agents de la DT OFII et de la Mission Locale concernées.',
  },
  /**
   * One text per error code, given the error's details: frFiles.errors[error.code](error.details).
   */
  errors: {
    E_IMPORT_NOT_XLSX: () =>
      'Ce fichier n’est pas un classeur Excel (.xlsx) lisible. Enregistrez-le au format « Classeur Excel (.xlsx) » puis renvoyez-le.',
    E_IMPORT_PASSWORD_REQUIRED: () =>
      'Ce fichier est protégé par un mot de passe. Indiquez-le pour continuer.',
    E_IMPORT_BAD_PASSWORD: () =>
      'Le mot de passe ne permet pas d’ouvrir ce fichier. Vérifiez-le et réessayez.',
    E_IMPORT_UNSUPPORTED_ENCRYPTION: () =>
      'Ce fichier est chiffré d’une manière que la passerelle ne sait pas lire. Enregistrez-le sans mot de passe, ou avec Excel, puis renvoyez-le.',
    E_IMPORT_CORRUPTED: () =>
      'Ce fichier est endommagé : son contenu ne correspond pas à son chiffrement.',
    E_IMPORT_TOO_LARGE: (d) =>
      `Ce fichier est trop volumineux${d.maxBytes ? ` (limite : ${formatBytes(d.maxBytes)})` : ''}. Découpez-le en plusieurs fichiers.`,
    E_IMPORT_UNZIPPED_TOO_LARGE: (d) =>
      d.maxEntries
        ? `Ce fichier contient trop d’éléments une fois décompressé (limite : ${d.maxEntries.toLocaleString('fr-FR')}). Enregistrez le tableau seul dans un nouveau classeur puis renvoyez-le.`
        : `Ce fichier est trop volumineux une fois décompressé${d.maxUnzippedBytes ? ` (limite : ${formatBytes(d.maxUnzippedBytes)})` : ''}. Découpez-le en plusieurs fichiers.`,
    E_IMPORT_DAMAGED: (d) =>
      d.reason === 'size'
        ? 'Ce fichier est refusé : une fois décompressé, sa taille ne correspond pas à celle qu’il annonce (fichier endommagé ou piégé). Enregistrez-le de nouveau avec Excel puis renvoyez-le.'
        : d.reason === 'dtd'
          ? 'Ce fichier est refusé : il contient une déclaration XML (DTD) qu’un classeur Excel ne contient jamais. Enregistrez-le de nouveau avec Excel puis renvoyez-le.'
          : 'Ce fichier est endommagé ou incomplet et ne peut pas être lu. Enregistrez-le de nouveau avec Excel (« Classeur Excel (.xlsx) ») puis renvoyez-le.',
    E_IMPORT_TOO_MANY_ROWS: (d) =>
      `Ce tableau compte trop de lignes${d.maxRows ? ` (limite : ${d.maxRows.toLocaleString('fr-FR')})` : ''}. Découpez-le en plusieurs fichiers.`,
    E_IMPORT_HEADERS: (d) =>
      [
        'Les colonnes de ce tableau ne sont pas celles du tableau national. Aucune ligne n’a été importée.',
        d.missing?.length ? `Colonnes manquantes : ${d.missing.join(', ')}.` : '',
        d.unexpected?.length
          ? `Colonnes inconnues : ${d.unexpected.map((u) => `colonne ${u.column} « ${u.header} »`).join(', ')}.`
          : '',
        d.duplicated?.length ? `Colonnes en double : ${d.duplicated.join(', ')}.` : '',
      ]
        .filter((line) => line !== '')
        .join('\n'),
    E_IMPORT_EMPTY: () => 'Ce tableau ne contient aucune ligne à importer.',
    E_IMPORT_SEVERAL_SHEETS: (d) =>
      `Plusieurs feuilles de ce classeur ont les colonnes du tableau national (${(d.sheets ?? []).map((name) => `« ${name.slice(0, 40)} »`).join(', ')}). Gardez-en une seule, puis renvoyez le fichier.`,
    E_FILE_BUSY: () =>
      'La passerelle prépare déjà beaucoup de fichiers. Réessayez dans une minute.',
    E_FILE_TIMEOUT: () =>
      'La préparation du fichier a pris trop de temps et a été interrompue. Réessayez plus tard.',
    E_FILE_OUT_OF_MEMORY: () =>
      'Le traitement de ce fichier demandait trop de mémoire : il a été arrêté et rien n’a été enregistré. Découpez le tableau en plusieurs fichiers (ou choisissez une période plus courte), puis réessayez.',
    E_FILE_WORKER_CRASHED: () =>
      'Le traitement de ce fichier s’est arrêté de manière inattendue : rien n’a été enregistré. Réessayez ; si cela se reproduit, prévenez l’administrateur de la passerelle.',
    E_FILE_INTERNAL: () =>
      'Le fichier n’a pas pu être traité à cause d’une erreur de la passerelle. Réessayez plus tard.',
  } satisfies Record<FileErrorCode, (details: FileErrorDetails) => string>,
  /** Row-level codes the import adds to those of the data dictionary (i18n/fr.ts). */
  fieldErrors: {
    E_CIR_DUPLICATE_IN_FILE: 'Ce n° CIR figure déjà sur une ligne précédente du fichier.',
  },
  import: {
    summary: (accepted: number, refused: number): string =>
      `${plural(accepted, 'ligne importée', 'lignes importées')}, ${plural(refused, 'ligne refusée', 'lignes refusées')}.`,
    refusedLine: (line: number): string => `Ligne ${line}`,
    ignoredColumns: (labels: string[]): string =>
      `Les colonnes remplies par la DT (${labels.join(', ')}) ont été ignorées : elles sont complétées par la DT dans la passerelle.`,
    progress: (done: number, total: number): string =>
      `Vérification des lignes : ${done} / ${total}`,
  },
  download: {
    expiredTitle: 'Lien expiré',
    expired:
      'Ce lien de téléchargement a expiré ou a déjà servi le nombre de fois autorisé. Demandez un nouveau tableau avec la commande /tableau.',
    tamperedTitle: 'Lien non valide',
    tampered:
      'Ce lien de téléchargement n’est pas valide. Utilisez le lien envoyé par la passerelle, sans le modifier.',
  },
} as const;

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024)
    return `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
  return `${Math.ceil(bytes / 1024).toLocaleString('fr-FR')} Ko`;
}
