/**
 * The events view's Detections group: the rules with findings in a log, highest level first, and one page of
 * the records a rule (or one correlation finding) flagged. The view's filter keeps and drops records here as it
 * does in the groups below, so a rule whose records the filter hides all is not shown.
 */
import { type CorrelationWindow, type DetectionRule, SIGMA_LEVELS } from '../../../common/protocol';
import { isoTime } from '../detections/findingMarks';
import type { Finding, RuleInfo } from '../detections/ruleSet';
import { eventFilter } from './eventFilter';
import type { RecordSummary } from './recordSummary';

/** The records a rule flagged (by its key), or one of its findings' (by position among the rule's findings), paged. */
export interface DetectionQuery {
  readonly detection: string;
  readonly finding?: number;
  readonly filter?: string;
  readonly offset?: number;
  readonly limit: number;
}

/** Each rule's findings, by rule index, in the order the findings came. */
function findingsByRule(findings: readonly Finding<number>[]): Map<number, Finding<number>[]> {
  const byRule = new Map<number, Finding<number>[]>();
  for (const finding of findings) {
    const list = byRule.get(finding.rule);
    if (list) list.push(finding);
    else byRule.set(finding.rule, [finding]);
  }
  return byRule;
}

/**
 * Which records a count has met, by stamp: a new count takes the next stamp, so counting the distinct records of
 * each rule and window of a large folder needs neither a set nor a sort (a rule may flag most of a million records).
 */
class Seen {
  private readonly stamps: Uint32Array;
  private stamp = 0;
  constructor(size: number) {
    this.stamps = new Uint32Array(size);
  }
  next(): void {
    this.stamp++;
  }
  /** Whether `index` names a record not met since `next`; marks it met. */
  first(index: number): boolean {
    if (!Number.isInteger(index) || index < 0 || index >= this.stamps.length || this.stamps[index] === this.stamp) return false;
    this.stamps[index] = this.stamp;
    return true;
  }
  /** Takes back `first`'s mark, so `met` says no. */
  unmark(index: number): void {
    this.stamps[index] = 0;
  }
  /** Whether `index` was met since `next`. */
  met(index: number): boolean {
    return this.stamps[index] === this.stamp;
  }
}

/** Marks the findings' records that the filter keeps, each once, and counts them; a reference to no record is dropped. */
function markKept(
  seen: Seen,
  findings: readonly Finding<number>[],
  summaries: readonly RecordSummary[],
  filter: string | undefined,
): number {
  seen.next();
  let count = 0;
  const keep = eventFilter(filter).test;
  // Indexed loops: a noisy rule's findings in a folder run to a million.
  for (let f = 0; f < findings.length; f++) {
    const records = findings[f]!.records;
    for (let r = 0; r < records.length; r++) {
      const index = records[r]!;
      if (!seen.first(index)) continue;
      if (keep(summaries[index]!, summaries)) count++;
      // A record the filter drops is not one of the findings' for paging: a stamp no count uses.
      else seen.unmark(index);
    }
  }
  return count;
}

function windowsOf(
  seen: Seen,
  findings: readonly Finding<number>[],
  summaries: readonly RecordSummary[],
  filter: string | undefined,
): CorrelationWindow[] {
  const windows: CorrelationWindow[] = [];
  findings.forEach((finding, index) => {
    const count = markKept(seen, [finding], summaries, filter);
    if (!count) return;
    const { group = [], start, end } = finding.window ?? {};
    windows.push({
      index,
      group: group.map(({ field, value }) => ({ field, value })),
      start: isoTime(start) ?? '',
      end: isoTime(end) ?? '',
      count,
    });
  });
  return windows;
}

const levelRank = (rule: DetectionRule) => SIGMA_LEVELS.indexOf(rule.level);

/** The rules with findings the filter keeps: highest level first, then most records, then by title. */
export function detectionRules(
  rules: readonly RuleInfo[],
  findings: readonly Finding<number>[],
  summaries: readonly RecordSummary[],
  filter?: string,
): DetectionRule[] {
  const seen = new Seen(summaries.length);
  const shown: DetectionRule[] = [];
  for (const [index, list] of findingsByRule(findings)) {
    const rule = rules[index];
    if (!rule) continue;
    const count = markKept(seen, list, summaries, filter);
    if (!count) continue;
    const { key, title, level } = rule;
    shown.push({ key, title, level, count, ...(rule.correlation ? { windows: windowsOf(seen, list, summaries, filter) } : {}) });
  }
  return shown.sort(
    (a, b) => levelRank(b) - levelRank(a) || b.count - a.count || a.title.localeCompare(b.title) || a.key.localeCompare(b.key),
  );
}

/**
 * One page of the records a Detections node holds: the calls that succeeded, then those that failed (an attempt
 * is noted below what was done), each in record order; none for a rule or finding the log does not have.
 */
export function detectionRecords(
  rules: readonly RuleInfo[],
  findings: readonly Finding<number>[],
  summaries: readonly RecordSummary[],
  query: DetectionQuery,
): { total: number; items: RecordSummary[] } {
  const rule = rules.findIndex((r) => r.key === query.detection);
  const ofRule = rule < 0 ? [] : findings.filter((f) => f.rule === rule);
  // Only a whole number names a finding: a request's JSON may hold anything.
  const one = Number.isInteger(query.finding) ? ofRule[query.finding!] : undefined;
  const selected = query.finding === undefined ? ofRule : one ? [one] : [];
  const seen = new Seen(summaries.length);
  const total = markKept(seen, selected, summaries, query.filter);
  const offset = Math.max(0, Math.floor(query.offset ?? 0)) || 0;
  // The marks read from the first record on, once for each outcome: no slower than sorting what a large rule flagged.
  const items: RecordSummary[] = [];
  let at = 0;
  for (const failed of [false, true])
    for (let index = 0; index < summaries.length && items.length < query.limit && at < total; index++) {
      if (!seen.met(index) || Boolean(summaries[index]!.errorCode) !== failed) continue;
      if (at >= offset) items.push(summaries[index]!);
      at++;
    }
  return { total, items };
}
