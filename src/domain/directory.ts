/**
 * The directory file (DESIGN.md §1): structures, correspondents, partnerships. The same
 * shape is loaded at start-up, exported and re-imported.
 */
import { z } from 'zod';
import { DEPARTEMENT_CODE, normalizePhone } from './contact-fields';
import { structureContactShape } from './liaison';

export const ROLES = ['conseiller', 'correspondant', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const STRUCTURE_KINDS = ['DT', 'ML', 'DDETS'] as const;
export type StructureKind = (typeof STRUCTURE_KINDS)[number];

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected a lower-case id of letters, digits and hyphens');
const departement = z
  .string()
  .regex(DEPARTEMENT_CODE, 'expected a département code (01–95, 2A, 2B, 971–976)');
const uuid = z.string().regex(/^[0-9a-fA-F-]{36}$/, 'expected an Entra id (GUID)');

export const structureSchema = z.strictObject({
  id,
  kind: z.enum(STRUCTURE_KINDS),
  name: z.string().trim().min(1).max(120),
  departements: z.array(departement).min(1),
  tenantId: uuid.optional(),
  // Printed on the fiche de liaison's PDF (flow 5): address, phone, opening hours, referent.
  ...structureContactShape,
});

export const correspondentSchema = z.strictObject({
  aadObjectId: uuid,
  structureId: id,
  role: z.enum(ROLES),
  name: z.string().trim().min(1).max(120),
  email: z
    .email()
    .transform((v) => v.toLowerCase())
    .optional(),
  // Stored in E.164 whatever the file's spelling, so that a re-import of an export changes nothing.
  phone: z
    .string()
    .transform(
      (v, ctx) =>
        normalizePhone(v) ??
        (ctx.addIssue({ code: 'custom', message: 'expected a French phone number' }), v),
    )
    .optional(),
});

export const partnershipSchema = z.strictObject({
  id,
  dtId: id,
  mlIds: z.array(id).min(1),
  name: z.string().trim().min(1).max(120).optional(),
  ddetsId: id.optional(),
});

export const directoryFileSchema = z.strictObject({
  structures: z.array(structureSchema).default([]),
  correspondents: z.array(correspondentSchema).default([]),
  partnerships: z.array(partnershipSchema).default([]),
});

export type Structure = z.infer<typeof structureSchema>;
export type Correspondent = z.infer<typeof correspondentSchema>;
export type Partnership = z.infer<typeof partnershipSchema>;
export type DirectoryFile = z.infer<typeof directoryFileSchema>;

/**
 * Parses a directory file and checks its references; returns every problem as "path: reason",
 * so that a malformed file can be fixed in one go.
 */
export function parseDirectoryFile(
  raw: unknown,
): { ok: true; value: DirectoryFile } | { ok: false; problems: string[] } {
  const parsed = directoryFileSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    };
  }
  const dir = parsed.data;
  const problems: string[] = [];
  const kinds = new Map<string, StructureKind>();
  dir.structures.forEach((s, i) => {
    if (kinds.has(s.id)) problems.push(`structures.${i}.id: duplicate structure id "${s.id}"`);
    kinds.set(s.id, s.kind);
  });
  const people = new Set<string>();
  dir.correspondents.forEach((c, i) => {
    const key = c.aadObjectId.toLowerCase();
    if (people.has(key)) problems.push(`correspondents.${i}.aadObjectId: duplicate person`);
    people.add(key);
    const kind = kinds.get(c.structureId);
    if (!kind)
      problems.push(`correspondents.${i}.structureId: unknown structure "${c.structureId}"`);
    else if (c.role === 'conseiller' && kind !== 'ML')
      problems.push(`correspondents.${i}.role: a conseiller belongs to an ML`);
    else if (c.role === 'correspondant' && kind === 'ML')
      problems.push(`correspondents.${i}.role: a correspondant belongs to a DT or a DDETS`);
  });
  const partnershipIds = new Set<string>();
  dir.partnerships.forEach((p, i) => {
    if (partnershipIds.has(p.id))
      problems.push(`partnerships.${i}.id: duplicate partnership id "${p.id}"`);
    partnershipIds.add(p.id);
    if (kinds.get(p.dtId) !== 'DT')
      problems.push(`partnerships.${i}.dtId: "${p.dtId}" is not a DT of this file`);
    p.mlIds.forEach((ml, j) => {
      if (kinds.get(ml) !== 'ML')
        problems.push(`partnerships.${i}.mlIds.${j}: "${ml}" is not an ML of this file`);
    });
    if (p.ddetsId !== undefined && kinds.get(p.ddetsId) !== 'DDETS')
      problems.push(`partnerships.${i}.ddetsId: "${p.ddetsId}" is not a DDETS of this file`);
  });
  return problems.length ? { ok: false, problems } : { ok: true, value: dir };
}
