/**
 * Telling a CloudTrail log from its name or its first few KB, and a gzip file's text size from its
 * trailer, without reading the file: what decides whether a file VS Code does not share is read from disk.
 */

/** How much of a file's start is read to tell a log (a delivered log's first record fits well inside). */
export const HEAD_BYTES = 16 * 1024;

/** Names CloudTrail gives its logs and digests, and the `.cloudtrail.json` the extension claims. */
const LOG_NAMES = [/_CloudTrail_/, /_CloudTrail-Digest_/, /\.cloudtrail\.json(\.gz)?$/i];

/** Whether a file name is one CloudTrail writes, or one the extension treats as a log. */
export function looksLikeLogName(name: string): boolean {
  return LOG_NAMES.some((pattern) => pattern.test(name));
}

// A key as it is written in JSON, or inside a JSON string (`\"eventVersion\"`, as CloudWatch Logs exports hold records).
const key = (name: string) => new RegExp(`\\\\?"${name}\\\\?"\\s*:`);
const RECORD_KEYS = ['eventVersion', 'eventSource', 'eventName', 'eventTime'].map(key);
const WRAPPER_KEYS = ['CloudTrailEvent', 'digestStartTime', 'digestS3Bucket'].map(key);

/**
 * Whether the start of a file looks like a CloudTrail log of any shape the server reads: a record's keys
 * (two of them, so one stray `"eventName"` in other JSON does not count), lookup-events' `CloudTrailEvent`, or a digest.
 */
export function looksLikeLogText(head: string): boolean {
  return RECORD_KEYS.filter((pattern) => pattern.test(head)).length >= 2 || WRAPPER_KEYS.some((pattern) => pattern.test(head));
}

/** Deflate never shrinks data more than about 1032 to 1. */
const MAX_RATIO = 1032;

/**
 * A gzip file's decompressed size from its last four bytes (ISIZE, little-endian), given the file's size.
 * It is the size modulo 4 GiB, and only the last member's, so a caller trusts it to say "large" and tries
 * when it says "small". A truncated download ends in arbitrary bytes: a size deflate could not reach is no size.
 */
export function gzipTextSize(trailer: Uint8Array, fileBytes = Infinity): number | undefined {
  if (trailer.length < 4) return undefined;
  const at = trailer.length - 4;
  const size = (trailer[at]! | (trailer[at + 1]! << 8) | (trailer[at + 2]! << 16)) + trailer[at + 3]! * 0x1000000;
  return size <= fileBytes * MAX_RATIO ? size : undefined;
}
