/**
 * What a parse of a log gives every feature: the log's shape, its records and their fields with offsets,
 * and the readers that take a field's value without building offsets (see fastParse.ts).
 */
import type { LogShape } from '../cloudtrail/logShape';
import type { Problem } from '../cloudtrail/problems';

export type ValueKind = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array' | 'invalid';

/** Strings longer than this (decoded) keep their offsets but not their value: CloudTrail fields worth reading are short. */
export const MAX_KEPT_STRING = 4096;

/** A field's kind and value, as the index keeps them (long strings keep no value). */
export interface FieldInfo {
  readonly kind: ValueKind;
  readonly value?: string | number | boolean | null;
}

export interface FieldValue {
  readonly keyStart: number;
  readonly keyEnd: number;
  /** Offsets of the value; for containers, from the opening to after the closing bracket. */
  readonly start: number;
  readonly end: number;
  readonly kind: ValueKind;
  /** Scalar values, decoded. Absent for containers and for very long strings. */
  readonly value?: string | number | boolean | null;
}

/** A JSON string's decoded text, and where each of its characters sits in the document. */
export interface Decoded {
  readonly text: string;
  /** offsets[i] is the document offset of text[i]; offsets[text.length] is the closing quote's. */
  readonly offsets: Int32Array;
}

/** For a record carried in a JSON string (see embedded.ts): the string's decoded text. */
export interface Embedding {
  readonly decoded: Decoded;
}

export interface RecordInfo {
  readonly index: number;
  readonly start: number;
  /** After the closing brace, or the end of the text when the record is cut off. */
  readonly end: number;
  readonly closed: boolean;
  /** The record's own properties by name, and the nested ones later features use by dotted path. */
  readonly fields: ReadonlyMap<string, FieldValue>;
  /** A field's parsed value without building the offset index, where the record has one (see fieldOf). */
  read?(path: string): unknown;
  /** The whole record as JSON.parse gives it, where the fast path keeps it (never to be changed). */
  readonly data?: Readonly<Record<string, unknown>>;
  /** For a record carried in a JSON string (lookup-events, CloudWatch exports): its decoded text. */
  readonly embedding?: Embedding;
  /** True when an object in the record has a key twice: JSON.parse keeps the last, and the index, as CloudTrail's readers, the first. */
  readonly repeatsKeys?: boolean;
}

/** The kind of a parsed value. */
function kindOfValue(value: unknown): ValueKind {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return Array.isArray(value) ? 'array' : 'object';
  }
}

/** A field's kind and value: what hovers and completions read, leaving offsets to when a range is needed. */
export function fieldOf(record: RecordInfo, path: string): FieldInfo | undefined {
  if (!record.read) return record.fields.get(path);
  const value = record.read(path);
  if (value === undefined) return undefined;
  const kind = kindOfValue(value);
  return kind === 'object' || kind === 'array' || (kind === 'string' && (value as string).length > MAX_KEPT_STRING)
    ? { kind }
    : { kind, value: value as string | number | boolean | null };
}

// The checks and the events view ask each record for dozens of fields: these two build no object for an answer.

/** A field's kind, or undefined when it is absent. */
export function kindAt(record: RecordInfo, path: string): ValueKind | undefined {
  if (!record.read) return record.fields.get(path)?.kind;
  const value = record.read(path);
  return value === undefined ? undefined : kindOfValue(value);
}

/** A field's value when it is a string short enough to keep (see MAX_KEPT_STRING). */
export function stringAt(record: RecordInfo, path: string): string | undefined {
  const value = record.read ? record.read(path) : record.fields.get(path)?.value;
  return typeof value === 'string' && value.length <= MAX_KEPT_STRING ? value : undefined;
}

export type { LogShape } from '../cloudtrail/logShape';

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The text a fast-path parse's records build their offset index from (see fastParse.ts). */
export interface VersionText {
  readonly text: string;
  /** The offset index of the record between `start` and `end`. */
  indexRecord(start: number, end: number): Map<string, FieldValue>;
  /** The same reading of another version's text. */
  withText(text: string): VersionText;
}

export interface ParsedLog {
  readonly length: number;
  readonly shape: LogShape;
  readonly records: readonly RecordInfo[];
  /** The value of the top-level `Records` property, when there is one. */
  readonly recordsValue?: FieldValue;
  /** Elements of the records array that are not objects. */
  readonly nonObjectRecords: readonly Span[];
  readonly duplicateKeys: readonly (Span & { key: string })[];
  readonly syntax: readonly Problem[];
  /** True when the file is not JSON at all; nothing after the first token was read. */
  readonly notJson: boolean;
  /**
   * Objects and arrays that span lines, for folding: flat triples of the opening bracket's offset, the
   * closing bracket's offset and the nesting depth (1 for the top level). Offsets, so an edit only shifts them.
   */
  readonly folds: ArrayLike<number>;
  /** The top-level object, indexed like a record whether or not it is one (for re-reading one record alone). */
  readonly root?: RecordInfo;
  /** For a log read by the fast path: this version's text, which its records build their offset index from. */
  readonly versionText?: VersionText;
}

/** An index entry moved by `delta`: a new entry, so the parse it came from is left as it was. */
/** A span (or anything with one: a problem, an edit, a summary) moved by `delta`, as a new object. */
export function movedSpan<T extends Span>(span: T, delta: number): T {
  return { ...span, start: span.start + delta, end: span.end + delta };
}

export function movedField(field: FieldValue, delta: number): FieldValue {
  const { keyStart, keyEnd, start, end, kind } = field;
  const moved = { keyStart: keyStart + delta, keyEnd: keyEnd + delta, start: start + delta, end: end + delta, kind };
  return 'value' in field ? { ...moved, value: field.value } : moved;
}

/** A record's index with every entry moved by `delta`. */
export function movedFields(fields: ReadonlyMap<string, FieldValue>, delta: number): Map<string, FieldValue> {
  const moved = new Map<string, FieldValue>();
  for (const [path, field] of fields) moved.set(path, movedField(field, delta));
  return moved;
}
