/**
 * What admins type on the directory cards (issue 3): strict schemas whose errors are stable
 * codes per field, one per field, like the flows' schemas.
 */
import { z } from 'zod';
import { isEmail, normalizePhone, parseDepartements } from './contact-fields';
import { ROLES, STRUCTURE_KINDS, type Role, type StructureKind } from './directory';
import { structureContactFormShape } from './liaison';

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const text = z.preprocess(
  (v) => (v === undefined || v === null ? '' : v),
  z.string({ error: 'E_FIELD_INVALID' }),
);
const cardVersion = z.unknown().optional();

function required<T>(check: (v: string) => T | null, code: string) {
  return text.transform((raw, ctx) => {
    const v = raw.trim();
    if (!v) {
      ctx.addIssue({ code: 'custom', message: 'E_FIELD_REQUIRED' });
      return null as T;
    }
    const out = check(v);
    if (out === null) ctx.addIssue({ code: 'custom', message: code });
    return out as T;
  });
}

function optional<T>(check: (v: string) => T | null, code: string) {
  return text.transform((raw, ctx) => {
    const v = raw.trim();
    if (!v) return null;
    const out = check(v);
    if (out === null) ctx.addIssue({ code: 'custom', message: code });
    return out;
  });
}

const choice = <T extends string>(codes: readonly T[]) =>
  required<T>(
    (v) => ((codes as readonly string[]).includes(v) ? (v as T) : null),
    'E_CHOICE_INVALID',
  );
const displayName = required(
  (v) => (v.length <= 120 ? v.replace(/\s+/g, ' ') : null),
  'E_NAME_TOO_LONG_120',
);
const idField = required((v) => (ID.test(v) ? v : null), 'E_ID_INVALID');
const guid = (v: string) => (GUID.test(v.toLowerCase()) ? v.toLowerCase() : null);
const idList = required((v) => {
  const ids = [...new Set(v.split(/[\s,;]+/).filter(Boolean))];
  return ids.length && ids.every((i) => ID.test(i)) ? ids : null;
}, 'E_CHOICE_INVALID');

/**
 * The correspondent card: who (ids from the mention or the edited record), where, how to reach
 * them.
 */
export const correspondentFormSchema = z.strictObject({
  aadObjectId: required(guid, 'E_FIELD_INVALID'),
  teamsUserId: optional((v) => (/^[\w:@.-]{1,200}$/.test(v) ? v : null), 'E_FIELD_INVALID'),
  name: displayName,
  structureId: idField,
  role: choice<Role>(ROLES),
  email: optional((v) => (isEmail(v) ? v.toLowerCase() : null), 'E_EMAIL_INVALID'),
  phone: optional(normalizePhone, 'E_PHONE_INVALID'),
  cardVersion,
});

/** The structure card. */
export const structureFormSchema = z.strictObject({
  id: idField,
  kind: choice<StructureKind>(STRUCTURE_KINDS),
  name: displayName,
  departements: required(parseDepartements, 'E_DEPARTEMENT_INVALID'),
  tenantId: optional(guid, 'E_TENANT_INVALID'),
  cardVersion,
  ...structureContactFormShape,
});

/** The partnership card: one DT, its MLs (a multi-select sends "a,b,c"). */
export const partnershipFormSchema = z.strictObject({
  id: idField,
  name: optional((v) => (v.length <= 120 ? v : null), 'E_NAME_TOO_LONG_120'),
  dtId: idField,
  mlIds: idList,
  cardVersion,
  ddetsId: optional((v) => (ID.test(v) ? v : null), 'E_CHOICE_INVALID'),
});

export type CorrespondentForm = z.output<typeof correspondentFormSchema>;
export type StructureForm = z.output<typeof structureFormSchema>;
export type PartnershipForm = z.output<typeof partnershipFormSchema>;
