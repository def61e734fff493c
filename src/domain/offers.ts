/**
 * The partners' offers of service (issue 14 §4, roadmap: "présentation des offres de service /
 * échanges de fiches d'information type"): each structure publishes sheets — title, public,
 * how to refer, contact, and an https link or a small PDF sent to the bot — and the partners
 * browse and search them, accents and case aside. Who may do what is checked here.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from './errors';
import type { Caller, Clock } from './model';
import type { OfferDraft, OfferFile, OfferRecord } from './offer-records';
import { mayChangeOffer, offerReadership, publisherStructure } from './offers-access';
import { validate, type FieldErrors } from './schemas';
import { fold } from './text';
import type { Store } from '../storage/store';

/** Offers per page of the list card. */
export const OFFERS_PAGE_SIZE = 5;
/** How long a form waits for its submit (and a PDF sent meanwhile). */
const DRAFT_TTL_MS = 60 * 60_000;

const required = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().replace(/[ \t]+/g, ' ') : v),
    z.string('E_FIELD_REQUIRED').min(1, 'E_FIELD_REQUIRED').max(max, 'E_OFFER_TOO_LONG'),
  );
const id = z.string().max(200).optional();

/** The publish form, strict: an unknown field is refused, not dropped. */
export const offerFormSchema = z.strictObject({
  offerId: id,
  formId: id,
  joindrePdf: z.enum(['true', 'false']).optional(),
  cardVersion: z.unknown().optional(),
  titre: required(120),
  public: required(300),
  orienter: required(1000),
  contact: required(300),
  lien: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string()
      .max(500, 'E_OFFER_TOO_LONG')
      .refine((v) => v === '' || isHttpsUrl(v), 'E_OFFER_LINK_INVALID')
      .optional(),
  ),
});
export type OfferForm = z.output<typeof offerFormSchema>;

function isHttpsUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'https:' && !!u.hostname && !u.username && !u.password;
  } catch {
    return false;
  }
}

export type OfferSubmit =
  | { ok: true; offer: OfferRecord; created: boolean }
  | {
      ok: false;
      fieldErrors: FieldErrors;
      unknownFields: string[];
      values: Record<string, unknown>;
      draft: OfferDraft | undefined;
    };

export interface OfferPage {
  offers: OfferRecord[];
  total: number;
  page: number;
  pages: number;
}

/** Offers whose text holds every word of the query, accents and case aside. */
export function searchOffers(
  offers: readonly OfferRecord[],
  query: string,
  structureName: (id: string) => string,
): OfferRecord[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const text = (o: OfferRecord) =>
    fold([o.title, o.audience, o.referral, o.contact, structureName(o.structureId)].join(' '));
  return offers
    .filter((o) => words.every((w) => text(o).includes(w)))
    .sort(
      (a, b) =>
        structureName(a.structureId).localeCompare(structureName(b.structureId), 'fr') ||
        a.title.localeCompare(b.title, 'fr'),
    );
}

/** One page (1-based, clamped) of a list. */
export function pageOf(offers: OfferRecord[], page: number): OfferPage {
  const pages = Math.max(1, Math.ceil(offers.length / OFFERS_PAGE_SIZE));
  const p = Math.min(Math.max(1, Math.trunc(page) || 1), pages);
  return {
    offers: offers.slice((p - 1) * OFFERS_PAGE_SIZE, p * OFFERS_PAGE_SIZE),
    total: offers.length,
    page: p,
    pages,
  };
}

export interface OfferServiceDeps {
  store: Store;
  clock: Clock;
  allowedTenants: string[];
}

export class OfferService {
  constructor(private readonly d: OfferServiceDeps) {}

  /** The offers the caller may read, optionally of one partnership, searched and paged. */
  async browse(
    caller: Caller,
    o: { query: string; page: number; partnershipId?: string },
  ): Promise<OfferPage & { names: Map<string, string> }> {
    const readership = await offerReadership(this.d.store, caller, this.d.allowedTenants);
    let ids = [...readership.structureIds];
    if (o.partnershipId) {
      const p = readership.partnerships.find((x) => x.id === o.partnershipId);
      if (!p) throw new DomainError('E_NO_PARTNERSHIP', { partnershipId: o.partnershipId });
      ids = [p.dtId, ...p.mlIds];
    }
    const names = await this.names(ids);
    const all = await this.d.store.offers.listFor(ids);
    const found = searchOffers(all, o.query, (s) => names.get(s) ?? s);
    return { ...pageOf(found, o.page), names };
  }

  /** One offer the caller may read, and whether they may change it. */
  async get(caller: Caller, offerId: string): Promise<{ offer: OfferRecord; mine: boolean }> {
    const readership = await offerReadership(this.d.store, caller, this.d.allowedTenants);
    const offer = await this.d.store.offers.get(offerId);
    if (!offer || !readership.structureIds.has(offer.structureId))
      throw new DomainError('E_OFFER_NOT_FOUND', { offerId });
    return { offer, mine: mayChangeOffer(caller, offer) };
  }

  /** An offer the caller may change, else a refusal. */
  async getOwn(caller: Caller, offerId: string): Promise<OfferRecord> {
    const { offer, mine } = await this.get(caller, offerId);
    if (!mine) throw new DomainError('E_OFFER_NOT_YOURS', { offerId });
    return offer;
  }

  /** What a publish (or edit) form shows: the sheet, and a PDF sent and not yet joined. */
  async form(
    caller: Caller,
    offerId: string | null,
  ): Promise<{ offer: OfferRecord | null; pending: OfferDraft | undefined }> {
    const offer = offerId ? await this.getOwn(caller, offerId) : null;
    if (!offer) await publisherStructure(this.d.store, caller, this.d.allowedTenants);
    return { offer, pending: await this.pendingDraft(caller.aadObjectId) };
  }

  /** Refuses anyone who may not publish (before a file they sent is even downloaded). */
  async requirePublisher(caller: Caller): Promise<void> {
    await publisherStructure(this.d.store, caller, this.d.allowedTenants);
  }

  /** The caller's PDF sent within the hour and not yet joined to a sheet. */
  pendingDraft(owner: string): Promise<OfferDraft | undefined> {
    return this.d.store.offers.latestDraft(owner, this.d.clock.now().toISOString());
  }

  /** A checked PDF waits (an hour) to be joined to the next sheet its sender saves. */
  async receive(caller: Caller, file: OfferFile): Promise<OfferDraft> {
    await publisherStructure(this.d.store, caller, this.d.allowedTenants);
    const now = this.d.clock.now();
    const draft: OfferDraft = {
      id: randomUUID(),
      owner: caller.aadObjectId,
      fileName: file.name,
      fileSize: file.content.length,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + DRAFT_TTL_MS).toISOString(),
    };
    await this.d.store.transaction((tx) => tx.offers.createDraft(draft, file));
    return draft;
  }

  /** Publish or edit submit: the offer, or the form's errors with the values typed. */
  async save(caller: Caller, input: Record<string, unknown>): Promise<OfferSubmit> {
    const now = this.d.clock.now().toISOString();
    const draft = await this.d.store.offers.latestDraft(caller.aadObjectId, now);
    const offerId = typeof input.offerId === 'string' && input.offerId ? input.offerId : null;
    const formId = typeof input.formId === 'string' && input.formId ? input.formId : null;
    const refuse = (fieldErrors: FieldErrors, unknownFields: string[] = []): OfferSubmit => ({
      ok: false,
      fieldErrors,
      unknownFields,
      values: input,
      draft,
    });
    // A retried or double-clicked publish finds the offer it made.
    if (!offerId && formId) {
      const made = await this.d.store.offers.getBySource(`${caller.aadObjectId}:${formId}`);
      if (made) return { ok: true, offer: made, created: false };
    }
    const existing = offerId ? await this.getOwn(caller, offerId) : null;
    const structureId =
      existing?.structureId ??
      (await publisherStructure(this.d.store, caller, this.d.allowedTenants));
    const v = validate(offerFormSchema, input);
    if (!v.ok) return refuse(v.fieldErrors, v.unknownFields);
    const link = v.value.lien || null;
    // A PDF sent since the form opened is joined unless the form says not to.
    const join = draft !== undefined && v.value.joindrePdf !== 'false';
    if (join && link) return refuse({ lien: 'E_OFFER_LINK_AND_PDF' });
    const file = join ? await this.d.store.offers.draftFile(draft.id) : undefined;
    if (!link && !file && !existing?.fileName) return refuse({ lien: 'E_OFFER_LINK_OR_PDF' });
    const offer: OfferRecord = {
      id: existing?.id ?? randomUUID(),
      structureId,
      title: v.value.titre,
      audience: v.value.public,
      referral: v.value.orienter,
      contact: v.value.contact,
      link,
      fileName: file ? file.name : link ? null : (existing?.fileName ?? null),
      fileSize: file ? file.content.length : link ? null : (existing?.fileSize ?? null),
      createdBy: existing?.createdBy ?? caller.aadObjectId,
      createdAt: existing?.createdAt ?? now,
      updatedBy: caller.aadObjectId,
      updatedAt: now,
    };
    const created = await this.d.store.transaction(async (tx) => {
      let made = true;
      if (existing) {
        if (!(await tx.offers.update(offer, file ?? (link ? null : 'keep'))))
          throw new DomainError('E_OFFER_NOT_FOUND', { offerId: offer.id });
      } else {
        made = await tx.offers.insert(
          offer,
          file ?? null,
          formId ? `${caller.aadObjectId}:${formId}` : null,
        );
      }
      if (file && draft) await tx.offers.deleteDraft(draft.id);
      await tx.audit.record({
        at: now,
        actor: caller.aadObjectId,
        action: existing ? 'offer.update' : 'offer.publish',
        detail: `offer=${offer.id} structure=${structureId} pdf=${offer.fileName ? 'yes' : 'no'}`,
      });
      return made;
    });
    return { ok: true, offer, created: created && !existing };
  }

  /** Withdraws a sheet of the caller's structure; false when it was already gone. */
  async withdraw(caller: Caller, offerId: string): Promise<boolean> {
    let offer: OfferRecord;
    try {
      offer = await this.getOwn(caller, offerId);
    } catch (err) {
      // A double click: the first one withdrew it.
      if (err instanceof DomainError && err.code === 'E_OFFER_NOT_FOUND') return false;
      throw err;
    }
    const at = this.d.clock.now().toISOString();
    return this.d.store.transaction(async (tx) => {
      const removed = await tx.offers.remove(offer.id);
      if (removed)
        await tx.audit.record({
          at,
          actor: caller.aadObjectId,
          action: 'offer.withdraw',
          detail: `offer=${offer.id} structure=${offer.structureId}`,
        });
      return removed;
    });
  }

  /** The PDF of an offer the caller may read. */
  async pdf(caller: Caller, offerId: string): Promise<OfferFile> {
    await this.get(caller, offerId);
    const file = await this.d.store.offers.fileContent(offerId);
    if (!file) throw new DomainError('E_OFFER_NOT_FOUND', { offerId });
    return file;
  }

  /** Structure names by id. */
  async names(ids: Iterable<string>): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const id of ids) out.set(id, (await this.d.store.directory.getStructure(id))?.name ?? id);
    return out;
  }
}
