/**
 * Many records' texts read back from their files on disk, for an export: in the order asked (a folder's time order),
 * yet each file read forward, once, however many of its records are asked for. Records are taken a batch at a time;
 * within a batch they are read in file and offset order, each file through a cursor over its decoded text (gunzipped
 * on the way) that only goes back to the start when asked for an earlier record; a few cursors stay open. One record
 * at a time through files/recordReadBack.ts would open (and for gzip, decompress up to) its file once per record.
 * A record of a file that has changed since it was read gives undefined, as the one-record path does.
 */
import type { DiskRecord } from '../files/diskRecord';
import { type FileStamp, LogSource, sameStamp } from '../files/logSource';
import { unquotedRecord } from '../features/recordText';

/** Records read as one batch, and the most of their characters a batch holds. */
const BATCH_RECORDS = 4096;
const BATCH_CHARS = 16 * 1024 * 1024;
/**
 * Files kept open at most: a folder's time order moves through every file whose time span overlaps, and each stays
 * open (its chunk and its gunzip state, some 100 KB) until its last record is read. Past this many, the least
 * recently used is closed, and read again from its start if asked for again.
 */
const OPEN_CURSORS = 256;

/** A file's text read forward: spans asked for in increasing order cost one pass. */
class TextCursor {
  private chunks: AsyncGenerator<string> | undefined;
  private source: LogSource | undefined;
  private chunk = '';
  /** Where `chunk` starts in the file's text. */
  private chunkStart = 0;
  /** The file changed since it was read: nothing is given. */
  private changed = false;

  constructor(private readonly stamp: FileStamp) {}

  /** Characters `start` to `end` of the file's text; undefined when the file ends first or has changed. */
  async take(start: number, end: number): Promise<string | undefined> {
    if (this.changed) return undefined;
    if (!this.chunks || start < this.chunkStart) await this.restart();
    if (!this.chunks) return undefined;
    const parts: string[] = [];
    let at = start;
    while (at < end) {
      const offset = at - this.chunkStart;
      if (offset < this.chunk.length) {
        const to = Math.min(end - this.chunkStart, this.chunk.length);
        parts.push(this.chunk.slice(offset, to));
        at = this.chunkStart + to;
        continue;
      }
      const next = await this.chunks.next();
      if (next.done) return undefined;
      this.chunkStart += this.chunk.length;
      this.chunk = next.value;
    }
    return parts.join('');
  }

  async close(): Promise<void> {
    const { chunks, source } = this;
    this.chunks = this.source = undefined;
    await chunks?.return(undefined);
    // A generator never started runs no finally: the file is closed here.
    await source?.close();
  }

  private async restart(): Promise<void> {
    await this.close();
    const source = await LogSource.open(this.stamp.path).catch(() => undefined);
    if (!source || !sameStamp(source.stamp, this.stamp)) {
      await source?.close();
      this.changed = true;
      return;
    }
    this.source = source;
    this.chunks = source.chunks();
    this.chunk = '';
    this.chunkStart = 0;
  }
}

/** Open cursors by file URI, the least recently used closed first. */
class Cursors {
  private readonly open = new Map<string, TextCursor>();

  constructor(private readonly stamp: (uri: string) => FileStamp | undefined) {}

  /** The cursor of a record's file; undefined when the file's read is no longer known. */
  async of(uri: string): Promise<TextCursor | undefined> {
    let cursor = this.open.get(uri);
    if (cursor) this.open.delete(uri);
    else {
      const stamp = this.stamp(uri);
      if (!stamp) return undefined;
      cursor = new TextCursor(stamp);
      if (this.open.size >= OPEN_CURSORS) {
        const [oldest, closing] = this.open.entries().next().value as [string, TextCursor];
        this.open.delete(oldest);
        await closing.close();
      }
    }
    this.open.set(uri, cursor);
    return cursor;
  }

  /** Closes the cursor of a file that has no more records to give. */
  async done(uri: string): Promise<void> {
    const cursor = this.open.get(uri);
    this.open.delete(uri);
    await cursor?.close();
  }

  async closeAll(): Promise<void> {
    for (const cursor of this.open.values()) await cursor.close();
    this.open.clear();
  }
}

/** The records of a batch: as many as fit, from `from` on. */
function batchEnd(records: readonly DiskRecord[], from: number): number {
  let chars = 0;
  let to = from;
  while (to < records.length && to - from < BATCH_RECORDS && (to === from || chars < BATCH_CHARS)) {
    chars += records[to]!.end - records[to]!.start;
    to++;
  }
  return to;
}

/** The texts of records read from disk, in the order given; `stamp` says how each file was when it was read. */
export async function* diskRecordTexts(
  records: readonly DiskRecord[],
  stamp: (uri: string) => FileStamp | undefined,
): AsyncGenerator<string | undefined> {
  const cursors = new Cursors(stamp);
  // Where each file's last record is: its cursor closes after it.
  const last = new Map<string, number>();
  records.forEach((record, i) => last.set(record.uri, i));
  try {
    for (let from = 0; from < records.length;) {
      const to = batchEnd(records, from);
      const texts = await readBatch(records, from, to, cursors);
      for (const [uri, at] of last) {
        if (at >= to) continue;
        last.delete(uri);
        await cursors.done(uri);
      }
      for (const text of texts) yield text;
      from = to;
    }
  } finally {
    await cursors.closeAll();
  }
}

/** The texts of records `from` to `to`, read in file and offset order. */
async function readBatch(records: readonly DiskRecord[], from: number, to: number, cursors: Cursors): Promise<(string | undefined)[]> {
  // Reading a record's uri and offsets reads the shared place table: once each, before sorting.
  const keys = [];
  for (let i = from; i < to; i++) keys.push({ i, uri: records[i]!.uri, start: records[i]!.start, end: records[i]!.end });
  keys.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.start - b.start));
  const texts = new Array<string | undefined>(to - from);
  for (const { i, uri, start, end } of keys) {
    const raw = await (await cursors.of(uri))?.take(start, end);
    texts[i - from] = raw === undefined ? undefined : unquotedRecord(raw);
  }
  return texts;
}
