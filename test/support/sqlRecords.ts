/**
 * The records the SQL tests load into DuckDB beside generated logs and the rule pack's records: hand-written edge
 * cases for what SQL gets wrong most easily. Values with `%`, `_`, `\` and quotes (LIKE and string literals),
 * empty and missing fields (NULL), identities of every type (the view's identity label), times without a
 * zone or not times at all, and request parameters that are arrays and nested arrays (Sigma's walk).
 */
import { cleanRecord } from './cleanRecord';

const role = (session: string, roleName = 'Admin') => ({
  type: 'AssumedRole',
  principalId: `AROAEXAMPLE:${session}`,
  arn: `arn:aws:sts::444455556666:assumed-role/${roleName}/${session}`,
  accountId: '444455556666',
  accessKeyId: 'ASIAEXAMPLEKEY000001',
  sessionContext: { sessionIssuer: { type: 'Role', userName: roleName, arn: `arn:aws:iam::444455556666:role/${roleName}` } },
});

export const EDGE_RECORDS: readonly Record<string, unknown>[] = [
  cleanRecord({ eventName: 'PutObject', requestParameters: { bucketName: 'a_b%c', key: "o'brien\\notes.txt" } }),
  cleanRecord({ eventName: 'PutObject', requestParameters: { bucketName: 'axbyc', key: 'plain.txt' } }),
  cleanRecord({ eventName: 'Put_Object%', errorCode: "It's\\Denied", eventTime: '2024-03-05T23:59:59Z' }),
  cleanRecord({ userIdentity: { type: 'IAMUser', userName: "o'brien", arn: "arn:aws:iam::111122223333:user/o'brien" } }),
  cleanRecord({ userIdentity: { type: 'IAMUser', userName: '', arn: 'arn:aws:iam::111122223333:user/blank' } }),
  cleanRecord({ userIdentity: role('carol-session'), eventSource: 'iam.amazonaws.com', eventName: 'CreateUser' }),
  cleanRecord({ userIdentity: role('x', '') }),
  cleanRecord({ userIdentity: { type: 'Root', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' } }),
  cleanRecord({ userIdentity: { type: 'AWSService', invokedBy: 'cloudtrail.amazonaws.com' }, sourceIPAddress: 'cloudtrail.amazonaws.com' }),
  cleanRecord({ userIdentity: { type: 'AWSAccount', accountId: 'anonymous', principalId: '' } }),
  cleanRecord({ userIdentity: { type: 'AWSAccount', accountId: '777788889999' }, recipientAccountId: '777788889999' }),
  cleanRecord({ userIdentity: { type: 'FederatedUser', arn: 'arn:aws:sts::111122223333:federated-user/dana' } }),
  cleanRecord({ userIdentity: { type: 'SAMLUser', principalId: 'saml:eve' } }),
  cleanRecord({ userIdentity: { type: 'WebIdentityUser' } }),
  cleanRecord({ userIdentity: undefined, eventName: undefined, eventSource: undefined, sourceIPAddress: undefined }),
  cleanRecord({ eventTime: 'yesterday', awsRegion: '', errorCode: '' }),
  cleanRecord({ eventTime: undefined, recipientAccountId: undefined }),
  cleanRecord({ eventTime: '2024-03-06T00:00:00Z', eventName: 'DeleteBucket', errorCode: 'AccessDenied' }),
  cleanRecord({ eventTime: '2024-03-04T23:59:59.999Z', eventName: 'ListBuckets', requestParameters: null }),
  cleanRecord({ eventSource: 's3.amazonaws.com', eventName: 'PutBucketPublicAccessBlock', requestParameters: { bucketName: '' } }),
  cleanRecord({ eventSource: 's3.amazonaws.com', eventName: 'PutPublicAccessBlock', requestParameters: { bucketName: 'pab-bucket' } }),
  cleanRecord({ eventSource: 's3.amazonaws.com', eventName: 'SomeNewS3Call', requestParameters: { bucketName: 'b', key: 'k' } }),
  cleanRecord({ eventSource: 's3.amazonaws.com', eventName: 'OtherNewS3Call', requestParameters: { bucketName: 7 } }),
  cleanRecord({
    eventSource: 'rds.amazonaws.com',
    eventName: 'ModifyDBSnapshotAttribute',
    requestParameters: { attributeName: 'restore', valuesToAdd: ['123456789012', 'ALL'] },
  }),
  cleanRecord({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'AuthorizeSecurityGroupIngress',
    requestParameters: { ipPermissions: { items: [{ ipRanges: { items: [{ cidrIp: '10.0.0.0/8' }, { cidrIp: '0.0.0.0/0' }] } }] } },
  }),
  cleanRecord({ requestParameters: [{ bucketName: 'inside-an-array' }], sourceIPAddress: '10.1.2.3' }),
  cleanRecord({ sourceIPAddress: '10.300.2.3', eventName: 'GetObject' }),
  cleanRecord({ sourceIPAddress: '2001:db8::1', eventName: 'HeadBucket' }),
  // A star in a name, an old version, base64 in a key (YWJj is "abc") and in a user agent ("my-aws-tool").
  cleanRecord({ eventName: 'Put*Object', eventVersion: '1.01' }),
  cleanRecord({ requestParameters: { bucketName: 'encoded', key: 'YWJjZA==' }, userAgent: 'bXktYXdzLXRvb2w=' }),
];
