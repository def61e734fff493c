/**
 * `/annuaire [texte]` (issue 3 §1): people and structures of the caller's partnerships (all of
 * them for global admins), matched word by word on name, structure, role and département,
 * accents and case ignored. Removed (deactivated) people are not listed.
 */
import type { AccessOptions } from './access';
import type { Role } from './directory';
import { searchScope } from './directory-scope';
import type { Caller, CorrespondentRecord, StructureRecord } from './model';
import { fold } from './text';
import type { Store } from '../storage/store';

/** A search result: a structure or a person, in the order shown. */
export type DirectoryHit =
  | { type: 'structure'; structure: StructureRecord }
  | { type: 'person'; person: CorrespondentRecord; structure: StructureRecord | undefined };

/** Words people type for each role (feminine forms included). */
const ROLE_WORDS: Record<Role, string> = {
  conseiller: 'conseiller conseillere',
  correspondant: 'correspondant correspondante',
  admin: 'admin administrateur administratrice',
};

const words = (text: string): string[] =>
  fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** True when every word of the query starts a word of the haystack. */
export function matches(queryWords: string[], haystack: string): boolean {
  const hay = words(haystack);
  return queryWords.every((q) => hay.some((h) => h.startsWith(q)));
}

/** Words a structure is found by, whatever its name says. */
const KIND_WORDS: Record<StructureRecord['kind'], string> = {
  DT: 'DT OFII direction territoriale',
  ML: 'ML mission locale',
  DDETS: 'DDETS direction départementale emploi travail solidarités',
};

function structureText(s: StructureRecord): string {
  const kind = KIND_WORDS[s.kind];
  return `${s.name} ${s.id} ${kind} ${s.departements.join(' ')}`;
}

/** Searches the directory; an empty text lists everything in the caller's reach. */
export async function searchDirectory(
  store: Store,
  opts: AccessOptions,
  caller: Caller,
  text: string,
): Promise<DirectoryHit[]> {
  const scope = await searchScope(caller, store, opts);
  const structures = (await store.directory.listStructures()).filter(
    (s) => scope === 'all' || scope.has(s.id),
  );
  const byId = new Map(structures.map((s) => [s.id, s]));
  const q = words(text);
  const hits: DirectoryHit[] = structures
    .filter((s) => matches(q, structureText(s)))
    .map((structure) => ({ type: 'structure', structure }));
  const people = (await store.directory.allCorrespondents()).filter(
    (p) => p.active && byId.has(p.structureId),
  );
  for (const person of people) {
    const structure = byId.get(person.structureId);
    const hay = `${person.name} ${ROLE_WORDS[person.role]} ${structure ? structureText(structure) : ''}`;
    if (matches(q, hay)) hits.push({ type: 'person', person, structure });
  }
  return hits;
}
