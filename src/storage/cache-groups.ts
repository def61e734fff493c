/**
 * Which reads both engines may remember: tables that change rarely and are read on every turn
 * (the directory, conversation references). A read is cacheable when it only reads, and only
 * tables of one group; a write forgets the groups of the tables it names.
 */

/** Tables → the group a write to them forgets. */
const GROUPS: Readonly<Record<string, string>> = {
  structures: 'directory',
  correspondents: 'directory',
  partnerships: 'directory',
  partnership_mls: 'directory',
  conversation_refs: 'references',
};

export interface CachePlan {
  /** For a cacheable read, its group; else null. */
  readGroup: string | null;
  /** For a write, the groups it may change. */
  writeGroups: string[];
}

const TABLE_NAMES = /\b(?:FROM|JOIN|INTO|UPDATE)\s+([a-z_][a-z0-9_]*)/gi;

/** The plan of a statement; `readsOnly` tells whether it only reads (the engine knows best). */
export function cachePlan(sql: string, readsOnly: boolean): CachePlan {
  const tables = [...sql.matchAll(TABLE_NAMES)].map((m) => m[1].toLowerCase());
  const group = (t: string) => (Object.hasOwn(GROUPS, t) ? GROUPS[t] : undefined);
  const groups = [...new Set(tables.map(group).filter((g): g is string => !!g))];
  const allCached = tables.length > 0 && tables.every((t) => group(t));
  return {
    readGroup: readsOnly && allCached && groups.length === 1 ? groups[0] : null,
    writeGroups: readsOnly ? [] : groups,
  };
}
