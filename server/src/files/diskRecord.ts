/**
 * Records of logs read from disk, kept small: half a million of them must fit in a fraction of the log's
 * size. A record object holds its summary's strings (interned); its numbers (offsets, places, bytes and
 * file) live in a shared table of plain number blocks, so none is a boxed number of its own.
 */
import type { EventLevel } from '../../../common/eventLevel';
import type { Principal, RecordSummary } from '../features/recordSummary';
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

/** A summary's own fields, with who acted as one shared object. */
type Summary = Pick<
  RecordSummary,
  'eventName' | 'eventSource' | 'eventTime' | 'identity' | 'sourceIPAddress' | 'errorCode' | 'errorMessage' | 'awsRegion' | 'level'
> & {
  readonly principal: Principal;
  readonly recipientAccountId: string | undefined;
  readonly bucketName: string | undefined;
  readonly targetType: string | undefined;
  readonly target: string | undefined;
  readonly touched: readonly string[] | undefined;
  readonly userAgent: string | undefined;
  readonly session: SessionFacts | undefined;
};

/** A record of a log read from disk: its summary, its places in its file, and its bytes there. */
export class DiskRecord implements RecordSummary {
  /** Its position in what the events view lists (file order for a file, time order for a folder). */
  index = 0;
  readonly eventName: string;
  readonly eventSource: string;
  readonly eventTime: string;
  readonly identity: string;
  readonly sourceIPAddress: string;
  readonly errorCode: string | undefined;
  readonly errorMessage: string | undefined;
  readonly awsRegion: string | undefined;
  readonly level: EventLevel;
  private readonly principal: Principal;
  readonly recipientAccountId: string | undefined;
  readonly bucketName: string | undefined;
  readonly targetType: string | undefined;
  readonly target: string | undefined;
  readonly touched: readonly string[] | undefined;
  readonly userAgent: string | undefined;
  readonly session: SessionFacts | undefined;

  constructor(
    summary: Summary,
    private readonly table: PlaceTable,
    private readonly row: number,
  ) {
    this.eventName = summary.eventName;
    this.eventSource = summary.eventSource;
    this.eventTime = summary.eventTime;
    this.identity = summary.identity;
    this.sourceIPAddress = summary.sourceIPAddress;
    this.errorCode = summary.errorCode;
    this.errorMessage = summary.errorMessage;
    this.awsRegion = summary.awsRegion;
    this.level = summary.level;
    this.principal = summary.principal;
    this.recipientAccountId = summary.recipientAccountId;
    this.bucketName = summary.bucketName;
    this.targetType = summary.targetType;
    this.target = summary.target;
    this.touched = summary.touched;
    this.userAgent = summary.userAgent;
    this.session = summary.session;
  }

  get userName(): string | undefined {
    return this.principal.userName;
  }

  get roleName(): string | undefined {
    return this.principal.roleName;
  }

  get arn(): string | undefined {
    return this.principal.arn;
  }

  get accessKeyId(): string | undefined {
    return this.principal.accessKeyId;
  }

  get accountId(): string | undefined {
    return this.principal.accountId;
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
