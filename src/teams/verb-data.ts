/**
 * What each verb's card data must look like, checked once by the router (verbs.ts) before the
 * handler runs: handlers receive typed values, never `typeof data.x` checks of their own.
 * Ids are opaque text; a missing or wrong one reads as '' and the handler answers "not found"
 * in French, as for any stale card. Forms whose fields the domain validates (flows 1–3, the
 * committee and directory forms) get the data as a plain record: their strict schemas live in
 * the domain, which refuses unknown fields field by field.
 */
import { z } from 'zod';
import { COMMITTEE_KINDS } from '../domain/committees';

const id = z.string().max(200).catch('');
/** A page number or offset: a number, or its digits as text. */
const whole = z.union([
  z.number().int(),
  z
    .string()
    .trim()
    .regex(/^-?\d{1,9}$/)
    .transform(Number),
]);

/** A form the domain validates: the fields as sent. */
export const formData = z.record(z.string(), z.unknown());
export const requestRef = z.looseObject({ requestId: id });
export const committeeRef = z.looseObject({ committeeId: id });
export const newCommittee = z.looseObject({
  partnershipId: id,
  kind: z.enum(COMMITTEE_KINDS).catch('COPIL'),
});
export const personRef = z.looseObject({ aadObjectId: id });
export const entityRef = z.looseObject({ id });
export const searchPage = z.looseObject({
  q: z
    .string()
    .catch('')
    .transform((q) => q.slice(0, 200)),
  page: whole.catch(1),
});
export const journalPage = z.looseObject({
  offset: whole.catch(0).transform((n) => Math.max(0, n)),
});
export const passwordReveal = z.looseObject({
  secretId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .catch(''),
  masquer: z.unknown().transform((v) => v === true || v === 'true'),
});
export const importPassword = z.looseObject({
  importId: id,
  motDePasse: z.string().max(1_000).catch(''),
});

export const openItemsPage = z.looseObject({ page: whole.catch(1) });
export const ficheRef = z.looseObject({ ficheId: id });

export type FormData = z.output<typeof formData>;
export type RequestRef = z.output<typeof requestRef>;
export type CommitteeRef = z.output<typeof committeeRef>;
export type NewCommittee = z.output<typeof newCommittee>;
export type PersonRef = z.output<typeof personRef>;
export type EntityRef = z.output<typeof entityRef>;
export type SearchPage = z.output<typeof searchPage>;
export type JournalPage = z.output<typeof journalPage>;
export type PasswordReveal = z.output<typeof passwordReveal>;
export type ImportPassword = z.output<typeof importPassword>;
export type OpenItemsPageData = z.output<typeof openItemsPage>;

// Issue 14: committees' minutes and shared figures.
/** A year on a card: a number, or its four digits as text. */
const year = z.union([
  z.number().int(),
  z
    .string()
    .trim()
    .regex(/^\d{4}$/)
    .transform(Number),
]);
export const partnershipRef = z.looseObject({ partnershipId: id });
export const figuresYear = z.looseObject({
  partnershipId: id,
  year: year.optional().catch(undefined),
});
export const figuresRef = z.looseObject({
  partnershipId: id,
  structureId: id,
  year: year.catch(0),
});
export type PartnershipRef = z.output<typeof partnershipRef>;
export type FiguresYear = z.output<typeof figuresYear>;
export type FiguresRef = z.output<typeof figuresRef>;

/** Offers of service (issue 14 §4). */
export const offerRef = z.looseObject({ offerId: id });
export const offerPage = z.looseObject({
  q: z
    .string()
    .catch('')
    .transform((q) => q.slice(0, 200)),
  page: whole.catch(1),
  partnershipId: id.optional().transform((v) => v ?? ''),
});
export type OfferRef = z.output<typeof offerRef>;
export type OfferPage = z.output<typeof offerPage>;
export type FicheRef = z.output<typeof ficheRef>;

/** `/journal`'s pages and export (issue 16 §1): the filter as typed, and the page's offset. */
export const auditJournalRef = z.looseObject({
  q: z
    .string()
    .catch('')
    .transform((q) => q.slice(0, 100)),
  offset: whole.catch(0).transform((n) => Math.max(0, n)),
});
export type AuditJournalRef = z.output<typeof auditJournalRef>;
