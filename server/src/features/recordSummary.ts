/**
 * Records summarised for the events view and the outline: what a responder scans for, one small
 * object per record, made once per document version, in the shape of the protocol's record item without its range.
 */
import type { RecordItem } from '../../../common/protocol';
import { dataTable } from '../../../common/dataTable';
import { classifyEvent, S3_EVENT_SOURCE } from '../cloudtrail/eventCatalogue';
import { targetOf } from '../cloudtrail/eventTargets';
import { timeFieldOf } from '../cloudtrail/recordTime';
import { recordValue } from '../detections/recordValue';
import { kindAt, type ParsedLog, type RecordInfo, stringAt } from '../parse/parsedLog';
import { type SessionFacts, sessionFacts } from './sessionFacts';
import { touchedValues } from './touchedValues';

/**
 * A record as the view lists it: the protocol's item, with offsets in place of the range, and the values it touched
 * (features/touchedValues.ts) for the filter's `resource:`, which stay on the server.
 */
export type RecordSummary = Omit<RecordItem, 'range'> & {
  readonly start: number;
  readonly end: number;
  readonly touched?: readonly string[] | undefined;
  readonly userAgent: string | undefined;
  /** What the record tells of session chains; undefined for most records. */
  readonly session: SessionFacts | undefined;
};

/** The last part of an ARN's resource: the user, or the role session. */
export function arnName(arn: string | undefined): string | undefined {
  return arn?.slice(arn.lastIndexOf('/') + 1) || undefined;
}

/** A top-level field as recordTime.ts reads it: undefined when absent, null when present but not a short string. */
const topField = (record: RecordInfo) => (field: string) =>
  kindAt(record, field) === undefined ? undefined : (stringAt(record, field) ?? null);

/** The field a record's time comes from: eventTime, or a shipper's `@timestamp` in its absence. */
export function timeFieldOfRecord(record: RecordInfo): string {
  return timeFieldOf(topField(record));
}

/** A record's time as text ('' when it has none): what the view, the timeline, the filter and the folder order read. */
export function timeOfRecord(record: RecordInfo): string {
  return stringAt(record, timeFieldOfRecord(record)) ?? '';
}

/** Who acted, by identity type (data): a few words a responder recognises. */
const IDENTITY_LABELS = dataTable<(record: RecordInfo) => string | undefined>({
  Root: () => 'root',
  IAMUser: (r) => stringAt(r, 'userIdentity.userName') ?? arnName(stringAt(r, 'userIdentity.arn')),
  AssumedRole: (r) => {
    const role = stringAt(r, 'userIdentity.sessionContext.sessionIssuer.userName');
    const session = arnName(stringAt(r, 'userIdentity.arn'));
    return role && session ? `${role}/${session}` : (role ?? session);
  },
  FederatedUser: (r) => arnName(stringAt(r, 'userIdentity.arn')),
  AWSService: (r) => stringAt(r, 'userIdentity.invokedBy'),
  AWSAccount: (r) => {
    const account = stringAt(r, 'userIdentity.accountId');
    return account === 'anonymous' ? 'anonymous' : account && `account ${account}`;
  },
});

export function identityOf(record: RecordInfo): string {
  const type = stringAt(record, 'userIdentity.type');
  const specific = type ? IDENTITY_LABELS.get(type)?.(record) : undefined;
  return (
    specific ??
    stringAt(record, 'userIdentity.userName') ??
    stringAt(record, 'userIdentity.invokedBy') ??
    arnName(stringAt(record, 'userIdentity.arn')) ??
    (stringAt(record, 'userIdentity.principalId') || undefined) ??
    type ??
    'unknown'
  );
}

/** Who acted, as the filter's `user:`, `key:` and `account:` and the pivots read it (userIdentity's fields). */
export interface Principal {
  readonly userName: string | undefined;
  readonly roleName: string | undefined;
  readonly arn: string | undefined;
  readonly accessKeyId: string | undefined;
  readonly accountId: string | undefined;
}

/** One record's summary; `text` is its log's text, where the parse did not keep the record's value. */
export function summarizeRecord(record: RecordInfo, text?: string): RecordSummary {
  return summarizeTouching(record, touchedValues(record.data ?? (text === undefined ? undefined : recordValue(record, text))));
}

/** One record's summary, with the values it touched (touchedValues.ts) worked out by the caller: a record read from its tape. */
export function summarizeTouching(record: RecordInfo, touched: readonly string[] | undefined): RecordSummary {
  const eventName = stringAt(record, 'eventName') ?? '(no eventName)';
  const eventSource = stringAt(record, 'eventSource') ?? '(no eventSource)';
  // Only an S3 event's level depends on its bucket and key.
  const request =
    eventSource === S3_EVENT_SOURCE
      ? { bucketName: stringAt(record, 'requestParameters.bucketName'), key: stringAt(record, 'requestParameters.key') }
      : {};
  const { level } = classifyEvent(eventName, eventSource, request);
  const errorCode = stringAt(record, 'errorCode') || undefined;
  const acted = targetOf(eventSource, eventName, (field) => stringAt(record, `requestParameters.${field}`));
  // Every summary has the same properties, some undefined: one object shape for tens of thousands.
  return {
    index: record.index,
    eventName,
    eventSource,
    eventTime: timeOfRecord(record),
    identity: identityOf(record),
    sourceIPAddress: stringAt(record, 'sourceIPAddress') ?? '',
    errorCode,
    errorMessage: stringAt(record, 'errorMessage') || undefined,
    awsRegion: stringAt(record, 'awsRegion') || undefined,
    level,
    userName: stringAt(record, 'userIdentity.userName') || undefined,
    roleName: stringAt(record, 'userIdentity.sessionContext.sessionIssuer.userName') || undefined,
    arn: stringAt(record, 'userIdentity.arn') || undefined,
    accessKeyId: stringAt(record, 'userIdentity.accessKeyId') || undefined,
    accountId: stringAt(record, 'userIdentity.accountId') || undefined,
    recipientAccountId: stringAt(record, 'recipientAccountId') || undefined,
    bucketName: stringAt(record, 'requestParameters.bucketName') || undefined,
    targetType: acted?.targetType,
    target: acted?.target,
    touched,
    userAgent: stringAt(record, 'userAgent') || undefined,
    session: sessionFacts(record, eventSource, eventName, errorCode !== undefined),
    start: record.start,
    end: record.end,
  };
}

/** Every record's summary, in record order; without `text`, a record the parse kept no value of (the tolerant parser's) has no touched values for `resource:`. */
export function summarize(parsed: ParsedLog, text?: string): RecordSummary[] {
  return parsed.records.map((record) => summarizeRecord(record, text));
}
