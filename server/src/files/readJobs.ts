/**
 * The work a reading thread does, and how the main thread asks for it: a batch of record units, or a small
 * file read whole. The same functions run on the main thread when there are no workers (tests, or a
 * worker script that cannot start), so reading never depends on threads to be right.
 */
import type { Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { type Decompressed, gunzipLenient, isGzip } from '../../../common/gzip';
import { CHANGED_MESSAGE, type FileStamp, sameStamp } from './logSource';
import type { ReadRules } from '../detections/ruleReader';
import type { RuleSet, SigmaLevel } from '../detections/ruleSet';
import { type ParsedUnits, parseUnits, type UnitContext } from './unitParse';
import { type PackedUnits, unpackUnits } from './unitBatch';
import type { Unit } from './unitSplitter';
import { type ParsedWhole, parseWhole } from './wholeParse';

/** Output chunks are sized from the gzip trailer's length, so a delivered log decompresses in one or two steps. */
const MIN_CHUNK = 64 * 1024;
const MAX_CHUNK = 64 * 1024 * 1024;

/** A whole gzip file decompressed on this thread, in as few steps as its size allows; undefined if it cannot be read to its end. */
function gunzipWhole(bytes: Buffer): Decompressed | undefined {
  const size = bytes.length >= 4 ? bytes.readUInt32LE(bytes.length - 4) : 0;
  try {
    const chunkSize = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, size + 1));
    return { text: gunzipSync(bytes, { chunkSize }).toString('utf8') };
  } catch {
    return undefined;
  }
}

export interface WholeFile {
  readonly parsed: ParsedWhole;
  readonly stamp: FileStamp;
  /** Why the file could not be read to its end, or changed while read. */
  readonly errors: readonly string[];
}

export type ReadJob =
  | { readonly kind: 'units'; readonly units: PackedUnits; readonly context: UnitContext }
  | { readonly kind: 'file'; readonly path: string; readonly validate: boolean };

/** Runs reading jobs: on worker threads, or here. */
export interface JobRunner {
  units(units: readonly Unit[], context: UnitContext): Promise<ParsedUnits>;
  file(path: string, validate: boolean): Promise<WholeFile>;
  /** Stops the threads; jobs not done are abandoned. */
  close(): void;
}

/** The rules a read asks about each record: compiled here, and the rule files as read, which threads compile the same set from. */
export interface ThreadRules {
  readonly set: RuleSet;
  readonly reads: readonly ReadRules[];
  readonly minLevel: SigmaLevel;
}

/** Reads a file whole (a folder's delivered logs are small): decompressed, decoded, parsed, its records asked of `rules`. */
export async function readWholeFile(path: string, validate: boolean, rules?: RuleSet): Promise<WholeFile> {
  const handle = await open(path, 'r');
  let before: Stats;
  let bytes: Buffer;
  let after: Stats;
  try {
    before = await handle.stat();
    bytes = await handle.readFile();
    after = await handle.stat();
  } finally {
    await handle.close();
  }
  const gzip = isGzip(bytes);
  const errors: string[] = [];
  let text: string;
  if (gzip) {
    const decompressed = gunzipWhole(bytes) ?? (await gunzipLenient(bytes));
    text = decompressed.text;
    if (decompressed.error) errors.push(decompressed.error);
  } else {
    text = bytes.toString('utf8');
  }
  // The editor shows a file without its byte-order mark: so are places counted.
  const startByte = text.charCodeAt(0) === 0xfeff ? 3 : 0;
  if (startByte) text = text.slice(1);
  if (!sameStamp(before, after) || bytes.length !== after.size) errors.push(CHANGED_MESSAGE);
  const parsed = parseWhole(text, validate, startByte, rules);
  // Bytes that are not UTF-8 became U+FFFD, whose three bytes are not theirs: offsets past one are read back by characters.
  const bytesExact = !text.includes('\uFFFD');
  return { parsed, stamp: { path, size: before.size, mtimeMs: before.mtimeMs, gzip, startByte, bytesExact }, errors };
}

/** Does one job (on whichever thread calls it), asking `rules` about each record. */
export async function runJob(job: ReadJob, rules?: RuleSet): Promise<ParsedUnits | WholeFile> {
  return job.kind === 'units' ? parseUnits(unpackUnits(job.units), job.context, rules) : readWholeFile(job.path, job.validate, rules);
}

/** Jobs run on the main thread, one at a time. */
export class InlineRunner implements JobRunner {
  constructor(private readonly rules?: RuleSet) {}

  units(units: readonly Unit[], context: UnitContext): Promise<ParsedUnits> {
    return Promise.resolve().then(() => parseUnits(units, context, this.rules));
  }

  file(path: string, validate: boolean): Promise<WholeFile> {
    return readWholeFile(path, validate, this.rules);
  }

  close(): void {}
}
