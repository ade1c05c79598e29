/**
 * A record read from its tape (scan/recordTape.ts) rather than parsed whole: the summary, the filter's values
 * and the rules' index read a few of its values, each decoded from the bytes when asked for. Only a record the
 * tape found clean is one (valid JSON, no key twice), so every value is the one JSON.parse would give. A record a
 * rule may match is parsed whole once (`parseWhole`), and its values are then read from the parse.
 */
import type { FieldPath } from '../detections/fieldPath';
import type { RuleSet } from '../detections/ruleSet';
import { type RecordSummary, summarizeRecord, summarizeTouching } from '../features/recordSummary';
import { LazyRecord } from '../parse/fastParse';
import { touchedIn } from '../features/touchedValues';
import { type FieldValue, movedFields, type RecordInfo } from '../parse/parsedLog';
import { parseTolerant } from '../parse/tolerantParser';
import type { Tape } from '../scan/recordTape';

export class TapedRecord implements RecordInfo {
  readonly closed = true;
  private index_: Map<string, FieldValue> | undefined;
  /** The record parsed whole, once a rule may match it. */
  private parsed: LazyRecord | undefined;

  constructor(
    readonly index: number,
    /** UTF-16 offsets in the file's text. */
    readonly start: number,
    readonly end: number,
    readonly tape: Tape,
  ) {}

  /** A field's value by dotted path, as JSON.parse would give it, undefined when absent. */
  read(path: string): unknown {
    return this.parsed ? this.parsed.read(path) : this.tape.read(path);
  }

  /** The whole value, once parsed. */
  get data(): Readonly<Record<string, unknown>> | undefined {
    return this.parsed?.data;
  }

  /** Parses the record whole (for the rules) and returns its value; its other values are then read from it. */
  parseWhole(): Readonly<Record<string, unknown>> {
    const text = this.tape.bytes.toString('utf8', this.tape.start(0), this.tape.end(0));
    this.parsed ??= new LazyRecord(this.index, this.start, this.end, JSON.parse(text) as Record<string, unknown>, undefined);
    return this.parsed.data;
  }

  /** The offset index, built from the record's text only if a range in it is asked for. */
  get fields(): ReadonlyMap<string, FieldValue> {
    if (!this.index_) {
      const fields = parseTolerant(this.tape.bytes.toString('utf8', this.tape.start(0), this.tape.end(0))).root?.fields;
      this.index_ = fields ? movedFields(fields, this.start) : new Map<string, FieldValue>();
    }
    return this.index_;
  }

  /** Its summary, the values it touched read from its tape (or from its parse, once parsed). */
  summary(): RecordSummary {
    return this.parsed ? summarizeRecord(this) : summarizeTouching(this, touchedIn(this.tape, 0));
  }

  /**
   * Whether any rule may match it, asked with its values at the paths the rules are indexed on (false: none will).
   * Only what a rule's walk of a path visits is decoded (detections/fieldPath.ts): each key on the way, the key that
   * holds the rest of the path with its dots, and, where the way meets anything but an object, that value whole.
   */
  mayMatch(rules: RuleSet): boolean {
    const paths = rules.indexedPaths;
    if (!paths) return true;
    const partial = nullObject();
    const nested: object[] = [];
    for (const path of paths) this.copyPath(path, partial, nested);
    return rules.mayMatch(partial);
  }

  /** Copies into `partial` what the walk of `path` visits in this record, nested as in the record (`nested`: the objects made for that). */
  private copyPath({ segments, rests }: FieldPath, partial: Record<string, unknown>, nested: object[]): void {
    const tape = this.tape;
    let node = 0;
    let into = partial;
    for (let k = 0; k < segments.length; k++) {
      if (k < segments.length - 1) {
        const dotted = tape.child(node, rests[k]!);
        if (dotted >= 0) define(into, rests[k]!, tape.value(dotted));
      }
      const key = segments[k]!;
      node = tape.child(node, key);
      if (node < 0) return;
      if (k === segments.length - 1 || tape.kind(node) !== 'object') {
        define(into, key, tape.value(node));
        return;
      }
      const known = Object.hasOwn(into, key) ? into[key] : undefined;
      // Another path copied this value whole: it holds this path's too.
      if (known !== undefined && !nested.includes(known as object)) return;
      if (known === undefined) nested.push((into = define(into, key, nullObject())));
      else into = known as Record<string, unknown>;
    }
  }
}

function nullObject(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

/** Sets an own property (a `__proto__` key is data), replacing a part copied before with the whole value. */
function define<T>(object: Record<string, unknown>, key: string, value: T): T {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return value;
}
