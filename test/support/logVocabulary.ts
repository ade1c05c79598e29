/** What generated logs are made of: the accounts, regions, buckets, callers, agents, errors and events they draw from. */

export const ACCOUNTS = ['111122223333', '444455556666', '777788889999'];
export const REGIONS = [
  'us-east-1',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'sa-east-1',
  'ca-central-1',
];
export const BUCKETS = ['amzn-s3-demo-bucket', 'incident-artifacts', 'app-logs-prod', 'data-lake-raw', 'website-assets'];
export const USERS = ['alice', 'bob', 'carol', 'deploy-bot', 'mallory'];
export const ROLES = ['AdminRole', 'ReadOnly', 'LambdaExecution', 'GitHubActionsDeploy', 'SecurityAudit'];
export const AGENTS = [
  '[aws-cli/2.15.0 Python/3.11.6 Linux/6.1.0 exe/x86_64.debian.12 prompt/off command/s3.cp]',
  '[Boto3/1.34.11 md/Botocore#1.34.11 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.11.6 cfg/retry-mode#legacy Botocore/1.34.11]',
  '[aws-sdk-js/3.490.0 ua/2.0 os/linux#6.1.0 lang/js md/nodejs#20.11.0 api/s3#3.490.0]',
  'console.amazonaws.com',
  'AWSInternal',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
];
export const ERRORS: readonly [string, string][] = [
  ['AccessDenied', 'Access Denied'],
  ['NoSuchKey', 'The specified key does not exist.'],
  ['NoSuchBucket', 'The specified bucket does not exist'],
  ['ThrottlingException', 'Rate exceeded'],
  ['Client.UnauthorizedOperation', 'You are not authorized to perform this operation.'],
];

export const S3_BUCKET_EVENTS = [
  'CreateBucket',
  'DeleteBucket',
  'GetBucketAcl',
  'PutBucketAcl',
  'GetBucketPolicy',
  'PutBucketPolicy',
  'DeleteBucketPolicy',
  'GetBucketVersioning',
  'PutBucketVersioning',
  'GetBucketEncryption',
  'PutBucketEncryption',
  'GetBucketLifecycle',
  'PutBucketLifecycle',
  'GetBucketLocation',
  'GetBucketLogging',
  'PutBucketPublicAccessBlock',
  'GetBucketPublicAccessBlock',
  'GetBucketTagging',
  'PutBucketTagging',
  'GetBucketCors',
  'PutBucketCors',
];
export const S3_OBJECT_EVENTS = [
  'GetObject',
  'PutObject',
  'DeleteObject',
  'DeleteObjects',
  'HeadObject',
  'CopyObject',
  'CreateMultipartUpload',
  'UploadPart',
  'CompleteMultipartUpload',
  'AbortMultipartUpload',
  'ListObjects',
  'ListObjectsV2',
  'HeadBucket',
  'GetObjectAcl',
  'PutObjectAcl',
  'GetObjectTagging',
  'PutObjectTagging',
  'RestoreObject',
  'ListParts',
];
export const S3_ACCOUNT_EVENTS = ['PutPublicAccessBlock', 'GetPublicAccessBlock', 'DeletePublicAccessBlock'];
export const OTHER_EVENTS: readonly [string, string, boolean][] = [
  ['sts.amazonaws.com', 'AssumeRole', true],
  ['sts.amazonaws.com', 'GetCallerIdentity', true],
  ['kms.amazonaws.com', 'Decrypt', true],
  ['kms.amazonaws.com', 'GenerateDataKey', true],
  ['ec2.amazonaws.com', 'DescribeInstances', true],
  ['ec2.amazonaws.com', 'RunInstances', false],
  ['iam.amazonaws.com', 'CreateUser', false],
  ['iam.amazonaws.com', 'AttachRolePolicy', false],
  ['lambda.amazonaws.com', 'Invoke', false],
  ['cloudtrail.amazonaws.com', 'LookupEvents', true],
];
