/**
 * Records of logs read from disk, kept small: half a million of them must fit in a fraction of the log's
 * size. A record object holds only where its values are: its summary in its batch's columns of string
 * numbers (the strings interned), its numbers (offsets, places, bytes and file) in a shared table of plain
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

/** The numbers of every record of a read, and the files they are in. */
export class PlaceTable {
  private readonly blocks: Float64Array[] = [];
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
    return row;
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
  }

  get(row: number, place: Place): number {
    return this.blocks[Math.floor(row / BLOCK)]![(row % BLOCK) * Place.Count + place]!;
  }
}

/** A summary's strings, as a batch's columns hold them (string numbers, -1 for none), then its level and touched values. */
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
 * The summaries of a batch of records as columns: a row of string numbers per record into the batch's strings
 * (each interned), its touched values' numbers one run after another, and the few records' session facts. A
 * record holds its batch and its row, not an object and a string field per value.
 */
export class SummaryBatch {
  constructor(
    readonly strings: readonly string[],
    readonly columns: Int32Array,
    readonly touched: Int32Array,
    readonly sessions: ReadonlyMap<number, SessionFacts>,
  ) {}

  text(row: number, column: Summary): string | undefined {
    const id = this.columns[row * Summary.Count + column]!;
    return id < 0 ? undefined : this.strings[id];
  }

  number(row: number, column: Summary): number {
    return this.columns[row * Summary.Count + column]!;
  }
}

/** A record of a log read from disk: its summary in its batch's columns, its places in its file, and its bytes there. */
export class DiskRecord implements RecordSummary {
  /** Its position in what the events view lists (file order for a file, time order for a folder). */
  index = 0;

  constructor(
    private readonly batch: SummaryBatch,
    /** Its row in the batch. */
    private readonly at: number,
    private readonly table: PlaceTable,
    /** Its row in the place table. */
    private readonly row: number,
  ) {}

  get eventName(): string {
    return this.batch.text(this.at, Summary.EventName)!;
  }

  get eventSource(): string {
    return this.batch.text(this.at, Summary.EventSource)!;
  }

  get eventTime(): string {
    return this.batch.text(this.at, Summary.EventTime)!;
  }

  get identity(): string {
    return this.batch.text(this.at, Summary.Identity)!;
  }

  get sourceIPAddress(): string {
    return this.batch.text(this.at, Summary.SourceIp)!;
  }

  get errorCode(): string | undefined {
    return this.batch.text(this.at, Summary.ErrorCode);
  }

  get errorMessage(): string | undefined {
    return this.batch.text(this.at, Summary.ErrorMessage);
  }

  get awsRegion(): string | undefined {
    return this.batch.text(this.at, Summary.Region);
  }

  get level(): EventLevel {
    return LEVELS[this.batch.number(this.at, Summary.Level)]!;
  }

  get userName(): string | undefined {
    return this.batch.text(this.at, Summary.UserName);
  }

  get roleName(): string | undefined {
    return this.batch.text(this.at, Summary.RoleName);
  }

  get arn(): string | undefined {
    return this.batch.text(this.at, Summary.Arn);
  }

  get accessKeyId(): string | undefined {
    return this.batch.text(this.at, Summary.AccessKeyId);
  }

  get accountId(): string | undefined {
    return this.batch.text(this.at, Summary.AccountId);
  }

  get recipientAccountId(): string | undefined {
    return this.batch.text(this.at, Summary.RecipientAccountId);
  }

  get bucketName(): string | undefined {
    return this.batch.text(this.at, Summary.BucketName);
  }

  get targetType(): string | undefined {
    return this.batch.text(this.at, Summary.TargetType);
  }

  get target(): string | undefined {
    return this.batch.text(this.at, Summary.Target);
  }

  get userAgent(): string | undefined {
    return this.batch.text(this.at, Summary.UserAgent);
  }

  /** The values the record touched (made on each read: only `resource:` and its hover ask). */
  get touched(): readonly string[] | undefined {
    const count = this.batch.number(this.at, Summary.TouchedCount);
    if (count === 0) return undefined;
    const from = this.batch.number(this.at, Summary.TouchedAt);
    const values = new Array<string>(count);
    for (let i = 0; i < count; i++) values[i] = this.batch.strings[this.batch.touched[from + i]!]!;
    return values;
  }

  get session(): SessionFacts | undefined {
    return this.batch.sessions.get(this.at);
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
