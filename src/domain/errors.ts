/**
 * The error catalogue, the one place for every code the bot refuses or fails with: the
 * domain's and the request flows' (French text in i18n/fr.ts), then the national-table files'
 * (export, import, download links; French text in i18n/fr-files.ts). Codes are stable; logs
 * carry codes and ids, never personal data.
 */

export const ERROR_CODES = [
  'E_NOT_IN_DIRECTORY',
  'E_TENANT_NOT_ALLOWED',
  'E_TENANT_MISMATCH',
  'E_ROLE_FORBIDDEN',
  'E_NO_PARTNERSHIP',
  'E_NOT_ROUTED_DT',
  'E_NOT_OWN_ML',
  'E_REQUEST_NOT_FOUND',
  'E_REQUEST_ALREADY_ANSWERED',
  'E_REQUEST_NOT_ANSWERABLE',
  'E_REQUEST_ERASED',
  'E_FIELDS_NOT_ALLOWED',
  'E_INVALID_INPUT',
  'E_SUIVI_USAGE',
  'E_UNKNOWN_VERB',
  'E_CARD_DATA_INVALID',
  'E_DIRECTORY_ADMIN_ONLY',
  'E_DIRECTORY_OUT_OF_SCOPE',
  'E_DIRECTORY_NOT_FOUND',
  'E_DIRECTORY_AMBIGUOUS',
  'E_DIRECTORY_CHANNEL_ONLY',
  'E_DIRECTORY_PERSONAL_ONLY',
  'E_DIRECTORY_MENTION_NEEDED',
  'E_DIRECTORY_MEMBER_LOOKUP',
  'E_DIRECTORY_FILE_UNREADABLE',
  'E_DIRECTORY_LINK_INVALID',
  'E_COMMITTEE_NOT_FOUND',
  'E_COMMITTEE_CANCELLED',
  'E_BILAN_USAGE',
  'E_TABLEAU_PERIOD',
  'E_TABLEAU_PERSONAL_CHAT_NEEDED',
  'E_TABLEAU_IMPORT_PERSONAL_ONLY',
  'E_TABLEAU_FILE_UNREADABLE',
  'E_TABLEAU_IMPORT_GONE',
  'E_TABLEAU_IMPORT_RUNNING',
  'E_TABLEAU_PASSWORD_NOT_YOURS',
  'E_TABLEAU_PASSWORD_ERASED',
  'E_UNKNOWN_COMMAND',
  'E_INTERNAL',
  'E_MINUTES_FORBIDDEN',
  'E_MINUTES_TOO_EARLY',
  'E_FIGURES_FORBIDDEN',
  'E_FIGURES_LOCKED',
  'E_FIGURES_YEAR',
  'E_BILAN_FORBIDDEN',
  'E_OFFER_NOT_FOUND',
  'E_OFFER_NOT_YOURS',
  'E_OFFER_DRAFT_GONE',
  'E_OFFER_NOT_PDF',
  'E_OFFER_PDF_TOO_LARGE',
  'E_OFFER_PERSONAL_ONLY',
  'E_DDETS_NO_PERSONAL_DATA',
  'E_PARTNERSHIP_ENDED',
  'E_ROADMAP_NOT_FOUND',
  'E_FICHE_NOT_FOUND',
  'E_FICHE_NOT_YOUR_ML',
  'E_FICHE_PDF_DT_ONLY',
  'E_NOT_CONCERNED',
  'E_REQUEST_NOT_CORRECTABLE',
  'E_CANCEL_NOT_ALLOWED',
  'E_UPDATE_NOT_ALLOWED',
  'E_TENANT_MISSING',
  'E_STRUCTURE_WITHOUT_TENANT',
  'E_DIRECTORY_OWN_STRUCTURE_ONLY',
  // Issue 16 §1: the audit journal.
  'E_JOURNAL_ADMIN_ONLY',
  'E_JOURNAL_PERSONAL_ONLY',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A refusal the user must be told about; `details` holds ids only, never personal data. */
export class DomainError extends Error {
  constructor(
    public readonly code: ErrorCode,
    public readonly details: Record<string, string | number | boolean | undefined> = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

// The national-table files: messages never carry personal data (the message is the code, and
// `details` hold counts, limits and column names only).

export const FILE_ERROR_CODES = [
  'E_IMPORT_NOT_XLSX',
  'E_IMPORT_PASSWORD_REQUIRED',
  'E_IMPORT_BAD_PASSWORD',
  'E_IMPORT_UNSUPPORTED_ENCRYPTION',
  'E_IMPORT_CORRUPTED',
  'E_IMPORT_TOO_LARGE',
  'E_IMPORT_UNZIPPED_TOO_LARGE',
  'E_IMPORT_DAMAGED',
  'E_IMPORT_TOO_MANY_ROWS',
  'E_IMPORT_HEADERS',
  'E_IMPORT_EMPTY',
  'E_IMPORT_SEVERAL_SHEETS',
  'E_FILE_BUSY',
  'E_FILE_TIMEOUT',
  'E_FILE_OUT_OF_MEMORY',
  'E_FILE_WORKER_CRASHED',
  'E_FILE_INTERNAL',
] as const;
export type FileErrorCode = (typeof FILE_ERROR_CODES)[number];

/**
 * Why a zip container was found damaged: `truncated` (no readable central directory), `crc` (a
 * part's content does not match its checksum), `size` (a part inflates to another size than it
 * declares, e.g. a forged "zip bomb"), `dtd` (an XML part declares a DTD, which OOXML forbids),
 * `structure` (duplicate or unreadable parts, unknown compression or zip-level encryption).
 */
export type DamageReason = 'truncated' | 'crc' | 'size' | 'dtd' | 'structure';

/** A header that does not belong to the national format, with where it was found. */
export interface UnexpectedHeader {
  /** Excel column letter, e.g. "K". */
  column: string;
  /** The header as typed in the file (shown back to its author; do not log it). */
  header: string;
}

export interface FileErrorDetails {
  /** Limits and measured sizes, for E_IMPORT_TOO_LARGE / E_IMPORT_TOO_MANY_ROWS. */
  maxBytes?: number;
  bytes?: number;
  maxRows?: number;
  rows?: number;
  /** E_IMPORT_UNZIPPED_TOO_LARGE: the cap on inflated bytes, and what was produced or declared. */
  maxUnzippedBytes?: number;
  unzippedBytes?: number;
  /** E_IMPORT_UNZIPPED_TOO_LARGE: the cap on parts in the zip, and how many it has. */
  maxEntries?: number;
  entries?: number;
  /** E_IMPORT_DAMAGED: what is wrong with the container (a fixed word, never file content). */
  reason?: DamageReason;
  /** E_IMPORT_HEADERS: national labels absent from the file. */
  missing?: string[];
  /** E_IMPORT_HEADERS: headers of the file that are not national ones. */
  unexpected?: UnexpectedHeader[];
  /** E_IMPORT_HEADERS: national labels present more than once. */
  duplicated?: string[];
  /** E_IMPORT_SEVERAL_SHEETS: sheets that have the national headers (shown, never logged). */
  sheets?: string[];
  /** E_FILE_INTERNAL: the class of the underlying error (never its message). */
  cause?: string;
  /** E_FILE_BUSY / E_FILE_TIMEOUT. */
  queued?: number;
  timeoutMs?: number;
}

/** A refusal or failure of the files module, with a stable code and log-safe details. */
export class FileError extends Error {
  override readonly name = 'FileError';

  constructor(
    readonly code: FileErrorCode,
    readonly details: FileErrorDetails = {},
  ) {
    // The message is the code on purpose: an Error's message ends up in logs.
    super(code);
  }

  /** The fields an operator's log line may carry: the code and numbers, never typed text. */
  toLog(): Record<string, string | number> {
    const out: Record<string, string | number> = { code: this.code };
    for (const [key, value] of Object.entries(this.details)) {
      if (typeof value === 'number') out[key] = value;
      else if (Array.isArray(value)) out[`${key}Count`] = value.length;
    }
    if (this.details.cause) out.cause = this.details.cause;
    if (this.details.reason) out.reason = this.details.reason;
    return out;
  }
}

/** True when the value is a FileError. */
export function isFileError(value: unknown): value is FileError {
  return value instanceof FileError;
}
