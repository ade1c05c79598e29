/**
 * The work a reading thread does, and how the main thread asks for it: a batch of record units, or a small
 * file read whole. The same functions run on the main thread when there are no workers (tests, or a
 * worker script that cannot start), so reading never depends on threads to be right.
 */
import { readFile, stat } from 'node:fs/promises';
import { gunzipLenient, isGzip } from '../../../common/gzip';
import { CHANGED_MESSAGE, type FileStamp, sameStamp } from './logSource';
import { type ParsedUnits, parseUnits, type UnitContext } from './unitParse';
import type { Unit } from './unitSplitter';
import { type ParsedWhole, parseWhole } from './wholeParse';

export interface WholeFile {
  readonly parsed: ParsedWhole;
  readonly stamp: FileStamp;
  /** Why the file could not be read to its end, or changed while read. */
  readonly errors: readonly string[];
}

export type ReadJob =
  | { readonly kind: 'units'; readonly units: readonly Unit[]; readonly context: UnitContext }
  | { readonly kind: 'file'; readonly path: string; readonly validate: boolean };

/** Runs reading jobs: on worker threads, or here. */
export interface JobRunner {
  units(units: readonly Unit[], context: UnitContext): Promise<ParsedUnits>;
  file(path: string, validate: boolean): Promise<WholeFile>;
  /** Stops the threads; jobs not done are abandoned. */
  close(): void;
}

/** Reads a file whole (a folder's delivered logs are small): decompressed, decoded, parsed. */
export async function readWholeFile(path: string, validate: boolean): Promise<WholeFile> {
  const before = await stat(path);
  const bytes = await readFile(path);
  const gzip = isGzip(bytes);
  const errors: string[] = [];
  let text: string;
  if (gzip) {
    const decompressed = await gunzipLenient(bytes);
    text = decompressed.text;
    if (decompressed.error) errors.push(decompressed.error);
  } else {
    text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  }
  // The editor shows a file without its byte-order mark: so are places counted.
  const startByte = text.charCodeAt(0) === 0xfeff ? 3 : 0;
  if (startByte) text = text.slice(1);
  const after = await stat(path);
  if (!sameStamp(before, after) || bytes.length !== after.size) errors.push(CHANGED_MESSAGE);
  const parsed = parseWhole(text, validate, startByte);
  // Bytes that are not UTF-8 became U+FFFD, whose three bytes are not theirs: offsets past one are read back by characters.
  const bytesExact = !text.includes('\uFFFD');
  return { parsed, stamp: { path, size: before.size, mtimeMs: before.mtimeMs, gzip, startByte, bytesExact }, errors };
}

/** Does one job (on whichever thread calls it). */
export async function runJob(job: ReadJob): Promise<ParsedUnits | WholeFile> {
  return job.kind === 'units' ? parseUnits(job.units, job.context) : readWholeFile(job.path, job.validate);
}

/** Jobs run on the main thread, one at a time. */
export class InlineRunner implements JobRunner {
  units(units: readonly Unit[], context: UnitContext): Promise<ParsedUnits> {
    return Promise.resolve().then(() => parseUnits(units, context));
  }

  file(path: string, validate: boolean): Promise<WholeFile> {
    return readWholeFile(path, validate);
  }

  close(): void {}
}
