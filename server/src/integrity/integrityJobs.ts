/**
 * The reading an integrity check hands to the reading threads (files/readerPool.ts): a batch of digests read,
 * hashed and parsed, or one log's content hashed. The same functions run on the main thread when there are no
 * threads, so an answer never depends on where it was worked out.
 */
import type { Digest } from './digestFile';
import { parseDigest } from './digestFile';
import { readDigestText } from './contentHash';
import { keyFromAWSLogs } from './evidenceFiles';

/** A digest file as read: its digest and the SHA-256 of its content, or why it is none. */
export type DigestRead = { readonly digest: Digest; readonly sha256: string } | { readonly problem: string };

/** A digest from its text, or why it is none; one listing a key outside `AWSLogs/` is none (it would name a file anywhere). */
export function digestOf(text: string, sha256: string): DigestRead {
  const parsed = parseDigest(text);
  if ('problem' in parsed) return parsed;
  const bad = parsed.digest.logFiles.find((log) => keyFromAWSLogs(log.s3Object) === undefined);
  return bad ? { problem: `it lists a file at a key CloudTrail does not write (${bad.s3Object})` } : { digest: parsed.digest, sha256 };
}

/**
 * Digest files read one after another (`blocking` on a reading thread, where a small file's blocking calls cost
 * less than their round trips to Node's file threads), in the order of `paths`.
 */
export async function readDigests(paths: readonly string[], blocking = false): Promise<DigestRead[]> {
  const read: DigestRead[] = [];
  for (const path of paths) {
    const text = await readDigestText(path, blocking);
    read.push('problem' in text ? text : digestOf(text.text, text.sha256));
  }
  return read;
}
