/**
 * One query model for the events view's filter and grouping and for Sigma rules, written once and rendered as
 * Athena, CloudTrail Lake or DuckDB SQL (renderSql.ts). It names record fields by the record's own paths
 * (`userIdentity.sessionContext.sessionIssuer.userName`); each dialect knows where its table keeps them.
 */
import type { GroupBy } from '../../../common/protocol';
import type { LikePart } from './sqlText';

/** A text expression: NULL in SQL when the record has no such value. */
export type Expr =
  /** The string at a path through objects, as the view's summaries read it: NULL when absent or not a string. */
  | { readonly k: 'text'; readonly path: readonly string[] }
  | { readonly k: 'literal'; readonly value: string }
  | { readonly k: 'coalesce'; readonly args: readonly Expr[] }
  /** NULL for the empty string. */
  | { readonly k: 'nonEmpty'; readonly arg: Expr }
  | { readonly k: 'concat'; readonly args: readonly Expr[] }
  /** What follows the last `/` (the whole text without one): an ARN's user or session. */
  | { readonly k: 'afterLastSlash'; readonly arg: Expr }
  /** `yyyy-MM-ddTHH:00Z` of an eventTime that starts like one, else ''. */
  | { readonly k: 'hour'; readonly arg: Expr }
  | { readonly k: 'case'; readonly whens: readonly (readonly [Predicate, Expr])[]; readonly otherwise?: Expr };

/**
 * The values a Sigma rule's field reaches: a path walked through objects and, inside JSON, through arrays (each
 * element); a value that is an array is given as it is and element by element.
 */
export interface RecordValues {
  readonly path: readonly string[];
}

/** A test on one text value. */
export type TextTest =
  /** Any of these tests holds. */
  | { readonly k: 'any'; readonly tests: readonly TextTest[] }
  | { readonly k: 'like'; readonly parts: readonly LikePart[]; readonly cased: boolean }
  /** A regular expression, its flags written inline: `(?i)…`. */
  | { readonly k: 'regex'; readonly source: string }
  /** An IPv4 address in [lo, hi], as numbers. */
  | { readonly k: 'ipv4'; readonly lo: number; readonly hi: number }
  | { readonly k: 'number'; readonly op: '<' | '<=' | '>' | '>='; readonly bound: number }
  /** Equal to, starting with, ending with or containing another field's value (`fieldref`). */
  | {
      readonly k: 'field';
      readonly other: RecordValues;
      readonly shape: 'equals' | 'startswith' | 'endswith' | 'contains';
      readonly cased: boolean;
    };

export type Predicate =
  | { readonly k: 'const'; readonly value: boolean }
  | { readonly k: 'and' | 'or'; readonly operands: readonly Predicate[] }
  | { readonly k: 'not'; readonly operand: Predicate }
  /** At least `n` of the operands hold (Sigma's `2 of selection_*`). */
  | { readonly k: 'atLeast'; readonly n: number; readonly operands: readonly Predicate[] }
  | { readonly k: 'test'; readonly expr: Expr; readonly test: TextTest }
  | { readonly k: 'isNull'; readonly expr: Expr }
  /** One of these exact texts (case-sensitive). */
  | { readonly k: 'in'; readonly expr: Expr; readonly values: readonly string[] }
  /** eventTime, read as a time, at or after / before a time (ms since the epoch); false when it is not a time. */
  | { readonly k: 'time'; readonly op: '>=' | '<'; readonly ms: number }
  /** Some value a field reaches passes the test. */
  | { readonly k: 'some'; readonly values: RecordValues; readonly test: TextTest }
  /** The field reaches a value (null included). */
  | { readonly k: 'exists'; readonly values: RecordValues }
  /** The field is absent, or null. */
  | { readonly k: 'absentOrNull'; readonly values: RecordValues }
  /** The field reaches a value other than null. */
  | { readonly k: 'notNull'; readonly values: RecordValues }
  /** The filter's `resource:`: an ARN of resources, or a string value anywhere in requestParameters or responseElements, matches (case-sensitive). */
  | { readonly k: 'touches'; readonly parts: readonly LikePart[] };

/** A time range, ms since the epoch: from `after` (inclusive) to `before` (exclusive). */
export interface TimeRange {
  readonly after?: number;
  readonly before?: number;
}

/** A correlation rule counted per group in a sliding window: the records of every window whose count is enough. */
export interface CorrelationModel {
  readonly type: 'event_count' | 'value_count';
  /** The records the referred rule matches. */
  readonly base: Predicate;
  /** The group-by fields: each record's first value of each ('' without one). */
  readonly groupBy: readonly RecordValues[];
  /** value_count: the field whose distinct values are counted; records without it are left out. */
  readonly value?: RecordValues;
  readonly spanMs: number;
  /** The least count a window needs (`gte`; a `gt` bound is written as gte bound + 1). */
  readonly least: number;
  /** The time range read: the view's range widened by the span, so windows at its edges count whole. */
  readonly scan: TimeRange;
}

export interface QueryModel {
  /** The records kept (for a correlation, kept among the records of its windows). */
  readonly where: Predicate;
  /** The time range the filter names: partitions outside it are not read. */
  readonly range: TimeRange;
  readonly groupBy?: GroupBy;
  readonly correlation?: CorrelationModel;
}

export const TRUE: Predicate = { k: 'const', value: true };
export const FALSE: Predicate = { k: 'const', value: false };

/** AND of predicates, dropping TRUEs; FALSE wins. */
export function and(operands: readonly Predicate[]): Predicate {
  // An AND inside an AND is the same conditions, one a line in a WHERE clause.
  const kept = operands.flatMap((p) => (p.k === 'and' ? p.operands : [p])).filter((p) => !(p.k === 'const' && p.value));
  if (kept.some((p) => p.k === 'const' && !p.value)) return FALSE;
  return kept.length === 0 ? TRUE : kept.length === 1 ? kept[0]! : { k: 'and', operands: kept };
}

/** OR of predicates, dropping FALSEs; TRUE wins. */
export function or(operands: readonly Predicate[]): Predicate {
  const kept = operands.filter((p) => !(p.k === 'const' && !p.value));
  if (kept.some((p) => p.k === 'const' && p.value)) return TRUE;
  return kept.length === 0 ? FALSE : kept.length === 1 ? kept[0]! : { k: 'or', operands: kept };
}

export function not(operand: Predicate): Predicate {
  if (operand.k === 'const') return { k: 'const', value: !operand.value };
  return operand.k === 'not' ? operand.operand : { k: 'not', operand };
}

export const text = (dotted: string): Expr => ({ k: 'text', path: dotted.split('.') });
export const literal = (value: string): Expr => ({ k: 'literal', value });
