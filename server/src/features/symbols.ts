/** The outline: one symbol per record, named by its time and event, found from the summaries alone. */
import type { RecordSummary } from './recordSummary';

export interface RecordSymbol {
  /** Plain text, shown as is: `eventTime eventName`. */
  readonly name: string;
  /** Who acted. */
  readonly detail: string;
  /** The whole record. */
  readonly start: number;
  readonly end: number;
  /** What the editor selects: the record's opening brace. */
  readonly selectionStart: number;
  readonly selectionEnd: number;
}

export function recordSymbols(summaries: readonly RecordSummary[]): RecordSymbol[] {
  return summaries.map((s) => ({
    name: `${s.eventTime || '(no time)'} ${s.eventName}`,
    detail: s.identity,
    start: s.start,
    end: s.end,
    // The opening brace: finding the eventName's own offsets would mean indexing every record.
    selectionStart: s.start,
    selectionEnd: s.start + 1,
  }));
}
