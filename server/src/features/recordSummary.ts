/**
 * Records summarised for the events view and the outline: what a responder scans for, one small
 * object per record, made once per document version, in the shape of the protocol's record item without its range.
 */
import type { RecordItem } from '../../../common/protocol';
import { dataTable } from '../../../common/dataTable';
import { classifyEvent, S3_EVENT_SOURCE } from '../cloudtrail/eventCatalogue';
import { targetOf } from '../cloudtrail/eventTargets';
import { type ParsedLog, type RecordInfo, stringAt } from '../parse/parsedLog';
import { type SessionFacts, sessionFacts } from './sessionFacts';

/** A record as the view lists it: the protocol's item, with offsets in place of the range. */
export type RecordSummary = Omit<RecordItem, 'range'> & {
  readonly start: number;
  readonly end: number;
  readonly userAgent: string | undefined;
  /** What the record tells of session chains; undefined for most records. */
  readonly session: SessionFacts | undefined;
};

/** The last part of an ARN's resource: the user, or the role session. */
export function arnName(arn: string | undefined): string | undefined {
  return arn?.slice(arn.lastIndexOf('/') + 1) || undefined;
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

/** One record's summary. */
export function summarizeRecord(record: RecordInfo): RecordSummary {
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
    eventTime: stringAt(record, 'eventTime') ?? '',
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
    userAgent: stringAt(record, 'userAgent') || undefined,
    session: sessionFacts(record, eventSource, eventName, errorCode !== undefined),
    start: record.start,
    end: record.end,
  };
}

/** Every record's summary, in record order. */
export function summarize(parsed: ParsedLog): RecordSummary[] {
  return parsed.records.map(summarizeRecord);
}
