/** An open object or array as the tolerant parser keeps it on its stack: what it expects next, and where its members go in the index. */
import type { FieldValue, RecordInfo } from './parsedLog';

/** A record while the tolerant parser reads it: where it ends, whether it closed and its fields are filled in as it goes. */
export interface RecordBuilder extends RecordInfo {
  end: number;
  closed: boolean;
  repeatsKeys?: boolean;
  readonly fields: Map<string, FieldValue>;
}

/** An indexed value while it is read (a field, or an element that should have been a record): a container's end is known when it closes. */
export interface SpanBuilder {
  end: number;
}

/** An indexed field while it is read. */
export interface FieldBuilder extends FieldValue, SpanBuilder {
  end: number;
}

/** What an open container expects next. */
export const enum State {
  /** Object just opened: a key or `}`. */
  KeyOrClose,
  /** After a comma in an object: a key. */
  Key,
  Colon,
  /** After a colon. */
  Value,
  /** After a value: a comma or the closing bracket. */
  CommaOrClose,
  /** Array just opened: a value or `]`. */
  ElementOrClose,
  /** After a comma in an array: a value. */
  Element,
}

export interface Frame {
  readonly array: boolean;
  state: State;
  readonly start: number;
  readonly startLine: number;
  /** Property names seen in this object, for duplicate detection; a set once there are many. */
  keys: string[] | Set<string> | null;
  key: string;
  keyStart: number;
  keyEnd: number;
  lastValueEnd: number;
  commaStart: number;
  /** The record whose fields this container's members are, or null when they are not kept. */
  readonly record: RecordBuilder | null;
  /** Dotted path of this container inside the record ('' for the record itself). */
  readonly path: string;
  /** The record this object is, when it is one. */
  readonly ownRecord: RecordBuilder | null;
  readonly isRecordsArray: boolean;
  /** The index entry of this container (a field of its record, or a non-record element), to set its end when it closes. */
  readonly entry: SpanBuilder | null;
}

/** A container opened at `start`; by default nothing in it is indexed. */
export function newFrame(
  array: boolean,
  start: number,
  startLine: number,
  record: RecordBuilder | null = null,
  path = '',
  ownRecord: RecordBuilder | null = null,
  isRecordsArray = false,
  entry: SpanBuilder | null = null,
): Frame {
  return {
    array,
    state: array ? State.ElementOrClose : State.KeyOrClose,
    start,
    startLine,
    keys: null,
    key: '',
    keyStart: -1,
    keyEnd: -1,
    lastValueEnd: start + 1,
    commaStart: -1,
    record,
    path,
    ownRecord,
    isRecordsArray,
    entry,
  };
}
