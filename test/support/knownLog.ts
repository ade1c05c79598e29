/**
 * A small log whose events-view numbers are worked out by hand: every grouping's groups, keys, labels,
 * counts and failed counts. The records are chosen so that a wrong truncation or label would differ:
 * times at both ends of one hour and at the same hour on the next day, an error code with no message and
 * a message with no error code, records with no source IP and no valid time.
 */
import type { EventGroup, GroupBy } from '../../common/protocol';

const S3 = 's3.amazonaws.com';
const ACCOUNT = '111122223333';

const user = (name: string) => ({ type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/${name}`, accountId: ACCOUNT, userName: name });
const IDENTITIES = {
  alice: user('alice'),
  bob: user('bob'),
  carol: {
    type: 'AssumedRole',
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/carol`,
    accountId: ACCOUNT,
    sessionContext: { sessionIssuer: { type: 'Role', userName: 'Admin', accountId: ACCOUNT } },
  },
  root: { type: 'Root', arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT },
  s3Service: { type: 'AWSService', invokedBy: S3 },
  anonymous: { type: 'AWSAccount', principalId: '', accountId: 'anonymous' },
};

interface Row {
  readonly who: keyof typeof IDENTITIES;
  readonly source: string;
  readonly name: string;
  readonly time: string;
  readonly ip?: string;
  readonly request?: Record<string, unknown>;
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

const object = { bucketName: 'amzn-s3-demo-bucket', key: 'reports/q1.csv' };
const bucket = { bucketName: 'amzn-s3-demo-bucket' };

/** The log, one row a record. */
// prettier-ignore
const ROWS: readonly Row[] = [
  { who: 'alice', source: S3, name: 'GetObject', time: '2024-03-05T10:00:00Z', ip: '192.0.2.1', request: object, errorCode: 'AccessDenied', errorMessage: 'Access Denied' },
  { who: 'alice', source: S3, name: 'GetObject', time: '2024-03-05T10:59:59Z', ip: '192.0.2.1', request: object },
  { who: 'bob', source: S3, name: 'GetObject', time: '2024-03-05T11:00:00Z', ip: '192.0.2.2', request: object, errorCode: 'NoSuchKey' },
  { who: 'anonymous', source: S3, name: 'PutObject', time: '2024-03-05T11:00:01Z', ip: '203.0.113.9', request: object, errorCode: 'AccessDenied', errorMessage: 'Access Denied' },
  { who: 'alice', source: S3, name: 'GetBucketAcl', time: '2024-03-05T11:30:00Z', ip: '192.0.2.1', request: bucket, errorCode: 'AccessDenied', errorMessage: 'Access Denied' },
  { who: 'root', source: S3, name: 'GetPublicAccessBlock', time: '2024-03-06T10:15:00Z', ip: '192.0.2.2', request: { 'x-amz-account-id': ACCOUNT } },
  { who: 'carol', source: 'sts.amazonaws.com', name: 'AssumeRole', time: '2024-03-06T10:45:00Z', ip: '198.51.100.7' },
  { who: 'carol', source: 'sts.amazonaws.com', name: 'AssumeRole', time: '2024-03-06T10:46:00Z', ip: '198.51.100.7', errorCode: 'AccessDenied', errorMessage: 'not authorized' },
  { who: 's3Service', source: 'kms.amazonaws.com', name: 'Decrypt', time: '2024-03-06T23:59:59Z', ip: S3 },
  { who: 'bob', source: 'signin.amazonaws.com', name: 'ConsoleLogin', time: '2024-03-07T00:00:00Z', errorMessage: 'Failed authentication' },
  { who: 'bob', source: S3, name: 'GetObject', time: 'yesterday', ip: '192.0.2.2', request: object, errorCode: 'AccessDenied', errorMessage: 'Access Denied' },
];

export const KNOWN_RECORDS: readonly Record<string, unknown>[] = ROWS.map((row, i) => ({
  eventVersion: '1.09',
  userIdentity: IDENTITIES[row.who],
  eventTime: row.time,
  eventSource: row.source,
  eventName: row.name,
  awsRegion: 'us-east-1',
  ...(row.ip ? { sourceIPAddress: row.ip } : {}),
  ...(row.errorCode ? { errorCode: row.errorCode } : {}),
  ...(row.errorMessage ? { errorMessage: row.errorMessage } : {}),
  requestParameters: row.request ?? null,
  responseElements: null,
  eventID: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  eventType: 'AwsApiCall',
  recipientAccountId: ACCOUNT,
  eventCategory: 'Management',
}));

export const KNOWN_LOG = JSON.stringify({ Records: KNOWN_RECORDS }, null, 2);

/** [eventName, eventSource, records, failed] */
type Events = readonly (readonly [string, string, number, number])[];
/** [key, label, records, events] */
type Groups = readonly (readonly [string, string, number, Events])[];

const STS = 'sts.amazonaws.com';
const KMS = 'kms.amazonaws.com';
const SIGNIN = 'signin.amazonaws.com';
const ALICE = IDENTITIES.alice.arn;
const BOB = IDENTITIES.bob.arn;
const CAROL = IDENTITIES.carol.arn;
const ROOT = IDENTITIES.root.arn;

/** What the view shows for each grouping of the whole log, in its order. */
// prettier-ignore
const EXPECTED: Readonly<Record<GroupBy, Groups>> = {
  level: [
    ['account', 'Account-level', 1, [['GetPublicAccessBlock', S3, 1, 0]]],
    ['bucket', 'Bucket-level', 1, [['GetBucketAcl', S3, 1, 1]]],
    ['object', 'Object-level', 5, [['GetObject', S3, 4, 3], ['PutObject', S3, 1, 1]]],
    ['other', 'Other services', 4, [['AssumeRole', STS, 2, 1], ['ConsoleLogin', SIGNIN, 1, 0], ['Decrypt', KMS, 1, 0]]],
  ],
  identity: [
    ['alice', 'alice', 3, [['GetObject', S3, 2, 1], ['GetBucketAcl', S3, 1, 1]]],
    ['bob', 'bob', 3, [['GetObject', S3, 2, 2], ['ConsoleLogin', SIGNIN, 1, 0]]],
    ['Admin/carol', 'Admin/carol', 2, [['AssumeRole', STS, 2, 1]]],
    ['anonymous', 'anonymous', 1, [['PutObject', S3, 1, 1]]],
    ['root', 'root', 1, [['GetPublicAccessBlock', S3, 1, 0]]],
    [S3, S3, 1, [['Decrypt', KMS, 1, 0]]],
  ],
  sourceIPAddress: [
    ['192.0.2.1', '192.0.2.1', 3, [['GetObject', S3, 2, 1], ['GetBucketAcl', S3, 1, 1]]],
    ['192.0.2.2', '192.0.2.2', 3, [['GetObject', S3, 2, 2], ['GetPublicAccessBlock', S3, 1, 0]]],
    ['198.51.100.7', '198.51.100.7', 2, [['AssumeRole', STS, 2, 1]]],
    ['', '(no source IP)', 1, [['ConsoleLogin', SIGNIN, 1, 0]]],
    ['203.0.113.9', '203.0.113.9', 1, [['PutObject', S3, 1, 1]]],
    [S3, S3, 1, [['Decrypt', KMS, 1, 0]]],
  ],
  eventSource: [
    [S3, S3, 7, [['GetObject', S3, 4, 3], ['GetBucketAcl', S3, 1, 1], ['GetPublicAccessBlock', S3, 1, 0], ['PutObject', S3, 1, 1]]],
    [STS, STS, 2, [['AssumeRole', STS, 2, 1]]],
    [KMS, KMS, 1, [['Decrypt', KMS, 1, 0]]],
    [SIGNIN, SIGNIN, 1, [['ConsoleLogin', SIGNIN, 1, 0]]],
  ],
  errorCode: [
    ['', 'No error', 5, [['AssumeRole', STS, 1, 0], ['ConsoleLogin', SIGNIN, 1, 0], ['Decrypt', KMS, 1, 0], ['GetObject', S3, 1, 0], ['GetPublicAccessBlock', S3, 1, 0]]],
    ['AccessDenied', 'AccessDenied', 5, [['GetObject', S3, 2, 2], ['AssumeRole', STS, 1, 1], ['GetBucketAcl', S3, 1, 1], ['PutObject', S3, 1, 1]]],
    ['NoSuchKey', 'NoSuchKey', 1, [['GetObject', S3, 1, 1]]],
  ],
  hour: [
    ['', '(no valid eventTime)', 1, [['GetObject', S3, 1, 1]]],
    ['2024-03-05T10:00Z', '2024-03-05 10:00 UTC', 2, [['GetObject', S3, 2, 1]]],
    ['2024-03-05T11:00Z', '2024-03-05 11:00 UTC', 3, [['GetBucketAcl', S3, 1, 1], ['GetObject', S3, 1, 1], ['PutObject', S3, 1, 1]]],
    ['2024-03-06T10:00Z', '2024-03-06 10:00 UTC', 3, [['AssumeRole', STS, 2, 1], ['GetPublicAccessBlock', S3, 1, 0]]],
    ['2024-03-06T23:00Z', '2024-03-06 23:00 UTC', 1, [['Decrypt', KMS, 1, 0]]],
    ['2024-03-07T00:00Z', '2024-03-07 00:00 UTC', 1, [['ConsoleLogin', SIGNIN, 1, 0]]],
  ],
  // No issuing call in the log: each actor is the caller itself (carol's session was issued outside it).
  actor: [
    [ALICE, ALICE, 3, [['GetObject', S3, 2, 1], ['GetBucketAcl', S3, 1, 1]]],
    [BOB, BOB, 3, [['GetObject', S3, 2, 2], ['ConsoleLogin', SIGNIN, 1, 0]]],
    [CAROL, CAROL, 2, [['AssumeRole', STS, 2, 1]]],
    ['anonymous', 'anonymous', 1, [['PutObject', S3, 1, 1]]],
    [ROOT, ROOT, 1, [['GetPublicAccessBlock', S3, 1, 0]]],
    [S3, S3, 1, [['Decrypt', KMS, 1, 0]]],
  ],
};

/** The whole log filtered by "accessdenied", grouped by level. */
// prettier-ignore
const EXPECTED_ACCESS_DENIED: Groups = [
  ['bucket', 'Bucket-level', 1, [['GetBucketAcl', S3, 1, 1]]],
  ['object', 'Object-level', 3, [['GetObject', S3, 2, 2], ['PutObject', S3, 1, 1]]],
  ['other', 'Other services', 1, [['AssumeRole', STS, 1, 1]]],
];

function toGroups(groupBy: GroupBy, groups: Groups): EventGroup[] {
  return groups.map(([key, label, count, events]) => {
    const counts = events.map(([eventName, eventSource, n, errors]) => ({ eventName, eventSource, count: n, errors }));
    return {
      key,
      ...(groupBy === 'level' ? { level: key as EventGroup['level'] } : {}),
      label,
      count,
      events: counts,
      // No record carries a key and no chain is followed: each actor's one session is the caller itself.
      ...(groupBy === 'actor' ? { sessions: [{ key, principal: key, count, events: counts }] } : {}),
    };
  });
}

/** The groups the events view must show for the known log. */
export function expectedGroups(groupBy: GroupBy): EventGroup[] {
  return toGroups(groupBy, EXPECTED[groupBy]);
}

export const ACCESS_DENIED = { filter: 'accessdenied', shown: 5, groups: (): EventGroup[] => toGroups('level', EXPECTED_ACCESS_DENIED) };
