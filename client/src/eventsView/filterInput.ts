/**
 * What the filter's input offers as it is typed, without VS Code: first the filter as typed (Enter applies it),
 * then the keys that complete the word being typed, the log's values for a key being typed, and the filters
 * used before. Each offer's label is the whole filter it would make, so the Quick Pick's own matching of labels
 * against what is typed keeps them all, the typed filter first. Also the history: most recent first, bounded.
 */
import { FILTER_KEYS, type FieldKey, type FilterKey, formatTerm, isFieldKey, parseFilter } from '../../../common/filterSyntax';

export const MAX_HISTORY = 20;

export type Suggestion =
  | { readonly kind: 'apply'; readonly label: string; readonly description: string; readonly value: string }
  | { readonly kind: 'key' | 'value'; readonly label: string; readonly description: string; readonly value: string }
  | { readonly kind: 'history'; readonly label: string; readonly value: string };

/** The history with `filter` first; an empty filter is not remembered. */
export function remember(history: readonly string[], filter: string): string[] {
  const text = filter.trim();
  if (!text) return [...history];
  return [text, ...history.filter((h) => h !== text)].slice(0, MAX_HISTORY);
}

/** The word being typed, and the text before it; none when the value ends in a space. */
function typing(value: string): { word: string; head: string } {
  const word = /\s$/.test(value) ? '' : (value.split(/\s+/).pop() ?? '');
  return { word, head: value.slice(0, value.length - word.length) };
}

/** A key's value being typed (`user:al`, `-ip:10.`): which key, what of it, and the text around it. */
export interface ValueTyping {
  readonly key: FieldKey;
  readonly prefix: string;
  readonly negated: boolean;
  readonly head: string;
}

export function valueTyping(value: string): ValueTyping | undefined {
  const { word, head } = typing(value);
  const m = /^(-?)([a-z]+):([^"\s]*)$/i.exec(word);
  const key = m?.[2]!.toLowerCase();
  return m && isFieldKey(key) ? { key, prefix: m[3]!, negated: m[1] === '-', head } : undefined;
}

function keySuggestions(value: string): Suggestion[] {
  const { word, head } = typing(value);
  const negated = word.startsWith('-');
  const typed = (negated ? word.slice(1) : word).toLowerCase();
  if (typed.includes(':') || (word !== '' && typed === '')) return [];
  return (Object.keys(FILTER_KEYS) as FilterKey[])
    .filter((key) => key.startsWith(typed) && !(negated && (key === 'after' || key === 'before')))
    .map((key) => {
      const text = `${head}${negated ? '-' : ''}${key}:`;
      return { kind: 'key', label: text, description: FILTER_KEYS[key], value: text };
    });
}

/** Everything the input offers for `value`; `values` are the log's values for the key being typed, if any. */
export function suggestions(
  value: string,
  history: readonly string[],
  values: readonly { readonly value: string; readonly count: number }[] = [],
): Suggestion[] {
  const apply: Suggestion = value.trim()
    ? { kind: 'apply', label: value, description: 'Apply this filter', value }
    : { kind: 'apply', label: 'No filter', description: 'Show every record', value: '' };
  const at = valueTyping(value);
  const offered: Suggestion[] = at
    ? values.map((v) => {
        const text = `${at.head}${formatTerm(at.key, v.value, at.negated)} `;
        return { kind: 'value', label: text, description: `${v.count} record${v.count === 1 ? '' : 's'}`, value: text };
      })
    : [];
  const needle = value.trim().toLowerCase();
  const past: Suggestion[] = history
    .filter((h) => h.toLowerCase().includes(needle) && h !== value.trim())
    .map((h) => ({ kind: 'history', label: h, value: h }));
  return [apply, ...keySuggestions(value), ...offered, ...past];
}

/** What the input says of the value: the terms it cannot read, or how to write one. */
export function inputTitle(value: string): string {
  const { problems } = parseFilter(value);
  if (problems.length > 0) return `Cannot read ${problems.map((p) => `${p.text}: ${p.message}`).join('; ')}`;
  return 'Filter CloudTrail events: key:value terms, all must hold; - negates; * is a wildcard';
}
