/**
 * CloudTrail checks on a parsed log: what is broken, not what is unusual.
 * Real logs repeat eventIDs, omit userIdentity.type on some service calls, mark oversized fields
 * and carry fields added by shippers; none of that is a warning here.
 */
import type { FieldValue, ParsedLog, RecordInfo, ValueKind } from './parser';
import { PROBLEM_CODES, type Problem, type ProblemCode, type Severity } from './problems';
import { EVENT_CATEGORIES, EVENT_TYPES, RECORD_FIELDS, USER_IDENTITY_TYPES } from './recordSchema';

export interface ValidationOptions {
  /** The most problems returned; errors are kept before warnings. */
  readonly maxProblems: number;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const EVENT_VERSION = /^1\.\d{1,2}$/;

const eventTypes: ReadonlySet<string> = new Set(EVENT_TYPES);
const eventCategories: ReadonlySet<string> = new Set(EVENT_CATEGORIES);
const identityTypes: ReadonlySet<string> = new Set(USER_IDENTITY_TYPES);

/** Account-ID fields, and the non-numeric values CloudTrail itself writes there. */
const ACCOUNT_FIELDS: readonly { path: string; also?: readonly string[] }[] = [
  // Anonymous S3 requests are logged with accountId "anonymous".
  { path: 'userIdentity.accountId', also: ['anonymous'] },
  { path: 'userIdentity.sessionContext.sessionIssuer.accountId' },
  { path: 'recipientAccountId' },
  { path: 'vpcEndpointAccountId' },
];

/** Fields whose value may not be the empty string. */
const NON_EMPTY_FIELDS: readonly string[] = ['sourceIPAddress', 'requestParameters.bucketName'];

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

function versionNumber(version: string): number {
  return EVENT_VERSION.test(version) ? Number(version) : NaN;
}

function isValidTimestamp(value: string): boolean {
  const m = TIMESTAMP.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

class RecordChecker {
  readonly problems: Problem[] = [];
  private readonly seenEventIds = new Map<string, number>();

  check(record: RecordInfo): void {
    const fields = record.fields;
    const anchor = fields.get('eventName') ?? { start: record.start, end: record.start + 1 };
    const versionField = fields.get('eventVersion');
    const version = typeof versionField?.value === 'string' ? versionNumber(versionField.value) : NaN;
    const eventType = fields.get('eventType')?.value;

    for (const spec of RECORD_FIELDS) {
      const field = fields.get(spec.name);
      if (!field) {
        // A cut-off record is already an error; its missing tail is not news.
        const exempt = typeof eventType === 'string' && spec.notForEventTypes?.includes(eventType);
        if (spec.required && !exempt && record.closed && (Number(spec.since) <= 1 || version >= Number(spec.since))) {
          this.add('missing-field', `Record is missing "${spec.name}"${Number(spec.since) > 1 ? ` (written since eventVersion ${spec.since})` : ''}`, anchor.start, anchor.end);
        }
      } else if (field.kind !== 'invalid' && !(spec.types as readonly ValueKind[]).includes(field.kind)) {
        this.add('wrong-type', `"${spec.name}" should be ${describeKinds(spec.types)}, not ${article(field.kind)}`, field.start, field.end);
      }
    }

    this.checkString(fields.get('eventTime'), (v) => isValidTimestamp(v), 'invalid-timestamp', (v) => `eventTime ${quote(v)} is not an ISO-8601 UTC timestamp such as 2019-02-01T03:18:19Z`);
    this.checkString(fields.get('eventID'), (v) => UUID.test(v), 'invalid-event-id', (v) => `eventID ${quote(v)} is not a UUID`);
    this.checkString(fields.get('awsRegion'), (v) => REGION.test(v), 'invalid-region', (v) => `awsRegion ${quote(v)} is not a region code such as us-west-2`);
    this.checkString(versionField, (v) => EVENT_VERSION.test(v), 'invalid-event-version', (v) => `eventVersion ${quote(v)} is not of the form 1.NN`);
    this.checkString(fields.get('eventType'), (v) => eventTypes.has(v), 'unknown-event-type', (v) => `eventType ${quote(v)} is not one CloudTrail writes (${EVENT_TYPES.join(', ')})`);
    this.checkString(fields.get('eventCategory'), (v) => eventCategories.has(v), 'unknown-event-category', (v) => `eventCategory ${quote(v)} is not one CloudTrail writes (${EVENT_CATEGORIES.join(', ')})`);
    this.checkString(fields.get('userIdentity.type'), (v) => identityTypes.has(v), 'unknown-identity-type', (v) => `userIdentity.type ${quote(v)} is not one CloudTrail writes`);
    for (const { path, also } of ACCOUNT_FIELDS) {
      this.checkString(fields.get(path), (v) => ACCOUNT_ID.test(v) || (also?.includes(v) ?? false), 'invalid-account-id', (v) => `${path} ${quote(v)} is not a 12-digit account ID`);
    }
    for (const path of NON_EMPTY_FIELDS) {
      this.checkString(fields.get(path), (v) => v !== '', 'empty-value', () => `${path} is empty`);
    }

    const eventId = fields.get('eventID');
    if (typeof eventId?.value === 'string' && eventId.value !== '') {
      const first = this.seenEventIds.get(eventId.value);
      if (first === undefined) {
        this.seenEventIds.set(eventId.value, record.index);
      } else {
        this.add('repeated-event-id', `eventID also used by record ${first + 1}: CloudTrail sometimes delivers an event twice`, eventId.start, eventId.end);
      }
    }
  }

  add(code: ProblemCode, message: string, start: number, end: number): void {
    this.problems.push({ code, message, start, end });
  }

  private checkString(field: FieldValue | undefined, ok: (value: string) => boolean, code: ProblemCode, message: (value: string) => string): void {
    if (field && typeof field.value === 'string' && !ok(field.value)) this.add(code, message(field.value), field.start, field.end);
  }
}

function article(kind: ValueKind): string {
  return kind === 'null' ? 'null' : `${kind === 'array' || kind === 'object' ? 'an' : 'a'} ${kind}`;
}

function describeKinds(kinds: readonly ValueKind[]): string {
  return kinds.map(article).join(' or ');
}

/** Every problem in a parsed log, errors first, at most `maxProblems` (plus one note when cut). */
export function validateLog(parsed: ParsedLog, options: ValidationOptions): Problem[] {
  const checker = new RecordChecker();
  if (parsed.shape === 'empty') {
    checker.add('empty-file', 'The file is empty: no CloudTrail records', 0, 0);
  } else if (!parsed.notJson) {
    checkShape(parsed, checker);
  }
  const all = [...parsed.syntax, ...checker.problems];
  all.sort((a, b) => SEVERITY_RANK[PROBLEM_CODES[a.code].severity] - SEVERITY_RANK[PROBLEM_CODES[b.code].severity] || a.start - b.start);
  const max = Math.max(1, Math.floor(options.maxProblems));
  if (all.length <= max) return all;
  const kept = all.slice(0, max);
  kept.push({ code: 'too-many-problems', message: `${all.length - max} more problems are not shown (cloudtrail.maxProblems is ${max})`, start: 0, end: 0 });
  return kept;
}

function checkShape(parsed: ParsedLog, checker: RecordChecker): void {
  const looksLikeLog = parsed.shape === 'records' || parsed.shape === 'record' || (parsed.shape === 'array' && parsed.records.some(isRecordLike));
  if (!looksLikeLog) {
    checker.add('not-cloudtrail', 'This JSON is not a CloudTrail log: it has no top-level "Records" array of events', 0, Math.min(1, parsed.length));
    return;
  }
  const recordsValue = parsed.recordsValue;
  if (recordsValue && recordsValue.kind !== 'array') {
    checker.add('records-not-array', `"Records" should be an array of events, not ${article(recordsValue.kind)}`, recordsValue.start, recordsValue.end);
  }
  for (const span of parsed.nonObjectRecords) {
    checker.add('record-not-object', 'Each element of "Records" should be an event object', span.start, span.end);
  }
  for (const record of parsed.records) checker.check(record);
  for (const dup of parsed.duplicateKeys) {
    checker.add('duplicate-key', `Duplicate property ${quote(dup.key)}: this object already has one, and readers keep only one of them`, dup.start, dup.end);
  }
}

function isRecordLike(record: RecordInfo): boolean {
  return record.fields.has('eventName') || record.fields.has('eventSource');
}
