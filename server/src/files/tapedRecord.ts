/**
 * A record read from its tape (scan/recordTape.ts) rather than parsed whole: the summary and the values
 * `resource:` reads are decoded from the bytes one by one, when asked for. Only a record the tape found clean is
 * one (valid JSON, no key twice), so every value is the one JSON.parse would give. The rules read it through its
 * tape too (`forRules`): a rule that names three fields decodes three.
 */
import { type RecordTree, TreeRecord } from '../detections/fieldPath';
import { type RecordSummary, summarizeTouching } from '../features/recordSummary';
import { touchedIn } from '../features/touchedValues';
import { type FieldValue, movedFields, type RecordInfo } from '../parse/parsedLog';
import { parseTolerant } from '../parse/tolerantParser';
import type { Tape } from '../scan/recordTape';

export class TapedRecord implements RecordInfo {
  readonly closed = true;
  private index_: Map<string, FieldValue> | undefined;

  constructor(
    readonly index: number,
    /** UTF-16 offsets in the file's text. */
    readonly start: number,
    readonly end: number,
    readonly tape: Tape,
  ) {}

  /** A field's value by dotted path, as JSON.parse would give it, undefined when absent. */
  read(path: string): unknown {
    return this.tape.read(path);
  }

  /** The offset index, built from the record's text only if a range in it is asked for. */
  get fields(): ReadonlyMap<string, FieldValue> {
    if (!this.index_) {
      const fields = parseTolerant(this.tape.bytes.toString('utf8', this.tape.start(0), this.tape.end(0))).root?.fields;
      this.index_ = fields ? movedFields(fields, this.start) : new Map<string, FieldValue>();
    }
    return this.index_;
  }

  /** The record as the rules read it: through its tape, each value decoded when a rule reaches it. */
  forRules(): TreeRecord<number> {
    return new TreeRecord(new TapeTree(this.tape), 0);
  }

  /** Its summary, the values it touched read from its tape. */
  summary(): RecordSummary {
    return summarizeTouching(this, touchedIn(this.tape, 0));
  }
}

/** A tape as the rules walk a record (detections/fieldPath.ts), each node's value decoded once. */
class TapeTree implements RecordTree<number> {
  /** Made when a rule first walks the record: most read their fields by path (`read`). */
  private values: Map<number, unknown> | undefined;

  constructor(private readonly tape: Tape) {}

  kind(node: number): 'object' | 'array' | 'other' {
    const kind = this.tape.kind(node);
    return kind === 'object' || kind === 'array' ? kind : 'other';
  }

  member(node: number, key: string): number | undefined {
    return this.tape.member(node, key);
  }

  elements(node: number): readonly number[] {
    return this.tape.elements(node) ?? [];
  }

  value(node: number): unknown {
    const values = (this.values ??= new Map<number, unknown>());
    if (!values.has(node)) values.set(node, this.tape.value(node));
    return values.get(node);
  }

  read(path: string): unknown {
    return this.tape.read(path);
  }
}
