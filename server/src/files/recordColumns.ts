/**
 * Records read from disk as they cross from a reading thread to the main one: a table of the batch's
 * distinct strings and one row of numbers per record, so a batch of a thousand records is two values to
 * copy, not a thousand objects. The main thread keeps a batch's summaries as columns of string numbers
 * (diskRecord.ts's SummaryBatch), each string interned: the same event name, source, region or identity is
 * one string however many records carry it, and a record is a small object that says where its values are.
 */
import type { RecordSummary } from '../features/recordSummary';
import type { SessionFacts } from '../features/sessionFacts';
import { DiskRecord, LEVELS, Place, type PlaceTable, Summary, SummaryBatch } from './diskRecord';
import type { PlacedSpan } from './textPoint';

export { DiskRecord } from './diskRecord';

/** A summary's session facts, in the columns' order from Column.IssuedKey. */
const SESSION_FIELDS = [
  'issuedKey',
  'issuedArn',
  'eventID',
  'caller',
  'onBehalfOf',
  'sourceIdentity',
] as const satisfies readonly (keyof SessionFacts)[];

/** A row's columns. Each after a computed one is numbered explicitly: the bundler does not count on from a computed member. */
const enum Column {
  EventName,
  EventSource,
  EventTime,
  Identity,
  SourceIp,
  ErrorCode,
  ErrorMessage,
  Region,
  Level,
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
  /** Session facts (features/sessionFacts.ts), in SESSION_FIELDS' order. */
  IssuedKey,
  IssuedArn,
  IssuedEventId,
  Caller,
  OnBehalfOf,
  SourceIdentity,
  /** The record's span and bytes, laid out as the place table keeps them (its numbers before the file). */
  Places,
  EventId = Places + Place.File,
  /** The eventID value's span (six numbers, as writeSpan lays one out), for the hint on a repeated one. */
  IdSpan = EventId + 1,
  /** The unit the record is in, by its number in the file. */
  Unit = IdSpan + Place.ByteStart,
  /** Where the record's touched values (their string numbers) start in `touched`, and how many there are. */
  TouchedAt = Unit + 1,
  TouchedCount = TouchedAt + 1,
  Count = TouchedCount + 1,
}

export interface RecordRows {
  readonly strings: string[];
  readonly rows: Float64Array;
  /** Every record's touched values, as string numbers, one run after another. */
  readonly touched: Int32Array;
}

/** Builds a batch's rows. */
export class RowWriter {
  private readonly strings: string[] = [];
  private readonly ids = new Map<string, number>();
  private rows = new Float64Array(64 * Column.Count);
  private count = 0;
  private readonly touched: number[] = [];
  private lastTime: string | undefined;
  private lastTimeId = -1;

  private id(value: string | undefined): number {
    if (value === undefined) return -1;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  add(
    s: Omit<RecordSummary, 'index' | 'start' | 'end'>,
    span: PlacedSpan,
    bytes: readonly [number, number],
    eventId: { readonly id: string; readonly span: PlacedSpan } | undefined,
    unit: number,
  ): void {
    if ((this.count + 1) * Column.Count > this.rows.length) {
      const grown = new Float64Array(this.rows.length * 2);
      grown.set(this.rows);
      this.rows = grown;
    }
    const r = this.rows;
    const o = this.count++ * Column.Count;
    r[o + Column.EventName] = this.id(s.eventName);
    r[o + Column.EventSource] = this.id(s.eventSource);
    // Times are nearly all distinct: a run of equal ones shares an entry, and none goes in the map.
    r[o + Column.EventTime] =
      s.eventTime === this.lastTime ? this.lastTimeId : (this.lastTimeId = this.strings.push((this.lastTime = s.eventTime)) - 1);
    r[o + Column.Identity] = this.id(s.identity);
    r[o + Column.SourceIp] = this.id(s.sourceIPAddress);
    r[o + Column.ErrorCode] = this.id(s.errorCode);
    r[o + Column.ErrorMessage] = this.id(s.errorMessage);
    r[o + Column.Region] = this.id(s.awsRegion);
    r[o + Column.Level] = LEVELS.indexOf(s.level);
    r[o + Column.UserName] = this.id(s.userName);
    r[o + Column.RoleName] = this.id(s.roleName);
    r[o + Column.Arn] = this.id(s.arn);
    r[o + Column.AccessKeyId] = this.id(s.accessKeyId);
    r[o + Column.AccountId] = this.id(s.accountId);
    r[o + Column.RecipientAccountId] = this.id(s.recipientAccountId);
    r[o + Column.BucketName] = this.id(s.bucketName);
    r[o + Column.TargetType] = this.id(s.targetType);
    r[o + Column.Target] = this.id(s.target);
    r[o + Column.UserAgent] = this.id(s.userAgent);
    SESSION_FIELDS.forEach((field, i) => (r[o + Column.IssuedKey + i] = this.id(s.session?.[field])));
    writeSpan(r, o + Column.Places, span);
    r[o + Column.Places + Place.ByteStart] = bytes[0];
    r[o + Column.Places + Place.ByteEnd] = bytes[1];
    // An event ID is one record's: not kept in the map, which would only grow.
    r[o + Column.EventId] = eventId === undefined ? -1 : this.strings.push(eventId.id) - 1;
    if (eventId) writeSpan(r, o + Column.IdSpan, eventId.span);
    r[o + Column.Unit] = unit;
    r[o + Column.TouchedAt] = this.touched.length;
    r[o + Column.TouchedCount] = s.touched?.length ?? 0;
    for (const value of s.touched ?? []) this.touched.push(this.id(value));
  }

  finish(): RecordRows {
    return { strings: this.strings, rows: this.rows.slice(0, this.count * Column.Count), touched: Int32Array.from(this.touched) };
  }
}

/**
 * One string for each distinct value, across every batch of a read. Event names, sources, regions and
 * error codes are few; identities, addresses and error messages can be many, and a table of those is
 * kept small (it starts afresh when full): looking up a fresh string costs a hash, and only pays when the
 * value comes again soon.
 */
export class Interner {
  private readonly few = new Map<string, string>();
  private readonly many = new Map<string, string>();

  intern(value: string, many = false): string {
    const table = many ? this.many : this.few;
    const known = table.get(value);
    if (known !== undefined) return known;
    // Strings already shared stay shared; only new ones go to a fresh table.
    if (table.size >= (many ? 4096 : 65536)) table.clear();
    table.set(value, value);
    return value;
  }
}

export function rowCount(rows: RecordRows): number {
  return rows.rows.length / Column.Count;
}

/** The unit of row `i`. */
export function rowUnit(rows: RecordRows, i: number): number {
  return rows.rows[i * Column.Count + Column.Unit]!;
}

/** A span as six numbers from `o`, in the place table's order (Place.Start to Place.ToCharacter). */
function writeSpan(r: Float64Array, o: number, span: PlacedSpan): void {
  r[o + Place.Start] = span.start;
  r[o + Place.End] = span.end;
  r[o + Place.FromLine] = span.from.line;
  r[o + Place.FromCharacter] = span.from.character;
  r[o + Place.ToLine] = span.to.line;
  r[o + Place.ToCharacter] = span.to.character;
}

function readSpan(r: Float64Array, o: number): PlacedSpan {
  return {
    start: r[o + Place.Start]!,
    end: r[o + Place.End]!,
    from: { line: r[o + Place.FromLine]!, character: r[o + Place.FromCharacter]! },
    to: { line: r[o + Place.ToLine]!, character: r[o + Place.ToCharacter]! },
  };
}

/** The event ID of row `i` and where its value is, if the record has one and the reader kept it. */
export function rowEventId(rows: RecordRows, i: number): { readonly id: string; readonly span: PlacedSpan } | undefined {
  const r = rows.rows;
  const o = i * Column.Count;
  const id = r[o + Column.EventId]!;
  if (id < 0) return undefined;
  return { id: rows.strings[id]!, span: readSpan(r, o + Column.IdSpan) };
}

/** Each summary column's row column, and whether its values are many (identities, addresses...) for the interner. */
const SUMMARY_COLUMNS: readonly (readonly [Summary, Column, boolean])[] = [
  [Summary.EventName, Column.EventName, false],
  [Summary.EventSource, Column.EventSource, false],
  [Summary.Identity, Column.Identity, true],
  [Summary.SourceIp, Column.SourceIp, true],
  [Summary.ErrorCode, Column.ErrorCode, false],
  [Summary.ErrorMessage, Column.ErrorMessage, true],
  [Summary.Region, Column.Region, false],
  [Summary.UserName, Column.UserName, true],
  [Summary.RoleName, Column.RoleName, true],
  [Summary.Arn, Column.Arn, true],
  [Summary.AccessKeyId, Column.AccessKeyId, true],
  [Summary.AccountId, Column.AccountId, true],
  [Summary.RecipientAccountId, Column.RecipientAccountId, false],
  [Summary.BucketName, Column.BucketName, true],
  [Summary.TargetType, Column.TargetType, false],
  [Summary.Target, Column.Target, true],
  [Summary.UserAgent, Column.UserAgent, true],
];

/** The rows as records of file `file` of `table`, their strings interned; `keep` leaves rows out. */
export function rowRecords(
  rows: RecordRows,
  table: PlaceTable,
  file: number,
  interner: Interner,
  keep: (i: number) => boolean = () => true,
): DiskRecord[] {
  const r = rows.rows;
  // The batch's strings the records keep, renumbered: an event ID, which no summary holds, is not kept.
  const strings: string[] = [];
  const renumbered: (number | undefined)[] = new Array<number | undefined>(rows.strings.length);
  const text = (id: number, many: boolean): number => {
    if (id < 0) return -1;
    let kept = renumbered[id];
    if (kept === undefined) renumbered[id] = kept = strings.push(interner.intern(rows.strings[id]!, many)) - 1;
    return kept;
  };
  // Times are nearly all distinct across a log: they are kept as they came, not interned.
  const time = (id: number): number => (renumbered[id] ??= strings.push(rows.strings[id]!) - 1);
  let sessions: Map<number, SessionFacts> | undefined;
  const rowsKept: number[] = [];
  const touched: number[] = [];
  for (let i = 0; i < rowCount(rows); i++) {
    if (!keep(i)) continue;
    const o = i * Column.Count;
    const row = table.add(r, o + Column.Places, file);
    for (const [summary, column, many] of SUMMARY_COLUMNS) table.setSummary(row, summary, text(r[o + column]!, many));
    table.setSummary(row, Summary.EventTime, time(r[o + Column.EventTime]!));
    table.setSummary(row, Summary.Level, r[o + Column.Level]!);
    touched.length = 0;
    for (let k = 0; k < r[o + Column.TouchedCount]!; k++) touched.push(text(rows.touched[r[o + Column.TouchedAt]! + k]!, true));
    table.setSummary(row, Summary.TouchedCount, touched.length);
    if (touched.length > 0) table.setSummary(row, Summary.TouchedAt, table.addTouched(touched));
    const facts = sessionOf(r, o, (id) => (id < 0 ? undefined : strings[text(id, true)]));
    if (facts) (sessions ??= new Map()).set(row, facts);
    rowsKept.push(row);
  }
  const batch = new SummaryBatch(strings, sessions);
  return rowsKept.map((row) => new DiskRecord(batch, table, row));
}

/** A row's session facts, or undefined: most records carry none. */
function sessionOf(r: Float64Array, o: number, text: (id: number) => string | undefined): SessionFacts | undefined {
  let any = false;
  for (let i = 0; i < SESSION_FIELDS.length && !any; i++) any = r[o + Column.IssuedKey + i]! >= 0;
  if (!any) return undefined;
  const [issuedKey, issuedArn, eventID, caller, onBehalfOf, sourceIdentity] = SESSION_FIELDS.map((_, i) =>
    text(r[o + Column.IssuedKey + i]!),
  );
  return { issuedKey, issuedArn, eventID, caller, onBehalfOf, sourceIdentity };
}
