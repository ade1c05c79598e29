/**
 * Hand-written records for the filter's agreement test: identities of every shape real trails hold (AWS services
 * by invokedBy alone, a service acting through a role, no userIdentity.type, AwsVpceEvent, root, federated, IAM
 * Identity Center), values in other cases and with wildcard characters, arrays and nulls where strings belong,
 * and times in every shape the filter's after:/before: read.
 */
import { cleanRecord } from './cleanRecord';

const ACCOUNT = '111122223333';

const service = (invokedBy: unknown, extra: Record<string, unknown> = {}) =>
  cleanRecord({
    userIdentity: { type: 'AWSService', invokedBy, ...extra },
    sourceIPAddress: typeof invokedBy === 'string' ? invokedBy : 'AWS Internal',
    userAgent: typeof invokedBy === 'string' ? invokedBy : 'AWS Internal',
    eventSource: 'kms.amazonaws.com',
    eventName: 'Decrypt',
    requestParameters: { encryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
  });

export const IDENTITY_RECORDS: readonly Record<string, unknown>[] = [
  service('secretsmanager.amazonaws.com'),
  service('secretsmanager.amazonaws.com', { principalId: 'AWSService' }),
  service('AWS Internal'),
  service(undefined, { principalId: 'config.amazonaws.com' }),
  service(null),
  cleanRecord({
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAEXAMPLE:AWSCloudFormation',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/StackRole/AWSCloudFormation`,
      accountId: ACCOUNT,
      invokedBy: 'cloudformation.amazonaws.com',
      sessionContext: { sessionIssuer: { type: 'Role', userName: 'StackRole', arn: `arn:aws:iam::${ACCOUNT}:role/StackRole` } },
    },
    sourceIPAddress: 'cloudformation.amazonaws.com',
  }),
  // No type: the rest still names who acted.
  cleanRecord({
    userIdentity: { principalId: 'AIDAFRANK', arn: `arn:aws:iam::${ACCOUNT}:user/frank`, accountId: ACCOUNT, userName: 'frank' },
  }),
  cleanRecord({ userIdentity: { principalId: 'AIDAONLY' } }),
  cleanRecord({ userIdentity: { invokedBy: 'logs.amazonaws.com' } }),
  // An AwsVpceEvent: the endpoint's owner denied a caller it does not know.
  cleanRecord({
    userIdentity: { principalId: '', accountId: '999900001111' },
    eventType: 'AwsVpceEvent',
    errorCode: 'VpceAccessDenied',
    recipientAccountId: ACCOUNT,
    sourceIPAddress: '10.20.30.40',
  }),
  cleanRecord({
    userIdentity: { type: 'AWSAccount', principalId: '', accountId: '999900001111' },
    eventType: 'AwsVpceEvent',
    errorCode: 'VpceAccessDenied',
  }),
  cleanRecord({
    userIdentity: { type: 'Root', principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT, accessKeyId: '' },
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
  }),
  cleanRecord({
    userIdentity: {
      type: 'FederatedUser',
      principalId: `${ACCOUNT}:grace`,
      arn: `arn:aws:sts::${ACCOUNT}:federated-user/grace`,
      accountId: ACCOUNT,
      sessionContext: { sessionIssuer: { type: 'IAMUser', userName: 'broker', arn: `arn:aws:iam::${ACCOUNT}:user/broker` } },
    },
  }),
  // IAM Identity Center: a user of the identity store, and its sign-in with only a user name.
  cleanRecord({
    userIdentity: {
      type: 'IdentityCenterUser',
      accountId: ACCOUNT,
      onBehalfOf: { userId: '1234abcd-0000', identityStoreArn: `arn:aws:identitystore::${ACCOUNT}:identitystore/d-1234567890` },
      credentialId: 'EXAMPLEcredential',
    },
    eventSource: 'sso.amazonaws.com',
    eventName: 'ListApplications',
  }),
  cleanRecord({
    userIdentity: { type: 'Unknown', principalId: ACCOUNT, arn: '', accountId: ACCOUNT, accessKeyId: '', userName: 'Heidi@Example.com' },
    eventSource: 'signin.amazonaws.com',
    eventName: 'UserAuthentication',
  }),
  cleanRecord({
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAEXAMPLE:heidi@example.com',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/heidi@example.com`,
      accountId: ACCOUNT,
      sessionContext: { sessionIssuer: { type: 'Role', userName: 'AWSReservedSSO_Admin_0123456789abcdef' } },
    },
  }),
  // Case, and the characters a wildcard or LIKE could take for its own.
  cleanRecord({ userIdentity: { type: 'IAMUser', userName: 'Ivan.Admin', arn: `arn:aws:iam::${ACCOUNT}:user/Ivan.Admin` } }),
  cleanRecord({ userIdentity: { type: 'IAMUser', userName: 'star*name' }, eventName: 'Get*Thing' }),
  cleanRecord({ userIdentity: { type: 'IAMUser', userName: 'per%cent_under' }, requestParameters: { bucketName: 'Logs_%Bucket' } }),
  // Arrays and nulls where a string belongs, and a userIdentity that is no object.
  cleanRecord({ userIdentity: { type: 'IAMUser', userName: null, arn: null, accessKeyId: null, accountId: null } }),
  cleanRecord({ userIdentity: null, eventName: null, sourceIPAddress: null, errorCode: null, awsRegion: null }),
  cleanRecord({ userIdentity: 'alice', recipientAccountId: null }),
  cleanRecord({ userIdentity: [{ type: 'IAMUser', userName: 'judy' }] }),
  // (An array where a top-level string belongs is left out: Athena's SerDe reads it as its JSON text.)
  cleanRecord({ requestParameters: { bucketName: ['in-a-list'] } }),
  cleanRecord({ requestParameters: { bucketName: null }, eventSource: null }),
  // Times: a zone other than Z, none at all, fractions, only a date, not a time.
  cleanRecord({ eventTime: '2024-03-05T12:00:00+02:00' }),
  cleanRecord({ eventTime: '2024-03-05T09:59:59.999Z' }),
  cleanRecord({ eventTime: '2024-03-05T10:00:00' }),
  cleanRecord({ eventTime: '2024-03-05' }),
  cleanRecord({ eventTime: 1709633472 }),
];
