/**
 * A disk read's detections on the main thread: the matches the reading threads sent, by record, and the
 * findings made of them once the read is done (correlation windows need every record, in any order).
 */
import { findingsOf, type RecordMatches } from '../detections/logFindings';
import { type FindingMark, findingMarks } from '../detections/findingMarks';
import type { Finding, RuleSet } from '../detections/ruleSet';
import type { DiskRecord } from './diskRecord';
import { type RowDetections, rowMatches } from './rowDetections';
import type { PlacedSpan } from './textPoint';

export class DiskDetections {
  private readonly matches = new Map<DiskRecord, RecordMatches>();
  private found: Finding<DiskRecord>[] | undefined;
  /** Where a flagged record's eventName is, for its diagnostic. */
  readonly names = new Map<DiskRecord, PlacedSpan>();

  constructor(readonly set: RuleSet) {}

  /** Takes a batch's matches; `recordOfRow` gives the record a row became (undefined when it was left out). */
  take(found: RowDetections | undefined, recordOfRow: (row: number) => DiskRecord | undefined): void {
    if (!found) return;
    for (let k = 0; k < found.rows.length; k++) {
      const record = recordOfRow(found.rows[k]!);
      if (!record) continue;
      this.matches.set(record, rowMatches(found, k));
      const name = found.names[k];
      if (name) this.names.set(record, name);
    }
  }

  /** Drops the matches of records a read abandoned (it reads the file again another way). */
  forget(records: readonly DiskRecord[]): void {
    for (const record of records) {
      this.matches.delete(record);
      this.names.delete(record);
    }
  }

  /** The findings, each naming its records; worked out once, when the read is done and first asked. */
  findings(): readonly Finding<DiskRecord>[] {
    return (this.found ??= findingsOf(this.set, this.matches));
  }

  /** The findings as marks on the file, at most `limit` (a correlation's records all lie in this file). */
  marks(limit: number): FindingMark<PlacedSpan>[] {
    return findingMarks(this.set, this.findings(), limit, (record) => this.place(record));
  }

  /** A record's eventName, or its first character when it has none. */
  private place(record: DiskRecord): PlacedSpan {
    const from = { line: record.fromLine, character: record.fromCharacter };
    return (
      this.names.get(record) ?? { start: record.start, end: record.start + 1, from, to: { line: from.line, character: from.character + 1 } }
    );
  }
}
