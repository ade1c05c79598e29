/**
 * A record read from its tape (scan/recordTape.ts) rather than parsed whole: the summary, the filter's values
 * and the rules' index read a few of its values, each decoded from the bytes when asked for. Only a record the
 * tape found clean is one (valid JSON, no key twice), so every value is the one JSON.parse would give.
 */
import type { RuleSet } from '../detections/ruleSet';
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

  /** Its summary, the values it touched read from its tape. */
  summary(): RecordSummary {
    return summarizeTouching(this, touchedIn(this.tape, 0));
  }

  /** Whether any rule may match it, asked with the values of the fields the rules are indexed on (false: none will). */
  mayMatch(rules: RuleSet): boolean {
    const fields = rules.indexedFields;
    if (!fields) return true;
    const partial = Object.create(null) as Record<string, unknown>;
    for (const field of fields) {
      const node = this.tape.child(0, field);
      if (node >= 0) Object.defineProperty(partial, field, { value: this.tape.value(node), enumerable: true });
    }
    return rules.mayMatch(partial);
  }
}
