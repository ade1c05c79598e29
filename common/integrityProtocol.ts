/**
 * The message that checks an evidence folder against its CloudTrail digests, offline (client → server), and the
 * counts both sides show of its answer. Kept apart from protocol.ts, which holds the events view's and the log's own.
 */
import { RequestType } from 'vscode-languageserver-protocol';

export interface VerifyIntegrityParams {
  /** The evidence folder's URI: it holds `AWSLogs/<account>/CloudTrail/` and `…/CloudTrail-Digest/` somewhere below. */
  readonly folder: string;
  /** The URI of a file of `aws cloudtrail list-public-keys` output; absent: the setting's, or none (signatures unverified). */
  readonly publicKeys?: string;
}

/**
 * A log file's status: `valid` its uncompressed content hashes to what its digest lists; `modified` it does not;
 * `missing` a digest lists it and the folder has no such file; `unlisted` the folder has it, within the digests'
 * span of time, and no digest lists it.
 */
export const LOG_STATUSES = ['valid', 'modified', 'missing', 'unlisted'] as const;
export type LogStatus = (typeof LOG_STATUSES)[number];

/**
 * A digest's status: `valid` its hash and signature check; `invalid` either does not (or it cannot be read);
 * `unverified` its signature cannot be checked here (no key for it, or the newest digest, whose signature only
 * S3's metadata holds); `missing` a later digest names it and the folder has no such file.
 */
export const DIGEST_STATUSES = ['valid', 'invalid', 'unverified', 'missing'] as const;
export type DigestStatus = (typeof DIGEST_STATUSES)[number];

export interface IntegrityFile<S extends string> {
  /** The file's URI; for a missing file, where it should be. */
  readonly uri: string;
  readonly status: S;
  /** Why, in words a user understands, for any status but `valid`. */
  readonly reason?: string;
}

export interface IntegrityGap {
  /** ISO 8601 times: no digest covers the time between them. */
  readonly after: string;
  readonly before: string;
}

export interface VerifyIntegrityResult {
  readonly logs: readonly IntegrityFile<LogStatus>[];
  readonly digests: readonly IntegrityFile<DigestStatus>[];
  readonly gaps: readonly IntegrityGap[];
}

/** client → server: checks a folder's logs and digests; null when cancelled or the folder cannot be read. */
export const VerifyIntegrityRequest = new RequestType<VerifyIntegrityParams, VerifyIntegrityResult | null, void>(
  'cloudtrail/verifyIntegrity',
);

/** How many files have each status: what the events view's Integrity node and the investigation report show. */
export interface IntegrityCounts {
  readonly logs: Readonly<Record<LogStatus, number>>;
  readonly digests: Readonly<Record<DigestStatus, number>>;
  readonly gaps: number;
}

function countOf<S extends string>(statuses: readonly S[], files: readonly IntegrityFile<S>[]): Record<S, number> {
  const counts = Object.fromEntries(statuses.map((s) => [s, 0])) as Record<S, number>;
  for (const file of files) counts[file.status]++;
  return counts;
}

/** The counts of a verifyIntegrity answer. */
export function integrityCounts(result: VerifyIntegrityResult): IntegrityCounts {
  return {
    logs: countOf(LOG_STATUSES, result.logs),
    digests: countOf(DIGEST_STATUSES, result.digests),
    gaps: result.gaps.length,
  };
}
