/**
 * Detections on a reading thread: each record of a batch asked of the rule set as it is parsed, and only
 * what matched sent back (the rows it fired on, where each record's eventName is, and what correlation
 * rules take from it), as plain data. The main thread turns rows into its records (diskDetections.ts).
 */
import { type RecordMatches, matchValue, NO_MATCHES } from '../detections/logFindings';
import { recordValue } from '../detections/recordValue';
import type { CorrelationEvent, RuleSet } from '../detections/ruleSet';
import { type RecordInfo, stringAt } from '../parse/parsedLog';
import { lazyFieldSpan } from '../parse/fieldSpan';
import type { PlacedSpan } from './textPoint';
import { TapedRecord } from './tapedRecord';

/** A batch's matches, by row. */
export interface RowDetections {
  readonly rows: number[];
  readonly rules: (readonly number[])[];
  readonly events: (readonly CorrelationEvent[])[];
  /** Where each matched record's eventName value is, for its diagnostic (null when it has none). */
  readonly names: (PlacedSpan | null)[];
}

export class RowDetector {
  private readonly found: RowDetections = { rows: [], rules: [], events: [], names: [] };

  /** `placeNames`: find where each flagged record's eventName is (a file read on its own shows its findings there). */
  constructor(
    private readonly set: RuleSet,
    private readonly placeNames: boolean,
  ) {}

  /** Asks the rules about `record` (row `row`), read from `text`; `place` turns a span of that text into the file's. */
  add(row: number, record: RecordInfo, text: string, place: (start: number, end: number) => PlacedSpan): void {
    // A record read from its tape is read by the rules through it, not parsed whole.
    const matches = matchValue(this.set, record instanceof TapedRecord ? record.forRules() : recordValue(record, text));
    if (matches === NO_MATCHES) return;
    const name = matches.rules.length > 0 && this.placeNames ? nameSpan(record, text) : undefined;
    this.found.rows.push(row);
    this.found.rules.push(matches.rules);
    this.found.events.push(matches.events);
    this.found.names.push(name ? place(name.start, name.end) : null);
  }

  /** What matched, or undefined when nothing did. */
  finish(): RowDetections | undefined {
    return this.found.rows.length > 0 ? this.found : undefined;
  }
}

/** Where a record's eventName value is: found in the text for a fast-path record, from its offset index otherwise. */
function nameSpan(record: RecordInfo, text: string): { start: number; end: number } | undefined {
  const name = stringAt(record, 'eventName');
  if (name === undefined) return undefined;
  return record.read ? lazyFieldSpan(record, 'eventName', name, text, 0) : record.fields.get('eventName');
}

/** The matches of row k of a batch's detections. */
export function rowMatches(found: RowDetections, k: number): RecordMatches {
  return { rules: found.rules[k]!, events: found.events[k]! };
}
