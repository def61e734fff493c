/**
 * The one guard for every file a user sends the bot: each kind of upload has its limits here,
 * read from configuration (README's configuration table), and every reader goes through
 * checkUploadSize() on the bytes received and, for zip containers (xlsx), unzipUpload(), which
 * inflates under hard caps. A new kind (offer sheets, shared figures) is one more row in
 * UPLOAD_KINDS and in uploadLimits(), and the same two calls.
 */
import { unzipBounded, type UnzipLimits } from './bounded-unzip';
import { FileError } from '../domain/errors';

/** Every kind of file the bot accepts from a user. */
export const UPLOAD_KINDS = ['nationalTable', 'directoryFile', 'offerSheet'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

/** What one kind of upload may cost. */
export interface UploadLimit {
  /** Bytes of the file as sent (checked while it downloads). */
  maxBytes: number;
  /** Zip containers only: caps on inflating it, counted on the bytes produced. */
  unzip?: UnzipLimits;
}

export type UploadLimits = Readonly<Record<UploadKind, UploadLimit>>;

/** Parts of an xlsx: a workbook has a few dozen; thousands only serve to exhaust the reader. */
export const MAX_ZIP_ENTRIES = 1000;

/** The settings behind the limits, as configuration gives them (bytes). */
export interface UploadSettings {
  /** IMPORT_MAX_BYTES */
  nationalTableBytes: number;
  /** IMPORT_MAX_UNZIPPED_BYTES: all parts together, and so any one part. */
  nationalTableUnzippedBytes: number;
  /** DIRECTORY_IMPORT_MAX_BYTES */
  directoryFileBytes: number;
  /** OFFER_PDF_MAX_BYTES: an offer sheet's PDF (issue 14 §4); optional for older callers. */
  offerSheetBytes?: number;
}

export const DEFAULT_UPLOAD_SETTINGS: UploadSettings = {
  nationalTableBytes: 5 * 1024 * 1024,
  // A 5,000-row table (the default IMPORT_MAX_ROWS) inflates to about 2 MB. exceljs builds the
  // whole sheet in memory, about 20 times its inflated bytes for a dense one: the costliest file
  // under 8 MiB grows the bot by ~190 MB (npm run bench). 100,000 rows need ~25 MB: raise both.
  nationalTableUnzippedBytes: 8 * 1024 * 1024,
  // A directory of a few thousand people is well under this.
  directoryFileBytes: 2 * 1024 * 1024,
  // A one- or two-page information sheet, with a logo, is well under this.
  offerSheetBytes: 2 * 1024 * 1024,
};

/** The limits table, one row per kind. */
export function uploadLimits(settings: UploadSettings = DEFAULT_UPLOAD_SETTINGS): UploadLimits {
  return {
    nationalTable: {
      maxBytes: settings.nationalTableBytes,
      unzip: {
        maxEntries: MAX_ZIP_ENTRIES,
        maxEntryBytes: settings.nationalTableUnzippedBytes,
        maxTotalBytes: settings.nationalTableUnzippedBytes,
      },
    },
    directoryFile: { maxBytes: settings.directoryFileBytes },
    // A PDF is stored as sent, never inflated or parsed: its size and its magic are the checks.
    offerSheet: {
      maxBytes: settings.offerSheetBytes ?? (DEFAULT_UPLOAD_SETTINGS.offerSheetBytes as number),
    },
  };
}

/** Refuses (E_IMPORT_TOO_LARGE) a file, or the part of it received so far, over the kind's size. */
export function checkUploadSize(limit: UploadLimit, bytes: number): void {
  if (bytes > limit.maxBytes) {
    throw new FileError('E_IMPORT_TOO_LARGE', { maxBytes: limit.maxBytes, bytes });
  }
}

/** The parts of an uploaded zip container, inflated under the kind's caps. */
export async function unzipUpload(limit: UploadLimit, zip: Buffer): Promise<Map<string, Buffer>> {
  checkUploadSize(limit, zip.length);
  if (!limit.unzip) throw new Error('unzipUpload: this kind of upload is not a zip container');
  return unzipBounded(zip, limit.unzip);
}
