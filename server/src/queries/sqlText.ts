/**
 * The pieces of SQL text every value from a log or a rule passes through: string literals, LIKE patterns and quoted
 * identifiers. Log and rule text is hostile, so nothing reaches SQL except through these, and what they cannot
 * write faithfully (a NUL, half a surrogate pair) is refused rather than changed.
 */

/** Thrown while a query is built: the filter or rule asks what SQL cannot say. Caught where the query is asked for. */
export class NotExpressible extends Error {
  constructor(readonly reason: string) {
    super(`cannot be expressed in SQL: ${reason}`);
  }
}

export function notExpressible(reason: string): never {
  throw new NotExpressible(reason);
}

/** A NUL, or a UTF-16 surrogate without its pair: text an engine would reject or change on its way to UTF-8. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unwritable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

/** Text as a SQL string literal: quotes doubled, nothing else read specially (no backslash escapes in any dialect here). */
export function sqlString(text: string): string {
  if (unwritable(text)) notExpressible(`the value ${JSON.stringify(text.slice(0, 40))} holds a character SQL text cannot carry`);
  return `'${text.replace(/'/g, "''")}'`;
}

/** A quoted identifier: double quotes doubled. */
export function sqlIdentifier(name: string): string {
  if (unwritable(name) || name === '') notExpressible(`${JSON.stringify(name)} cannot name a table`);
  return `"${name.replace(/"/g, '""')}"`;
}

/** One piece of a LIKE pattern: literal text, any run of characters, or one character. */
export type LikePart = { readonly text: string } | 'any' | 'one';

/** The escape character every LIKE pattern here declares (ESCAPE '\'). */
export const LIKE_ESCAPE = '\\';

/** The pattern's text: `%` and `_` for the wildcards, and `%`, `_` and `\` in literal text escaped with `\`. */
export function likeText(parts: readonly LikePart[]): string {
  return parts.map((part) => (part === 'any' ? '%' : part === 'one' ? '_' : part.text.replace(/[\\%_]/g, (c) => LIKE_ESCAPE + c))).join('');
}

/** Whether a pattern has a wildcard: without one, it is plain equality. */
export function hasWildcard(parts: readonly LikePart[]): boolean {
  return parts.some((part) => typeof part === 'string');
}

/** The pattern lowercased, for matching `lower(value)`: its literal text only. */
export function lowerParts(parts: readonly LikePart[]): LikePart[] {
  return parts.map((part) => (typeof part === 'string' ? part : { text: part.text.toLowerCase() }));
}

/** Literal text of a pattern without wildcards. */
export function literalOf(parts: readonly LikePart[]): string {
  return parts.map((part) => (typeof part === 'string' ? '' : part.text)).join('');
}
