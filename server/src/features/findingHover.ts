/**
 * What the hover on a flagged record's eventName adds: the record as an analyst notes it (event, target, actor,
 * and whether the call failed), then each finding's rule, with its level, description, tags and false positives.
 * Rule text is as hostile as log text: all of it is escaped.
 */
import { attemptNote, findingNote } from '../../../common/findingNote';
import { findingMessage } from '../detections/findingMarks';
import { findingSpan, type LogFindings } from '../detections/logFindings';
import { recordAt } from '../parse/locate';
import type { ParsedLog } from '../parse/parsedLog';
import { text } from './markdown';
import { summarizeRecord } from './recordSummary';

/** Findings shown in one hover, at most. */
const MAX_SHOWN = 5;

/** The findings' Markdown for a hover at `offset` of `source` (the parse's text), when it is on a flagged record's eventName. */
export function findingsHover(
  source: string,
  parsed: ParsedLog,
  findings: LogFindings,
  offset: number,
): { markdown: string; start: number; end: number } | undefined {
  const index = recordAt(parsed, offset)?.index;
  if (index === undefined) return undefined;
  const flagged = findings.forRecord(index);
  if (flagged.length === 0) return undefined;
  const name = parsed.records[index]!.fields.get('eventName');
  const span = findingSpan(parsed, source, index)!;
  const onName = name ? offset >= name.keyStart && offset <= name.end : offset >= span.start && offset <= span.end;
  if (!onName) return undefined;
  const sections = flagged.slice(0, MAX_SHOWN).map((finding) => {
    const rule = findings.set.rules[finding.rule]!;
    const lines = [`**Sigma: ${text(findingMessage(rule, finding))}** · ${rule.level}`];
    if (rule.description) lines.push(text(rule.description));
    if (rule.tags.length > 0) lines.push(`Tags: ${rule.tags.map(text).join(', ')}`);
    if (rule.falsepositives.length > 0) lines.push(`False positives: ${rule.falsepositives.map(text).join('; ')}`);
    lines.push(`Rule: ${text(rule.id ?? rule.key)}`);
    return lines.join('\n\n');
  });
  if (flagged.length > MAX_SHOWN) sections.push(`and ${flagged.length - MAX_SHOWN} more findings`);
  const record = summarizeRecord(parsed.records[index]!);
  const note = [findingNote(record, text), record.errorCode ? attemptNote(record.errorCode, text) : ''].filter(Boolean).join(' · ');
  return { markdown: [note, ...sections].join('\n\n---\n\n'), start: span.start, end: span.end };
}
