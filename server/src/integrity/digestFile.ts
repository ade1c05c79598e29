/**
 * A CloudTrail digest file as a value: the fields the checks use, read from its JSON (the fields are those of
 * AWS's "CloudTrail digest file structure" page). A digest is evidence too: any field may be missing, of the
 * wrong type or hostile; what cannot be read as a digest is said so, never thrown.
 */

/** A log file a digest lists: where CloudTrail delivered it, and the hash of its uncompressed content. */
export interface ListedLog {
  readonly s3Bucket: string;
  readonly s3Object: string;
  readonly hashValue: string;
  readonly hashAlgorithm: string;
}

/** The digest before this one in its chain; absent on the first digest of a chain (its fields are null). */
export interface PreviousDigest {
  readonly s3Bucket: string;
  readonly s3Object: string;
  readonly hashValue: string;
  readonly hashAlgorithm: string;
  readonly signature: string;
}

export interface Digest {
  readonly awsAccountId: string;
  readonly digestStartTime: string;
  readonly digestEndTime: string;
  readonly digestS3Bucket: string;
  readonly digestS3Object: string;
  readonly digestPublicKeyFingerprint: string;
  readonly digestSignatureAlgorithm: string;
  readonly previous?: PreviousDigest;
  readonly logFiles: readonly ListedLog[];
}

export type DigestParse = { readonly digest: Digest } | { readonly problem: string };

const text = (value: unknown): value is string => typeof value === 'string';

function listedLog(value: unknown): ListedLog | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { s3Bucket, s3Object, hashValue, hashAlgorithm } = value as Record<string, unknown>;
  if (!text(s3Bucket) || !text(s3Object) || !text(hashValue)) return undefined;
  return { s3Bucket, s3Object, hashValue, hashAlgorithm: text(hashAlgorithm) ? hashAlgorithm : 'SHA-256' };
}

/** The previous digest's fields: absent when all are null (a chain's first digest), a problem when only some are. */
function previousOf(d: Record<string, unknown>): PreviousDigest | undefined | string {
  const bucket = d['previousDigestS3Bucket'];
  const object = d['previousDigestS3Object'];
  const hashValue = d['previousDigestHashValue'];
  const algorithm = d['previousDigestHashAlgorithm'];
  const signature = d['previousDigestSignature'];
  if ([bucket, object, hashValue, signature].every((v) => v === null || v === undefined)) return undefined;
  if (!text(bucket) || !text(object) || !text(hashValue) || !text(signature))
    return 'its previous digest fields are incomplete (the bucket, key, hash and signature are needed together)';
  return { s3Bucket: bucket, s3Object: object, hashValue, hashAlgorithm: text(algorithm) ? algorithm : 'SHA-256', signature };
}

const REQUIRED = ['awsAccountId', 'digestStartTime', 'digestEndTime', 'digestS3Bucket', 'digestS3Object'] as const;

/** A digest from its uncompressed text. */
export function parseDigest(json: string): DigestParse {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { problem: 'it is not JSON (cut off or changed?)' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { problem: 'it is not a digest (not a JSON object)' };
  const d = value as Record<string, unknown>;
  const absent = REQUIRED.filter((field) => !text(d[field]));
  if (absent.length > 0) return { problem: `it has no ${absent.join(', ')}` };
  const previous = previousOf(d);
  if (typeof previous === 'string') return { problem: previous };
  const listed = Array.isArray(d['logFiles']) ? d['logFiles'] : undefined;
  if (!listed) return { problem: 'it has no logFiles list' };
  const logFiles = listed.map(listedLog);
  if (logFiles.some((log) => log === undefined)) return { problem: 'an entry of its logFiles list has no s3Object or hashValue' };
  const fingerprint = d['digestPublicKeyFingerprint'];
  const algorithm = d['digestSignatureAlgorithm'];
  return {
    digest: {
      awsAccountId: d['awsAccountId'] as string,
      digestStartTime: d['digestStartTime'] as string,
      digestEndTime: d['digestEndTime'] as string,
      digestS3Bucket: d['digestS3Bucket'] as string,
      digestS3Object: d['digestS3Object'] as string,
      digestPublicKeyFingerprint: text(fingerprint) ? fingerprint : '',
      digestSignatureAlgorithm: text(algorithm) ? algorithm : '',
      ...(previous ? { previous } : {}),
      logFiles: logFiles as ListedLog[],
    },
  };
}
