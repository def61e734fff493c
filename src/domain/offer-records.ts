/** The offers of service as stored (issue 14 §4): no person's data, the publisher's ids only. */

/** An offer sheet of a structure; its PDF, when it has one, is read apart (`fileContent`). */
export interface OfferRecord {
  id: string;
  structureId: string;
  title: string;
  audience: string;
  referral: string;
  contact: string;
  /** An https link, or null when the sheet is a PDF. */
  link: string | null;
  /** The PDF's name and size, or null. */
  fileName: string | null;
  fileSize: number | null;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

/** A PDF as sent to the bot, checked. */
export interface OfferFile {
  name: string;
  content: Buffer;
}

/** A PDF sent to the bot, waiting to be joined to the next sheet its sender saves. */
export interface OfferDraft {
  id: string;
  owner: string;
  fileName: string;
  fileSize: number;
  createdAt: string;
  expiresAt: string;
}
