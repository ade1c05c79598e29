/**
 * Records of logs read from disk, kept small: half a million of them must fit in a fraction of the log's
 * size. A record object holds only where its values are: its summary's string numbers (into its batch's
 * strings, each interned) and its numbers (offsets, places, bytes and file) in the read's table of plain
 * number blocks, so none is a string field, an object or a boxed number of its own.
 */
import type { EventLevel } from '../../../common/eventLevel';
import type { RecordSummary } from '../features/recordSummary';
import type { SessionFacts } from '../features/sessionFacts';

/**
 * The numbers of a record, in table order: its span (as recordColumns.ts's writeSpan lays one out), its
 * bytes, then its file. A row of recordColumns.ts holds the same block, up to the file, at its `Places` column.
 */
export const enum Place {
  Start,
  End,
  FromLine,
  FromCharacter,
  ToLine,
  ToCharacter,
  ByteStart,
  ByteEnd,
  File,
  Count,
}

/** Records a block holds: blocks are added, never grown, so no copy of the whole table is ever made. */
const BLOCK = 16 * 1024;

/** Touched values' string numbers a block holds: a record's run never crosses blocks (a record keeps at most 512). */
const TOUCHED_BLOCK = 64 * 1024;

/**
 * The numbers of every record of a read, and the files they are in: its places, its summary's string numbers
 * (Summary's columns, into its batch's strings) and its touched values' runs. One table a read, in blocks, so a
 * batch of one record (a folder of small files) adds no array of its own.
 */
export class PlaceTable {
  private readonly blocks: Float64Array[] = [];
  private readonly summaries: Int32Array[] = [];
  private readonly touchedBlocks: Int32Array[] = [];
  /** Used in the last touched block. */
  private touchedUsed = TOUCHED_BLOCK;
  private size = 0;
  readonly files: string[] = [];
  /** Each file's number, by URI: a folder of 100,000 files is not searched once per file. */
  private readonly numbers = new Map<string, number>();

  /** The number of file `uri`, added if new. */
  file(uri: string): number {
    let known = this.numbers.get(uri);
    if (known === undefined) this.numbers.set(uri, (known = this.files.push(uri) - 1));
    return known;
  }

  /** Adds a record's numbers (`source[at]` onwards, through its byte end) in file `file`; returns its row. */
  add(source: Float64Array, at: number, file: number): number {
    const row = this.size++;
    const offset = (row % BLOCK) * Place.Count;
    let block = this.blocks[Math.floor(row / BLOCK)];
    if (!block) this.blocks.push((block = new Float64Array(BLOCK * Place.Count)));
    for (let i = 0; i < Place.File; i++) block[offset + i] = source[at + i]!;
    block[offset + Place.File] = file;
    if (!this.summaries[Math.floor(row / BLOCK)]) this.summaries.push(new Int32Array(BLOCK * Summary.Count));
    return row;
  }

  /** Sets a summary column of row `row` (added). */
  setSummary(row: number, column: Summary, value: number): void {
    this.summaries[Math.floor(row / BLOCK)]![(row % BLOCK) * Summary.Count + column] = value;
  }

  summary(row: number, column: Summary): number {
    return this.summaries[Math.floor(row / BLOCK)]![(row % BLOCK) * Summary.Count + column]!;
  }

  /** Keeps a run of touched values' string numbers; returns where it starts, for `touched`. */
  addTouched(values: readonly number[]): number {
    if (this.touchedUsed + values.length > TOUCHED_BLOCK) {
      this.touchedBlocks.push(new Int32Array(TOUCHED_BLOCK));
      this.touchedUsed = 0;
    }
    const block = this.touchedBlocks.length - 1;
    this.touchedBlocks[block]!.set(values, this.touchedUsed);
    const start = block * TOUCHED_BLOCK + this.touchedUsed;
    this.touchedUsed += values.length;
    return start;
  }

  /** The `i`th value of the run that starts at `at`. */
  touched(at: number, i: number): number {
    return this.touchedBlocks[Math.floor(at / TOUCHED_BLOCK)]![(at % TOUCHED_BLOCK) + i]!;
  }

  /** Rows held. */
  get rows(): number {
    return this.size;
  }

  /** Drops the rows from `rows` on (a read abandoned, to be done again), and the blocks they alone used. */
  truncate(rows: number): void {
    if (rows >= this.size) return;
    this.size = rows;
    this.blocks.length = Math.ceil(rows / BLOCK);
    this.summaries.length = Math.ceil(rows / BLOCK);
  }

  get(row: number, place: Place): number {
    return this.blocks[Math.floor(row / BLOCK)]![(row % BLOCK) * Place.Count + place]!;
  }
}

/** A summary's columns in the place table: its strings' numbers in its batch (-1 for none), then its level and touched values. */
export const enum Summary {
  EventName,
  EventSource,
  EventTime,
  Identity,
  SourceIp,
  ErrorCode,
  ErrorMessage,
  Region,
  UserName,
  RoleName,
  Arn,
  AccessKeyId,
  AccountId,
  RecipientAccountId,
  BucketName,
  TargetType,
  Target,
  UserAgent,
  /** The level's number in LEVELS. */
  Level,
  /** Where the record's touched values start in the batch's `touched`, and how many there are. */
  TouchedAt,
  TouchedCount,
  Count,
}

export const LEVELS: readonly EventLevel[] = ['account', 'bucket', 'object', 'other'];

/**
 * What a batch of records' summaries point into: the batch's strings (each interned), which the place table's
 * summary columns number, and the few records' session facts, by row.
 */
export class SummaryBatch {
  constructor(
    readonly strings: readonly string[],
    readonly sessions: ReadonlyMap<number, SessionFacts> | undefined,
  ) {}
}

/** A record of a log read from disk: its summary and places as numbers in the read's table, its strings in its batch. */
export class DiskRecord implements RecordSummary {
  /** Its position in what the events view lists (file order for a file, time order for a folder). */
  index = 0;

  constructor(
    private readonly batch: SummaryBatch,
    private readonly table: PlaceTable,
    /** Its row in the place table. */
    private readonly row: number,
  ) {}

  private text(column: Summary): string | undefined {
    const id = this.table.summary(this.row, column);
    return id < 0 ? undefined : this.batch.strings[id];
  }

  get eventName(): string {
    return this.text(Summary.EventName)!;
  }

  get eventSource(): string {
    return this.text(Summary.EventSource)!;
  }

  get eventTime(): string {
    return this.text(Summary.EventTime)!;
  }

  get identity(): string {
    return this.text(Summary.Identity)!;
  }

  get sourceIPAddress(): string {
    return this.text(Summary.SourceIp)!;
  }

  get errorCode(): string | undefined {
    return this.text(Summary.ErrorCode);
  }

  get errorMessage(): string | undefined {
    return this.text(Summary.ErrorMessage);
  }

  get awsRegion(): string | undefined {
    return this.text(Summary.Region);
  }

  get level(): EventLevel {
    return LEVELS[this.table.summary(this.row, Summary.Level)]!;
  }

  get userName(): string | undefined {
    return this.text(Summary.UserName);
  }

  get roleName(): string | undefined {
    return this.text(Summary.RoleName);
  }

  get arn(): string | undefined {
    return this.text(Summary.Arn);
  }

  get accessKeyId(): string | undefined {
    return this.text(Summary.AccessKeyId);
  }

  get accountId(): string | undefined {
    return this.text(Summary.AccountId);
  }

  get recipientAccountId(): string | undefined {
    return this.text(Summary.RecipientAccountId);
  }

  get bucketName(): string | undefined {
    return this.text(Summary.BucketName);
  }

  get targetType(): string | undefined {
    return this.text(Summary.TargetType);
  }

  get target(): string | undefined {
    return this.text(Summary.Target);
  }

  get userAgent(): string | undefined {
    return this.text(Summary.UserAgent);
  }

  /** The values the record touched (made on each read: only `resource:` and its hover ask). */
  get touched(): readonly string[] | undefined {
    const count = this.table.summary(this.row, Summary.TouchedCount);
    if (count === 0) return undefined;
    const from = this.table.summary(this.row, Summary.TouchedAt);
    const values = new Array<string>(count);
    for (let i = 0; i < count; i++) values[i] = this.batch.strings[this.table.touched(from, i)]!;
    return values;
  }

  get session(): SessionFacts | undefined {
    return this.batch.sessions?.get(this.row);
  }
  /** Character offsets in the file's whole text. */
  get start(): number {
    return this.table.get(this.row, Place.Start);
  }

  get end(): number {
    return this.table.get(this.row, Place.End);
  }

  get fromLine(): number {
    return this.table.get(this.row, Place.FromLine);
  }

  get fromCharacter(): number {
    return this.table.get(this.row, Place.FromCharacter);
  }

  get toLine(): number {
    return this.table.get(this.row, Place.ToLine);
  }

  get toCharacter(): number {
    return this.table.get(this.row, Place.ToCharacter);
  }

  /** Byte offsets in the decompressed file, to read the record's text back. */
  get byteStart(): number {
    return this.table.get(this.row, Place.ByteStart);
  }

  get byteEnd(): number {
    return this.table.get(this.row, Place.ByteEnd);
  }

  /** The file the record is in. */
  get uri(): string {
    return this.table.files[this.table.get(this.row, Place.File)]!;
  }
}
