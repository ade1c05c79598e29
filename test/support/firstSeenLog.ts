/**
 * A hand-worked log for what is new (cloudtrail/firstSeen), from 10:00 to 10:59: alice works from 192.0.2.10, then
 * assumes Hop1 at 10:50 and, through it, calls from a new IP and region and creates an access key; bob appears at 10:56.
 * Since 10:50, what is new is worked out by hand in firstSeen.test.ts.
 */
import { cleanRecord } from './cleanRecord';
import { ACCOUNT, eventId, issueOf, key, roleSession, time } from './sessionLog';

const alice = cleanRecord().userIdentity as Record<string, unknown>;
const bob = { ...alice, arn: `arn:aws:iam::${ACCOUNT}:user/bob`, userName: 'bob', accessKeyId: 'AKIAI44QH8DHBEXAMPLE' };
const hop1 = {
  type: 'AssumedRole',
  principalId: 'AROAEXAMPLE:s1',
  arn: roleSession('Hop1', 's1'),
  accountId: ACCOUNT,
  accessKeyId: key(1),
  sessionContext: { sessionIssuer: { type: 'Role', userName: 'Hop1', accountId: ACCOUNT } },
};

const call = (minute: number, userIdentity: unknown, fields: Record<string, unknown> = {}) =>
  cleanRecord({ userIdentity, eventTime: time(minute), eventID: eventId(minute), eventName: 'ListBuckets', ...fields });

export const FIRST_SEEN_RECORDS = [
  call(0, alice),
  call(10, alice),
  { ...issueOf(50, alice, key(1), roleSession('Hop1', 's1')), sourceIPAddress: '192.0.2.10' },
  call(55, hop1, { sourceIPAddress: '198.51.100.7', awsRegion: 'eu-west-1' }),
  call(56, bob),
  call(58, hop1, { sourceIPAddress: '198.51.100.7', eventSource: 'iam.amazonaws.com', eventName: 'CreateAccessKey' }),
  call(59, alice),
];
