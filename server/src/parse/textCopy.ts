/**
 * A piece of a text that keeps nothing else of it alive. V8 makes `slice` of a long string a view into
 * that string, and every value read from the view (by jsonc-parser's scanner: more slices) keeps the
 * whole text in memory: a record read from one version of a 10 MB log would hold that version's 10 MB.
 */

/** The characters of `text` from `start` to `end`, in a string of their own. */
export function copyText(text: string, start: number, end: number): string {
  // Slicing a concatenation first flattens it into a new string, as long as the piece: the slice then
  // points into that string instead of `text`. Measured in test/unit/retainedText.test.ts.
  return ` ${text.slice(start, end)}`.slice(1);
}
