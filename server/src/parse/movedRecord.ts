/**
 * A record after an edit before it: the same record at offsets `delta` further on. Its index is moved
 * when first asked for, so an edit costs one small object per later record, not a copy of their indexes.
 */
import { type FieldValue, movedFields, type RecordInfo } from './parsedLog';

class MovedRecord implements RecordInfo {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly closed: boolean;
  readonly repeatsKeys: boolean | undefined;
  private moved: Map<string, FieldValue> | undefined;

  constructor(
    /** The record as first read: never another MovedRecord, so edits after edits never make chains. */
    readonly original: RecordInfo,
    readonly delta: number,
  ) {
    this.index = original.index;
    this.start = original.start + delta;
    this.end = original.end + delta;
    this.closed = original.closed;
    this.repeatsKeys = original.repeatsKeys;
  }

  get fields(): Map<string, FieldValue> {
    return (this.moved ??= movedFields(this.original.fields, this.delta));
  }
}

/**
 * `record` moved by `delta`. For records whose index is built when read (not LazyRecord, which moves
 * itself, see fastParse.ts) and that carry no embedding, as in a delivered log.
 */
export function moveRecord(record: RecordInfo, delta: number): RecordInfo {
  if (!(record instanceof MovedRecord)) return delta === 0 ? record : new MovedRecord(record, delta);
  const total = record.delta + delta;
  return total === 0 ? record.original : new MovedRecord(record.original, total);
}
