/**
 * What the tolerant parser keeps of a log instead of a tree: its records with the offsets of the fields
 * features read (cloudtrail/recordIndex.ts says which), the top-level Records value, records that are not
 * objects, duplicate keys and the folds.
 */
import { SyntaxKind } from 'jsonc-parser';
import { type FieldBuilder, type Frame, newFrame, type RecordBuilder } from './containerFrame';
import type { FieldValue, LogShape, ParsedLog, Span, ValueKind } from './parsedLog';
import { kindOf, type TokenReader } from './tokenReader';
import type { Problem } from '../cloudtrail/problems';
import { logShapeOf, looksLikeRecord, RECORDS_PROPERTY } from '../cloudtrail/logShape';
import { isTrackedContainer, trackedPath } from '../cloudtrail/recordIndex';

/** Objects with up to this many properties check duplicates with a list, larger ones with a set. */
const SMALL_OBJECT = 16;

export class LogIndex {
  private readonly records: RecordBuilder[] = [];
  private readonly nonObjectRecords: Span[] = [];
  private readonly duplicateKeys: (Span & { key: string })[] = [];
  private readonly folds: number[] = [];
  private recordsValue: FieldValue | undefined;
  /** The top-level object, indexed as a record in case it is one. */
  private root: RecordBuilder | null = null;
  private rootKind: ValueKind | null = null;

  constructor(
    private readonly length: number,
    private readonly tokens: TokenReader,
  ) {}

  /** The document's value, whose first token is current; the frame to open when it is a container. */
  takeRoot(token: SyntaxKind): Frame | undefined {
    const kind = kindOf(token);
    this.rootKind = kind;
    if (kind === 'object') {
      const start = this.tokens.start();
      // Not the records array's literal: V8 allocates straight into the old generation from a site whose objects
      // tend to live long (a big log's records), and the root of a single record read for its index dies young.
      const record: RecordBuilder = { index: 0, start, end: this.length, closed: false, fields: new Map() };
      this.root = record;
      return newFrame(false, start, this.tokens.line(), record, '', record);
    }
    if (kind === 'array') return newFrame(true, this.tokens.start(), this.tokens.line(), null, '', null, true);
    return undefined;
  }

  /** An element of the records array: a record, or a value that should have been one. */
  takeRecord(token: SyntaxKind): Frame | undefined {
    const start = this.tokens.start();
    if (token === SyntaxKind.OpenBraceToken) {
      const record: RecordBuilder = { index: this.records.length, start, end: this.length, closed: false, fields: new Map() };
      this.records.push(record);
      return newFrame(false, start, this.tokens.line(), record, '', record);
    }
    if (token === SyntaxKind.OpenBracketToken) {
      // Its end is set when it closes, as a field's is.
      const element = { start, end: this.length };
      this.nonObjectRecords.push(element);
      return newFrame(true, start, this.tokens.line(), null, '', null, false, element);
    }
    this.nonObjectRecords.push({ start, end: this.tokens.end() });
    return undefined;
  }

  /** The value of `parent`'s current property, where `parent` is a record or an object in it whose members are indexed. */
  takeMember(token: SyntaxKind, parent: Frame): Frame | undefined {
    const record = parent.record!;
    const start = this.tokens.start();
    const end = this.tokens.end();
    const kind = kindOf(token);
    const container = kind === 'object' || kind === 'array';
    const path = trackedPath(parent.path, parent.key);
    let field: FieldBuilder | null = null;
    let indexed = false;
    if (path !== undefined) {
      const value = container ? undefined : this.tokens.scalar(token);
      const { keyStart, keyEnd } = parent;
      field = value === undefined ? { keyStart, keyEnd, start, end, kind } : { keyStart, keyEnd, start, end, kind, value };
      if (!record.fields.has(path)) record.fields.set(path, field);
      indexed = container && isTrackedContainer(path);
    }
    let isRecordsArray = false;
    if (parent.ownRecord === this.root && parent.ownRecord !== null && parent.key === RECORDS_PROPERTY) {
      this.recordsValue = field ?? { keyStart: parent.keyStart, keyEnd: parent.keyEnd, start, end, kind };
      isRecordsArray = kind === 'array';
    }
    if (!container) return undefined;
    return newFrame(
      kind === 'array',
      start,
      this.tokens.line(),
      indexed ? record : null,
      indexed ? path! : '',
      null,
      isRecordsArray,
      field,
    );
  }

  /** Whether the document's value is an object that looks like a record: a second one after it makes JSON Lines. */
  rootIsRecord(): boolean {
    return this.root !== null && looksLikeRecord(this.root.fields);
  }

  /** The document's value is the first line of a JSON Lines file, and its first record. */
  keepRootAsRecord(): void {
    this.records.push(this.root!);
  }

  /** Property `key` at [start, end) of `frame`'s object: reported when the object has it already. */
  seeKey(frame: Frame, key: string, start: number, end: number): void {
    // Most objects are small: a list is cheaper to build than a set, and as quick to search.
    const keys = frame.keys ?? (frame.keys = []);
    if (Array.isArray(keys)) {
      if (keys.includes(key)) this.repeated(frame, key, start, end);
      else if (keys.push(key) > SMALL_OBJECT) frame.keys = new Set(keys);
    } else if (keys.has(key)) {
      this.repeated(frame, key, start, end);
    } else {
      keys.add(key);
    }
  }

  /** A key `frame`'s object has already: noted, and so is the record it is in (whose values the rules then read another way). */
  private repeated(frame: Frame, key: string, start: number, end: number): void {
    this.duplicateKeys.push({ start, end, key });
    const record = frame.record ?? this.openRecord();
    if (record) record.repeatsKeys = true;
  }

  /** The record being read, deep inside which the parser is: the last one opened while it is open, else the top-level object. */
  private openRecord(): RecordBuilder | null {
    const last = this.records[this.records.length - 1];
    if (last && !last.closed && last.end === this.length) return last;
    return this.root && !this.root.closed ? this.root : null;
  }

  /** A container spanning lines, from its opening bracket to its closing one, at nesting `depth` (1 for the top level). */
  fold(open: number, close: number, depth: number): void {
    this.folds.push(open, close, depth);
  }

  /** `frame`'s container ends at `end`: after its closing bracket if `closed`, else where it was cut off. */
  close(frame: Frame, end: number, closed: boolean): void {
    if (frame.entry) frame.entry.end = end;
    if (frame.ownRecord) {
      frame.ownRecord.end = end;
      frame.ownRecord.closed = closed;
    }
  }

  /** The parse of a file read no further than its first token. */
  earlyResult(shape: LogShape, notJson: boolean, syntax: Problem[]): ParsedLog {
    const { length, records, nonObjectRecords, duplicateKeys, folds } = this;
    return { length, shape, records, nonObjectRecords, duplicateKeys, syntax, notJson, folds };
  }

  /** The parse of a JSON document; `lines` if it was read as JSON Lines. */
  result(lines: boolean, syntax: Problem[]): ParsedLog {
    const { root, recordsValue } = this;
    const shape = logShapeOf({ lines, recordsProperty: recordsValue !== undefined, kind: this.rootKind, fields: root?.fields });
    return {
      length: this.length,
      shape,
      records: shape === 'record' ? [root!] : this.records,
      recordsValue,
      nonObjectRecords: this.nonObjectRecords,
      duplicateKeys: this.duplicateKeys,
      syntax,
      notJson: false,
      folds: this.folds,
      ...(root ? { root } : {}),
    };
  }
}
