/**
 * The figures the partners share each year (DESIGN.md §8 "échange d'informations", issue 14 §5):
 * the DT its departmental migration figures, each ML its figures on the reception of foreign
 * nationals. The form is fixed and versioned in shared-figures.default.json, overridable by
 * configuration like the referentials. Aggregates only: every field is a whole number, so no
 * free text about a person can be typed in.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import defaults from './shared-figures.default.json';
import { parseInteger } from './fields';
import type { StructureKind } from './directory';
import type { FieldErrors } from './schemas';

/** parseInteger's own ceiling (six digits): a département's yearly figures stay below it. */
export const FIGURE_MAX = 999_999;

const fieldSchema = z.strictObject({
  id: z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/),
  label: z.string().min(1).max(120),
  max: z.number().int().min(0).max(FIGURE_MAX).optional(),
});
const formSchema = z.strictObject({
  title: z.string().min(1).max(120),
  fields: z.array(fieldSchema).min(1).max(30),
});
const figuresFormsSchema = z.strictObject({
  version: z.string().min(1).max(40),
  comment: z.string().optional(),
  forms: z.strictObject({ DT: formSchema, ML: formSchema }),
});

export type FigureField = z.infer<typeof fieldSchema>;
export type FiguresForm = z.infer<typeof formSchema>;
export type FiguresForms = z.infer<typeof figuresFormsSchema>;

/** What a structure shared for a year: whole numbers by field id; a field left empty is absent. */
export interface SharedFigures {
  partnershipId: string;
  structureId: string;
  year: number;
  /** The form version the figures were typed on. */
  formVersion: string;
  figures: Record<string, number>;
  updatedBy: string;
  updatedAt: string;
}

/** Loads the form: the project's versioned file, or the file named by configuration. */
export function loadFiguresForms(file?: string): FiguresForms {
  const raw: unknown = file ? JSON.parse(readFileSync(file, 'utf8')) : defaults;
  const parsed = figuresFormsSchema.safeParse(raw);
  if (!parsed.success) {
    const where = file ?? 'shared-figures.default.json';
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid shared figures file ${where}: ${lines.join('; ')}`);
  }
  for (const kind of ['DT', 'ML'] as const) {
    const ids = parsed.data.forms[kind].fields.map((f) => f.id);
    if (new Set(ids).size !== ids.length)
      throw new Error(`invalid shared figures file: forms.${kind} repeats a field id`);
  }
  return parsed.data;
}

/** The form a structure fills, or undefined for a kind that shares no figures. */
export function formOf(forms: FiguresForms, kind: StructureKind | string): FiguresForm | undefined {
  return kind === 'DT' || kind === 'ML' ? forms.forms[kind] : undefined;
}

/** Routing fields of the figures card, beside the form's own. */
const ROUTING = new Set(['partnershipId', 'structureId', 'year', 'formVersion', 'cardVersion']);

export type FiguresValidation =
  | { ok: true; figures: Record<string, number> }
  | { ok: false; fieldErrors: FieldErrors; unknownFields: string[] };

/**
 * Validates the figures card: each field empty or a whole number from 0 to its maximum; any
 * field the form does not have (a comment, a name) is refused, not dropped.
 */
export function validateFigures(
  form: FiguresForm,
  input: Record<string, unknown>,
): FiguresValidation {
  const known = new Map(form.fields.map((f) => [f.id, f]));
  const unknownFields = Object.keys(input).filter((k) => !known.has(k) && !ROUTING.has(k));
  const fieldErrors: FieldErrors = {};
  const figures: Record<string, number> = {};
  for (const f of form.fields) {
    const raw = Object.hasOwn(input, f.id) ? input[f.id] : undefined;
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === ''))
      continue;
    const n = parseInteger(raw);
    if (n === null) fieldErrors[f.id] = 'E_INTEGER_INVALID';
    else if (n > (f.max ?? FIGURE_MAX)) fieldErrors[f.id] = 'E_INTEGER_RANGE';
    else figures[f.id] = n;
  }
  if (unknownFields.length || Object.keys(fieldErrors).length)
    return { ok: false, fieldErrors, unknownFields };
  return { ok: true, figures };
}
