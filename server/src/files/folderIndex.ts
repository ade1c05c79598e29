/**
 * A folder of logs (CloudTrail's AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/ layout, gzipped) read
 * into one list of records sorted by time. The reading threads take the files, each read whole (a delivered
 * file is small) while the next is decompressed; a file too large for that, on disk or decompressed, is
 * streamed. Only small records are kept, never a file's text. Cancellable between files. Only regular files
 * are read: a symbolic link, a pipe or a device named like a log is skipped, and the read says so.
 */
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DiskDetections } from './diskDetections';
import { type DiskRecord, PlaceTable } from './diskRecord';
import type { FileStamp } from './logSource';
import type { JobRunner, WholeRead } from './readJobs';
import { Interner, rowRecords } from './recordColumns';
import { notRegularReason } from './regularFile';
import { readStreamed } from './streamedLog';
import { errorText } from '../../../common/errorText';

export interface FolderIndex {
  /** Sorted by eventTime (records without one last, in file order); each record's index is its place here. */
  readonly records: DiskRecord[];
  readonly files: number;
  /** Files that could not be read whole, with why. */
  readonly failed: { readonly uri: string; readonly message: string }[];
  /** Entries named like logs that are not regular files, not read, with what they are. */
  readonly skipped: { readonly uri: string; readonly message: string }[];
  /** Each file read, by URI, to read a record's text back. */
  readonly stamps: ReadonlyMap<string, FileStamp>;
  /** What the rules matched, when the read asked them. */
  readonly detections?: DiskDetections;
}

/** A log's JSON compresses some ten times; text a hundred times its gzip file is no log (a gzip bomb's is a thousand). */
const BOMB_RATIO = 100;

const MB = 1024 * 1024;

/** What a folder's walk found: the log files, and the entries named like logs that are not read, with why. */
export interface LogFiles {
  readonly files: string[];
  readonly skipped: { readonly path: string; readonly reason: string }[];
}

/**
 * Log files under a folder: `.json` and `.json.gz`, digests left out, in path order. An entry is what it is,
 * not what it points to (readdir's types are lstat's): links, to files or folders, are not followed.
 */
export async function logFiles(root: string): Promise<LogFiles> {
  const found: LogFiles = { files: [], skipped: [] };
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (!/\.json(\.gz)?$/i.test(entry.name) || /CloudTrail-Digest/.test(full)) continue;
      else if (entry.isFile()) found.files.push(full);
      else found.skipped.push({ path: full, reason: notRegularReason(entry) ?? '' });
    }
  };
  await walk(root);
  return found;
}

export interface FolderOptions {
  /** The reading threads; the caller closes them. */
  readonly runner: JobRunner;
  /** Files above this many bytes on disk are streamed (readJobs.ts WHOLE_TEXT_LIMIT by default)… */
  readonly wholeFileLimit?: number;
  /** …and so are files whose text is (WHOLE_TEXT_LIMIT by default): a gzip file's, by its trailer or by zlib held to it. */
  readonly wholeTextLimit?: number;
  /** Where the rules' matches go; the runner's threads ask the rules. */
  readonly detections?: DiskDetections;
  onProgress?(done: number, total: number): void;
  isCancelled?(): boolean;
}

/** Reads every log under `root`; undefined when cancelled. */
export async function indexFolder(root: string, options: FolderOptions): Promise<FolderIndex | undefined> {
  const { files, skipped } = await logFiles(root);
  const reading = new FolderRead(files.length, options);
  /** Files too large to read whole, on disk or decompressed (a gzip bomb's text, say): streamed once the others are read. */
  const tooLarge: number[] = [];
  // A reading thread opens each file and sees its size; one swapped for something else since the walk is refused, saying why.
  await Promise.all(files.map((file, i) => reading.whole(i, file, () => tooLarge.push(i))));
  for (const i of tooLarge.sort((a, b) => a - b)) {
    if (options.isCancelled?.()) break;
    await reading.streamed(i, files[i]!);
  }
  if (options.isCancelled?.()) return undefined;
  const { detections } = options;
  const records = sortByTime(reading.perFile.flat());
  return {
    records,
    files: files.length,
    failed: reading.failed,
    skipped: skipped.map((s) => ({ uri: pathToFileURL(s.path).toString(), message: s.reason })),
    stamps: reading.stamps,
    ...(detections ? { detections } : {}),
  };
}

class FolderRead {
  readonly perFile: DiskRecord[][];
  readonly failed: { uri: string; message: string }[] = [];
  readonly stamps = new Map<string, FileStamp>();
  private readonly table = new PlaceTable();
  private readonly interner = new Interner();
  private done = 0;

  constructor(
    private readonly total: number,
    private readonly options: FolderOptions,
  ) {
    this.perFile = Array.from({ length: total }, () => []);
  }

  /** Reads file `i` whole on a reading thread; `tooLarge` when its text is over the limit, to be streamed. */
  whole(i: number, file: string, tooLarge: () => void): Promise<void> {
    const uri = pathToFileURL(file).toString();
    const { wholeFileLimit, wholeTextLimit } = this.options;
    const limits = {
      ...(wholeFileLimit !== undefined ? { fileLimit: wholeFileLimit } : {}),
      ...(wholeTextLimit ? { textLimit: wholeTextLimit } : {}),
    };
    return this.options.runner.file({ path: file, validate: false, ...limits }).then(
      (read: WholeRead) => {
        if ('tooLarge' in read) return tooLarge();
        const records = rowRecords(read.parsed.rows, this.table, this.table.file(uri), this.interner);
        this.perFile[i] = records;
        this.options.detections?.take(read.parsed.detected, (row) => records[row]);
        this.stamps.set(uri, read.stamp);
        this.report(uri, read.errors, read.parsed.syntaxErrors);
      },
      (error: unknown) => this.report(uri, [errorText(error)], 0),
    );
  }

  /** Reads file `i`, too large to read whole, streamed. */
  async streamed(i: number, file: string): Promise<void> {
    const uri = pathToFileURL(file).toString();
    try {
      const { runner, isCancelled, detections } = this.options;
      const options = { runner, uri, interner: this.interner, table: this.table, validate: false, follow: false, isCancelled };
      const read = await readStreamed(file, detections ? { ...options, detections } : options);
      if (!read) return;
      this.perFile[i] = read.records;
      this.stamps.set(uri, read.stamp);
      const { size, gzip } = read.stamp;
      const bomb = gzip && read.textBytes > BOMB_RATIO * size;
      const note = `${(size / MB).toFixed(1)} MB on disk decompress to ${(read.textBytes / MB).toFixed(0)} MB, far more than a log's do (a gzip bomb?): streamed, never held whole`;
      this.report(uri, bomb ? [note, ...read.errors] : read.errors, read.syntaxErrors);
    } catch (error) {
      this.report(uri, [errorText(error)], 0);
    }
  }

  private report(uri: string, errors: readonly string[], syntaxErrors: number): void {
    // A truncated download still gives the records it holds, as when the file is opened on its own.
    for (const message of errors) this.failed.push({ uri, message });
    if (errors.length === 0 && syntaxErrors > 0)
      this.failed.push({ uri, message: `${syntaxErrors} JSON errors; the records that could be read are shown` });
    if (this.options.isCancelled?.()) return;
    this.options.onProgress?.(++this.done, this.total);
  }
}

const CANONICAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** A time's milliseconds since 1970, Infinity when it is none; CloudTrail's own format read without Date.parse. */
function timeKey(time: string): number {
  if (CANONICAL_TIME.test(time)) {
    const n = (at: number, length: number) => Number(time.slice(at, at + length));
    return Date.UTC(n(0, 4), n(5, 2) - 1, n(8, 2), n(11, 2), n(14, 2), n(17, 2));
  }
  const parsed = Date.parse(time);
  return Number.isNaN(parsed) ? Infinity : parsed;
}

/** Records in time order: a stable sort, so records of the same second keep file order; records with no time go last. */
function sortByTime(records: DiskRecord[]): DiskRecord[] {
  const times = new Float64Array(records.length);
  for (let i = 0; i < records.length; i++) times[i] = timeKey(records[i]!.eventTime);
  const order = Array.from({ length: records.length }, (_, i) => i);
  order.sort((a, b) => times[a]! - times[b]! || a - b);
  const sorted = order.map((i) => records[i]!);
  for (let i = 0; i < sorted.length; i++) sorted[i]!.index = i;
  return sorted;
}
