/**
 * Tables of data looked up by strings a log holds. A plain object answers `constructor`, `toString` or
 * `__proto__` with what every object inherits; a Map answers only what the table was written with.
 */

/** A table written as an object literal, to look up as a Map. */
export function dataTable<V>(entries: Readonly<Record<string, V>>): ReadonlyMap<string, V> {
  return new Map(Object.entries(entries));
}
