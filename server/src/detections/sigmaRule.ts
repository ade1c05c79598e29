/**
 * A Sigma rule as plain data, as ruleReader.ts reads it from YAML: the meta data, the named searches, the condition
 * as a tree, and for correlation rules their type, referenced rules, grouping, time span and threshold. Matchers
 * are compiled from this model (compileRules.ts) and never replace it: it can be inspected, and rendered elsewhere.
 */
import type { SigmaLevel } from '../../../common/protocol';
import type { RulePoint } from './ruleSet';

/** The value modifiers the evaluator runs (the Sigma modifiers appendix, v2). */
export const SIGMA_MODIFIERS = [
  'contains',
  'startswith',
  'endswith',
  'all',
  're',
  'i',
  'm',
  's',
  'cidr',
  'exists',
  'base64',
  'base64offset',
  'fieldref',
  'neq',
  'lt',
  'lte',
  'gt',
  'gte',
  'cased',
  'expand',
] as const;

export type SigmaModifier = (typeof SIGMA_MODIFIERS)[number];

/** A rule value as YAML gives it: null means "absent or null". */
export type SigmaValue = string | number | boolean | null;

/** One test: a field (none for keywords) with modifiers and values; values are "any of" unless `all`. */
export interface DetectionItem {
  /** Dotted path into the record; undefined for keywords (field-less values). */
  readonly field?: string;
  readonly modifiers: readonly SigmaModifier[];
  readonly values: readonly SigmaValue[];
}

/**
 * A named search: alternatives joined by OR, each a list of items joined by AND. A map is one alternative; a list of
 * maps is one alternative per map; a keyword list is one alternative holding one field-less item.
 */
export interface SigmaSearch {
  readonly name: string;
  readonly alternatives: readonly (readonly DetectionItem[])[];
}

/** The condition as a tree; `of` keeps its pattern and the search names it stands for. */
export type ConditionNode =
  | { readonly kind: 'search'; readonly name: string }
  | { readonly kind: 'not'; readonly operand: ConditionNode }
  | { readonly kind: 'and' | 'or'; readonly operands: readonly ConditionNode[] }
  | { readonly kind: 'of'; readonly quantifier: number | 'all'; readonly pattern: string; readonly names: readonly string[] };

export interface RuleRange {
  readonly start: RulePoint;
  readonly end: RulePoint;
}

interface RuleMeta {
  readonly file: string;
  readonly title: string;
  readonly id?: string;
  /** The `name` correlation rules may refer to instead of the id. */
  readonly name?: string;
  readonly level: SigmaLevel;
  readonly description?: string;
  readonly status?: string;
  readonly tags: readonly string[];
  readonly falsepositives: readonly string[];
  readonly references: readonly string[];
  /** Where the rule's YAML document is. */
  readonly range?: RuleRange;
}

/** A rule on one record. */
export interface SigmaDetectionRule extends RuleMeta {
  readonly kind: 'detection';
  readonly logsource: { readonly product?: string; readonly service?: string; readonly category?: string };
  readonly searches: readonly SigmaSearch[];
  readonly condition: ConditionNode;
}

export const CORRELATION_TYPES = ['event_count', 'value_count', 'temporal', 'temporal_ordered'] as const;

export type CorrelationType = (typeof CORRELATION_TYPES)[number];

/** A count's bounds, joined by AND (`gt: 100, lte: 200` is a range). */
export interface CountCondition {
  readonly gt?: number;
  readonly gte?: number;
  readonly lt?: number;
  readonly lte?: number;
  readonly eq?: number;
}

/** A rule on the records other rules matched, per group and time window. */
export interface SigmaCorrelationRule extends RuleMeta {
  readonly kind: 'correlation';
  readonly type: CorrelationType;
  /** The referred rules' ids or names, as written. */
  readonly rules: readonly string[];
  readonly refRanges: readonly (RuleRange | undefined)[];
  readonly groupBy: readonly string[];
  readonly timespanMs: number;
  /** For temporal rules without one: every referred rule (gte their number). */
  readonly condition: CountCondition;
  /** value_count: the field whose distinct values are counted. */
  readonly field?: string;
  /** Whether the referred rules also report their own findings (default: no). */
  readonly generate: boolean;
  /** group-by alias → referred rule name → field in that rule's records. */
  readonly aliases: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export type SigmaRule = SigmaDetectionRule | SigmaCorrelationRule;

/** Whether a count meets every bound of a condition. */
export function meetsCount(condition: CountCondition, count: number): boolean {
  return (
    (condition.gt === undefined || count > condition.gt) &&
    (condition.gte === undefined || count >= condition.gte) &&
    (condition.lt === undefined || count < condition.lt) &&
    (condition.lte === undefined || count <= condition.lte) &&
    (condition.eq === undefined || count === condition.eq)
  );
}
