/**
 * Who may use each command, as rules on a person's role and structure kind (DESIGN.md §1). The
 * services refuse with these rules, and the help card and the greeting list what they allow,
 * so that the help never offers a command its reader will be refused.
 */
import type { Role, StructureKind } from './directory';
import { mayReadBilan } from './bilan-access';

/** What the rules look at: the directory's role and structure kind, and ADMIN_IDS. */
export interface Profile {
  /** Null: not in the directory (or inactive). */
  role: Role | null;
  /** The kind of the person's structure; null outside the directory. */
  structureKind: StructureKind | null;
  /** Listed in ADMIN_IDS. */
  globalAdmin: boolean;
}

/** Flow 1 (`demande CIR`): an advisor of a Mission Locale. */
export function mayOpenRequest(p: Profile): boolean {
  return p.role === 'conseiller' && p.structureKind === 'ML';
}

/**
 * Which side of the requests the person follows (`suivi`): an ML's advisors and admins, a DT's
 * correspondents and admins; nobody else (the DDETS never sees requests).
 */
export function followUpSide(p: Profile): 'ml' | 'dt' | null {
  if (p.structureKind === 'ML' && (p.role === 'conseiller' || p.role === 'admin')) return 'ml';
  if (p.structureKind === 'DT' && (p.role === 'correspondant' || p.role === 'admin')) return 'dt';
  return null;
}

/** The national table's export (`tableau`): an advisor's ML, a correspondent's DT, an admin's. */
export function mayExportTable(p: Profile): boolean {
  if (!p.role || !p.structureKind || p.structureKind === 'DDETS') return false;
  return (
    p.role === 'admin' ||
    (p.role === 'conseiller' && p.structureKind === 'ML') ||
    (p.role === 'correspondant' && p.structureKind === 'DT')
  );
}

/** A filled table sent back: an ML's advisors (requests), a DT's correspondents (answers). */
export function mayImportTable(p: Profile): boolean {
  return mayOpenRequest(p) || mayFillFiche(p);
}

/** Flow 5 (`liaison`) and flow 2's answers: a correspondent of a DT. */
export function mayFillFiche(p: Profile): boolean {
  return p.role === 'correspondant' && p.structureKind === 'DT';
}

/** Administers the partnerships of their structure (directory `admin`) or all (ADMIN_IDS). */
export function administers(p: Profile): boolean {
  return p.globalAdmin || p.role === 'admin';
}

/** Reads the partnership's shared pages (committees, roadmap, offers, directory search). */
export function belongsToPartnership(p: Profile): boolean {
  return p.globalAdmin || p.role !== null;
}

/** The bilan (`bilan`): the partnership's admins and its DDETS (bilan-access.ts). */
export function mayReadBilanOf(p: Profile): boolean {
  return mayReadBilan({ admin: administers(p), structureKind: p.structureKind });
}

/** The profile of a directory person (or nobody) and their structure. */
export function profileOf(
  person: { role: Role; active: boolean } | null | undefined,
  structure: { kind: StructureKind } | null | undefined,
  globalAdmin = false,
): Profile {
  const known = person?.active ? person : null;
  return {
    role: known?.role ?? null,
    structureKind: known ? (structure?.kind ?? null) : null,
    globalAdmin,
  };
}
