/**
 * After an edit inside one record, the new parse is the old one with that record read again and the
 * offsets after it shifted: typing in a 50 MB log costs a record, not the file.
 */
import { LazyRecord } from './fastParse';
import { recordAt } from './locate';
import { type ParsedLog, type RecordInfo, shiftField } from './parsedLog';
import { parseLog } from './parseLog';

/** One edit, by offsets into the text before it. */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Reparsed {
  readonly parsed: ParsedLog;
  /** The record that was read again. */
  readonly index: number;
  /** How far everything after it moved. */
  readonly delta: number;
}

function shiftRecord(record: RecordInfo, delta: number): void {
  (record as { start: number }).start += delta;
  record.end += delta;
  // A record the fast path read builds its index later, from the new text, at its new offsets.
  if (record instanceof LazyRecord && !record.materialized) return;
  for (const field of record.fields.values()) shiftField(field, delta);
}

/**
 * The parse of `text` (the text after `change`) from `old` (the parse before it), or undefined when
 * only a whole parse is safe: the file had JSON errors, the edit is not strictly inside one record,
 * or the record no longer reads as one clean object.
 */
export function reparseAfterEdit(old: ParsedLog, text: string, change: TextChange): Reparsed | undefined {
  // Delivered logs, {"Records":[…]}: the containers around a record are then known (root and Records).
  if (old.syntax.length > 0 || old.shape !== 'records' || !old.root || !old.recordsValue) return undefined;
  const { root: rootObject, recordsValue } = old;
  const record = recordAt(old, change.start);
  // Inside the braces, so the record's own boundaries and everything around it stay as they were.
  if (!record || !record.closed || change.start <= record.start || change.end >= record.end) return undefined;
  const delta = change.text.length - (change.end - change.start);
  const end = record.end + delta;
  const alone = parseLog(text.slice(record.start, end));
  const root = alone.root;
  if (alone.syntax.length > 0 || !root || !root.closed || root.start !== 0 || root.end !== end - record.start) return undefined;

  for (const field of root.fields.values()) shiftField(field, record.start);
  const fresh: RecordInfo = { index: record.index, start: record.start, end, closed: true, fields: root.fields };
  if (old.source) old.source.text = text;
  const records = old.records.slice();
  records[record.index] = fresh;
  for (let i = record.index + 1; i < records.length; i++) shiftRecord(records[i]!, delta);

  const after = (offset: number) => offset >= record.end;
  const inside = (offset: number) => offset >= record.start && offset < record.end;
  const duplicateKeys = [
    ...old.duplicateKeys
      .filter((d) => !inside(d.start))
      .map((d) => (after(d.start) ? { ...d, start: d.start + delta, end: d.end + delta } : d)),
    ...alone.duplicateKeys.map((d) => ({ ...d, start: d.start + record.start, end: d.end + record.start })),
  ].sort((a, b) => a.start - b.start);
  const nonObjectRecords = old.nonObjectRecords.map((s) => (after(s.start) ? { start: s.start + delta, end: s.end + delta } : s));

  const folds: number[] = [];
  for (let i = 0; i < old.folds.length; i += 3) {
    const [open, close, depth] = [old.folds[i]!, old.folds[i + 1]!, old.folds[i + 2]!];
    // The record's own folds are read again; the two around it are decided below.
    if (inside(open) || depth <= 2) continue;
    folds.push(after(open) ? open + delta : open, after(close) ? close + delta : close, depth);
  }
  // The alone parse counts the record as depth 1; in a log it sits in the root object's Records array.
  for (let i = 0; i < alone.folds.length; i += 3)
    folds.push(alone.folds[i]! + record.start, alone.folds[i + 1]! + record.start, alone.folds[i + 2]! + 2);

  // The Records array and the root object end after the record; an edit can make them span lines or not.
  recordsValue.end += delta;
  rootObject.end += delta;
  const around: [number, number, number][] = [
    [rootObject.start, rootObject.end - 1, 1],
    [recordsValue.start, recordsValue.end - 1, 2],
  ];
  for (const [open, close, depth] of around) {
    const lineBreak = text.indexOf('\n', open);
    if (lineBreak >= 0 && lineBreak < close) folds.push(open, close, depth);
  }
  const parsed: ParsedLog = {
    ...old,
    length: text.length,
    records,
    duplicateKeys,
    nonObjectRecords,
    folds,
  };
  return { parsed, index: record.index, delta };
}

/** Several edits in a row, as one: the span of the text before them that they replaced, and its new length. */
export interface EditRegion {
  readonly start: number;
  /** End of the replaced span, in the text before the edits. */
  readonly oldEnd: number;
  /** End of the replacement, in the text after the edits. */
  readonly newEnd: number;
}

/** The region after one more edit, given by offsets into the text the previous edits produced. */
export function mergeEdit(region: EditRegion | undefined, change: TextChange): EditRegion {
  const grow = change.text.length - (change.end - change.start);
  if (!region) return { start: change.start, oldEnd: change.end, newEnd: change.end + grow };
  const start = Math.min(region.start, change.start);
  const oldEnd = change.end > region.newEnd ? region.oldEnd + (change.end - region.newEnd) : region.oldEnd;
  const newEnd = Math.max(region.newEnd, change.end) + grow;
  return { start, oldEnd, newEnd };
}
