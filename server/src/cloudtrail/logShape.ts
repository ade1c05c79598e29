/**
 * What kind of file a parse is, from what the parser saw at the top level: a delivered log
 * ({"Records":[…]}), a bare array of records, one record, JSON Lines, a digest file, or something else;
 * and the gzip bytes of a log opened without decompressing it.
 */
/** {"Records":[…]}, a bare array of records, one record, or JSON Lines (one record per line, as CloudWatch Logs and Athena exports write). */
export type LogShape = 'records' | 'array' | 'record' | 'lines' | 'embedded' | 'digest' | 'empty' | 'other';

/** The property of a delivered log that holds its records. */
export const RECORDS_PROPERTY = 'Records';

/** A top-level object is a record when it has CloudTrail's eventVersion and says what happened. */
export function looksLikeRecord(fields: ReadonlyMap<string, unknown>): boolean {
  return fields.has('eventVersion') && (fields.has('eventName') || fields.has('eventSource'));
}

/** A digest file: CloudTrail's signed list of the log files it delivered, not a log. */
function isDigest(fields: ReadonlyMap<string, unknown>): boolean {
  return fields.has('digestStartTime') && fields.has('logFiles');
}

/** Gzip's magic bytes at the start of a text: 1F 8B, the 8B often decoded as U+FFFD since it is not UTF-8. */
export function looksGzipped(text: string): boolean {
  return text.charCodeAt(0) === 0x1f && (text.charCodeAt(1) === 0x8b || text.charCodeAt(1) === 0xfffd);
}

export const COMPRESSED_MESSAGE = 'This file is gzip-compressed: open it decompressed to read the log';

/** What the parser saw at the top level of a JSON document. */
export interface TopLevel {
  /** More than one record at the top level, one after another (JSON Lines). */
  readonly lines: boolean;
  /** The top-level object has a Records property. */
  readonly recordsProperty: boolean;
  /** The JSON kind of the document's value ('object', 'array', …), null when there is none. */
  readonly kind: string | null;
  /** The top-level object's properties, when it is an object. */
  readonly fields: ReadonlyMap<string, unknown> | undefined;
}

/** The shape of a JSON document that is not empty. */
export function logShapeOf(top: TopLevel): Exclude<LogShape, 'empty' | 'embedded'> {
  if (top.lines) return 'lines';
  if (top.recordsProperty) return 'records';
  if (top.kind === 'array') return 'array';
  if (top.fields === undefined) return 'other';
  if (looksLikeRecord(top.fields)) return 'record';
  return isDigest(top.fields) ? 'digest' : 'other';
}
