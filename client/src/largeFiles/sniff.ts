/**
 * Telling a CloudTrail log on disk from its name (its first few KB go to detection's sniffer), without
 * reading the file: what decides whether a file VS Code does not share is read from disk. A gzip file's
 * text size comes from its trailer (common/gzip.ts gzipTextSize).
 */
import { SNIFF_CHARS, sniffLog } from '../languageSniff/sniffLog';

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
