/**
 * Sigma's old aggregation syntax, `condition: selection | count(field) by group > 10` with `timeframe: 10m`, which
 * SigmaHQ still keeps under unsupported/. Where its meaning is a correlation's, it is read as one (ruleReader.ts):
 * `count()` is an event_count, `count(field)` a value_count (distinct values), `by` the group-by, `timeframe` the
 * timespan. Anything else (near, min/max/avg/sum, several aggregations, an aggregation joined to other conditions)
 * throws a ConditionError that says why it is not read.
 */
import { ConditionError } from './condition';
import type { CountCondition } from './sigmaRule';

export interface Aggregation {
  readonly type: 'event_count' | 'value_count';
  /** value_count: the field whose distinct values are counted. */
  readonly field?: string;
  readonly groupBy: readonly string[];
  readonly condition: CountCondition;
}

/** A condition split at its first `|`: the search part, and the aggregation with its offset, if any. */
export function splitAggregation(text: string): { readonly search: string; readonly aggregation?: string; readonly at: number } {
  const bar = text.indexOf('|');
  return bar < 0 ? { search: text, at: text.length } : { search: text.slice(0, bar), aggregation: text.slice(bar + 1), at: bar + 1 };
}

/** As a condition's own limit: a rule's text is hostile, and no aggregation is longer. */
const MAX_AGGREGATION = 4096;

const FIELD = '[A-Za-z0-9_.\\-]+';
const COUNT = new RegExp(
  `^\\s*count\\s*\\(\\s*(${FIELD})?\\s*\\)\\s*(?:by\\s+(${FIELD}(?:\\s*,\\s*${FIELD})*)\\s*)?(<=|>=|==|=|<|>)\\s*([0-9]{1,9}(?:\\.[0-9]+)?)\\s*$`,
  'i',
);

const BOUNDS: Record<string, keyof CountCondition> = { '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte', '=': 'eq', '==': 'eq' };

/** Why an aggregation is refused, by its first word: each names what to write instead. */
const REFUSED: Record<string, string> = {
  near: 'near is not read: how near, and in which order, is not clear: write a temporal or temporal_ordered correlation rule',
  min: 'min() is not read: a correlation counts events (count()) or distinct values (count(field)), it computes no minimum',
  max: 'max() is not read: a correlation counts events (count()) or distinct values (count(field)), it computes no maximum',
  avg: 'avg() is not read: a correlation counts events (count()) or distinct values (count(field)), it computes no average',
  sum: 'sum() is not read: a correlation counts events (count()) or distinct values (count(field)), it computes no sum',
};

/** The aggregation after a condition's `|`, as a correlation's parts; throws ConditionError (at: offset in `text`). */
export function parseAggregation(text: string, at = 0): Aggregation {
  if (text.length > MAX_AGGREGATION) throw new ConditionError('the aggregation is too long', at);
  if (text.includes('|')) throw new ConditionError('a condition with more than one aggregation (|) is not read', at + text.indexOf('|'));
  const word = /^\s*([A-Za-z]+)/.exec(text)?.[1]?.toLowerCase() ?? '';
  const refused = Object.prototype.hasOwnProperty.call(REFUSED, word) ? REFUSED[word] : undefined;
  if (refused) throw new ConditionError(refused, at);
  if (word !== 'count') throw new ConditionError('an aggregation is count() or count(field), then optionally by a field, then > n', at);
  const match = COUNT.exec(text);
  if (!match) {
    const joined = /\b(and|or|not)\b/i.test(text.replace(/^[^<>=]*[<>=]+\s*[0-9.]+/, ''));
    throw new ConditionError(
      joined
        ? 'an aggregation joined to other conditions (and, or, not) is not read: its meaning is not clear'
        : 'the aggregation does not parse: write count() or count(field), optionally by a field, then a comparison (>, >=, <, <=, ==) with a number',
      at,
    );
  }
  const [, field, groups, operator, number] = match;
  return {
    type: field === undefined ? 'event_count' : 'value_count',
    ...(field !== undefined && { field }),
    groupBy: groups === undefined ? [] : groups.split(',').map((g) => g.trim()),
    condition: { [BOUNDS[operator!]!]: Number(number) },
  };
}
