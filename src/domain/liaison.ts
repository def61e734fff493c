/**
 * The fiche de liaison (DESIGN.md §3 flow 5): its record, statuses, closing reasons, strict
 * schemas, the routing field (département of residence), and a structure's contact details
 * printed on the fiche's PDF. Pure: no storage, no Teams.
 */
import { z } from 'zod';
import { DEPARTEMENT_CODE, normalizePhone } from './contact-fields';
import { identityShape, type Identity, type SchemaContext } from './schemas';

export const FICHE_STATUSES = ['proposee', 'acceptee', 'redirigee', 'sans_suite'] as const;
export type FicheStatus = (typeof FICHE_STATUSES)[number];
/** Waiting on the ML it is addressed to: proposed, or redirected to another ML. */
export const OPEN_FICHE_STATUSES: readonly FicheStatus[] = ['proposee', 'redirigee'];

/** Why an ML closes a fiche without follow-up: a closed list, never free text (DPO). */
export const SANS_SUITE_REASONS = [
  'injoignable',
  'refus',
  'deja_suivi',
  'hors_public',
  'autre',
] as const;
export type SansSuiteReason = (typeof SANS_SUITE_REASONS)[number];

export interface FicheRecord {
  id: string;
  number: string;
  status: FicheStatus;
  dtId: string;
  /** The ML the fiche is addressed to now (changes on a redirect). */
  mlId: string;
  partnershipId: string;
  /** Routing only: the département of residence, never the commune or an address. */
  departement: string;
  /** Null once erased by retention. */
  identity: Identity | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  reason: SansSuiteReason | null;
  /** The request opened when the ML accepted the fiche. */
  requestId: string | null;
}

export interface FicheEvent {
  ficheId: string;
  at: string;
  actor: string;
  kind: string;
  /** Ids and codes only, never the person's values. */
  detail?: string;
}

/** A decision on an open fiche: the fields that change, applied only if it is still open. */
export interface FicheDecision {
  status: Exclude<FicheStatus, 'proposee'>;
  mlId: string;
  decidedBy: string;
  decidedByName: string;
  at: string;
  reason: SansSuiteReason | null;
  requestId: string | null;
}

/** What a structure shows on a fiche's PDF; every field optional (null: not given). */
export interface StructureContact {
  postalAddress: string | null;
  phone: string | null;
  openingHours: string | null;
  referentName: string | null;
}

export const CONTACT_FIELDS = ['postalAddress', 'phone', 'openingHours', 'referentName'] as const;

export const EMPTY_CONTACT: StructureContact = {
  postalAddress: null,
  phone: null,
  openingHours: null,
  referentName: null,
};

/**
 * A département code from what the auditor typed: the code itself ("69", "2a", "974") or the
 * commune's postal code ("69100", "20090", "97411"). Null when it is neither.
 */
export function departementOf(raw: string): string | null {
  const v = raw.trim().toUpperCase().replace(/\s+/g, '');
  const code = /^\d$/.test(v) ? `0${v}` : v;
  if (DEPARTEMENT_CODE.test(code)) return code;
  if (!/^\d{5}$/.test(v)) return null;
  let dep: string;
  if (v.startsWith('97')) dep = v.slice(0, 3);
  // Corsica's postal codes: 200xx–201xx Corse-du-Sud, 202xx–206xx Haute-Corse.
  else if (v.startsWith('20')) dep = Number(v.slice(2, 3)) <= 1 ? '2A' : '2B';
  else dep = v.slice(0, 2);
  return DEPARTEMENT_CODE.test(dep) ? dep : null;
}

const text = z.preprocess(
  (v) => (v === undefined || v === null ? '' : v),
  z.string({ error: 'E_FIELD_INVALID' }),
);
const optionalId = text.pipe(
  z.string().regex(/^[A-Za-z0-9_-]{0,64}$/, { error: 'E_FIELD_INVALID' }),
);
const cardVersion = z.unknown().optional();

/** Flow 5 (DT → ML): the flow-1 identity, the residence for routing, and the ML when chosen. */
export function ficheSchema(ctx: SchemaContext) {
  return z.strictObject({
    ...identityShape(ctx),
    residence: text.transform((v, c) => {
      if (v.trim() === '') c.addIssue({ code: 'custom', message: 'E_FIELD_REQUIRED' });
      const dep = departementOf(v);
      if (v.trim() !== '' && !dep) c.addIssue({ code: 'custom', message: 'E_RESIDENCE_INVALID' });
      return dep ?? '';
    }),
    mlId: optionalId.optional(),
    /** The form's own id: one form makes one fiche, wherever it was opened. */
    formId: optionalId.optional(),
    cardVersion,
  });
}

/**
 * An ML's decision on a fiche (accept, redirect, close): one strict shape, since a card's
 * Action.Execute sends every input of the card whichever button was pressed.
 */
export const ficheDecisionSchema = z.strictObject({
  ficheId: text.pipe(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'E_FIELD_INVALID' })),
  cardVersion,
  targetMlId: optionalId.optional(),
  reason: text.optional(),
});

export type FicheInput = z.output<ReturnType<typeof ficheSchema>>;
export type FicheDecisionInput = z.output<typeof ficheDecisionSchema>;

const contactText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => isPlainLine(v), { message: 'expected plain text on one line' });

/** The contact fields of a structure in the directory file (DESIGN.md §1), all optional. */
export const structureContactShape = {
  postalAddress: contactText(200).optional(),
  // E.164 whatever the file's spelling, as for people: a re-import of an export changes nothing.
  phone: z
    .string()
    .transform(
      (v, ctx) =>
        normalizePhone(v) ??
        (ctx.addIssue({ code: 'custom', message: 'expected a French phone number' }), v),
    )
    .optional(),
  openingHours: contactText(200).optional(),
  referentName: contactText(120).optional(),
};

/** A structure entry's contact fields, as stored. */
export function contactOfFileEntry(s: {
  postalAddress?: string;
  phone?: string;
  openingHours?: string;
  referentName?: string;
}): StructureContact {
  return {
    postalAddress: s.postalAddress ?? null,
    phone: s.phone ?? null,
    openingHours: s.openingHours ?? null,
    referentName: s.referentName ?? null,
  };
}

const isPlainLine = (v: string) => !/[<>]/.test(v) && ![...v].some((ch) => ch.charCodeAt(0) < 0x20);

/** An optional line of text on the admin's structure card: '' is null; a bad one a code. */
function contactInput(check: (v: string) => string | null, code: string) {
  return text.transform((raw, ctx) => {
    const v = raw.trim().replace(/\s+/g, ' ');
    if (!v) return null;
    const out = check(v);
    if (out === null) ctx.addIssue({ code: 'custom', message: code });
    return out;
  });
}

const line = (max: number) => (v: string) => (v.length <= max && isPlainLine(v) ? v : null);

/** The contact fields of the admin's structure card (directory-inputs.ts spreads them). */
export const structureContactFormShape = {
  postalAddress: contactInput(line(200), 'E_CONTACT_TEXT_INVALID'),
  phone: contactInput(normalizePhone, 'E_PHONE_INVALID'),
  openingHours: contactInput(line(200), 'E_CONTACT_TEXT_INVALID'),
  referentName: contactInput(line(120), 'E_CONTACT_TEXT_INVALID'),
};
