/**
 * The check of an offer sheet's PDF (issue 14 §4): its size under the upload guard's limit and
 * its type by content — a PDF starts with `%PDF-` (within its first 1,024 bytes, as readers
 * allow) — never by its name. The bytes are stored as sent and served as a download.
 */
import { DomainError, FileError } from '../domain/errors';
import { checkUploadSize, type UploadLimit } from './upload-guard';

const MAGIC = Buffer.from('%PDF-', 'latin1');

/** True when the bytes are a PDF's. */
export function looksLikePdf(content: Buffer): boolean {
  const at = content.subarray(0, 1024).indexOf(MAGIC);
  return at >= 0 && content.length > at + MAGIC.length + 3;
}

/** Refuses a file that is too large (E_OFFER_PDF_TOO_LARGE) or not a PDF (E_OFFER_NOT_PDF). */
export function checkOfferPdf(limit: UploadLimit, content: Buffer): void {
  try {
    checkUploadSize(limit, content.length);
  } catch (err) {
    if (err instanceof FileError)
      throw new DomainError('E_OFFER_PDF_TOO_LARGE', { bytes: content.length });
    throw err;
  }
  if (!looksLikePdf(content)) throw new DomainError('E_OFFER_NOT_PDF', { bytes: content.length });
}

/** A safe file name to store and serve: the sent name's last part, ending in .pdf. */
export function offerFileName(sent: string): string {
  const base = [...(sent.split(/[\\/]/).pop() ?? '')]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && c !== '"')
    .join('')
    .trim();
  const name = base.slice(0, 120) || 'fiche';
  return /\.pdf$/i.test(name) ? name : `${name}.pdf`;
}
