/**
 * Hand-written records for `resource:`: ARNs in resources, values nested in arrays and objects of the request and
 * response, numbers and booleans that are no strings, keys spelled as a value, values differing only in case, a
 * policy held as JSON text in a string, and characters JSON escapes.
 */
import { cleanRecord } from './cleanRecord';

const ROLE = 'arn:aws:iam::111122223333:role/Deploy';
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

export const RESOURCE_RECORDS: readonly Record<string, unknown>[] = [
  cleanRecord({
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRole',
    resources: [{ ARN: ROLE, accountId: '111122223333', type: 'AWS::IAM::Role' }],
    requestParameters: { roleArn: ROLE, roleSessionName: 'deploy-1', durationSeconds: 3600 },
    responseElements: { credentials: { accessKeyId: 'ASIAEXAMPLE1', expiration: 'Mar 5, 2024, 11:00:00 AM' } },
  }),
  cleanRecord({
    eventSource: 'kms.amazonaws.com',
    eventName: 'Decrypt',
    resources: [{ ARN: KEY }, { ARN: 7 }, { accountId: '111122223333' }],
    requestParameters: { encryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::reports/2024/q1.csv' } },
  }),
  cleanRecord({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'RunInstances',
    requestParameters: {
      instancesSet: { items: [{ imageId: 'ami-0abc', tags: [['nested', ['deep-value']]] }, { imageId: 'AMI-0ABC' }] },
      maxCount: 1,
      ebsOptimized: false,
    },
    responseElements: { instancesSet: { items: [{ instanceId: 'i-0123456789abcdef0' }] } },
  }),
  cleanRecord({
    eventSource: 'iam.amazonaws.com',
    eventName: 'PutRolePolicy',
    requestParameters: {
      roleName: 'Deploy',
      policyDocument: '{"Statement":[{"Effect":"Allow","Resource":"arn:aws:s3:::reports/*"}]}',
      'ami-0abc': 'a key spelled as a value',
    },
  }),
  cleanRecord({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutObject',
    requestParameters: { bucketName: 'reports', key: 'say "hi"\\and\tbye ünïcode', count: '3600' },
    responseElements: null,
  }),
  cleanRecord({ eventName: 'ListRoles', requestParameters: ['just-a-string'], resources: { ARN: ROLE } }),
];

/** Values `resource:` is tried with over these records (and the rest of the corpus). */
export const RESOURCE_VALUES: readonly string[] = [
  ROLE,
  'arn:aws:iam::111122223333:role/deploy',
  'arn:aws:iam::*:role/*',
  KEY,
  'arn:aws:kms:*',
  'arn:aws:s3:::reports/*',
  'ami-0abc',
  'AMI-0ABC',
  'deep-value',
  'i-*',
  '3600',
  '1',
  'false',
  'instancesSet',
  'Deploy',
  'say "hi"\\and\tbye ünïcode',
  'say*bye*',
  'just-a-string',
  '*Effect*',
  'ASIAEXAMPLE1',
  'reports',
];
