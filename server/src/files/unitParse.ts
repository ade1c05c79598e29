/**
 * Record units read and checked by the parser and the checks an open document gets. A batch of units is
 * read as one small log made up around them (the wrapper's opening, the units joined by commas, its
 * closing), so a delivered log's records take the fast path and lookup-events' and CloudWatch's records
 * inside strings are found as usual; every offset is then moved back to the unit's place in the file.
 * A batch with any JSON fault is read again a unit at a time, each with the opening the file really has,
 * so each fault is found, and worded, as in the whole file. Runs on a reading thread.
 */
import type { Problem, ProblemCode } from '../cloudtrail/problems';
import { summarizeRecord } from '../features/recordSummary';
import { checkRecord, duplicateKeyProblem, isRecordLike } from '../features/validate';
import { countKeys, LazyRecord, RecordText } from '../parse/fastParse';
import { type FieldValue, kindAt, movedFields, type ParsedLog, type RecordInfo, stringAt } from '../parse/parsedLog';
import { parseLog } from '../parse/parseLog';
import { copyText } from '../parse/textCopy';
import { parseTolerant } from '../parse/tolerantParser';
import type { RuleSet } from '../detections/ruleSet';
import { type RecordRows, RowWriter } from './recordColumns';
import { type ByteSpan, forgetLastRecord, RecordTaper, type Tape } from '../scan/recordTape';
import { TapedRecord } from './tapedRecord';
import { lazyFieldSpan } from '../parse/fieldSpan';
import { type RowDetections, RowDetector } from './rowDetections';
import { lastAtOrBefore, PieceLines, type PlacedSpan, type TextPoint } from './textPoint';
import type { Unit, Wrapper } from './unitSplitter';

/** A problem of a log read from disk: its code and words, and its span and places in the file. */
export interface PlacedProblem {
  readonly code: ProblemCode;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly from: TextPoint;
  readonly to: TextPoint;
}

/** How a file's units sit in it: in a wrapper's array, in a top-level array, or at the top level (JSON Lines). */
export interface UnitContext {
  readonly wrapper: Wrapper | undefined;
  readonly arrayRoot: boolean;
  /** Check the records (a file read on its own shows its problems; a folder's files do not). */
  readonly validate: boolean;
}

export interface ParsedUnits {
  readonly rows: RecordRows;
  readonly problems: PlacedProblem[];
  /** Records with an eventName or eventSource (a bare array of other objects is not a log). */
  readonly recordLike: number;
  /** Whether the first top-level unit, if in this batch, is a record (it makes a file JSON Lines). */
  readonly rootIsRecord?: boolean;
  /** JSON faults inside the units (counted when records are not checked too). */
  readonly syntaxErrors: number;
  /** What the rules matched, when there are rules and anything matched. */
  readonly detected?: RowDetections;
}

/** The opening a file's units are read in, exactly as the file has it around them. */
function exactOpening(context: UnitContext, unit: Unit): string {
  if (context.wrapper) return `{"${context.wrapper}":[`;
  // JSON Lines are read as elements of an array, as the tolerant parser reads them.
  return context.arrayRoot || (unit.top && !unit.first) ? '[' : '';
}

function closing(opening: string): string {
  return opening === '' ? '' : opening === '[' ? ']' : ']}';
}

/** A unit in a text made up around it: where it starts there, and how its offsets map to the file. */
class PlacedUnit {
  private lines: PieceLines | undefined;
  private readonly ascii: boolean;

  constructor(
    readonly unit: Unit,
    readonly at: number,
  ) {
    this.ascii = Buffer.byteLength(unit.text) === unit.text.length;
  }

  /** The place of offset `rel` of the unit. */
  point(rel: number): TextPoint {
    return (this.lines ??= new PieceLines(this.unit.text, this.unit.from)).pointAt(rel);
  }

  byteAt(rel: number): number {
    if (rel >= this.unit.text.length) return this.unit.byteEnd;
    return this.unit.byteStart + (this.ascii ? rel : Buffer.byteLength(this.unit.text.slice(0, rel)));
  }

  /** A span of the made-up text, within this unit, as a span of the file. */
  span(start: number, end: number) {
    const length = this.unit.text.length;
    const s = Math.max(0, Math.min(length, start - this.at));
    const e = Math.max(s, Math.min(length, end - this.at));
    return { start: this.unit.start + s, end: this.unit.start + e, from: this.point(s), to: this.point(e), rel: s, relEnd: e };
  }
}

/** What `collect` takes of a parse. */
type UnitsParse = Pick<ParsedLog, 'records' | 'syntax' | 'duplicateKeys'>;

/** A parse of units, the units placed in the text it read, and that text (the rules read records from it). */
interface PlacedParse {
  readonly parsed: UnitsParse;
  readonly placed: PlacedUnit[];
  readonly text: string;
}

/** The offset index of a record, built from its text by the tolerant parser when a range in it is asked for. */
function indexRecord(text: string, start: number, end: number): Map<string, FieldValue> {
  const fields = parseTolerant(copyText(text, start, end)).root?.fields;
  return fields ? movedFields(fields, start) : new Map<string, FieldValue>();
}

/**
 * A unit that is a record, clean, read as the fast path reads a delivered log's records: JSON.parse for its
 * values, an offset index only when a problem needs a range. Undefined when it needs the tolerant parser (a
 * JSON fault, or a duplicate key: JSON.parse keeps one of two equal keys, so the keys are fewer than the colons).
 */
function readAlone(unit: Unit): PlacedParse | undefined {
  if (!unit.closed) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(unit.text);
  } catch {
    return undefined;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data) || countKeys(data) !== unit.colons) return undefined;
  const record = new LazyRecord(0, 0, unit.text.length, data as Record<string, unknown>, new RecordText(unit.text, indexRecord));
  return { parsed: { records: [record], syntax: [], duplicateKeys: [] }, placed: [new PlacedUnit(unit, 0)], text: unit.text };
}

/** A unit on its own, in the opening the file has, so its faults are found as in the file. */
function readInOpening(unit: Unit, context: UnitContext): PlacedParse {
  const opening = exactOpening(context, unit);
  const text = `${opening}${unit.text}${unit.cutOff ? '' : closing(opening)}`;
  return { parsed: parseLog(text), placed: [new PlacedUnit(unit, opening.length)], text };
}

/**
 * The tapes of a batch's units, their texts encoded into one reused buffer (scan/recordTape.ts): a clean record is
 * read from its tape, without JSON.parse. Empty where the scanner cannot run; undefined for a unit that is not clean.
 */
/** The bytes the units of a batch are encoded into, kept for the thread's next batch. */
let scratch = Buffer.alloc(0);

function tapeUnits(units: readonly Unit[]): (Tape | undefined)[] {
  const taper = RecordTaper.forThread();
  if (!taper) return [];
  let chars = 0;
  for (const unit of units) chars += unit.text.length + 1;
  // Three bytes at most for each UTF-16 unit: every text fits.
  if (scratch.length < chars * 3) scratch = Buffer.allocUnsafe(chars * 3);
  const bytes = scratch;
  const spans: ByteSpan[] = [];
  let at = 0;
  for (const unit of units) {
    const length = bytes.write(unit.text, at, 'utf8');
    spans.push({ byteStart: at, byteEnd: at + length });
    at += length + 1;
  }
  const tapes: (Tape | undefined)[] = [];
  while (tapes.length < units.length) {
    const batch = taper.tapeBatch(bytes, spans, tapes.length);
    if (batch.length === 0) tapes.push(undefined);
    for (const tape of batch) tapes.push(typeof tape === 'number' ? undefined : tape);
  }
  return tapes;
}

/** A unit that is a record its tape found clean: read from the tape, an offset index only when a range is asked for. */
function readTaped(unit: Unit, tape: Tape | undefined): PlacedParse | undefined {
  if (!tape || !unit.closed) return undefined;
  const record = new TapedRecord(0, 0, unit.text.length, tape);
  return { parsed: { records: [record], syntax: [], duplicateKeys: [] }, placed: [new PlacedUnit(unit, 0)], text: unit.text };
}

/** Reads a batch of units, asking `rules` about each record; `text` of each is dropped with the batch. */
export function parseUnits(units: readonly Unit[], context: UnitContext, rules?: RuleSet): ParsedUnits {
  // Records themselves (not inside strings): each read alone, from its tape or the fast way when it is clean.
  if (context.wrapper === undefined || context.wrapper === 'Records') {
    // The checks read nearly every field of every record: JSON.parse, native, reads them all faster than a tape
    // decodes them one by one. Where nothing is checked (a folder's large file), the tape reads what is needed.
    const tapes = context.validate ? [] : tapeUnits(units);
    try {
      return collect(
        units.map((unit, i) => readTaped(unit, tapes[i]) ?? readAlone(unit) ?? readInOpening(unit, context)),
        context,
        rules,
      );
    } finally {
      forgetLastRecord();
    }
  }
  // lookup-events and CloudWatch exports: the batch as one made-up log, whose records are found inside strings.
  const allClosed = units.every((u) => u.closed);
  if (allClosed) {
    const opening = context.wrapper ? `{"${context.wrapper}":[` : '{"Records":[';
    const placed: PlacedUnit[] = [];
    let at = opening.length;
    for (const unit of units) {
      placed.push(new PlacedUnit(unit, at));
      at += unit.text.length + 1;
    }
    const text = `${opening}${units.map((u) => u.text).join(',')}${closing(opening)}`;
    const parsed = parseLog(text);
    if (parsed.syntax.length === 0) return collect([{ parsed, placed, text }], context, rules);
  }
  // A fault somewhere: each unit on its own, so faults are found as in the file.
  return collect(
    units.map((unit) => readInOpening(unit, context)),
    context,
    rules,
  );
}

/** The placed unit an offset of the made-up text falls in. */
function unitAt(placed: readonly PlacedUnit[], offset: number): PlacedUnit {
  return placed[lastAtOrBefore(placed.length, (i) => placed[i]!.at, offset)]!;
}

function collect(parses: readonly PlacedParse[], context: UnitContext, rules: RuleSet | undefined): ParsedUnits {
  const writer = new RowWriter();
  const detector = rules && !rules.empty ? new RowDetector(rules, context.validate) : undefined;
  let row = 0;
  const problems: PlacedProblem[] = [];
  let recordLike = 0;
  let rootIsRecord: boolean | undefined;
  let syntaxErrors = 0;
  for (const { parsed, placed, text } of parses) {
    const place = (p: { start: number; end: number }) => unitAt(placed, p.start).span(p.start, p.end);
    for (const record of parsed.records) {
      const unit = unitAt(placed, record.start);
      const span = unit.span(record.start, record.end);
      const summary = record instanceof TapedRecord ? record.summary() : summarizeRecord(record, text);
      const eventId = context.validate ? eventIdOf(record, unit) : undefined;
      writer.add(summary, span, [unit.byteAt(span.rel), unit.byteAt(span.relEnd)], eventId, unit.unit.ordinal);
      detector?.add(row++, record, text, (start, end) => unit.span(start, end));
      if (isRecordLike(record)) recordLike++;
      if (unit.unit.first) rootIsRecord = looksLikeRecord(record);
      if (context.validate) {
        for (const p of checkRecord(record)) problems.push(placedProblem(p, place(p)));
      }
    }
    syntaxErrors += parsed.syntax.length;
    if (!context.validate) continue;
    for (const p of parsed.syntax) keepInUnit(problems, p, placed);
    for (const d of parsed.duplicateKeys) keepInUnit(problems, duplicateKeyProblem(d), placed);
  }
  const detected = detector?.finish();
  return {
    rows: writer.finish(),
    problems,
    recordLike,
    syntaxErrors,
    ...(rootIsRecord !== undefined ? { rootIsRecord } : {}),
    ...(detected ? { detected } : {}),
  };
}

/** A problem of the made-up text, kept when it lies in a unit: what lies past it is the skeleton's to find. */
function keepInUnit(problems: PlacedProblem[], p: Problem, placed: readonly PlacedUnit[]): void {
  const unit = unitAt(placed, p.start);
  const rel = p.start - unit.at;
  if (rel < 0 || (rel >= unit.unit.text.length && !unit.unit.cutOff)) return;
  problems.push(placedProblem(p, unit.span(p.start, p.end)));
}

function placedProblem(p: Problem, span: { start: number; end: number; from: TextPoint; to: TextPoint }): PlacedProblem {
  return { code: p.code, message: p.message, start: span.start, end: span.end, from: span.from, to: span.to };
}

/** A record's eventID and where its value is, for the hint on a repeated one (the main thread knows which repeat). */
function eventIdOf(record: RecordInfo, unit: PlacedUnit): { id: string; span: PlacedSpan } | undefined {
  const id = stringAt(record, 'eventID');
  if (id === undefined || id === '') return undefined;
  const field = record.read ? lazyFieldSpan(record, 'eventID', id, unit.unit.text, unit.at) : record.fields.get('eventID');
  return field && { id, span: unit.span(field.start, field.end) };
}

function looksLikeRecord(record: RecordInfo): boolean {
  return kindAt(record, 'eventVersion') !== undefined && isRecordLike(record);
}
