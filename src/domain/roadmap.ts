/**
 * The partnership's roadmap record (issue 14 §3, DESIGN.md §8): signatories of the ML and DT
 * directions, date and place of signature, amendments, and the end date of the national
 * accord-cadre the roadmap depends on ("prend fin lorsque l'accord-cadre national arrive à
 * échéance"). After that date no new request (nor fiche de liaison) is accepted until an admin
 * records a renewal, i.e. a later end date.
 */
import { DomainError } from './errors';

/** What the guard reads: `tx.roadmaps` or the store's (structural, so the domain needs no port). */
export interface RoadmapReader {
  roadmaps: { get(partnershipId: string): Promise<Pick<RoadmapRecord, 'endDate'> | undefined> };
}

/** One signatory: a direction of a structure of the partnership. */
export interface Signatory {
  structureId: string;
  name: string;
  /** The signatory's function ("Directrice", "Directeur territorial"…). */
  fonction: string;
}

export interface RoadmapRecord {
  partnershipId: string;
  signatories: Signatory[];
  /** ISO AAAA-MM-JJ. */
  signedOn: string | null;
  signedPlace: string | null;
  /** The accord-cadre's end date for this partnership; null: the configured default. */
  endDate: string | null;
  updatedBy: string;
  updatedAt: string;
}

export interface Amendment {
  id: number;
  partnershipId: string;
  /** ISO AAAA-MM-JJ. */
  amendedOn: string;
  summary: string;
  createdBy: string;
  createdAt: string;
}

/** Days before the end date on which the partnership's admins are reminded. */
export const END_REMINDER_DAYS = [90, 30] as const;

/** The end date that applies: the partnership's own, else the configured default. */
export function effectiveEndDate(
  record: Pick<RoadmapRecord, 'endDate'> | undefined,
  defaultEndDate: string | undefined,
): string | undefined {
  return record?.endDate ?? defaultEndDate;
}

/**
 * Refuses new requests and fiches de liaison of a partnership whose accord-cadre has ended (the
 * end date itself is the last day accepted): E_PARTNERSHIP_ENDED, carrying the end date for the
 * French message, until an admin records a renewal. `today` is the Paris date (AAAA-MM-JJ);
 * `defaultEndDate` the configured ACCORD_CADRE_END_DATE. The one guard every creation path uses.
 */
export async function assertPartnershipActive(
  repo: RoadmapReader,
  partnershipId: string,
  today: string,
  defaultEndDate: string | undefined,
): Promise<void> {
  const endDate = effectiveEndDate(await repo.roadmaps.get(partnershipId), defaultEndDate);
  if (endDate && today > endDate)
    throw new DomainError('E_PARTNERSHIP_ENDED', { partnershipId, endDate: frDate(endDate) });
}

/** The refusal of a partnership whose accord-cadre has ended, or null while it runs. */
export async function endedRefusal(
  repo: RoadmapReader,
  partnershipId: string,
  today: string,
  defaultEndDate: string | undefined,
): Promise<DomainError | null> {
  try {
    await assertPartnershipActive(repo, partnershipId, today, defaultEndDate);
    return null;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
}

/** AAAA-MM-JJ shown JJ/MM/AAAA. */
export function frDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
