/**
 * Generated logs in every shape a CloudTrail log arrives in, minified and pretty-printed: what a user saves
 * from S3, the CLI, CloudWatch Logs or an export script, under any name.
 */
import { type CloudTrailRecord, generateLog, generateRecords } from './generateLog';

/** The shapes, named as the client's sniffer names them. */
export type LogShapeName = 'records' | 'array' | 'lines' | 'record' | 'lookup-events' | 'cloudwatch-export' | 'digest';

export interface ShapedLog {
  readonly name: string;
  readonly shape: LogShapeName;
  readonly text: string;
}

/** `aws cloudtrail lookup-events` output: each record a JSON string beside the fields the API lifts out of it. */
function lookupEvents(records: readonly CloudTrailRecord[]): unknown {
  return {
    Events: records.map((r) => ({
      EventId: r.eventID,
      EventName: r.eventName,
      ReadOnly: String(r.readOnly),
      EventTime: String(r.eventTime).replace('Z', '+00:00'),
      EventSource: r.eventSource,
      Username: 'alice',
      Resources: [{ ResourceType: 'AWS::S3::Bucket', ResourceName: 'amzn-s3-demo-bucket' }],
      CloudTrailEvent: JSON.stringify(r),
    })),
    NextToken: 'eyJ0b2tlbiI6ICJleGFtcGxlIn0=',
  };
}

/** A CloudWatch Logs export (`aws logs filter-log-events`) of a trail's log group: each record a message string. */
function cloudWatchExport(records: readonly CloudTrailRecord[]): unknown {
  return {
    events: records.map((r, i) => ({
      logStreamName: '111122223333_CloudTrail_us-west-2',
      timestamp: Date.parse(String(r.eventTime)),
      message: JSON.stringify(r),
      ingestionTime: Date.parse(String(r.eventTime)) + 4000,
      eventId: `3771692585834952703418620735427478432516584929804${String(i).padStart(6, '0')}`,
    })),
    searchedLogStreams: [],
  };
}

/** A digest file listing `count` delivered log files. */
function digest(count: number): unknown {
  const object = (n: number) =>
    `AWSLogs/111122223333/CloudTrail/us-west-2/2024/03/05/111122223333_CloudTrail_us-west-2_20240305T${String(n).padStart(4, '0')}Z_abcdEFGH1234.json.gz`;
  return {
    awsAccountId: '111122223333',
    digestStartTime: '2024-03-05T09:00:12Z',
    digestEndTime: '2024-03-05T10:00:12Z',
    digestS3Bucket: 'amzn-s3-demo-bucket',
    digestS3Object:
      'AWSLogs/111122223333/CloudTrail-Digest/us-west-2/2024/03/05/111122223333_CloudTrail-Digest_us-west-2_trail_20240305T100012Z.json.gz',
    digestPublicKeyFingerprint: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    digestSignatureAlgorithm: 'SHA256withRSA',
    newestEventTime: '2024-03-05T09:58:40Z',
    oldestEventTime: '2024-03-05T09:01:02Z',
    previousDigestS3Bucket: 'amzn-s3-demo-bucket',
    previousDigestS3Object: null,
    previousDigestHashValue: null,
    previousDigestHashAlgorithm: null,
    previousDigestSignature: null,
    logFiles: Array.from({ length: count }, (_, n) => ({
      s3Bucket: 'amzn-s3-demo-bucket',
      s3Object: object(n),
      hashValue: '9b2e7d4a1c8f5b0e3a6d9c2f7b4e1a8d5c0f3b6e9a2d7c4f1b8e5a0d3c6f9b2e',
      hashAlgorithm: 'SHA-256',
      newestEventTime: '2024-03-05T09:04:55Z',
      oldestEventTime: '2024-03-05T09:01:02Z',
    })),
  };
}

/** A record made large by a long bucket policy in its request, so the first few KB end inside it. */
function withLargeRequest(record: CloudTrailRecord): CloudTrailRecord {
  const statement = (n: number) => ({
    Sid: `AllowReadFromPartner${n}`,
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${String(444455556666 + n)}:root` },
    Action: ['s3:GetObject', 's3:ListBucket'],
    Resource: [`arn:aws:s3:::amzn-s3-demo-bucket/partner-${n}/*`, 'arn:aws:s3:::amzn-s3-demo-bucket'],
  });
  const bucketPolicy = { Version: '2012-10-17', Statement: Array.from({ length: 80 }, (_, n) => statement(n)) };
  return { ...record, eventName: 'PutBucketPolicy', requestParameters: { bucketName: 'amzn-s3-demo-bucket', bucketPolicy } };
}

/**
 * Every shape, minified and pretty-printed (two spaces, and four as the AWS CLI writes), each well over 8 KB.
 * With `largeFirstRecord`, the first record alone is larger than 8 KB.
 */
export function shapedLogs(seed = 1, largeFirstRecord = false): ShapedLog[] {
  const records = generateRecords(seed, 30);
  if (largeFirstRecord) records[0] = withLargeRequest(records[0]!);
  const delivered = (pretty: boolean) =>
    largeFirstRecord ? JSON.stringify({ Records: records }, null, pretty ? 2 : undefined) : generateLog({ seed, records: 30, pretty });
  const logs: ShapedLog[] = [
    { name: 'delivered log, minified', shape: 'records', text: delivered(false) },
    { name: 'delivered log, pretty', shape: 'records', text: delivered(true) },
    { name: 'JSON Lines', shape: 'lines', text: records.map((r) => JSON.stringify(r)).join('\n') + '\n' },
    { name: 'one record, minified', shape: 'record', text: JSON.stringify(records[0]) },
    { name: 'one record, pretty', shape: 'record', text: JSON.stringify(records[0], null, 2) },
  ];
  const wrapped: [string, LogShapeName, unknown][] = [
    ['bare array', 'array', records],
    ['lookup-events output', 'lookup-events', lookupEvents(records)],
    ['CloudWatch Logs export', 'cloudwatch-export', cloudWatchExport(records)],
    ['digest', 'digest', digest(60)],
  ];
  for (const [name, shape, value] of wrapped) {
    logs.push({ name: `${name}, minified`, shape, text: JSON.stringify(value) });
    logs.push({ name: `${name}, pretty`, shape, text: JSON.stringify(value, null, shape === 'lookup-events' ? 4 : 2) });
  }
  return logs;
}
