/**
 * What the rules find in one log: each record's matches (kept per record, so an edit inside one record
 * asks the rules about that record alone), and the findings they make, correlation windows included.
 */
import { nextTurn } from '../../../common/nextTurn';
import { type ParsedLog, type Span, stringAt } from '../parse/parsedLog';
import { lazyFieldSpan } from '../parse/fieldSpan';
import { Correlator } from './correlator';
import { recordValue } from './recordValue';
import type { CorrelationEvent, Finding, RuleSet } from './ruleSet';

/** One record's matches: the rules it fires on its own, and what correlation rules take from it. */
export interface RecordMatches {
  readonly rules: readonly number[];
  readonly events: readonly CorrelationEvent[];
}

export const NO_MATCHES: RecordMatches = { rules: [], events: [] };

export function matchValue(set: RuleSet, value: unknown): RecordMatches {
  const rules = set.match(value);
  const events = set.correlationEvents(value);
  return rules.length === 0 && events.length === 0 ? NO_MATCHES : { rules, events };
}

/** Every record's matches, in record order. */
export function matchRecords(set: RuleSet, parsed: ParsedLog, text: string): RecordMatches[] {
  if (set.empty) return parsed.records.map(() => NO_MATCHES);
  return parsed.records.map((record) => matchValue(set, recordValue(record, text)));
}

/** How long rules run on a document's records before letting waiting requests (a hover, an edit) in. */
export const DETECTION_SLICE_MS = 15;

/**
 * Every record's matches, as matchRecords, worked out in slices of DETECTION_SLICE_MS with a turn of the event loop
 * between: ten thousand rules on a big log take minutes, and a hover asked meanwhile is answered after one slice.
 * undefined when `stale` (the document has changed) says to stop.
 */
export async function matchRecordsInSlices(
  set: RuleSet,
  parsed: ParsedLog,
  text: string,
  stale: () => boolean,
): Promise<RecordMatches[] | undefined> {
  if (set.empty) return matchRecords(set, parsed, text);
  const out: RecordMatches[] = [];
  let sliceEnd = performance.now() + DETECTION_SLICE_MS;
  for (const record of parsed.records) {
    if (performance.now() > sliceEnd) {
      await nextTurn();
      if (stale()) return undefined;
      sliceEnd = performance.now() + DETECTION_SLICE_MS;
    }
    out.push(matchValue(set, recordValue(record, text)));
  }
  return out;
}

export interface LogFindings {
  readonly set: RuleSet;
  /** Single-record findings in record order, then correlation findings. */
  readonly findings: readonly Finding[];
  /** The findings a record is part of. */
  forRecord(index: number): readonly Finding[];
}

/** The findings of records' matches (`R` names a record: its index in a document, its object in a folder). */
export function findingsOf<R>(set: RuleSet, matches: Iterable<readonly [R, RecordMatches]>): Finding<R>[] {
  const single: Finding<R>[] = [];
  const correlator = new Correlator<R>(set);
  let correlated = false;
  for (const [record, found] of matches) {
    for (const rule of found.rules) single.push({ rule, records: [record] });
    for (const event of found.events) {
      correlator.add(event, record);
      correlated = true;
    }
  }
  return correlated ? [...single, ...correlator.findings()] : single;
}

/** A document's findings, with each record's looked up by index. */
export function logFindings(set: RuleSet, perRecord: readonly RecordMatches[]): LogFindings {
  const pairs = function* () {
    for (let i = 0; i < perRecord.length; i++) if (perRecord[i] !== NO_MATCHES) yield [i, perRecord[i]!] as const;
  };
  const findings = findingsOf(set, pairs());
  // Only hovers ask by record: the table is made for the first one.
  let byRecord: Map<number, Finding[]> | undefined;
  const forRecord = (index: number): readonly Finding[] => {
    if (!byRecord) {
      byRecord = new Map();
      for (const finding of findings) {
        for (const record of finding.records) {
          const list = byRecord.get(record);
          if (list) list.push(finding);
          else byRecord.set(record, [finding]);
        }
      }
    }
    return byRecord.get(index) ?? [];
  };
  return { set, findings, forRecord };
}

/**
 * One record's own findings, for a hover asked before the log's are worked out: the rules that fire on the record
 * alone (a correlation needs every record, and waits for them).
 */
export function recordFindings(set: RuleSet, index: number, value: unknown): LogFindings {
  const findings: Finding[] = value === undefined ? [] : set.match(value).map((rule) => ({ rule, records: [index] }));
  return { set, findings, forRecord: (i) => (i === index ? findings : []) };
}

/** Where a finding is shown on a record of the parse of `text`: its eventName's value, or the record's first character. */
export function findingSpan(parsed: ParsedLog, text: string, index: number): Span | undefined {
  const record = parsed.records[index];
  if (!record) return undefined;
  const name = stringAt(record, 'eventName');
  // A fast-path record's eventName is found in its text: building its whole offset index costs far more.
  const span =
    name === undefined ? undefined : record.read ? lazyFieldSpan(record, 'eventName', name, text, 0) : record.fields.get('eventName');
  return span ? { start: span.start, end: span.end } : { start: record.start, end: Math.min(record.end, record.start + 1) };
}
