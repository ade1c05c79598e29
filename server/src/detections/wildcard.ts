/**
 * Sigma's string patterns: `*` (any run of characters) and `?` (one character), with `\` escaping `*`, `?` and
 * itself (a `\` before anything else is itself). Compiled once into literal text plus a wildcard mask; matched
 * without regular expressions, in time bounded by the pattern's length times the value's.
 */

/** Per character of `text`: 0 literal, 1 `*`, 2 `?`. */
export interface WildcardPattern {
  readonly text: string;
  readonly mask: Uint8Array;
  readonly wild: boolean;
}

const LITERAL = 0;
const STAR = 1;
const ONE = 2;

export function parseWildcards(value: string): WildcardPattern {
  let text = '';
  const mask: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && i + 1 < value.length && '*?\\'.includes(value[i + 1]!)) {
      text += value[++i]!;
      mask.push(LITERAL);
    } else {
      text += c;
      mask.push(c === '*' ? STAR : c === '?' ? ONE : LITERAL);
    }
  }
  return { text, mask: Uint8Array.from(mask), wild: mask.some((m) => m !== LITERAL) };
}

/** A literal (no wildcards) as a pattern: what `contains` and friends wrap. */
export function literalPattern(text: string): WildcardPattern {
  return { text, mask: new Uint8Array(text.length), wild: false };
}

/** The pattern with `*` put before and/or after it. */
export function wrapPattern(pattern: WildcardPattern, before: boolean, after: boolean): WildcardPattern {
  const text = (before ? '*' : '') + pattern.text + (after ? '*' : '');
  const mask = new Uint8Array(text.length);
  mask.set(pattern.mask, before ? 1 : 0);
  if (before) mask[0] = STAR;
  if (after) mask[text.length - 1] = STAR;
  return { text, mask, wild: pattern.wild || before || after };
}

export function lowerPattern(pattern: WildcardPattern): WildcardPattern {
  // Lowercasing may change a literal's length (rare Unicode), so rebuild the mask character by character.
  let text = '';
  const mask: number[] = [];
  for (let i = 0; i < pattern.text.length; i++) {
    const c = pattern.mask[i] === LITERAL ? pattern.text[i]!.toLowerCase() : pattern.text[i]!;
    text += c;
    for (let k = 0; k < c.length; k++) mask.push(pattern.mask[i]!);
  }
  return { text, mask: Uint8Array.from(mask), wild: pattern.wild };
}

export type TextTest = (text: string) => boolean;

/** The fastest test for a pattern: equality, prefix, suffix and substring before the general matcher. */
export function compileWildcards(pattern: WildcardPattern): TextTest {
  const { text, mask } = pattern;
  if (!pattern.wild) return (s) => s === text;
  const inner = text.slice(1, -1);
  const innerLiteral = mask.subarray(1, -1).every((m) => m === LITERAL);
  const starts = mask[0] === STAR;
  const ends = mask[mask.length - 1] === STAR;
  if (starts && ends && text.length >= 2 && innerLiteral) return (s) => s.includes(inner);
  const head = text.slice(0, -1);
  if (ends && mask.subarray(0, -1).every((m) => m === LITERAL)) return (s) => s.startsWith(head);
  const tail = text.slice(1);
  if (starts && mask.subarray(1).every((m) => m === LITERAL)) return (s) => s.endsWith(tail);
  return (s) => globMatch(text, mask, s);
}

/** Greedy match with one back-track point (the last `*`): O(pattern × value) at worst, no recursion. */
function globMatch(p: string, mask: Uint8Array, s: string): boolean {
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (j < s.length) {
    if (i < p.length && (mask[i] === ONE || (mask[i] === LITERAL && p[i] === s[j]))) {
      i++;
      j++;
    } else if (i < p.length && mask[i] === STAR) {
      star = i++;
      mark = j;
    } else if (star >= 0) {
      i = star + 1;
      j = ++mark;
    } else return false;
  }
  while (i < p.length && mask[i] === STAR) i++;
  return i === p.length;
}
