/**
 * The flows' strict schemas (DESIGN.md §2): one per flow, refusing any field the flow may not
 * carry. Field errors are stable codes keyed by the data dictionary's ids.
 */
import { z } from 'zod';
import {
  CIVILITES,
  checkBirthDate,
  checkCir,
  checkName,
  normalizeCir,
  normalizeName,
  parseDate,
  parseInteger,
} from './fields';
import type { Referentials, ReferentialName } from './referentials';
import { CANCEL_REASONS, MOTIFS } from './request-life-codes';

export interface SchemaContext {
  /** Today's date (ISO) in Europe/Paris, from the injected clock. */
  today: string;
  cirPattern: RegExp;
  referentials: Referentials;
}

export type FieldErrors = Record<string, string>;
export type Validation<T> =
  { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors; unknownFields: string[] };

const text = z.preprocess(
  (v) => (v === undefined || v === null ? '' : v),
  z.string({ error: 'E_FIELD_INVALID' }),
);

function nameField() {
  return text.transform((v, ctx) => {
    const value = normalizeName(v);
    const code = checkName(value);
    if (code) ctx.addIssue({ code: 'custom', message: code });
    return value;
  });
}

function cirField(pattern: RegExp) {
  return text.transform((v, ctx) => {
    const value = normalizeCir(v);
    const code = checkCir(value, pattern);
    if (code) ctx.addIssue({ code: 'custom', message: code });
    return value;
  });
}

function birthDateField(today: string) {
  return text.transform((v, ctx) => {
    if (v.trim() === '') {
      ctx.addIssue({ code: 'custom', message: 'E_FIELD_REQUIRED' });
      return '';
    }
    const iso = parseDate(v);
    const code = checkBirthDate(iso, today);
    if (code) ctx.addIssue({ code: 'custom', message: code });
    return iso ?? '';
  });
}

function choiceField<T extends string>(codes: readonly T[]) {
  return text.transform((v, ctx) => {
    const value = v.trim();
    if (value === '') ctx.addIssue({ code: 'custom', message: 'E_FIELD_REQUIRED' });
    else if (!(codes as readonly string[]).includes(value))
      ctx.addIssue({ code: 'custom', message: 'E_CHOICE_INVALID' });
    return value as T;
  });
}

function referentialField(refs: Referentials, name: ReferentialName) {
  return choiceField(refs[name].map((e) => e.code));
}

function integerField(min: number, max: number) {
  return z.unknown().transform((v, ctx) => {
    if (v === undefined || v === null || v === '') {
      ctx.addIssue({ code: 'custom', message: 'E_FIELD_REQUIRED' });
      return 0;
    }
    const n = parseInteger(v);
    if (n === null) ctx.addIssue({ code: 'custom', message: 'E_INTEGER_INVALID' });
    else if (n < min || n > max) ctx.addIssue({ code: 'custom', message: 'E_INTEGER_RANGE' });
    return n ?? 0;
  });
}

/** Technical fields a card may carry beside the person's: never about the person. */
const cardVersion = z.unknown().optional();
const opaqueId = text.pipe(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'E_FIELD_INVALID' }));

/**
 * Why the ML asks (issue 13 §1). The form requires it; a submit without it (a form card posted
 * before the motif existed) stores none, shown « non précisé ».
 */
const motif = choiceField(MOTIFS).optional();

/** The identity part of flow 1, shared with the import. */
export function identityShape(ctx: SchemaContext) {
  return {
    civilite: choiceField(CIVILITES),
    nom: nameField(),
    prenom: nameField(),
    dateNaissance: birthDateField(ctx.today),
    numeroCir: cirField(ctx.cirPattern),
  };
}

/** Flow 1 (ML → DT): the identity, the motif and the chosen DT. */
export function flow1Schema(ctx: SchemaContext) {
  return z.strictObject({ ...identityShape(ctx), motif, dtId: opaqueId, cardVersion });
}

/** Flow 2 (DT → ML): the DT's answer. */
export function flow2Schema(ctx: SchemaContext) {
  return z.strictObject({
    requestId: opaqueId,
    cardVersion,
    positionnementLinguistique: referentialField(ctx.referentials, 'positionnementLinguistique'),
    prescriptionInitiale: referentialField(ctx.referentials, 'prescriptionInitiale'),
    heuresFL: integerField(0, 660),
    journeesFC: integerField(0, 4),
  });
}

/** Flow 3 (ML → DT): what the Mission Locale proposed. */
export function flow3Schema(ctx: SchemaContext) {
  return z.strictObject({
    requestId: opaqueId,
    cardVersion,
    prescriptionML: referentialField(ctx.referentials, 'prescriptionML'),
  });
}

export type Flow1 = z.output<ReturnType<typeof flow1Schema>>;
export type Flow2 = z.output<ReturnType<typeof flow2Schema>>;
export type Flow3 = z.output<ReturnType<typeof flow3Schema>>;
export type Identity = Omit<Flow1, 'dtId' | 'cardVersion' | 'motif'>;
export type Answer = Omit<Flow2, 'requestId' | 'cardVersion'>;

/** Runs a flow schema and turns zod's issues into one code per field. */
export function validate<T>(schema: z.ZodType<T>, input: unknown): Validation<T> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const fieldErrors: FieldErrors = {};
  const unknownFields: string[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      unknownFields.push(...issue.keys);
      continue;
    }
    const field = String(issue.path[0] ?? '_');
    const code = /^E_[A-Z0-9_]+$/.test(issue.message) ? issue.message : 'E_FIELD_INVALID';
    if (!Object.hasOwn(fieldErrors, field)) fieldErrors[field] = code;
  }
  return { ok: false, fieldErrors, unknownFields };
}

/** A correction before the DT answers (issue 13 §2): flow 1's fields but the DT, same rules. */
export function correctionSchema(ctx: SchemaContext) {
  return z.strictObject({ ...identityShape(ctx), motif, requestId: opaqueId, cardVersion });
}

/** A cancellation, with a reason from the closed list (DESIGN.md §3). */
export function cancelSchema() {
  return z.strictObject({
    requestId: opaqueId,
    cardVersion,
    motifAnnulation: choiceField(CANCEL_REASONS),
  });
}
