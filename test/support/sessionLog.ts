/**
 * Hand-written session chains, as CloudTrail writes them: an IAM user assuming a role that assumes two more (three
 * hops), a SAML subject, a web-identity subject, an Identity Center user, a session whose AssumeRole is not in the
 * log, and a cycle (two sessions of one role each issuing the other's key, as only a crafted log could).
 * Keys and IDs are made up, in the shapes AWS uses.
 */
import { cleanRecord } from './cleanRecord';

export const ACCOUNT = '111122223333';
export const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
export const ALICE_KEY = 'AKIAIOSFODNN7EXAMPLE';
export const roleSession = (role: string, session: string) => `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${session}`;
export const key = (n: number) => `ASIA${String(n).padStart(16, '0')}`;
export const eventId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const time = (minute: number) => `2026-11-01T10:${String(minute).padStart(2, '0')}:00Z`;

const sessionIdentity = (role: string, session: string, accessKeyId: string, extra: Record<string, unknown> = {}) => ({
  type: 'AssumedRole',
  principalId: `AROAEXAMPLE:${session}`,
  arn: roleSession(role, session),
  accountId: ACCOUNT,
  accessKeyId,
  sessionContext: {
    sessionIssuer: {
      type: 'Role',
      principalId: 'AROAEXAMPLE',
      arn: `arn:aws:iam::${ACCOUNT}:role/${role}`,
      accountId: ACCOUNT,
      userName: role,
    },
  },
  ...extra,
});

/** An issuing call that succeeded: its caller, and the key and identity it gave out. */
function issue(
  n: number,
  eventName: string,
  userIdentity: Record<string, unknown>,
  issued: { key: string; arn?: string; field?: string },
  extra: Record<string, unknown> = {},
) {
  return cleanRecord({
    userIdentity,
    eventTime: time(n),
    eventSource: 'sts.amazonaws.com',
    eventName,
    requestParameters: { roleArn: 'arn:aws:iam::111122223333:role/x', roleSessionName: 'x' },
    responseElements: {
      credentials: { accessKeyId: issued.key, sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE', expiration: 'Nov 1, 2026, 11:00:00 AM' },
      ...(issued.arn ? { [issued.field ?? 'assumedRoleUser']: { arn: issued.arn, assumedRoleId: 'AROAEXAMPLE:x' } } : {}),
    },
    eventID: eventId(n),
    ...extra,
  });
}

/** A call a session makes with its key. */
function act(n: number, userIdentity: Record<string, unknown>, eventName = 'ListBuckets') {
  return cleanRecord({ userIdentity, eventTime: time(n), eventName, eventID: eventId(n) });
}

const alice = cleanRecord().userIdentity as Record<string, unknown>;

/** Three hops: alice → Hop1 → Hop2 → Hop3, then a call as Hop3. */
export const THREE_HOPS = [
  issue(1, 'AssumeRole', alice, { key: key(1), arn: roleSession('Hop1', 's1') }),
  issue(2, 'AssumeRole', sessionIdentity('Hop1', 's1', key(1)), { key: key(2), arn: roleSession('Hop2', 's2') }),
  issue(3, 'AssumeRole', sessionIdentity('Hop2', 's2', key(2)), { key: key(3), arn: roleSession('Hop3', 's3') }),
  act(4, sessionIdentity('Hop3', 's3', key(3))),
];

export const SAML_SUBJECT = 'saml:ExampleIdP:jane@example.com';
export const SAML = [
  issue(
    10,
    'AssumeRoleWithSAML',
    { type: 'SAMLUser', principalId: 'ExampleIdP:jane@example.com', userName: 'jane@example.com', identityProvider: 'ExampleIdP' },
    { key: key(10), arn: roleSession('SamlRole', 'jane@example.com') },
  ),
  act(11, sessionIdentity('SamlRole', 'jane@example.com', key(10))),
];

export const WEB_SUBJECT = 'web-identity:accounts.google.com:112233445566';
export const WEB_IDENTITY = [
  issue(
    12,
    'AssumeRoleWithWebIdentity',
    {
      type: 'WebIdentityUser',
      principalId: 'accounts.google.com:app:112233445566',
      userName: '112233445566',
      identityProvider: 'accounts.google.com',
    },
    { key: key(12), arn: roleSession('WebRole', 'app-session') },
  ),
  act(13, sessionIdentity('WebRole', 'app-session', key(12))),
];

/** Identity Center: GetRoleCredentials logs no key; its session is a role named for the permission set. */
export const SSO_SESSION = roleSession('AWSReservedSSO_AdminAccess_0123456789abcdef', 'bob');
export const IDENTITY_CENTER = [
  cleanRecord({
    userIdentity: { type: 'Unknown', principalId: ACCOUNT, accountId: ACCOUNT, userName: 'bob' },
    eventTime: time(20),
    eventSource: 'sso.amazonaws.com',
    eventName: 'GetRoleCredentials',
    requestParameters: { accountId: ACCOUNT, roleName: 'AdminAccess' },
    responseElements: null,
    eventID: eventId(20),
  }),
  act(21, {
    ...sessionIdentity('AWSReservedSSO_AdminAccess_0123456789abcdef', 'bob', key(21)),
    onBehalfOf: { userId: 'u-bob', identityStoreArn: 'arn:aws:identitystore::111122223333:identitystore/d-1' },
  }),
];

/** A session whose AssumeRole is in no loaded log. */
export const OUTSIDE = [act(30, sessionIdentity('Elsewhere', 'far', key(30)))];

/** Two sessions of one role, each issued by the other: a cycle. */
export const CYCLE = [
  issue(40, 'AssumeRole', sessionIdentity('Loop', 'a', key(41)), { key: key(40), arn: roleSession('Loop', 'b') }),
  issue(41, 'AssumeRole', sessionIdentity('Loop', 'b', key(40)), { key: key(41), arn: roleSession('Loop', 'a') }),
];

export const FEDERATED = `arn:aws:sts::${ACCOUNT}:federated-user/bob-fed`;
/** alice's own session token (GetSessionToken, which names no new identity) and a federated user's (GetFederationToken), each used. */
export const TOKENS = [
  issue(50, 'GetSessionToken', alice, { key: key(50) }, { requestParameters: { durationSeconds: 3600 } }),
  act(51, { ...alice, accessKeyId: key(50) }),
  issue(
    52,
    'GetFederationToken',
    alice,
    { key: key(52), arn: FEDERATED, field: 'federatedUser' },
    { requestParameters: { name: 'bob-fed' } },
  ),
  act(53, { type: 'FederatedUser', principalId: `${ACCOUNT}:bob-fed`, arn: FEDERATED, accountId: ACCOUNT, accessKeyId: key(52) }),
];

/** An AssumeRole by `caller` that issued `issuedKey` as `issuedArn` (for tests that make their own chains). */
export function issueOf(n: number, caller: Record<string, unknown>, issuedKey: string, issuedArn: string) {
  return issue(n, 'AssumeRole', caller, { key: issuedKey, arn: issuedArn });
}

export const ALL_CHAINS = [...THREE_HOPS, ...SAML, ...WEB_IDENTITY, ...IDENTITY_CENTER, ...OUTSIDE, ...CYCLE];
