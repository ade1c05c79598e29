/** One clean CloudTrail record to vary field by field, so a check's test changes only what it checks. */

/** A clean record of the given version, as CloudTrail writes one; an override of undefined removes the field. */
export function cleanRecord(overrides: Record<string, unknown> = {}, version = '1.08'): Record<string, unknown> {
  const base: Record<string, unknown> = {
    eventVersion: version,
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLE',
      arn: 'arn:aws:iam::111122223333:user/alice',
      accountId: '111122223333',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      userName: 'alice',
    },
    eventTime: '2024-03-05T10:11:12Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'GetBucketAcl',
    awsRegion: 'us-west-2',
    sourceIPAddress: '192.0.2.10',
    userAgent: '[aws-cli/2.15.0]',
    requestParameters: { bucketName: 'example-bucket', Host: 'example-bucket.s3.us-west-2.amazonaws.com', acl: '' },
    responseElements: null,
    requestID: '47B8E8D397DCE7A6',
    eventID: 'cdc4b7ed-e171-4cef-975a-ad829d4123e8',
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
  };
  const result: Record<string, unknown> = { ...base, ...overrides };
  for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete result[key];
  return result;
}

/** A pretty-printed {"Records": [...]} log. */
export function logOf(...records: unknown[]): string {
  return JSON.stringify({ Records: records }, null, 2);
}

/** `record` with the value at a dotted path set, creating the objects on the way. */
export function withValue(record: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(record);
  const parts = path.split('.');
  let at = copy;
  for (const part of parts.slice(0, -1)) {
    if (typeof at[part] !== 'object' || at[part] === null) at[part] = {};
    at = at[part] as Record<string, unknown>;
  }
  at[parts[parts.length - 1]!] = value;
  return copy;
}
