/**
 * What the filter's input offers as it is typed, without VS Code: the keys that complete the word being
 * typed, then the filters used before. Also the history itself: most recent first, each filter once, bounded.
 */
import { FILTER_KEYS, type FilterKey, parseFilter } from '../../../common/filterSyntax';

export const MAX_HISTORY = 20;

export type Suggestion =
  | { readonly kind: 'key'; readonly label: string; readonly description: string; readonly value: string }
  | { readonly kind: 'history'; readonly label: string; readonly value: string };

/** The history with `filter` first; an empty filter is not remembered. */
export function remember(history: readonly string[], filter: string): string[] {
  const text = filter.trim();
  if (!text) return [...history];
  return [text, ...history.filter((h) => h !== text)].slice(0, MAX_HISTORY);
}

/** The text being typed: the last word, unless the value ends in a space. */
function lastWord(value: string): string {
  return /\s$/.test(value) ? '' : (value.split(/\s+/).pop() ?? '');
}

/** Keys completing the word being typed (a `-` kept), then history entries that contain the whole value. */
export function suggestions(value: string, history: readonly string[]): Suggestion[] {
  const word = lastWord(value);
  const negated = word.startsWith('-');
  const typed = (negated ? word.slice(1) : word).toLowerCase();
  const head = value.slice(0, value.length - word.length);
  const keys: Suggestion[] =
    typed.includes(':') || (word !== '' && typed === '')
      ? []
      : (Object.keys(FILTER_KEYS) as FilterKey[])
          .filter((key) => key.startsWith(typed) && !(negated && (key === 'after' || key === 'before')))
          .map((key) => ({
            kind: 'key',
            label: `${negated ? '-' : ''}${key}:`,
            description: FILTER_KEYS[key],
            value: `${head}${negated ? '-' : ''}${key}:`,
          }));
  const needle = value.trim().toLowerCase();
  const past: Suggestion[] = history
    .filter((h) => h.toLowerCase().includes(needle) && h !== value.trim())
    .map((h) => ({ kind: 'history', label: h, value: h }));
  return [...keys, ...past];
}

/** What the input says of the value: the terms it cannot read, or how to write one. */
export function inputTitle(value: string): string {
  const { problems } = parseFilter(value);
  if (problems.length > 0) return `Cannot read ${problems.map((p) => `${p.text}: ${p.message}`).join('; ')}`;
  return 'Filter CloudTrail events: key:value terms, all must hold; - negates; * is a wildcard';
}
