/**
 * Records read from disk as they cross from a reading thread to the main one: a table of the batch's
 * distinct strings and one row of numbers per record, so a batch of a thousand records is two values to
 * copy, not a thousand objects. The main thread turns rows into DiskRecords, each string interned: the
 * same event name, source, region or identity is one string however many records carry it.
 */
import type { EventLevel } from '../../../common/eventLevel';
import type { Principal, RecordSummary } from '../features/recordSummary';
import type { SessionFacts } from '../features/sessionFacts';
import { type CallKind, DiskRecord, Place, type PlaceTable } from './diskRecord';
import type { PlacedSpan } from './textPoint';

export { DiskRecord } from './diskRecord';

const LEVELS: readonly EventLevel[] = ['account', 'bucket', 'object', 'other'];

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

/** Which of the interner's tables a column's values go to: values of one kind do not push out another's. */
export const enum Values {
  /** Event names, sources, regions, error codes: a few hundred. */
  Few,
  /** Who acted and from where (identities, keys, addresses, agents), buckets and targets: tens of thousands. */
  Many,
  /** The values records touched: object keys and ARNs, most met once. */
  Touched,
}

/**
 * The values met lately, bounded: two generations, the young one filled until `limit` and then made the old
 * one, and a value found in the old one moved to the young. A value that comes back within about `limit` new
 * ones is found however many others came between, where one table emptied when full would lose them all.
 */
class Generations<T> {
  private young = new Map<string, T>();
  private old = new Map<string, T>();

  constructor(private readonly limit: number) {}

  get(key: string): T | undefined {
    const young = this.young.get(key);
    if (young !== undefined) return young;
    const old = this.old.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: string, value: T): void {
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}

/** A key for values of which any may be undefined: JSON of them, which no two different lists share. */
const keyOf = (values: readonly (string | undefined)[]): string => JSON.stringify(values);

/**
 * One string for each distinct value, and one object for each distinct kind of call and each distinct caller,
 * across every batch of a read; records a thousand batches apart share them as records of one batch do. Each
 * table is bounded (Generations), so a read of many distinct values holds the recent ones, not all.
 */
export class Interner {
  private readonly strings = [new Generations<string>(16_384), new Generations<string>(65_536), new Generations<string>(65_536)];
  private readonly kinds = new Generations<CallKind>(16_384);
  private readonly principals = new Generations<Principal>(32_768);

  intern(value: string, values = Values.Few): string {
    const table = this.strings[values]!;
    const known = table.get(value);
    if (known !== undefined) return known;
    table.set(value, value);
    return value;
  }

  /** The shared object equal to `kind` (whose strings are interned). */
  kind(kind: CallKind): CallKind {
    const { eventName, eventSource, awsRegion, level, errorCode, recipientAccountId, targetType } = kind;
    return this.shared(this.kinds, keyOf([eventName, eventSource, awsRegion, level, errorCode, recipientAccountId, targetType]), kind);
  }

  /** The shared object equal to `principal` (whose strings are interned). */
  principal(principal: Principal): Principal {
    const { userName, roleName, arn, accessKeyId, accountId } = principal;
    return this.shared(this.principals, keyOf([userName, roleName, arn, accessKeyId, accountId]), principal);
  }

  private shared<T>(table: Generations<T>, key: string, value: T): T {
    const known = table.get(key);
    if (known !== undefined) return known;
    table.set(key, value);
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

/** One batch's values as records keep them: each string interned once, and shared objects for what records share. */
class BatchValues {
  private readonly r: Float64Array;
  private readonly canon: (string | undefined)[];
  private readonly principals = new Map<string, Principal>();
  private readonly kinds = new Map<string, CallKind>();
  private lastTime = '';

  constructor(
    private readonly rows: RecordRows,
    private readonly interner: Interner,
  ) {
    this.r = rows.rows;
    this.canon = new Array<string | undefined>(rows.strings.length);
  }

  text(id: number, values = Values.Few): string | undefined {
    return id < 0 ? undefined : (this.canon[id] ??= this.interner.intern(this.rows.strings[id]!, values));
  }

  /** The value of column `c` of the row at `o`, from the table of many values. */
  many(o: number, c: Column): string | undefined {
    return this.text(this.r[o + c]!, Values.Many);
  }

  /** Times are nearly all distinct across a log: only a run of equal ones (a burst in one second) shares one string. */
  time(o: number): string {
    const value = this.rows.strings[this.r[o + Column.EventTime]!]!;
    return value === this.lastTime ? this.lastTime : (this.lastTime = value);
  }

  /** Who acted: one object per distinct caller, which many records share. */
  principal(o: number): Principal {
    const columns = [Column.UserName, Column.RoleName, Column.Arn, Column.AccessKeyId, Column.AccountId];
    const key = columns.map((c) => this.r[o + c]!).join(',');
    let known = this.principals.get(key);
    if (!known) {
      const [userName, roleName, arn, accessKeyId, accountId] = columns.map((c) => this.many(o, c));
      this.principals.set(key, (known = this.interner.principal({ userName, roleName, arn, accessKeyId, accountId })));
    }
    return known;
  }

  /** What kind of call: one object per distinct kind, which many records share. */
  kind(o: number): CallKind {
    const r = this.r;
    const key = `${r[o + Column.Level]!},${KIND_COLUMNS.map((c) => r[o + c]!).join(',')}`;
    let known = this.kinds.get(key);
    if (!known) {
      const [eventName, eventSource, awsRegion, errorCode, recipientAccountId, targetType] = KIND_COLUMNS.map((c) => this.text(r[o + c]!));
      const level = LEVELS[r[o + Column.Level]!]!;
      const kind = { eventName: eventName!, eventSource: eventSource!, awsRegion, level, errorCode, recipientAccountId, targetType };
      this.kinds.set(key, (known = this.interner.kind(kind)));
    }
    return known;
  }

  /** A record that touched nothing has no list. */
  touched(o: number): readonly string[] | undefined {
    const at = this.r[o + Column.TouchedAt]!;
    const count = this.r[o + Column.TouchedCount]!;
    if (!(count > 0)) return undefined;
    const values = new Array<string>(count);
    for (let i = 0; i < count; i++) values[i] = this.text(this.rows.touched[at + i]!, Values.Touched)!;
    return values;
  }

  /** Most records carry no session facts: they share none. */
  session(o: number): SessionFacts | undefined {
    const columns = SESSION_FIELDS.map((_, i) => Column.IssuedKey + i);
    if (columns.every((c) => this.r[o + c]! < 0)) return undefined;
    const [issuedKey, issuedArn, eventID, caller, onBehalfOf, sourceIdentity] = columns.map((c) => this.many(o, c));
    return { issuedKey, issuedArn, eventID, caller, onBehalfOf, sourceIdentity };
  }
}

/** The columns of a record's kind of call that hold strings, in CallKind's order without its level. */
const KIND_COLUMNS = [Column.EventName, Column.EventSource, Column.Region, Column.ErrorCode, Column.RecipientAccountId, Column.TargetType];

/** The rows as records of file `file` of `table`, their strings interned; `keep` leaves rows out. */
export function rowRecords(
  rows: RecordRows,
  table: PlaceTable,
  file: number,
  interner: Interner,
  keep: (i: number) => boolean = () => true,
): DiskRecord[] {
  const values = new BatchValues(rows, interner);
  const records: DiskRecord[] = [];
  const count = rowCount(rows);
  for (let i = 0; i < count; i++) {
    if (!keep(i)) continue;
    const o = i * Column.Count;
    const summary = {
      kind: values.kind(o),
      eventTime: values.time(o),
      identity: values.many(o, Column.Identity)!,
      sourceIPAddress: values.many(o, Column.SourceIp)!,
      errorMessage: values.many(o, Column.ErrorMessage),
      principal: values.principal(o),
      bucketName: values.many(o, Column.BucketName),
      target: values.many(o, Column.Target),
      touched: values.touched(o),
      userAgent: values.many(o, Column.UserAgent),
      session: values.session(o),
    };
    records.push(new DiskRecord(summary, table, table.add(rows.rows, o + Column.Places, file)));
  }
  return records;
}
