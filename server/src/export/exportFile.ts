/**
 * An export written to a file: records' texts, as they come (from a document or read back from disk), as CSV rows,
 * JSON Lines or a CloudTrail log `{"Records":[…]}` of one record a line, each redacted first when asked. Streamed: a
 * record at a time, written in blocks, never the whole export in memory. Written to a temporary file beside the
 * target and renamed onto it when complete, so a cancelled or failed export leaves no half-written file; the file it
 * replaces keeps its permissions, and an export of no record replaces nothing.
 */
import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, stat, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import { DEFAULT_EXPORT_COLUMNS, usableColumns } from '../../../common/exportColumns';
import type { ExportFormat, ExportResult } from '../../../common/protocol';
import { csvColumns, csvHeader, csvRow } from './csv';
import { type JsonNode, readJson, writeJson } from './jsonTree';
import { identifiersOf, Redactor } from './redaction';
import type { RecordSummary } from '../features/recordSummary';

export interface ExportOptions {
  readonly format: ExportFormat;
  /** For CSV: dotted field paths. */
  readonly columns?: readonly string[];
  readonly redact?: boolean;
  /** For CSV: the names the user gave accounts, in a column beside each account column (none when redacting). */
  readonly accountNames?: ReadonlyMap<string, string>;
  /** With `redact`: the answer carries the mapping. */
  readonly keepMapping?: boolean;
  /** The file to write. */
  readonly path: string;
  onProgress?(done: number, total: number): void;
  isCancelled?(): boolean;
}

/** Characters gathered before a write. */
const BLOCK_CHARS = 1024 * 1024;
/** Progress is reported at most this often. */
const PROGRESS_MS = 100;

/** What a format writes before, for and after the records. */
interface Layout {
  readonly head: string;
  record(node: JsonNode, first: boolean): string;
  tail(records: number): string;
}

function layoutOf(format: ExportFormat, paths: readonly string[], names: ReadonlyMap<string, string> | undefined): Layout {
  switch (format) {
    case 'csv': {
      const columns = csvColumns(paths, names);
      return { head: csvHeader(columns), record: (node) => csvRow(node, columns), tail: () => '' };
    }
    case 'jsonl':
      return { head: '', record: (node) => `${writeJson(node)}\n`, tail: () => '' };
    case 'cloudtrail':
      return {
        head: '{"Records":[',
        record: (node, first) => `${first ? '\n' : ',\n'}${writeJson(node)}`,
        tail: (records) => (records > 0 ? '\n]}\n' : ']}\n'),
      };
  }
}

/** A file written in blocks: text gathered, then written, its bytes counted. */
class BlockWriter {
  bytes = 0;
  private pending: string[] = [];
  private chars = 0;

  constructor(private readonly handle: FileHandle) {}

  async add(text: string): Promise<void> {
    this.pending.push(text);
    this.chars += text.length;
    if (this.chars >= BLOCK_CHARS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const block = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.chars = 0;
    this.bytes += block.length;
    await this.handle.write(block);
  }
}

/** An export that wrote no record: the target is left as it was. */
export class EmptyExport extends Error {
  constructor(readonly skipped: number) {
    super(skipped > 0 ? `none of the ${skipped} records could be read` : 'no record to export');
  }
}

/** The permissions of the file the export replaces (a 0600 log stays 0600); undefined when there is none. */
async function modeOf(target: string): Promise<number | undefined> {
  const found = await stat(target).catch(() => undefined);
  return found?.isFile() ? found.mode & 0o7777 : undefined;
}

/** A temporary name beside the target, so the rename onto it stays on one file system. */
function temporaryPath(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.partial`);
}

/**
 * Writes the export of the `selected` records, whose texts come in `texts` in the same order; undefined when cancelled (nothing is
 * left behind); throws when the file cannot be written, and EmptyExport when no record was.
 */
export async function writeExport(
  selected: readonly RecordSummary[],
  texts: AsyncIterable<string | undefined>,
  options: ExportOptions,
): Promise<ExportResult | undefined> {
  const temporary = temporaryPath(options.path);
  const mode = await modeOf(options.path);
  // Created with the old file's mode, so its records are never readable by more people, even for a moment.
  const handle = await open(temporary, 'wx', mode ?? 0o666);
  let complete = false;
  try {
    const writer = new BlockWriter(handle);
    const counts = await writeRecords(selected, texts, writer, options);
    if (!counts) return undefined;
    if (counts.records === 0) throw new EmptyExport(counts.skipped);
    await writer.flush();
    // The umask may have taken bits the old file had.
    if (mode !== undefined) await handle.chmod(mode);
    await handle.close();
    await rename(temporary, options.path);
    complete = true;
    const { redactor, records, skipped } = counts;
    return {
      records,
      bytes: writer.bytes,
      ...(skipped > 0 ? { skipped } : {}),
      ...(redactor && options.keepMapping ? { mapping: redactor.pseudonyms.entries() } : {}),
    };
  } finally {
    if (!complete) {
      await handle.close().catch(() => undefined);
      await unlink(temporary).catch(() => undefined);
    }
  }
}

async function writeRecords(
  summaries: readonly RecordSummary[],
  texts: AsyncIterable<string | undefined>,
  writer: BlockWriter,
  options: ExportOptions,
): Promise<{ records: number; skipped: number; redactor?: Redactor } | undefined> {
  // A redacted export names no account: a name would say what its pseudonym hides.
  const names = options.redact ? undefined : options.accountNames;
  const layout = layoutOf(options.format, usableColumns(options.columns) ?? DEFAULT_EXPORT_COLUMNS, names);
  const redactor = options.redact ? new Redactor() : undefined;
  // What the summaries say the records hold: no pseudonym will be one of those values.
  if (redactor) for (const summary of summaries) for (const value of identifiersOf(summary)) redactor.pseudonyms.reserve(value);
  const total = summaries.length;
  let records = 0;
  let skipped = 0;
  let reportedAt = 0;
  await writer.add(layout.head);
  for await (const text of texts) {
    if (options.isCancelled?.()) return undefined;
    const node = text === undefined ? undefined : readJson(text);
    if (node?.kind !== 'object') skipped++;
    else {
      await writer.add(layout.record(redactor ? redactor.redact(node) : node, records === 0));
      records++;
    }
    const now = Date.now();
    if (now - reportedAt >= PROGRESS_MS) {
      reportedAt = now;
      options.onProgress?.(records + skipped, total);
    }
  }
  if (options.isCancelled?.()) return undefined;
  await writer.add(layout.tail(records));
  options.onProgress?.(records + skipped, total);
  return { records, skipped, ...(redactor ? { redactor } : {}) };
}
