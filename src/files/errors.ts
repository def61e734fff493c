/**
 * The error catalogue of the national-table files (export, import, download links). Codes are
 * stable; the French text lives in i18n/fr-files.ts. Messages never carry personal data: the
 * message is the code, and `details` hold counts, limits and column names only.
 */

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
