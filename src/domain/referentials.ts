import { readFileSync } from 'node:fs';
import { z } from 'zod';
import defaults from './referentials.default.json';

const entrySchema = z.strictObject({
  code: z.string().regex(/^[A-Z0-9_]{1,40}$/),
  label: z.string().min(1).max(120),
  /** The entry only applies to CIR signed before this date (ISO). */
  before: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

const referentialsSchema = z.strictObject({
  version: z.string().min(1),
  comment: z.string().optional(),
  positionnementLinguistique: z.array(entrySchema).min(1),
  prescriptionInitiale: z.array(entrySchema).min(1),
  prescriptionML: z.array(entrySchema).min(1),
});

export type ReferentialEntry = z.infer<typeof entrySchema>;
export type Referentials = z.infer<typeof referentialsSchema>;
export type ReferentialName =
  'positionnementLinguistique' | 'prescriptionInitiale' | 'prescriptionML';

/** Loads the closed lists: the project's versioned file, or the file named by configuration. */
export function loadReferentials(file?: string): Referentials {
  const raw: unknown = file ? JSON.parse(readFileSync(file, 'utf8')) : defaults;
  const parsed = referentialsSchema.safeParse(raw);
  if (!parsed.success) {
    const where = file ?? 'referentials.default.json';
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid referentials file ${where}: ${lines.join('; ')}`);
  }
  return parsed.data;
}

/** The label shown for a stored code, or the code itself when the referential no longer has it. */
export function labelOf(
  refs: Referentials,
  name: ReferentialName,
  code: string | null | undefined,
): string {
  if (!code) return '';
  return refs[name].find((e) => e.code === code)?.label ?? code;
}

/** Choices for an Input.ChoiceSet; entries limited in time say so in their title. */
export function choicesOf(
  refs: Referentials,
  name: ReferentialName,
): { title: string; value: string }[] {
  return refs[name].map((e) => ({
    title: e.before ? `${e.label} (CIR signé avant le ${frDate(e.before)})` : e.label,
    value: e.code,
  }));
}

function frDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
