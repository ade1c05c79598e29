/**
 * Findings as marks on a log's text: each on its record's eventName (a correlation finding on its first
 * record, the others related), with the words a diagnostic shows. Single-record findings and correlation
 * findings share one limit of their own, apart from the log's JSON problems, so neither hides the other.
 */
import type { ParsedLog, Span } from '../parse/parsedLog';
import { findingSpan, type LogFindings } from './logFindings';
import type { Finding, RuleInfo } from './ruleSet';

export interface FindingMark extends Span {
  readonly rule: RuleInfo;
  readonly message: string;
  /** The other records of a correlation finding, at most RELATED_SHOWN of them. */
  readonly related: readonly Span[];
}

const RELATED_SHOWN = 20;

/** A finding's words: the rule's title, and for a correlation its count, group and window. */
export function findingMessage(rule: RuleInfo, finding: Finding<unknown>): string {
  if (!finding.window) return rule.title;
  const { group, start, end } = finding.window;
  const values = group.map((g) => `${g.field}=${g.value}`).join(', ');
  const count = `${finding.records.length} record${finding.records.length === 1 ? '' : 's'}`;
  return `${rule.title} (${count}${values ? ` with ${values}` : ''}, ${isoTime(start)} to ${isoTime(end)})`;
}

export function isoTime(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString().replace('.000Z', 'Z');
}

/** The marks of a document's findings (`text` the parse's), at most `limit`. */
export function documentMarks(findings: LogFindings, parsed: ParsedLog, text: string, limit: number): FindingMark[] {
  const marks: FindingMark[] = [];
  for (const finding of findings.findings) {
    if (marks.length >= limit) break;
    const [first, ...rest] = finding.records;
    const span = first === undefined ? undefined : findingSpan(parsed, text, first);
    const rule = findings.set.rules[finding.rule];
    if (!span || !rule) continue;
    const related = rest.slice(0, RELATED_SHOWN).flatMap((i) => findingSpan(parsed, text, i) ?? []);
    marks.push({ ...span, rule, message: findingMessage(rule, finding), related });
  }
  return marks;
}
