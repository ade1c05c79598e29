/**
 * What the filter's input offers as it is typed, without VS Code: first the filter as typed (Enter applies it),
 * then the keys that complete the word being typed or the log's values for a key being typed (most frequent first),
 * then, apart, the filters used before. A completion's label is only what it adds (`user:`, `bert-jan`), never what
 * is typed: the Quick Pick puts labels that hold the typed text first, shortest first, and would otherwise sort
 * the values by length, not by count. Also the history: most recent first, bounded.
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
      const term = `${negated ? '-' : ''}${key}:`;
      return { kind: 'key', label: term, description: FILTER_KEYS[key], value: `${head}${term}` };
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
  const keys = keySuggestions(value);
  const offered: Suggestion[] = at
    ? [...values]
        .sort((a, b) => b.count - a.count)
        .map((v) => {
          const term = formatTerm(at.key, v.value, at.negated);
          const label = term.slice(term.indexOf(':') + 1);
          return {
            kind: 'value',
            label,
            description: `${v.count.toLocaleString('en-US')} record${v.count === 1 ? '' : 's'}`,
            value: `${at.head}${term} `,
          };
        })
    : [];
  // Past filters are offered apart, once no key or value is being completed.
  const completing = at !== undefined || (keys.length > 0 && typing(value).word !== '');
  const needle = value.trim().toLowerCase();
  const past: Suggestion[] = completing
    ? []
    : history.filter((h) => h.toLowerCase().includes(needle) && h !== value.trim()).map((h) => ({ kind: 'history', label: h, value: h }));
  return [apply, ...keys, ...offered, ...past];
}

/** What the input says of the value: the terms it cannot read, or how to write one. */
export function inputTitle(value: string): string {
  const { problems } = parseFilter(value);
  if (problems.length > 0) return `Cannot read ${problems.map((p) => `${p.text}: ${p.message}`).join('; ')}`;
  return 'Filter CloudTrail events: key:value terms, all must hold; - negates; * is a wildcard';
}
