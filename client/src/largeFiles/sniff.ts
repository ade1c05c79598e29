/**
 * Telling a CloudTrail log on disk from its name (its first few KB go to detection's sniffer), and a gzip
 * file's text size from its trailer, without reading the file: what decides whether a file VS Code does
 * not share is read from disk.
 */
import { SNIFF_CHARS, sniffLog } from '../detection/sniffLog';

/** How much of a file's start is read to tell a log: what the sniffer reads, in UTF-8 at most four bytes a character. */
export const HEAD_BYTES = SNIFF_CHARS * 4;

/** Names CloudTrail gives its logs and digests, and the `.cloudtrail.json` the extension claims. */
const LOG_NAMES = [/_CloudTrail_/, /_CloudTrail-Digest_/, /\.cloudtrail\.json(\.gz)?$/i];

/** Whether a file name is one CloudTrail writes, or one the extension treats as a log. */
export function looksLikeLogName(name: string): boolean {
  return LOG_NAMES.some((pattern) => pattern.test(name));
}

/** Whether the start of a file is a CloudTrail log of a shape the server reads, as detection by content tells a document's. */
export function looksLikeLogText(head: string): boolean {
  return sniffLog(head.slice(0, SNIFF_CHARS)) !== undefined;
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
