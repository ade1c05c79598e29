/**
 * A folder of logs (CloudTrail's AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/ layout, gzipped)
 * read into one list of record summaries: one file at a time, its text dropped once summarised, so a
 * day of a busy account never sits in memory at once. Cancellable between files.
 */
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipLenient, isGzip } from '../../../common/gzip';
import { type RecordSummary, summarize } from '../features/recordSummary';
import type { Span } from '../parse/parsedLog';
import { parseLog } from '../parse/parseLog';

/** A record of a folder: its summary, the file it is in, and its range there (kept, as the text is not). */
export type FolderRecord<R> = RecordSummary & { readonly uri: string; readonly range: R };

export interface FolderIndex<R> {
  readonly records: FolderRecord<R>[];
  readonly files: number;
  /** Files that could not be read, with why. */
  readonly failed: { readonly uri: string; readonly message: string }[];
}

/** Log files under a folder: `.json` and `.json.gz`, digests left out, in path order. */
export async function logFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (/\.json(\.gz)?$/i.test(entry.name) && !/CloudTrail-Digest/.test(full)) found.push(full);
    }
  };
  await walk(root);
  return found;
}

export interface IndexOptions<R> {
  /** How a file's spans become the ranges its records keep: given each file's text while it is read. */
  rangesIn(text: string): (span: Span) => R;
  onProgress?(done: number, total: number): void;
  isCancelled?(): boolean;
}

/** A log file's text, decompressed when it is gzip; a truncated or corrupt file gives what could be read, and why not more. */
export async function readLogText(file: string): Promise<{ readonly text: string; readonly error?: string }> {
  const bytes = await readFile(file);
  return isGzip(bytes) ? gunzipLenient(bytes) : { text: bytes.toString('utf8') };
}

/** Reads every log under `root`; undefined when cancelled. */
export async function indexFolder<R>(root: string, options: IndexOptions<R>): Promise<FolderIndex<R> | undefined> {
  const files = await logFiles(root);
  const records: FolderRecord<R>[] = [];
  const failed: { uri: string; message: string }[] = [];
  for (let i = 0; i < files.length; i++) {
    if (options.isCancelled?.()) return undefined;
    const file = files[i]!;
    const uri = pathToFileURL(file).toString();
    try {
      // A truncated download still gives the records it holds, as when the file is opened on its own.
      const { text, error } = await readLogText(file);
      const parsed = parseLog(text);
      if (error) failed.push({ uri, message: error });
      else if (parsed.syntax.length > 0)
        failed.push({ uri, message: `${parsed.syntax.length} JSON errors; the records before them are shown` });
      const rangeOf = options.rangesIn(text);
      for (const s of summarize(parsed)) {
        records.push({ ...s, index: records.length, uri, range: rangeOf(s) });
      }
    } catch (error) {
      failed.push({ uri, message: error instanceof Error ? error.message : String(error) });
    }
    options.onProgress?.(i + 1, files.length);
  }
  return { records, files: files.length, failed };
}
