// Facts from the AWS CloudTrail User Guide page "CloudTrail digest file structure"; the wording is our own.
import type { FieldDoc } from './fieldDocs';

/** What each field of a digest file means (digest files sit next to logs: `*_CloudTrail-Digest_*.json.gz`). */
export const DIGEST_FIELD_DOCS: readonly FieldDoc[] = [
  { path: 'awsAccountId', doc: 'The account whose log files this digest covers.' },
  { path: 'digestStartTime', doc: 'Start of the UTC time range the digest covers; digests come about once an hour.' },
  { path: 'digestEndTime', doc: "End of the UTC time range the digest covers; the digest's own file name carries this time." },
  { path: 'digestS3Bucket', doc: 'The bucket this digest file was delivered to.' },
  {
    path: 'digestS3Object',
    doc: 'The key of this digest file in its bucket, under `AWSLogs/<account>/CloudTrail-Digest/<region>/<year>/<month>/<day>/`.',
  },
  {
    path: 'digestPublicKeyFingerprint',
    doc: "Fingerprint of the public key that verifies this digest's signature; the signature itself is in the S3 object's metadata. `aws cloudtrail list-public-keys` lists the keys.",
  },
  { path: 'digestSignatureAlgorithm', doc: 'How the digest was signed, for example `SHA256withRSA`.' },
  { path: 'newestEventTime', doc: 'The latest event time in the log files this digest lists (absent when it lists none).' },
  { path: 'oldestEventTime', doc: 'The earliest event time in the log files this digest lists (absent when it lists none).' },
  {
    path: 'previousDigestS3Bucket',
    doc: 'The bucket of the digest before this one; digests form a chain, so a missing or changed digest shows. `null` for the first.',
  },
  { path: 'previousDigestS3Object', doc: 'The key of the digest before this one. `null` for the first digest of a trail.' },
  { path: 'previousDigestHashValue', doc: 'The hex-encoded hash of the previous digest file, which links this digest to it.' },
  { path: 'previousDigestHashAlgorithm', doc: 'The algorithm of `previousDigestHashValue`, for example `SHA-256`.' },
  { path: 'previousDigestSignature', doc: 'The signature of the previous digest file, copied here so the chain can be checked.' },
  {
    path: 'logFiles',
    doc: "The log files delivered in this digest's time range, each with its location and hash; `aws cloudtrail validate-logs` checks them against it.",
  },
  { path: 'logFiles[].s3Bucket', doc: 'The bucket the log file was delivered to.' },
  { path: 'logFiles[].s3Object', doc: 'The key of the log file in its bucket.' },
  { path: 'logFiles[].hashValue', doc: 'The hex-encoded hash of the log file, to show it is unchanged since delivery.' },
  { path: 'logFiles[].hashAlgorithm', doc: 'The algorithm of `hashValue`, for example `SHA-256`.' },
  { path: 'logFiles[].newestEventTime', doc: 'The latest event time in that log file.' },
  { path: 'logFiles[].oldestEventTime', doc: 'The earliest event time in that log file.' },
];
