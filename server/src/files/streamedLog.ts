/**
 * One log file read from disk as a stream, however large: the text is split into record units as it is
 * decoded (unitSplitter.ts), batches of units are parsed and checked on the reading threads while more is
 * read, and what comes back is kept in the file's order as small records, interned. What lies between
 * the units is checked at the end from the skeleton. At no time is more than a few batches of the text
 * held, and a file that is one value (a record, a digest) is read whole, exactly as an open document.
 */
import { PROBLEM_CODES } from '../cloudtrail/problems';
import { parseTolerant } from '../parse/tolerantParser';
import { duplicateKeyProblem, notCloudTrailProblem, recordNotObjectProblem, repeatedEventIdMessage } from '../features/validate';
import { LogSource, CHANGED_MESSAGE, type FileStamp } from './logSource';
import { ProblemList } from './problemList';
import type { JobRunner } from './readJobs';
import type { DiskDetections } from './diskDetections';
import type { DiskRecord, PlaceTable } from './diskRecord';
import { EventIdSet } from './eventIdSet';
import { type Interner, rowEventId, rowRecords } from './recordColumns';
import type { SkeletonText } from './skeleton';
import type { ParsedUnits, PlacedProblem } from './unitParse';
import { ScannedSplitter } from './scannedSplitter';
import { MAX_UNIT_CHARS, type SplitSink, type Unit, UnitSplitter } from './unitSplitter';
import { parseWhole } from './wholeParse';
import type { TextPoint } from './textPoint';

/** A batch is sent to a reading thread at this many characters, or this many units. */
const BATCH_CHARS = 256 * 1024;
const BATCH_UNITS = 2000;

/** A log read from disk: its records in file order, its problems, and what could not be read. */
export interface StreamedFile {
  readonly records: DiskRecord[];
  readonly problems: ProblemList;
  readonly stamp: FileStamp;
  /** Why part of the file could not be read, or why what was read may be wrong. */
  readonly errors: string[];
  /** JSON faults found (inside records only, when records are not checked). */
  readonly syntaxErrors: number;
  /** Bytes of text read (decompressed, for a gzip file). */
  readonly textBytes: number;
  /** What the rules matched, when the read asked them. */
  readonly detections?: DiskDetections;
  /** Which reader split the file into records: the WebAssembly scanner, or the JavaScript splitter. */
  readonly readBy: 'scanner' | 'javascript';
}

export interface StreamOptions {
  readonly runner: JobRunner;
  /** The file's URI, which its records carry. */
  readonly uri: string;
  readonly interner: Interner;
  /** Where the records' numbers go (a folder's files share one). */
  readonly table: PlaceTable;
  /** Check records and find JSON faults (a file read on its own); a folder's files only need their records. */
  readonly validate: boolean;
  /** Where the rules' matches go (a folder's files share one); the runner's threads ask the rules. */
  readonly detections?: DiskDetections;
  /** Batches sent and not yet back, at most (the reading waits for the oldest). */
  readonly inFlight?: number;
  /** False for a folder's file: a symbolic link is not followed (a file the user opened is read through one). */
  readonly follow?: boolean;
  /** Cuts each decoded chunk into pieces this long (tests: every place a chunk can end). */
  readonly pieceChars?: number;
  /** Read with the JavaScript splitter, not the WebAssembly scanner (tests compare the two); the scanner reads pieces of `pieceChars` bytes. */
  readonly jsReader?: boolean;
  onBytes?(read: number, total: number): void;
  isCancelled?(): boolean;
}

/** Reads a log file streamed; undefined when cancelled. */
export async function readStreamed(path: string, options: StreamOptions): Promise<StreamedFile | undefined> {
  if (options.jsReader !== true && process.env[JS_READER_ENV] !== '1') {
    const scanned = await readScanned(path, options);
    if (typeof scanned !== 'string') return scanned;
    noteJsReader(scanned, path);
  }
  return readSplit(path, options);
}

/** Forces the JavaScript reader (tests and the bench compare the two; not a user's setting). */
export const JS_READER_ENV = 'CLOUDTRAIL_LENS_JS_READER';

let noted = false;
let notice: ((message: string) => void) | undefined;

/** Where the server says, once, that a file was read by the JavaScript reader rather than the scanner. */
export function onJsReader(say: (message: string) => void): void {
  notice = say;
}

function noteJsReader(reason: string, path: string): void {
  if (noted || !notice) return;
  noted = true;
  notice(`Logs are read by the JavaScript reader where the WebAssembly scanner cannot read them: ${reason} (first in ${path})`);
}

/** Read with the JavaScript splitter over the decoded text: the reference, and the fallback. */
async function readSplit(path: string, options: StreamOptions): Promise<StreamedFile | undefined> {
  const source = await LogSource.open(path, options.onBytes, options.follow);
  const reading = new ReadInProgress(options, (sink) => new UnitSplitter(sink));
  const { splitter } = reading;
  const cancelled = () => options.isCancelled?.() === true;
  for await (const chunk of source.chunks(cancelled)) {
    // Known once the first chunk is decoded: the bytes of a byte-order mark before the text.
    if (splitter.length === 0) splitter.startByte = source.stamp.startByte;
    const piece = options.pieceChars ?? chunk.length;
    for (let i = 0; i < chunk.length; i += piece) splitter.write(piece >= chunk.length ? chunk : chunk.slice(i, i + piece));
    await reading.drain(options.inFlight ?? 8);
    if (cancelled()) return undefined;
  }
  if (cancelled()) return undefined;
  const result = await reading.finish(source.stamp.startByte);
  return cancelled() ? undefined : streamedFile(source, options, result, splitter.bytes, 'javascript');
}

/** Read with the WebAssembly scanner over the bytes; or why the JavaScript reader is to read the file instead. */
async function readScanned(path: string, options: StreamOptions): Promise<StreamedFile | undefined | string> {
  const unavailable = ScannedSplitter.unavailable();
  if (unavailable) return unavailable;
  const reading = new ReadInProgress(options, (sink) => new ScannedSplitter(sink));
  const { splitter } = reading;
  const source = await LogSource.open(path, options.onBytes, options.follow);
  const cancelled = () => options.isCancelled?.() === true;
  try {
    for await (const { bytes, text } of source.pieces(cancelled)) {
      const piece = options.pieceChars ?? bytes.length;
      if (piece >= bytes.length) splitter.write(bytes, text);
      else for (let i = 0; i < bytes.length; i += piece) splitter.write(bytes.subarray(i, i + piece), i === 0 ? text : '');
      if (splitter.needsJsReader) return reading.abandon(splitter.needsJsReader);
      splitter.passGap();
      await reading.drain(options.inFlight ?? 8);
      if (cancelled()) return undefined;
    }
  } finally {
    await source.close();
  }
  if (cancelled()) return undefined;
  const result = await reading.finish(source.stamp.startByte);
  if (splitter.needsJsReader) return reading.abandon(splitter.needsJsReader);
  return cancelled() ? undefined : streamedFile(source, options, result, splitter.bytes, 'scanner');
}

function streamedFile(
  source: LogSource,
  options: StreamOptions,
  result: { records: DiskRecord[]; problems: ProblemList; errors: string[]; syntaxErrors: number },
  bytes: number,
  readBy: StreamedFile['readBy'],
): StreamedFile {
  const stamp = source.stamp;
  stamp.bytesExact = bytes === source.bytesOut;
  const errors = [...(source.error ? [source.error] : []), ...(source.changed ? [CHANGED_MESSAGE] : []), ...result.errors];
  const syntaxErrors = options.validate ? (result.problems.syntaxErrors()?.count ?? 0) : result.syntaxErrors;
  const { detections } = options;
  const { records, problems } = result;
  return { records, problems, stamp, errors, syntaxErrors, textBytes: source.bytesOut, readBy, ...(detections ? { detections } : {}) };
}

class ReadInProgress<S extends UnitSplitter | ScannedSplitter> {
  private readonly records: DiskRecord[] = [];
  private readonly problems = new ProblemList();
  private readonly errors: string[] = [];
  private readonly inflight: Promise<ParsedUnits>[] = [];
  private batch: Unit[] = [];
  private batchChars = 0;
  /** The first top-level unit, held until a second shows the file is more than one value. */
  private held: Unit | undefined;
  private unitCount = 0;
  private lastUnit: Unit | undefined;
  /** Whether the first top-level unit is a record; undefined until known, or when the file has a wrapper or array. */
  private rootIsRecord: boolean | undefined;
  private recordLike = 0;
  private syntaxErrors = 0;
  private readonly eventIds = new EventIdSet();
  private readonly file: number;

  readonly splitter: S;

  constructor(
    private readonly options: StreamOptions,
    splitter: (sink: SplitSink) => S,
  ) {
    this.file = options.table.file(options.uri);
    this.splitter = splitter({ unit: (unit) => this.unit(unit), oversized: (at) => this.errors.push(oversizedMessage(at)) });
  }

  /** The read stops here, to be done again by the JavaScript reader: the rules' matches of its records are dropped. */
  abandon(reason: string): string {
    for (const batch of this.inflight.splice(0)) batch.catch(() => undefined);
    this.options.detections?.forget(this.records);
    return reason;
  }

  private unit(unit: Unit): void {
    this.unitCount++;
    this.lastUnit = unit;
    if (this.unitCount === 1 && unit.top) {
      // A value before it (a string, say) is the file's root: the objects after it are no JSON lines.
      if (!unit.first) this.rootIsRecord = false;
      this.held = unit;
      return;
    }
    if (this.held) {
      this.add(this.held);
      this.held = undefined;
    }
    this.add(unit);
  }

  private add(unit: Unit): void {
    this.batch.push(unit);
    this.batchChars += unit.text.length;
    if (this.batchChars >= BATCH_CHARS || this.batch.length >= BATCH_UNITS) this.send();
  }

  private send(): void {
    if (this.batch.length === 0) return;
    const { wrapper, arrayRoot } = this.splitter;
    this.inflight.push(this.options.runner.units(this.batch, { wrapper, arrayRoot, validate: this.options.validate }));
    this.batch = [];
    this.batchChars = 0;
  }

  /** Takes back batches, oldest first, until at most `limit` are out. */
  async drain(limit: number): Promise<void> {
    while (this.inflight.length > limit) this.take(await this.inflight.shift()!);
  }

  private take(parsed: ParsedUnits): void {
    if (parsed.rootIsRecord !== undefined) this.rootIsRecord = parsed.rootIsRecord;
    this.recordLike += parsed.recordLike;
    this.syntaxErrors += parsed.syntaxErrors;
    // JSON Lines after a first value that is not a record are not a log's (content after the end, for the parser).
    const dropLines = this.rootIsRecord === false && !this.splitter.wrapper && !this.splitter.arrayRoot;
    const rows: number[] = [];
    const records = rowRecords(parsed.rows, this.options.table, this.file, this.options.interner, (i) => !dropLines && rows.push(i) > 0);
    for (let k = 0; k < records.length; k++) {
      const record = records[k]!;
      record.index = this.records.length;
      this.records.push(record);
      if (this.options.validate) this.checkEventId(parsed, rows[k]!, record.index);
    }
    if (parsed.detected) {
      const byRow = new Map<number, DiskRecord>();
      for (let k = 0; k < records.length; k++) byRow.set(rows[k]!, records[k]!);
      this.options.detections?.take(parsed.detected, (row) => byRow.get(row));
    }
    // Such lines' records are not checked either: only the JSON faults in them count.
    for (const p of parsed.problems) if (!dropLines || PROBLEM_CODES[p.code].severity === 'error') this.problems.add(p);
  }

  private checkEventId(parsed: ParsedUnits, row: number, index: number): void {
    const found = rowEventId(parsed.rows, row);
    if (!found) return;
    const first = this.eventIds.firstOrAdd(found.id, index);
    if (first !== undefined) this.problems.add({ code: 'repeated-event-id', message: repeatedEventIdMessage(first), ...found.span });
  }

  async finish(startByte: number): Promise<{ records: DiskRecord[]; problems: ProblemList; errors: string[]; syntaxErrors: number }> {
    const end = this.splitter.end();
    this.splitter.skeleton.finish();
    if (!this.splitter.sawContent || (this.unitCount <= 1 && (this.held || this.unitCount === 0) && !this.errors.length)) {
      this.readWhole(startByte);
    } else {
      if (this.held) this.add(this.held);
      this.held = undefined;
      this.send();
      await this.drain(0);
      if (this.options.validate) this.checkSkeleton(end.length);
    }
    return { records: this.records, problems: this.problems, errors: this.errors, syntaxErrors: this.syntaxErrors };
  }

  /** A file that is one value, or none: its text is small, and read as an open document's is. */
  private readWhole(startByte: number): void {
    const text = this.splitter.skeleton.wholeText(this.held?.text ?? '');
    this.held = undefined;
    const parsed = parseWhole(text, this.options.validate, startByte);
    this.take({ ...parsed, rootIsRecord: true });
  }

  /** The faults between units, found in the skeleton, and whether the file is a log at all. */
  private checkSkeleton(length: number): void {
    const { wrapper, arrayRoot } = this.splitter;
    const skeleton = this.splitter.skeleton.read(this.rootIsRecord === true);
    const parsed = parseTolerant(skeleton.text);
    const cutOff = this.lastUnit?.cutOff === true;
    const keep = (p: PlacedProblem) =>
      !((cutOff || skeleton.truncatedAt !== undefined) && p.code === 'unexpected-end') &&
      (skeleton.truncatedAt === undefined || p.start < skeleton.truncatedAt);
    const add = (p: { code: PlacedProblem['code']; message: string; start: number; end: number }) => {
      const placed = placeInFile(skeleton, p);
      if (keep(placed)) this.problems.add(placed);
    };
    for (const p of parsed.syntax) add(p);
    for (const d of parsed.duplicateKeys) add(duplicateKeyProblem(d));
    const isLog =
      wrapper === 'Records' || (arrayRoot ? this.recordLike > 0 : wrapper ? this.records.length > 0 : this.rootIsRecord === true);
    if (!isLog) {
      // At the file's first character, which the skeleton's first is too.
      add(notCloudTrailProblem(length));
      return;
    }
    for (const span of parsed.nonObjectRecords) add(recordNotObjectProblem(span));
  }
}

function placeInFile(
  skeleton: SkeletonText,
  p: { code: PlacedProblem['code']; message: string; start: number; end: number },
): PlacedProblem {
  const start = skeleton.place(p.start);
  const end = skeleton.place(p.end);
  return {
    code: p.code,
    message: p.message,
    start: start.offset,
    end: Math.max(start.offset, end.offset),
    from: start.point,
    to: end.point,
  };
}

function oversizedMessage(at: TextPoint): string {
  return `A value of more than ${MAX_UNIT_CHARS / 1024 / 1024} M characters at line ${at.line + 1} was not read`;
}
