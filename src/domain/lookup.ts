/**
 * Lookups keyed by something a user sent. A plain object answers `constructor`, `toString` or
 * `__proto__` with what it inherits from Object.prototype; these answer only what the table
 * itself holds.
 */

/** The table's own value for `key`, or undefined (never an inherited property). */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** A read-only Map of a literal table: the routing tables' form (verbs, commands, sub-commands). */
export function routeTable<T>(entries: Readonly<Record<string, T>>): ReadonlyMap<string, T> {
  return new Map(Object.entries(entries));
}
