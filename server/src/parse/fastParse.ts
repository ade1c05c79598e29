/**
 * The fast path for a clean delivered log, {"Records":[…]}: JSON.parse reads the values, one quick pass
 * over the characters finds where each record, and each multi-line object, begins and ends, and a record's
 * offset index is built only when something asks for a range in it (a problem, an edit, an outline).
 * Anything else (a JSON error, another shape, a duplicate key) returns undefined: the tolerant parser reads it.
 */
import type { ScannerModule } from '../scan/scannerModule';
import { type FieldValue, movedFields, type ParsedLog, type RecordInfo, type VersionText } from './parsedLog';
import { logStructure } from './scannedStructure';

/** Builds the offset index of one record from the text between its braces (the tolerant parser does). */
export type Materialize = (text: string, start: number, end: number) => Map<string, FieldValue>;

/** One version's text, which its lazy records build their index from, and how. Never changed: an edit makes another. */
export class RecordText implements VersionText {
  constructor(
    readonly text: string,
    readonly materialize: Materialize,
  ) {}

  indexRecord(start: number, end: number): Map<string, FieldValue> {
    return this.materialize(this.text, start, end);
  }

  withText(text: string): RecordText {
    return new RecordText(text, this.materialize);
  }
}

/** An offset index built in an earlier version, and how far the record has moved since. */
interface MovedIndex {
  readonly fields: ReadonlyMap<string, FieldValue>;
  readonly delta: number;
}

export class LazyRecord implements RecordInfo {
  readonly closed = true;
  private index_: Map<string, FieldValue> | undefined;

  /** Give either `versionText`, to index the record from its text, or `moved`, an index to move. */
  constructor(
    readonly index: number,
    readonly start: number,
    readonly end: number,
    readonly data: Record<string, unknown>,
    private versionText: VersionText | undefined,
    private moved?: MovedIndex,
  ) {}

  /** The offset index, built on first use. */
  get fields(): Map<string, FieldValue> {
    if (!this.index_) {
      this.index_ = this.moved ? movedFields(this.moved.fields, this.moved.delta) : this.versionText!.indexRecord(this.start, this.end);
      // Built, the index no longer needs the text: a record shared with later versions must not keep this one's.
      this.versionText = undefined;
      this.moved = undefined;
    }
    return this.index_;
  }

  /** Whether the record reads nothing more from its text. */
  get indexed(): boolean {
    return this.index_ !== undefined || this.moved !== undefined;
  }

  /**
   * This record in another version of the text (`versionText`), `delta` further on: itself when nothing of it
   * depends on the text, otherwise a new record sharing the parsed values and any index, moved once when used.
   */
  inVersion(versionText: VersionText, delta: number): LazyRecord {
    if (this.indexed && delta === 0) return this;
    const moved = this.index_
      ? { fields: this.index_, delta }
      : this.moved && { fields: this.moved.fields, delta: this.moved.delta + delta };
    return new LazyRecord(this.index, this.start + delta, this.end + delta, this.data, moved ? undefined : versionText, moved);
  }

  /** A field's parsed value by dotted path, undefined when absent: no offsets needed. */
  read(path: string): unknown {
    if (!path.includes('.')) return member(this.data, path);
    let value: unknown = this.data;
    for (const key of segments(path)) {
      value = member(value, key);
      if (value === undefined) return undefined;
    }
    return value;
  }
}

/** An object's own property, or undefined. */
function member(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  // A plain read is quicker than hasOwn: JSON.parse gives no undefined, and inherited names are functions.
  if (key === '__proto__' && !Object.hasOwn(value, key)) return undefined;
  const found = (value as Record<string, unknown>)[key];
  return typeof found === 'function' ? undefined : found;
}

const SEGMENTS = new Map<string, readonly string[]>();

/** A dotted path's property names; the checks ask for the same few paths of every record. */
function segments(path: string): readonly string[] {
  let keys = SEGMENTS.get(path);
  if (!keys) SEGMENTS.set(path, (keys = path.split('.')));
  return keys;
}

/** Property names in a value and everything under it; iterative, since a log can nest 100,000 deep. */
export function countKeys(root: unknown): number {
  let n = 0;
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) {
      for (const item of value) if (item !== null && typeof item === 'object') pending.push(item);
    } else if (value !== null && typeof value === 'object') {
      for (const key in value) {
        n++;
        const child = (value as Record<string, unknown>)[key];
        if (child !== null && typeof child === 'object') pending.push(child);
      }
    }
  }
  return n;
}

/** `scanner`: the WebAssembly scanner's module, which finds the structure where it can (scannedStructure.ts). */
export function parseCleanLog(text: string, materialize: Materialize, scanner?: ScannerModule): ParsedLog | undefined {
  // Only a delivered log's shape; a byte-order mark or anything else goes the tolerant way.
  if (!/^\s*\{/.test(text.slice(0, 64))) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const data = (value as { Records?: unknown }).Records;
  if (!Array.isArray(data) || !data.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r))) return undefined;
  const rootKeys = Object.keys(value).length;
  const found = logStructure(text, rootKeys, scanner);
  if (!found || found.records.length !== data.length) return undefined;
  // JSON.parse keeps one of two equal keys: a record whose colons outnumber its keys has a duplicate.
  if (found.rootColons !== rootKeys) return undefined;
  for (let i = 0; i < data.length; i++) if (found.records[i]![2] !== countKeys(data[i])) return undefined;

  const versionText = new RecordText(text, materialize);
  const records = found.records.map(([start, end], i) => new LazyRecord(i, start, end, data[i] as Record<string, unknown>, versionText));
  const recordsValue: FieldValue = {
    keyStart: found.recordsKey[0],
    keyEnd: found.recordsKey[1],
    start: found.recordsArray[0],
    end: found.recordsArray[1],
    kind: 'array',
  };
  const root: RecordInfo = {
    index: 0,
    start: found.root[0],
    end: found.root[1],
    closed: true,
    fields: new Map([['Records', recordsValue]]),
  };
  return {
    length: text.length,
    shape: 'records',
    records,
    recordsValue,
    nonObjectRecords: [],
    duplicateKeys: [],
    syntax: [],
    notJson: false,
    folds: found.folds,
    root,
    versionText,
  };
}
