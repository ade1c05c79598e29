/**
 * After an edit inside one record, the new parse is made from the old one: that record read again, the
 * records before it shared (a fast-path record not yet indexed is remade, cheaply, over the new text, so
 * it does not keep the old one), the ones after it moved. Typing in a 50 MB log costs a record, not the file,
 * and the old parse is left as it was: it still describes the old text.
 */
import { LazyRecord } from './fastParse';
import { recordAt } from './locate';
import { moveRecord } from './movedRecord';
import {
  type FieldValue,
  movedField,
  movedFields,
  movedSpan,
  type ParsedLog,
  type RecordInfo,
  type Span,
  type VersionText,
} from './parsedLog';
import { copyText } from './textCopy';
import { parseTolerant } from './tolerantParser';

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

/** The edited record, [start, end) in the old text, and how much longer it got. */
interface Edited {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly delta: number;
}

/** A record of the old parse in the new one: shared before the edit, moved after it. */
function carried(record: RecordInfo, edited: Edited, versionText: VersionText | undefined): RecordInfo {
  const delta = record.index < edited.index ? 0 : edited.delta;
  // A fast-path record not yet indexed reads the new text, so this version keeps no other version's text.
  if (record instanceof LazyRecord) return record.inVersion(versionText!, delta);
  return moveRecord(record, delta);
}

/** An index entry of the root object: moved when after the record, longer when around it. */
function aroundEdit(field: FieldValue, edited: Edited): FieldValue {
  if (field.start >= edited.end) return movedField(field, edited.delta);
  if (field.end <= edited.start) return field;
  return { ...field, end: field.end + edited.delta };
}

/** Spans outside the record (duplicate keys, elements that are not records), moved when after it. */
function outside<T extends Span>(spans: readonly T[], edited: Edited): T[] {
  return spans
    .filter((s) => s.start < edited.start || s.start >= edited.end)
    .map((s) => (s.start >= edited.end ? movedSpan(s, edited.delta) : s));
}

/** Whether `text` breaks a line between `from` and `to`, as the parsers count line breaks. */
function breaksLine(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return true;
  }
  return false;
}

/** The folds of the new text: the old ones outside the record, the record's own, and the two around it. */
function foldsAfter(old: ParsedLog, alone: ParsedLog, edited: Edited, text: string, around: readonly [Span3, Span3]): number[] {
  const folds: number[] = [];
  const move = (offset: number) => (offset >= edited.end ? offset + edited.delta : offset);
  const [[rootOpen], [recordsOpen]] = around;
  const hadAround = [false, false];
  let recordBrokeLines = false;
  for (let i = 0; i < old.folds.length; i += 3) {
    const [open, close, depth] = [old.folds[i]!, old.folds[i + 1]!, old.folds[i + 2]!];
    // The record's own folds are read again; the two around it are decided below.
    if ((depth === 1 && open === rootOpen) || (depth === 2 && open === recordsOpen)) hadAround[depth - 1] = true;
    else if (open < edited.start || open >= edited.end) folds.push(move(open), move(close), depth);
    else if (open === edited.start) recordBrokeLines = true;
  }
  // The alone parse counts the record as depth 1; in a log it sits in the root object's Records array.
  for (let i = 0; i < alone.folds.length; i += 3)
    folds.push(alone.folds[i]! + edited.start, alone.folds[i + 1]! + edited.start, alone.folds[i + 2]! + 2);
  // The Records array and the root object end after the record; an edit can make them span lines or not.
  // Their line breaks outside the record are as before: look for those only when the record had some.
  const recordBreaksLines = alone.folds.length > 0;
  for (const [open, close, depth] of around) {
    const outside =
      hadAround[depth - 1]! &&
      (!recordBrokeLines || breaksLine(text, open, edited.start) || breaksLine(text, edited.end + edited.delta, close));
    if (outside || recordBreaksLines) folds.push(open, close, depth);
  }
  return folds;
}

/** A fold: its opening bracket, its closing bracket and its depth. */
type Span3 = readonly [number, number, number];

/**
 * The parse of `text` (the text after `change`) from `old` (the parse before it), or undefined when
 * only a whole parse is safe: the file had JSON errors, the edit is not strictly inside one record,
 * or the record no longer reads as one clean object.
 */
export function reparseAfterEdit(old: ParsedLog, text: string, change: TextChange): Reparsed | undefined {
  // Delivered logs, {"Records":[…]}: the containers around a record are then known (root and Records).
  if (old.syntax.length > 0 || old.shape !== 'records' || !old.root || !old.recordsValue) return undefined;
  const record = recordAt(old, change.start);
  // Inside the braces, so the record's own boundaries and everything around it stay as they were.
  if (!record || !record.closed || change.start <= record.start || change.end >= record.end) return undefined;
  const edited: Edited = {
    index: record.index,
    start: record.start,
    end: record.end,
    delta: change.text.length - (change.end - change.start),
  };
  const end = record.end + edited.delta;
  // A copy, so the record's values keep only its own text alive, not this version's whole text.
  const alone = parseTolerant(copyText(text, record.start, end));
  const own = alone.root;
  if (alone.syntax.length > 0 || !own || !own.closed || own.start !== 0 || own.end !== end - record.start) return undefined;

  const fresh: RecordInfo = {
    index: record.index,
    start: record.start,
    end,
    closed: true,
    fields: movedFields(own.fields, record.start),
    ...(own.repeatsKeys ? { repeatsKeys: true } : {}),
  };
  const versionText = old.versionText?.withText(text);
  const records = old.records.map((r) => (r === record ? fresh : carried(r, edited, versionText)));
  const rootFields = new Map<string, FieldValue>();
  for (const [path, field] of old.root.fields) rootFields.set(path, aroundEdit(field, edited));
  const root: RecordInfo = { ...old.root, end: old.root.end + edited.delta, fields: rootFields };
  const recordsValue =
    old.root.fields.get('Records') === old.recordsValue ? rootFields.get('Records')! : aroundEdit(old.recordsValue, edited);
  const duplicateKeys = [...outside(old.duplicateKeys, edited), ...alone.duplicateKeys.map((d) => movedSpan(d, record.start))].sort(
    (a, b) => a.start - b.start,
  );
  const around: [Span3, Span3] = [
    [root.start, root.end - 1, 1],
    [recordsValue.start, recordsValue.end - 1, 2],
  ];
  const parsed: ParsedLog = {
    ...old,
    length: text.length,
    records,
    recordsValue,
    root,
    duplicateKeys,
    nonObjectRecords: outside(old.nonObjectRecords, edited),
    folds: foldsAfter(old, alone, edited, text, around),
    ...(versionText ? { versionText } : {}),
  };
  return { parsed, index: record.index, delta: edited.delta };
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
