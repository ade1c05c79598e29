/**
 * CloudTrail checks on a parsed log: what is broken, not what is unusual.
 * Real logs repeat eventIDs, omit userIdentity.type on some service calls, mark oversized fields
 * and carry fields added by shippers; none of that is a warning here.
 */
import { kindAt, type ParsedLog, type RecordInfo, type Span, stringAt, type ValueKind } from '../parse/parsedLog';
import { PROBLEM_CODES, type Problem, type ProblemCode, type Severity } from '../cloudtrail/problems';
import { EVENT_CATEGORIES, EVENT_TYPES, RECORD_FIELDS, USER_IDENTITY_TYPES } from '../cloudtrail/recordSchema';
import { S3_EVENT_SOURCE } from '../cloudtrail/eventCatalogue';
import { nearestS3Event } from '../cloudtrail/eventNames';
import { EVENT_TIME, SHIPPER_TIME } from '../cloudtrail/recordTime';
import { timeFieldOfRecord } from './recordSummary';

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const EVENT_VERSION = /^1\.\d{1,2}$/;

const eventTypes: ReadonlySet<string> = new Set(EVENT_TYPES);
/** Each field's introducing version as a number, once. */
const SINCE: ReadonlyMap<string, number> = new Map(RECORD_FIELDS.map((f) => [f.name, Number(f.since)]));
const eventCategories: ReadonlySet<string> = new Set(EVENT_CATEGORIES);
const identityTypes: ReadonlySet<string> = new Set(USER_IDENTITY_TYPES);

interface ValueCheck {
  /** Dotted path of a string field in the record index. */
  readonly path: string;
  readonly code: ProblemCode;
  readonly ok: (value: string) => boolean;
  readonly message: (value: string) => string;
}

const isAccountId = (v: string): boolean => ACCOUNT_ID.test(v);
const accountMessage = (path: string) => (v: string) => `${path} ${quote(v)} is not a 12-digit account ID`;
const nonEmpty = (v: string): boolean => v !== '';

/** The checks on string values, as data: each runs only when the field is present and a string. */
const VALUE_CHECKS: readonly ValueCheck[] = [
  {
    path: 'eventTime',
    code: 'invalid-timestamp',
    ok: isValidTimestamp,
    message: (v) => `eventTime ${quote(v)} is not an ISO-8601 UTC timestamp such as 2019-02-01T03:18:19Z`,
  },
  { path: 'eventID', code: 'invalid-event-id', ok: (v) => UUID.test(v), message: (v) => `eventID ${quote(v)} is not a UUID` },
  {
    path: 'awsRegion',
    code: 'invalid-region',
    ok: (v) => REGION.test(v),
    message: (v) => `awsRegion ${quote(v)} is not a region code such as us-west-2`,
  },
  {
    path: 'eventVersion',
    code: 'invalid-event-version',
    ok: (v) => EVENT_VERSION.test(v),
    message: (v) => `eventVersion ${quote(v)} is not of the form 1.NN`,
  },
  {
    path: 'eventType',
    code: 'unknown-event-type',
    ok: (v) => eventTypes.has(v),
    message: (v) => `eventType ${quote(v)} is not one CloudTrail writes (${EVENT_TYPES.join(', ')})`,
  },
  {
    path: 'eventCategory',
    code: 'unknown-event-category',
    ok: (v) => eventCategories.has(v),
    message: (v) => `eventCategory ${quote(v)} is not one CloudTrail writes (${EVENT_CATEGORIES.join(', ')})`,
  },
  {
    path: 'userIdentity.type',
    code: 'unknown-identity-type',
    ok: (v) => identityTypes.has(v),
    message: (v) => `userIdentity.type ${quote(v)} is not one CloudTrail writes`,
  },
  // Anonymous S3 requests are logged with accountId "anonymous".
  {
    path: 'userIdentity.accountId',
    code: 'invalid-account-id',
    ok: (v) => isAccountId(v) || v === 'anonymous',
    message: accountMessage('userIdentity.accountId'),
  },
  {
    path: 'userIdentity.sessionContext.sessionIssuer.accountId',
    code: 'invalid-account-id',
    ok: isAccountId,
    message: accountMessage('userIdentity.sessionContext.sessionIssuer.accountId'),
  },
  { path: 'recipientAccountId', code: 'invalid-account-id', ok: isAccountId, message: accountMessage('recipientAccountId') },
  { path: 'vpcEndpointAccountId', code: 'invalid-account-id', ok: isAccountId, message: accountMessage('vpcEndpointAccountId') },
  { path: 'sourceIPAddress', code: 'empty-value', ok: nonEmpty, message: () => 'sourceIPAddress is empty' },
  { path: 'requestParameters.bucketName', code: 'empty-value', ok: nonEmpty, message: () => 'requestParameters.bucketName is empty' },
];

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

function versionNumber(version: string): number {
  return EVENT_VERSION.test(version) ? Number(version) : NaN;
}

function isValidTimestamp(value: string): boolean {
  if (!TIMESTAMP.test(value)) return false;
  const at = (i: number, n: number) => Number(value.slice(i, i + n));
  const [year, month, day] = [at(0, 4), at(5, 2), at(8, 2)];
  if (month < 1 || month > 12 || day < 1 || at(11, 2) > 23 || at(14, 2) > 59 || at(17, 2) > 60) return false;
  // Every month has 28 days; past that, ask the calendar.
  return day <= 28 || day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

/** The problems of one record on its own (a repeated eventID is a matter of the whole file). */
export function checkRecord(record: RecordInfo): Problem[] {
  const problems: Problem[] = [];
  // Values are read without offsets; a range is looked up only for a problem found.
  const rangeOf = (path: string) => record.fields.get(path) ?? { start: record.start, end: record.start + 1 };
  const add = (code: ProblemCode, message: string, path: string) => {
    const { start, end } = rangeOf(path);
    problems.push({ code, message, start, end });
  };
  const versionValue = stringAt(record, 'eventVersion');
  const version = versionValue !== undefined ? versionNumber(versionValue) : NaN;
  const eventType = stringAt(record, 'eventType');

  for (const spec of RECORD_FIELDS) {
    const kind = kindAt(record, spec.name);
    if (kind === undefined) {
      // A cut-off record is already an error; its missing tail is not news.
      if (!spec.required || !record.closed || (eventType !== undefined && spec.notForEventTypes?.includes(eventType))) continue;
      // A shipper's @timestamp stands in for an absent eventTime, and the hover says so.
      if (spec.name === EVENT_TIME && timeFieldOfRecord(record) === SHIPPER_TIME) continue;
      const since = SINCE.get(spec.name)!;
      if (since <= 1 || version >= since) {
        add(
          'missing-field',
          `Record is missing "${spec.name}"${since > 1 ? ` (written since eventVersion ${spec.since})` : ''}`,
          'eventName',
        );
      }
    } else if (kind !== 'invalid' && !(spec.types as readonly ValueKind[]).includes(kind)) {
      add('wrong-type', `"${spec.name}" should be ${describeKinds(spec.types)}, not ${article(kind)}`, spec.name);
    }
  }

  for (const check of VALUE_CHECKS) {
    const value = stringAt(record, check.path);
    if (value !== undefined && !check.ok(value)) add(check.code, check.message(value), check.path);
  }

  // A misspelt S3 event name (a hand-edited log) is worth a warning; an unknown, distant one is just new.
  const nameValue = stringAt(record, 'eventName');
  if (nameValue !== undefined && stringAt(record, 'eventSource') === S3_EVENT_SOURCE) {
    const nearest = nearestS3Event(nameValue);
    if (nearest) {
      const name = rangeOf('eventName');
      problems.push({
        code: 'unknown-s3-event',
        message: `${quote(nameValue)} is not an S3 event name; did you mean ${nearest}?`,
        start: name.start,
        end: name.end,
        suggestion: { title: `Change to ${nearest}`, edits: [{ start: name.start, end: name.end, text: JSON.stringify(nearest) }] },
      });
    }
  }
  return problems;
}

/** Every eventID seen before in the file: a hint, since CloudTrail can deliver an event twice. */
function repeatedEventIds(records: readonly RecordInfo[]): Problem[] {
  const seen = new Map<string, number>();
  const problems: Problem[] = [];
  for (const record of records) {
    const eventId = stringAt(record, 'eventID');
    if (eventId === undefined || eventId === '') continue;
    const first = seen.get(eventId);
    if (first === undefined) {
      seen.set(eventId, record.index);
    } else {
      const { start, end } = record.fields.get('eventID')!;
      problems.push({ code: 'repeated-event-id', message: repeatedEventIdMessage(first), start, end });
    }
  }
  return problems;
}

/** The hint on an eventID that record `first` (from 0) used before. */
export function repeatedEventIdMessage(first: number): string {
  return `eventID also used by record ${first + 1}: CloudTrail sometimes delivers an event twice`;
}

function article(kind: ValueKind): string {
  return kind === 'null' ? 'null' : `${kind === 'array' || kind === 'object' ? 'an' : 'a'} ${kind}`;
}

function describeKinds(kinds: readonly ValueKind[]): string {
  return kinds.map(article).join(' or ');
}

/**
 * Every problem in a parsed log, errors first, then by position. `perRecord` may hold the problems of
 * each record already checked (after an edit, all but the edited one are), in record order.
 */
export function collectProblems(parsed: ParsedLog, perRecord?: readonly (readonly Problem[])[]): Problem[] {
  const all: Problem[] = [...parsed.syntax];
  if (parsed.shape === 'empty') {
    all.push({ code: 'empty-file', message: 'The file is empty: no CloudTrail records', start: 0, end: 0 });
  } else if (!parsed.notJson) {
    checkShape(parsed, all, perRecord ?? parsed.records.map(checkRecord));
  }
  all.sort((a, b) => SEVERITY_RANK[PROBLEM_CODES[a.code].severity] - SEVERITY_RANK[PROBLEM_CODES[b.code].severity] || a.start - b.start);
  return all;
}

/** The first `maxProblems` of a sorted list, and a note of how many were left out. */
export function limitProblems(all: readonly Problem[], maxProblems: number): Problem[] {
  const max = Math.max(1, Math.floor(maxProblems));
  if (all.length <= max) return [...all];
  const kept = all.slice(0, max);
  kept.push({
    code: 'too-many-problems',
    message: tooManyProblemsMessage(all.length - max, max),
    start: 0,
    end: 0,
  });
  return kept;
}

/** The note on a JSON file that holds no CloudTrail log, `length` characters long. */
export function notCloudTrailProblem(length: number): Problem {
  return {
    code: 'not-cloudtrail',
    message: 'This JSON is not a CloudTrail log: it has no top-level "Records" array of events',
    start: 0,
    end: Math.min(1, length),
  };
}

export function tooManyProblemsMessage(hidden: number, max: number): string {
  return `${hidden} more problems are not shown (cloudtrail.maxProblems is ${max})`;
}

function checkShape(parsed: ParsedLog, all: Problem[], perRecord: readonly (readonly Problem[])[]): void {
  if (parsed.shape === 'digest') return;
  const looksLikeLog =
    parsed.shape === 'records' ||
    parsed.shape === 'record' ||
    parsed.shape === 'lines' ||
    parsed.shape === 'embedded' ||
    (parsed.shape === 'array' && parsed.records.some(isRecordLike));
  if (!looksLikeLog) {
    all.push(notCloudTrailProblem(parsed.length));
    return;
  }
  const recordsValue = parsed.recordsValue;
  if (recordsValue && recordsValue.kind !== 'array') {
    all.push({
      code: 'records-not-array',
      message: `"Records" should be an array of events, not ${article(recordsValue.kind)}`,
      start: recordsValue.start,
      end: recordsValue.end,
    });
  }
  for (const span of parsed.nonObjectRecords) all.push(recordNotObjectProblem(span));
  for (const problems of perRecord) all.push(...problems);
  all.push(...repeatedEventIds(parsed.records));
  for (const dup of parsed.duplicateKeys) all.push(duplicateKeyProblem(dup));
}

export function recordNotObjectProblem(span: Span): Problem {
  return { code: 'record-not-object', message: 'Each element of "Records" should be an event object', start: span.start, end: span.end };
}

export function duplicateKeyProblem(dup: Span & { readonly key: string }): Problem {
  return {
    code: 'duplicate-key',
    message: `Duplicate property ${quote(dup.key)}: this object already has one, and readers keep only one of them`,
    start: dup.start,
    end: dup.end,
  };
}

/** A record with an eventName or eventSource: a bare array of records is a log when one has. */
export function isRecordLike(record: RecordInfo): boolean {
  return kindAt(record, 'eventName') !== undefined || kindAt(record, 'eventSource') !== undefined;
}
