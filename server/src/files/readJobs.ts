/**
 * The work a reading thread does, and how the main thread asks for it: a batch of record units, or a small
 * file read whole. The same functions run on the main thread when there are no workers (tests, or a
 * worker script that cannot start), so reading never depends on threads to be right.
 */
import { gunzipSync } from 'node:zlib';
import { type Decompressed, gunzipLenient, gzipTextSize, isGzip } from '../../../common/gzip';
import { CHANGED_MESSAGE, type FileStamp, sameStamp } from './logSource';
import type { Placeholders } from '../detections/placeholders';
import type { ReadRules } from '../detections/ruleReader';
import type { RuleSet, SigmaLevel } from '../detections/ruleSet';
import { readRegular, readRegularSync } from './regularFile';
import { readScannedWhole } from './scannedWhole';
import { type ParsedUnits, parseUnits, type UnitContext } from './unitParse';
import { type PackedUnits, unpackUnits } from './unitBatch';
import { type ContentHash, hashFileContent } from '../integrity/contentHash';
import { type DigestRead, readDigests } from '../integrity/integrityJobs';
import type { Unit } from './unitSplitter';
import { type ParsedWhole, parseWhole } from './wholeParse';

/** Output chunks are sized from the gzip trailer's length, so a delivered log decompresses in one or two steps. */
const MIN_CHUNK = 64 * 1024;
const MAX_CHUNK = 64 * 1024 * 1024;

/**
 * A folder's file is read whole when its text is at most this many bytes (a delivered log's is well under); a
 * larger one is streamed. A gzip file's text can be a thousand times its size on disk (a gzip bomb's is), and a
 * lying trailer is only found out by decompressing: the limit is also what that can cost, on each thread, and
 * what the thread's allocator may keep of it afterwards.
 */
export const WHOLE_TEXT_LIMIT = 16 * 1024 * 1024;

/**
 * A whole gzip file decompressed on this thread, in as few steps as its size allows, or what could be read of
 * a broken one; `tooLarge` past `maxBytes`. The trailer gives the size of the last member only, modulo 4 GiB:
 * it is trusted to say "too large", and when it says less zlib is still held to `maxBytes`.
 */
function gunzipWhole(bytes: Buffer, maxBytes: number): { readonly bytes: Buffer } | Decompressed | Promise<Decompressed> {
  const size = gzipTextSize(bytes, bytes.length) ?? 0;
  if (size > maxBytes) return { text: '', tooLarge: true };
  try {
    const chunkSize = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, size + 1));
    return { bytes: gunzipSync(bytes, { chunkSize, maxOutputLength: maxBytes }) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { text: '', tooLarge: true };
    return gunzipLenient(bytes, maxBytes);
  }
}

export interface WholeFile {
  readonly parsed: ParsedWhole;
  readonly stamp: FileStamp;
  /** Why the file could not be read to its end, or changed while read. */
  readonly errors: readonly string[];
}

/** A file whose text is over the limit: not read here, for the caller to stream. */
export interface TooLarge {
  readonly tooLarge: true;
}

export type WholeRead = WholeFile | TooLarge;

/** A folder's file to read whole: not one over `fileLimit` bytes on disk, nor with text past `textLimit` (WHOLE_TEXT_LIMIT both by default). */
export interface FileJob {
  readonly path: string;
  readonly validate: boolean;
  readonly fileLimit?: number;
  readonly textLimit?: number;
}

export type ReadJob =
  | { readonly kind: 'units'; readonly units: PackedUnits; readonly context: UnitContext }
  | ({ readonly kind: 'file' } & FileJob)
  // An integrity check's (integrity/integrityJobs.ts): digests read and parsed, a log's content hashed.
  | { readonly kind: 'digests'; readonly paths: readonly string[] }
  | { readonly kind: 'hash'; readonly path: string };

/** What a job answers. */
export type JobAnswer = ParsedUnits | WholeRead | DigestRead[] | ContentHash;

/** Runs reading jobs: on worker threads, or here. */
export interface JobRunner {
  /** The rule set its jobs ask about each record (the threads compile the same one); a read's matches are collected against it. */
  readonly rules?: RuleSet | undefined;
  units(units: readonly Unit[], context: UnitContext): Promise<ParsedUnits>;
  file(job: FileJob): Promise<WholeRead>;
  /** Digest files read, hashed and parsed, in order. */
  digests(paths: readonly string[]): Promise<DigestRead[]>;
  /** A log's uncompressed content hashed, streamed. */
  hash(path: string): Promise<ContentHash>;
  /** Stops the threads; jobs not done are abandoned. */
  close(): void;
}

/** The rules a read asks about each record: compiled here, and the rule files as read, which threads compile the same set from. */
export interface ThreadRules {
  readonly set: RuleSet;
  readonly reads: readonly ReadRules[];
  readonly minLevel: SigmaLevel;
  readonly placeholders: Placeholders;
  /** The exclusion list the set was compiled with (exclusions.ts): a thread's findings must be the main thread's. */
  readonly exclude: readonly unknown[];
}

/**
 * Reads a folder's file whole (a delivered log is small): decompressed, decoded, parsed, its records asked of
 * `rules`. Only a regular file, not through a symbolic link, and only as many bytes as it had when opened.
 */
export async function readWholeFile(job: FileJob, rules?: RuleSet, blocking = false): Promise<WholeRead> {
  const { path, validate, fileLimit = WHOLE_TEXT_LIMIT, textLimit = WHOLE_TEXT_LIMIT } = job;
  // Its size is known once open: the thread, not the main thread, tells a file to stream.
  const read = blocking ? readRegularSync(path, false, fileLimit) : await readRegular(path, false, fileLimit);
  if (!read) return { tooLarge: true };
  const { bytes, before, after } = read;
  const gzip = isGzip(bytes);
  const errors: string[] = [];
  // The file's text as bytes, or (a broken gzip file's) as what could be read of it.
  let content: Buffer | string = bytes;
  if (gzip) {
    const decompressed = await gunzipWhole(bytes, textLimit);
    if ('bytes' in decompressed) content = decompressed.bytes;
    else {
      if (decompressed.tooLarge) return { tooLarge: true };
      content = decompressed.text;
      if (decompressed.error) errors.push(decompressed.error);
    }
  }
  if (!sameStamp(before, after) || bytes.length !== after.size) errors.push(CHANGED_MESSAGE);
  const stamp = { path, size: before.size, mtimeMs: before.mtimeMs, gzip };
  // A folder's file (no checks to show) goes through the scanner where it can.
  const scanned = typeof content !== 'string' && !validate ? readScannedWhole(content, rules) : undefined;
  if (scanned && typeof content !== 'string') {
    // The scanner reads UTF-8 only, so byte offsets are exact unless the text holds U+FFFD itself, as the text's reading says.
    const startByte = content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf ? 3 : 0;
    return { parsed: scanned, stamp: { ...stamp, startByte, bytesExact: !content.includes(REPLACEMENT) }, errors };
  }
  let text = typeof content === 'string' ? content : content.toString('utf8');
  // The editor shows a file without its byte-order mark: so are places counted.
  const startByte = text.charCodeAt(0) === 0xfeff ? 3 : 0;
  if (startByte) text = text.slice(1);
  const parsed = parseWhole(text, validate, startByte, rules);
  // Bytes that are not UTF-8 became U+FFFD, whose three bytes are not theirs: offsets past one are read back by characters.
  const bytesExact = !text.includes('\uFFFD');
  return { parsed, stamp: { ...stamp, startByte, bytesExact }, errors };
}

/** U+FFFD in UTF-8. */
const REPLACEMENT = Buffer.from('\uFFFD', 'utf8');

/** Does one job (on whichever thread calls it), asking `rules` about each record; `blocking` on a reading thread. */
export async function runJob(job: ReadJob, rules?: RuleSet, blocking = false): Promise<JobAnswer> {
  switch (job.kind) {
    case 'units':
      return parseUnits(unpackUnits(job.units), job.context, rules);
    case 'file':
      return readWholeFile(job, rules, blocking);
    case 'digests':
      return readDigests(job.paths, blocking);
    case 'hash':
      return hashFileContent(job.path, blocking);
  }
}

/** Jobs run on the main thread, one at a time. */
export class InlineRunner implements JobRunner {
  constructor(readonly rules?: RuleSet) {}

  units(units: readonly Unit[], context: UnitContext): Promise<ParsedUnits> {
    return Promise.resolve().then(() => parseUnits(units, context, this.rules));
  }

  file(job: FileJob): Promise<WholeRead> {
    return readWholeFile(job, this.rules);
  }

  digests(paths: readonly string[]): Promise<DigestRead[]> {
    return readDigests(paths);
  }

  hash(path: string): Promise<ContentHash> {
    return hashFileContent(path);
  }

  close(): void {}
}
