/**
 * Rule files to a RuleSet: read every source, key rules by id (a second rule with an id already seen is a problem),
 * resolve what correlation rules refer to, and compile each rule on one record into a test, once. Records meet
 * only the rules their eventName or eventSource can satisfy (ruleIndex.ts), plus the rules no index can narrow.
 */
import { SIGMA_LEVELS, type SigmaLevel } from '../../../common/protocol';
import { compileCondition, type Test } from './condition';
import { compileExclusions, excludable } from './exclusions';
import { timeTextOf } from '../cloudtrail/recordTime';
import { DERIVED_FIELDS, type DerivedField, deriveValue } from './derivedFields';
import { fieldPath, recordSource, type TreeRecord, type FieldPath } from './fieldPath';
import { type ReadRules, readRules, type SkippedRule } from './ruleReader';
import { expandRule, NO_PLACEHOLDERS, type Placeholders } from './placeholders';
import { indexKey, prefixKey } from './ruleIndex';
import type { CorrelationEvent, RuleInfo, RuleProblem, RuleSet, RuleSource } from './ruleSet';
import type { SigmaCorrelationRule, SigmaDetectionRule, SigmaRule } from './sigmaRule';
import { compileItem, RecordView } from './valueMatcher';

export interface CompiledRules {
  readonly set: RuleSet;
  readonly problems: RuleProblem[];
  readonly skipped: number;
  /** Why entries of the exclusion list were left out. */
  readonly exclusionProblems: readonly string[];
}

export interface CompileOptions {
  readonly minLevel?: SigmaLevel;
  /** `cloudtrail.detections.exclude`'s entries, as the settings hold them (exclusions.ts). */
  readonly exclude?: readonly unknown[];
  /** What `expand` placeholders stand for (none by default: such items match nothing). */
  readonly placeholders?: Placeholders;
}

interface Plan {
  readonly rule: SigmaCorrelationRule;
  readonly bases: SigmaDetectionRule[];
}

export function compileRules(sources: readonly RuleSource[], options: CompileOptions = {}): CompiledRules {
  return compileReadRules(
    sources.map((source) => readRules(source.text, source.file)),
    options,
  );
}

/**
 * The same from rule files already read (ruleReader.ts), one per file in order: plain data, so a reading thread
 * can compile the main thread's set without reading YAML again.
 */
export function compileReadRules(reads: readonly ReadRules[], options: CompileOptions = {}): CompiledRules {
  const problems: RuleProblem[] = [];
  const skippedRules: SkippedRule[] = [];
  const rules: SigmaRule[] = [];
  const ids = new Map<string, string>();
  for (const read of reads) {
    problems.push(...read.problems);
    skippedRules.push(...read.skipped);
    for (const rule of read.rules) {
      const seen = rule.id === undefined ? undefined : ids.get(rule.id);
      if (seen !== undefined) {
        problems.push({
          file: rule.file,
          message: `id ${rule.id} is already used by a rule in ${seen}: this rule is left out`,
          severity: 'error',
          ...rule.range,
        });
        continue;
      }
      if (rule.id !== undefined) ids.set(rule.id, rule.file);
      rules.push(rule.kind === 'detection' ? expandRule(rule, options.placeholders ?? NO_PLACEHOLDERS) : rule);
    }
  }
  const { plans, skipped } = resolveCorrelations(rules, skippedRules, problems);
  const minRank = SIGMA_LEVELS.indexOf(options.minLevel ?? 'informational');
  const active = plans.filter((plan) => SIGMA_LEVELS.indexOf(plan.rule.level) >= minRank);
  const detections = rules.filter((r): r is SigmaDetectionRule => r.kind === 'detection');
  const reports = (rule: SigmaDetectionRule): boolean =>
    SIGMA_LEVELS.indexOf(rule.level) >= minRank && plans.every((plan) => plan.rule.generate || !plan.bases.includes(rule));
  const running = detections.filter((rule) => reports(rule) || active.some((plan) => plan.bases.includes(rule)));
  const exclusions = compileExclusions(options.exclude ?? []);
  const set = new SigmaRuleSet(running, active, new Set(running.filter(reports)), exclusions.test);
  return { set, problems, skipped: skippedRules.length + skipped, exclusionProblems: exclusions.problems };
}

function resolveCorrelations(rules: readonly SigmaRule[], skippedRules: readonly SkippedRule[], problems: RuleProblem[]) {
  const byRef = new Map<string, SigmaRule>();
  for (const rule of rules) {
    for (const ref of [rule.id, rule.name]) if (ref !== undefined && !byRef.has(ref)) byRef.set(ref, rule);
  }
  const skippedRefs = new Set(skippedRules.flatMap((r) => [r.id, r.name]).filter((r): r is string => r !== undefined));
  const plans: Plan[] = [];
  let skipped = 0;
  for (const rule of rules) {
    if (rule.kind !== 'correlation') continue;
    const bases: SigmaDetectionRule[] = [];
    let fails = false;
    let other = false;
    rule.rules.forEach((ref, i) => {
      const base = byRef.get(ref);
      const place = rule.refRanges[i] ?? rule.range;
      if (base?.kind === 'detection') bases.push(base);
      else if (base)
        fails = !!problems.push({
          file: rule.file,
          message: `${ref} is a correlation rule: chained correlations are not supported`,
          severity: 'error',
          ...place,
        });
      else if (skippedRefs.has(ref)) other = true;
      else
        fails = !!problems.push({
          file: rule.file,
          message: `no rule has the id or name ${JSON.stringify(ref)}`,
          severity: 'error',
          ...place,
        });
    });
    if (other && !fails) skipped++;
    else if (!fails) plans.push({ rule, bases });
  }
  return { plans, skipped };
}

interface Running {
  readonly index: number;
  readonly test: Test<RecordView>;
  readonly reports: boolean;
  /** Whether an excluded record raises no finding of its own (the rule is below high). */
  readonly excludable: boolean;
  /** The correlation rules it feeds: their index, the paths of their group-by fields and counted field for it, and whether excluded records stay out. */
  readonly feeds: readonly {
    readonly correlation: number;
    readonly group: readonly FieldRead[];
    readonly value?: FieldRead;
    readonly excludable: boolean;
  }[];
}

/** A group-by or counted field as a record is read for it: a path, and for a derived field (derivedFields.ts) the part kept. */
interface FieldRead {
  readonly path: FieldPath;
  readonly derived?: DerivedField;
}

const NOTHING: readonly Running[] = [];
const NO_RULES: readonly number[] = [];
const NO_EVENTS: readonly CorrelationEvent[] = [];
const NO_STRINGS: readonly string[] = [];

/**
 * The lowercased string forms of the scalars a path reaches, for looking rules up by value (one string when it
 * reaches one scalar, as nearly always); undefined when it reaches an object or array (every rule indexed on the
 * field is then a candidate). A field reached through objects alone, as CloudTrail's are, is read without walking.
 */
function scalarsAt(record: TreeRecord<unknown>, path: FieldPath): string | readonly string[] | undefined {
  const value = record.at(path);
  if (value !== undefined && (value === null || typeof value !== 'object'))
    return value === null ? NO_STRINGS : String(value).toLowerCase();
  // An absent top-level field (errorCode, on most records) reaches nothing either way.
  if (value === undefined && path.segments.length === 1) return NO_STRINGS;
  const values = record.values(path);
  if (values.some((v) => v !== null && typeof v === 'object')) return undefined;
  return values.flatMap((v) => (v === null ? [] : [String(v).toLowerCase()]));
}

function startsWithAny(value: string, prefixes: readonly string[]): boolean {
  for (const prefix of prefixes) if (value.startsWith(prefix)) return true;
  return false;
}

/** The rules indexed on one field: by the (lowercased) value they require, all of those, and those that require a prefix. */
interface FieldIndex {
  readonly path: FieldPath;
  readonly byValue: Map<string, Running[]>;
  readonly all: Running[];
  readonly prefixed: { readonly prefixes: readonly string[]; readonly running: Running }[];
}

class SigmaRuleSet implements RuleSet {
  readonly rules: RuleInfo[] = [];
  readonly empty: boolean;
  private readonly running: Running[] = [];
  private readonly unindexed: Running[] = [];
  /** The rules indexed on each field, by the field. */
  private readonly indexes = new Map<string, FieldIndex>();
  /** The same, as a list walked for every record: each field is read once. */
  private readonly indexList: FieldIndex[] = [];
  /** The last record evaluated and what it matched: match and correlationEvents ask about the same record in turn. */
  private lastRecord: unknown;
  private lastMatched: readonly Running[] = NOTHING;
  /** Whether the last record asked about is excluded, once asked. */
  private lastExcludedRecord: unknown;
  private lastExcluded = false;

  constructor(
    detections: readonly SigmaDetectionRule[],
    plans: readonly Plan[],
    reporting: ReadonlySet<SigmaDetectionRule>,
    private readonly exclude?: (view: RecordView) => boolean,
  ) {
    const keys = new Set<string>();
    const indexOf = new Map<SigmaRule, number>();
    for (const rule of [...detections, ...plans.map((p) => p.rule)]) {
      indexOf.set(rule, this.rules.length);
      this.rules.push(ruleInfo(rule, keys));
    }
    plans.forEach((plan) => {
      const info = this.rules[indexOf.get(plan.rule)!]!;
      const correlation = { ...info.correlation!, rules: plan.bases.map((b) => indexOf.get(b)!) };
      this.rules[indexOf.get(plan.rule)!] = { ...info, correlation };
    });
    for (const rule of detections) {
      const feeds = plans.filter((p) => p.bases.includes(rule)).map((p) => feedOf(p, rule, indexOf.get(p.rule)!));
      const index = indexOf.get(rule)!;
      const running = { index, test: compileDetection(rule), reports: reporting.has(rule), excludable: excludable(rule.level), feeds };
      this.running.push(running);
      this.place(rule, running);
    }
    this.empty = this.running.length === 0;
  }

  private place(rule: SigmaDetectionRule, running: Running): void {
    const key = indexKey(rule);
    const prefixed = key ? undefined : prefixKey(rule);
    const field = key?.field ?? prefixed?.field;
    if (field === undefined) {
      this.unindexed.push(running);
      return;
    }
    let index = this.indexes.get(field);
    if (!index) {
      this.indexes.set(field, (index = { path: fieldPath(field), byValue: new Map(), all: [], prefixed: [] }));
      this.indexList.push(index);
    }
    if (prefixed) index.prefixed.push({ prefixes: [...prefixed.prefixes], running });
    for (const value of key?.values ?? []) index.byValue.set(value, [...(index.byValue.get(value) ?? []), running]);
    index.all.push(running);
  }

  /** The rules a record could match, by the values of the fields rules are indexed on; all of a field's rules when it holds an object there. */
  private candidates(record: unknown): readonly Running[] {
    const source = recordSource(record);
    // Most records meet no indexed rule: the unindexed ones are then the answer, with no array made.
    let out: Running[] | undefined;
    for (const { path, byValue, all, prefixed } of this.indexList) {
      const found = scalarsAt(source, path);
      if (found === undefined) {
        if (all.length > 0) (out ??= [...this.unindexed]).push(...all);
        continue;
      }
      const hit = typeof found === 'string' ? byValue.get(found) : [...new Set(found.flatMap((value) => byValue.get(value) ?? []))];
      if (hit && hit.length > 0) (out ??= [...this.unindexed]).push(...hit);
      for (const { prefixes, running } of prefixed) {
        const starts = typeof found === 'string' ? startsWithAny(found, prefixes) : found.some((v) => startsWithAny(v, prefixes));
        if (starts) (out ??= [...this.unindexed]).push(running);
      }
    }
    return out ?? this.unindexed;
  }

  private evaluate(record: unknown, everyRule = false): readonly Running[] {
    if (!everyRule && this.lastRecord === record && record !== undefined) return this.lastMatched;
    const candidates = everyRule ? this.running : this.candidates(record);
    let matched: Running[] | undefined;
    if (candidates.length > 0) {
      const view = new RecordView(record);
      for (const running of candidates) if (running.test(view)) (matched ??= []).push(running);
    }
    if (matched && matched.length > 1) matched.sort((a, b) => a.index - b.index);
    const result = matched ?? NOTHING;
    if (!everyRule) {
      this.lastRecord = record;
      this.lastMatched = result;
    }
    return result;
  }

  /** Whether the exclusion list matches the record: asked only of records a quieter rule matched, once each. */
  private excluded(record: unknown): boolean {
    if (!this.exclude) return false;
    if (this.lastExcludedRecord !== record || record === undefined) {
      this.lastExcludedRecord = record;
      this.lastExcluded = this.exclude(new RecordView(record));
    }
    return this.lastExcluded;
  }

  match(record: unknown): readonly number[] {
    const matched = this.evaluate(record);
    if (matched.length === 0) return NO_RULES;
    return matched.filter((r) => r.reports && !(r.excludable && this.excluded(record))).map((r) => r.index);
  }

  /** Every rule checked, no index: for tests that the index changes nothing. */
  matchEveryRule(record: unknown): readonly number[] {
    return this.evaluate(record, true)
      .filter((r) => r.reports && !(r.excludable && this.excluded(record)))
      .map((r) => r.index);
  }

  correlationEvents(record: unknown): readonly CorrelationEvent[] {
    const all = this.evaluate(record);
    if (all.length === 0) return NO_EVENTS;
    const matched = all.filter((r) => r.feeds.length > 0);
    if (matched.length === 0) return NO_EVENTS;
    const view = new RecordView(record);
    const eventTime = timeTextOf((field) => view.own(field));
    const time = eventTime === undefined ? NaN : Date.parse(eventTime);
    if (Number.isNaN(time)) return [];
    const text = ({ path, derived }: FieldRead): string | undefined => {
      const found = view.values(path).find((v) => v !== null);
      const value = found === undefined ? undefined : view.text(found);
      return derived ? deriveValue(derived, value) : value;
    };
    const events: CorrelationEvent[] = [];
    for (const running of matched) {
      for (const feed of running.feeds) {
        if (feed.excludable && this.excluded(record)) continue;
        const value = feed.value ? text(feed.value) : undefined;
        if (feed.value && value === undefined) continue;
        const group = feed.group.map((path) => text(path) ?? '');
        events.push({ correlation: feed.correlation, base: running.index, time, group, ...(value !== undefined && { value }) });
      }
    }
    return events;
  }
}

function feedOf(plan: Plan, base: SigmaDetectionRule, correlation: number): Running['feeds'][number] {
  // An alias names the field each referred rule's records hold it in.
  const resolve = (field: string): FieldRead => {
    const byRule = Object.prototype.hasOwnProperty.call(plan.rule.aliases, field) ? plan.rule.aliases[field]! : undefined;
    const own = byRule && [base.name, base.id].find((ref) => ref !== undefined && Object.prototype.hasOwnProperty.call(byRule, ref));
    const named = own ? byRule[own]! : field;
    const derived = DERIVED_FIELDS.get(named);
    return derived ? { path: fieldPath(derived.from), derived } : { path: fieldPath(named) };
  };
  return {
    correlation,
    group: plan.rule.groupBy.map(resolve),
    ...(plan.rule.field !== undefined && { value: resolve(plan.rule.field) }),
    excludable: excludable(plan.rule.level),
  };
}

function compileDetection(rule: SigmaDetectionRule): Test<RecordView> {
  const searches = new Map<string, Test<RecordView>>();
  for (const search of rule.searches) {
    const alternatives = search.alternatives.map((items) => items.map(compileItem));
    searches.set(search.name, (view) => alternatives.some((items) => items.every((item) => item(view))));
  }
  return compileCondition(rule.condition, searches);
}

function ruleInfo(rule: SigmaRule, keys: Set<string>): RuleInfo {
  let key = rule.id ?? `${rule.file}#${rule.title}`;
  for (let n = 2; keys.has(key); n++) key = `${rule.id ?? `${rule.file}#${rule.title}`}#${n}`;
  keys.add(key);
  return {
    key,
    ...(rule.id !== undefined && { id: rule.id }),
    title: rule.title,
    level: rule.level,
    ...(rule.description !== undefined && { description: rule.description }),
    tags: rule.tags,
    falsepositives: rule.falsepositives,
    references: rule.references,
    file: rule.file,
    ...(rule.kind === 'correlation' && {
      correlation: { type: rule.type, timespanMs: rule.timespanMs, groupBy: rule.groupBy, condition: rule.condition, rules: [] },
    }),
  };
}
