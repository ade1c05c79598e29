/**
 * The events view's Detections group: the rules with findings in a log, highest level first, and one page of
 * the records a rule (or one correlation finding) flagged. The view's filter keeps and drops records here as it
 * does in the groups below, so a rule whose records the filter hides all is not shown.
 */
import { type CorrelationWindow, type DetectionRule, SIGMA_LEVELS } from '../../../common/protocol';
import type { Finding, RuleInfo } from '../detections/ruleSet';
import { matchesFilter } from './eventGroups';
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

/** The findings' records that the filter keeps, each once, in record order; a reference to no record is dropped. */
function keptRecords(findings: readonly Finding<number>[], summaries: readonly RecordSummary[], filter: string | undefined): number[] {
  const kept = new Set<number>();
  for (const finding of findings)
    for (const index of finding.records) {
      const summary = summaries[index];
      if (summary && matchesFilter(summary, filter)) kept.add(index);
    }
  return [...kept].sort((a, b) => a - b);
}

/** A window's bound as ISO 8601, or '' when it is no time (a record without a valid eventTime). */
function isoTime(ms: number | undefined): string {
  const date = new Date(ms ?? NaN);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

function windowsOf(
  findings: readonly Finding<number>[],
  summaries: readonly RecordSummary[],
  filter: string | undefined,
): CorrelationWindow[] {
  const windows: CorrelationWindow[] = [];
  findings.forEach((finding, index) => {
    const count = keptRecords([finding], summaries, filter).length;
    if (!count) return;
    const { group = [], start, end } = finding.window ?? {};
    windows.push({ index, group: group.map(({ field, value }) => ({ field, value })), start: isoTime(start), end: isoTime(end), count });
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
  const shown: DetectionRule[] = [];
  for (const [index, list] of findingsByRule(findings)) {
    const rule = rules[index];
    if (!rule) continue;
    const count = keptRecords(list, summaries, filter).length;
    if (!count) continue;
    const { key, title, level } = rule;
    shown.push({ key, title, level, count, ...(rule.correlation ? { windows: windowsOf(list, summaries, filter) } : {}) });
  }
  return shown.sort(
    (a, b) => levelRank(b) - levelRank(a) || b.count - a.count || a.title.localeCompare(b.title) || a.key.localeCompare(b.key),
  );
}

/** One page of the records a Detections node holds, in record order; none for a rule or finding the log does not have. */
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
  const kept = keptRecords(selected, summaries, query.filter);
  const offset = Math.max(0, Math.floor(query.offset ?? 0)) || 0;
  return { total: kept.length, items: kept.slice(offset, offset + query.limit).map((index) => summaries[index]!) };
}
