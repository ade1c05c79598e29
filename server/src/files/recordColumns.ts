/**
 * Records read from disk as they cross from a reading thread to the main one: a table of the batch's
 * distinct strings and one row of numbers per record, so a batch of a thousand records is two values to
 * copy, not a thousand objects. The main thread turns rows into DiskRecords, each string interned: the
 * same event name, source, region or identity is one string however many records carry it.
 */
import type { EventLevel } from '../../../common/eventLevel';
import type { Principal, RecordSummary } from '../features/recordSummary';
import type { SessionFacts } from '../features/sessionFacts';
import { DiskRecord, Place, type PlaceTable } from './diskRecord';
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

/** The columns of who acted, in Principal's order. */
const PRINCIPAL_COLUMNS = [Column.UserName, Column.RoleName, Column.Arn, Column.AccessKeyId, Column.AccountId] as const;

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

/** The rows as records of file `file` of `table`, their strings interned; `keep` leaves rows out. */
export function rowRecords(
  rows: RecordRows,
  table: PlaceTable,
  file: number,
  interner: Interner,
  keep: (i: number) => boolean = () => true,
): DiskRecord[] {
  const r = rows.rows;
  const canon: (string | undefined)[] = new Array<string | undefined>(rows.strings.length);
  const text = (id: number, many = false): string | undefined =>
    id < 0 ? undefined : (canon[id] ??= interner.intern(rows.strings[id]!, many));
  // Times are nearly all distinct across a log: only a run of equal ones (a burst in one second) shares one string.
  let lastTime = '';
  const time = (id: number): string => {
    const value = rows.strings[id]!;
    return value === lastTime ? lastTime : (lastTime = value);
  };
  // Who acted is one object per distinct identity in the batch: many records share it. Found by its ARN's number,
  // then the other four: no key string is made for each record.
  const principals = new Map<number, { readonly ids: readonly number[]; readonly principal: Principal }[]>();
  const sameIds = (ids: readonly number[], o: number): boolean => {
    for (let k = 0; k < PRINCIPAL_COLUMNS.length; k++) if (ids[k] !== r[o + PRINCIPAL_COLUMNS[k]!]) return false;
    return true;
  };
  const principal = (o: number): Principal => {
    const byArn = principals.get(r[o + Column.Arn]!) ?? [];
    for (const known of byArn) if (sameIds(known.ids, o)) return known.principal;
    const ids = PRINCIPAL_COLUMNS.map((c) => r[o + c]!);
    const [userName, roleName, arn, accessKeyId, accountId] = ids.map((id) => text(id, true));
    const made = { userName, roleName, arn, accessKeyId, accountId };
    if (byArn.length === 0) principals.set(r[o + Column.Arn]!, byArn);
    byArn.push({ ids, principal: made });
    return made;
  };
  // A record that touched nothing shares one empty value.
  const touched = (o: number): readonly string[] | undefined => {
    const at = r[o + Column.TouchedAt]!;
    const count = r[o + Column.TouchedCount]!;
    if (!(count > 0)) return undefined;
    const values = new Array<string>(count);
    for (let i = 0; i < count; i++) values[i] = text(rows.touched[at + i]!, true)!;
    return values;
  };
  // Most records carry no session facts: they share none.
  const session = (o: number): SessionFacts | undefined => {
    let any = false;
    for (let i = 0; i < SESSION_FIELDS.length && !any; i++) any = r[o + Column.IssuedKey + i]! >= 0;
    if (!any) return undefined;
    const ids = SESSION_FIELDS.map((_, i) => r[o + Column.IssuedKey + i]!);
    const [issuedKey, issuedArn, eventID, caller, onBehalfOf, sourceIdentity] = ids.map((id) => text(id, true));
    return { issuedKey, issuedArn, eventID, caller, onBehalfOf, sourceIdentity };
  };
  const records: DiskRecord[] = [];
  const count = rowCount(rows);
  for (let i = 0; i < count; i++) {
    if (!keep(i)) continue;
    const o = i * Column.Count;
    const summary = {
      eventName: text(r[o + Column.EventName]!)!,
      eventSource: text(r[o + Column.EventSource]!)!,
      eventTime: time(r[o + Column.EventTime]!),
      identity: text(r[o + Column.Identity]!, true)!,
      sourceIPAddress: text(r[o + Column.SourceIp]!, true)!,
      errorCode: text(r[o + Column.ErrorCode]!),
      errorMessage: text(r[o + Column.ErrorMessage]!, true),
      awsRegion: text(r[o + Column.Region]!),
      level: LEVELS[r[o + Column.Level]!]!,
      principal: principal(o),
      recipientAccountId: text(r[o + Column.RecipientAccountId]!),
      bucketName: text(r[o + Column.BucketName]!, true),
      targetType: text(r[o + Column.TargetType]!),
      target: text(r[o + Column.Target]!, true),
      touched: touched(o),
      userAgent: text(r[o + Column.UserAgent]!, true),
      session: session(o),
    };
    records.push(new DiskRecord(summary, table, table.add(r, o + Column.Places, file)));
  }
  return records;
}
