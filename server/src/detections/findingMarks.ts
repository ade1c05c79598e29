/**
 * Findings as marks on a log's text: each on its record's eventName (a correlation finding on its first
 * record, the others related), with the words a diagnostic shows. Single-record findings and correlation
 * findings share one limit of their own, apart from the log's JSON problems, so neither hides the other.
 */
import type { ParsedLog, Span } from '../parse/parsedLog';
import { findingSpan, type LogFindings } from './logFindings';
import type { Finding, RuleInfo, RuleSet } from './ruleSet';

/** A finding placed on its first record (`S`: a document's span, or a place in a file read from disk). */
export interface FindingMark<S = Span> {
  readonly rule: RuleInfo;
  readonly message: string;
  readonly at: S;
  /** The other records of a correlation finding, at most RELATED_SHOWN of them. */
  readonly related: readonly S[];
}

const RELATED_SHOWN = 20;

/** A finding's words: the rule's title, and for a correlation its count, group and window. */
export function findingMessage(rule: RuleInfo, finding: Finding<unknown>): string {
  if (!finding.window) return rule.title;
  const { group, start, end } = finding.window;
  const values = group.map((g) => `${g.field}=${g.value}`).join(', ');
  const count = `${finding.records.length} record${finding.records.length === 1 ? '' : 's'}`;
  // In a message, a time as CloudTrail writes it: whole seconds without their zero milliseconds.
  const said = (ms: number) => isoTime(ms)?.replace('.000Z', 'Z') ?? String(ms);
  return `${rule.title} (${count}${values ? ` with ${values}` : ''}, ${said(start)} to ${said(end)})`;
}

/** A finding's time (ms since the epoch) as ISO 8601; undefined when it is no time. */
export function isoTime(ms: number | undefined): string | undefined {
  const date = new Date(ms ?? NaN);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Findings' marks, at most `limit`; `place` says where a record's mark goes (undefined: the record is gone). */
export function findingMarks<R, S>(
  set: RuleSet,
  findings: readonly Finding<R>[],
  limit: number,
  place: (record: R) => S | undefined,
): FindingMark<S>[] {
  const marks: FindingMark<S>[] = [];
  for (const finding of findings) {
    if (marks.length >= limit) break;
    const [first, ...rest] = finding.records;
    const at = first === undefined ? undefined : place(first);
    const rule = set.rules[finding.rule];
    if (at === undefined || !rule) continue;
    const related = rest.slice(0, RELATED_SHOWN).flatMap((record) => place(record) ?? []);
    marks.push({ rule, message: findingMessage(rule, finding), at, related });
  }
  return marks;
}

/** The marks of a document's findings (`text` the parse's), at most `limit`. */
export function documentMarks(findings: LogFindings, parsed: ParsedLog, text: string, limit: number): FindingMark[] {
  return findingMarks(findings.set, findings.findings, limit, (index) => findingSpan(parsed, text, index));
}
