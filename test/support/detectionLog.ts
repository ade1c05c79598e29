/**
 * A hand-written log with the findings a rule set would make on it, for the events view's Detections group:
 * single-record rules (one flagging a record another also flags) and a correlation rule with two windows.
 * The rules and findings are written here, not evaluated: the tests are of the group, not of Sigma.
 */
import type { Finding, RuleInfo } from '../../server/src/detections/ruleSet';

type Who = { type: 'Root' } | { type: 'IAMUser'; userName: string };

const root: Who = { type: 'Root' };
const user = (userName: string): Who => ({ type: 'IAMUser', userName });

/** Each record: event name, source, who, error code, request parameters. Index = position in the log. */
// prettier-ignore
const RECORDS: [eventName: string, eventSource: string, who: Who, errorCode?: string, request?: Record<string, string>][] = [
  ['ConsoleLogin', 'signin.amazonaws.com', root], // 0
  ['GetObject', 's3.amazonaws.com', user('alice')], // 1
  ['ListBuckets', 's3.amazonaws.com', user('alice'), 'AccessDenied'], // 2
  ['StopLogging', 'cloudtrail.amazonaws.com', user('bob'), undefined, { name: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/management-events' }], // 3
  ['ListBuckets', 's3.amazonaws.com', user('mallory'), 'AccessDenied'], // 4
  ['ListUsers', 'iam.amazonaws.com', user('mallory'), 'AccessDenied'], // 5
  ['GetObject', 's3.amazonaws.com', user('alice')], // 6
  ['DescribeInstances', 'ec2.amazonaws.com', user('mallory'), 'AccessDenied'], // 7
  ['CreateAccessKey', 'iam.amazonaws.com', root, undefined, { userName: 'deploy' }], // 8
];

export const timeOf = (index: number) => `2024-03-05T10:${String(index).padStart(2, '0')}:00Z`;

export const DETECTION_LOG = JSON.stringify(
  {
    Records: RECORDS.map(([eventName, eventSource, userIdentity, errorCode, requestParameters], i) => ({
      eventVersion: '1.08',
      userIdentity: { ...userIdentity, accountId: '111122223333' },
      eventTime: timeOf(i),
      eventSource,
      eventName,
      awsRegion: 'us-east-1',
      sourceIPAddress: '198.51.100.7',
      ...(errorCode ? { errorCode, errorMessage: 'Access Denied' } : {}),
      ...(requestParameters ? { requestParameters } : {}),
    })),
  },
  null,
  2,
);

const rule = (key: string, title: string, level: RuleInfo['level'], correlation?: RuleInfo['correlation']): RuleInfo => ({
  key,
  id: key,
  title,
  level,
  tags: [],
  falsepositives: [],
  references: [],
  file: 'pack/rules.yml',
  ...(correlation ? { correlation } : {}),
});

export const DETECTION_RULES: readonly RuleInfo[] = [
  rule('root-use', 'Root account used', 'high'),
  rule('stop-logging', 'CloudTrail logging stopped', 'critical'),
  rule('denied-burst', 'AccessDenied burst from one identity', 'medium', {
    type: 'event_count',
    timespanMs: 15 * 60_000,
    groupBy: ['userIdentity.userName'],
  }),
  rule('never', 'Never fires', 'low'),
  rule('console-login', 'Console login', 'informational'),
];

const ms = (index: number) => Date.parse(timeOf(index));
const window = (userName: string, records: number[]): Finding<number> => ({
  rule: 2,
  records,
  window: { group: [{ field: 'userIdentity.userName', value: userName }], start: ms(records[0]!), end: ms(records.at(-1)!) },
});

/** Root use on 0 and 8, logging stopped on 3, two AccessDenied windows (alice's first), a console login on 0. */
export const DETECTION_FINDINGS: readonly Finding<number>[] = [
  { rule: 0, records: [0] },
  { rule: 4, records: [0] },
  window('alice', [2]),
  { rule: 1, records: [3] },
  window('mallory', [4, 5, 7]),
  { rule: 0, records: [8] },
];
