/**
 * What the rest of the server knows of Sigma rules: a compiled set that says which rules a record
 * matches, and what correlation rules need from it. Reading and compiling rules (compileRules.ts),
 * the matchers and conditions behind them, and correlation windows (correlator.ts) live beside this file.
 */
import type { SigmaLevel } from '../../../common/protocol';

export type { SigmaLevel } from '../../../common/protocol';

/** A rule file's text and where it came from (a path or URI, used in problems and findings). */
export interface RuleSource {
  readonly file: string;
  readonly text: string;
}

/** A zero-based line and character in a rule file. */
export interface RulePoint {
  readonly line: number;
  readonly character: number;
}

/** A rule that cannot be read or run, with why: reported, never skipped in silence. */
export interface RuleProblem {
  readonly file: string;
  readonly message: string;
  /** Where in the file, when known. */
  readonly start?: RulePoint;
  readonly end?: RulePoint;
  /** Warnings do not stop the rule (an unknown level, say); errors do. */
  readonly severity: 'error' | 'warning';
}

/** What a finding shows of its rule: all rule text is hostile, and is escaped where it is shown. */
export interface RuleInfo {
  /** Unique in the set: the rule's `id`, or a key made from its file and title when it has none. */
  readonly key: string;
  readonly id?: string;
  readonly title: string;
  readonly level: SigmaLevel;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly falsepositives: readonly string[];
  readonly references: readonly string[];
  readonly file: string;
  /** A correlation rule (event_count, value_count, temporal) or a rule on one record. */
  readonly correlation?: {
    readonly type: string;
    readonly timespanMs: number;
    readonly groupBy: readonly string[];
    /** The count's bounds, joined by AND (for temporal rules: how many of the referred rules). */
    readonly condition?: { readonly gt?: number; readonly gte?: number; readonly lt?: number; readonly lte?: number; readonly eq?: number };
    /** Indices of the referred rules, in the rule's order (temporal_ordered needs it). */
    readonly rules?: readonly number[];
  };
}

/**
 * What a correlation rule needs from one record that a rule it refers to matched: plain data, so a reading
 * thread can send it to the main one.
 */
export interface CorrelationEvent {
  /** Index of the correlation rule in RuleSet.rules. */
  readonly correlation: number;
  /** Index of the matched rule it refers to. */
  readonly base: number;
  /** eventTime in ms since the epoch. */
  readonly time: number;
  /** The group-by fields' values, in the rule's group-by order (absent fields as ''). */
  readonly group: readonly string[];
  /** For value_count: the counted field's value. */
  readonly value?: string;
}

/** One finding: a rule on one record, or a correlation rule on the records that make it up. */
export interface Finding<R = number> {
  /** Index of the rule in RuleSet.rules. */
  readonly rule: number;
  /** The records (by whatever reference the caller gave; record indices by default), in time order. */
  readonly records: readonly R[];
  /** For a correlation finding: its group-by values and its time window (ms since the epoch). */
  readonly window?: {
    readonly group: readonly { readonly field: string; readonly value: string }[];
    readonly start: number;
    readonly end: number;
  };
}

export interface RuleSet {
  /** Every rule that runs, correlation rules included; findings refer to them by index. */
  readonly rules: readonly RuleInfo[];
  /** Whether any rule could match anything (false for an empty set: callers skip the work). */
  readonly empty: boolean;
  /** Indices of the single-record rules that match a record (its parsed JSON value) and report findings of their own. */
  match(record: unknown): readonly number[];
  /** What the correlation rules need from a record, given everything it matched (match's rules and rules only correlations use). */
  correlationEvents(record: unknown): readonly CorrelationEvent[];
}
