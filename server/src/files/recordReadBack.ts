/**
 * A record's raw text read back from its file on disk, by the byte offsets kept when the file was read:
 * one read at that place for a plain file, the stream decompressed up to there for a gzip file. When the
 * file's bytes were not all UTF-8 (so byte offsets counted from its text may be off), the text is decoded
 * again and the record taken by character offsets. Nothing is given for a file that has changed since.
 */
import { stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { DiskRecord } from './diskRecord';
import { type FileStamp, LogSource, sameStamp } from './logSource';
import { openRegular } from './regularFile';

/** A record's text is not read back past this many bytes (no record is anywhere near). */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

export async function readRecordText(stamp: FileStamp, record: DiskRecord): Promise<string | undefined> {
  const now = await stat(stamp.path).catch(() => undefined);
  if (!now || !sameStamp(now, stamp)) return undefined;
  const length = record.byteEnd - record.byteStart;
  if (length < 0 || length > MAX_RECORD_BYTES) return undefined;
  if (!stamp.bytesExact) return byCharacters(stamp.path, record.start, record.end);
  const bytes = stamp.gzip
    ? await gunzippedRange(stamp.path, record.byteStart, record.byteEnd)
    : await fileRange(stamp.path, record.byteStart, length);
  return bytes && new TextDecoder('utf-8').decode(bytes);
}

async function fileRange(path: string, start: number, length: number): Promise<Uint8Array | undefined> {
  const { handle } = await openRegular(path);
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, start);
    return bytesRead === length ? buffer : undefined;
  } finally {
    await handle.close();
  }
}

/** Bytes `start` to `end` of a gzip file's decompressed content, decompressing no further than `end`. */
async function gunzippedRange(path: string, start: number, end: number): Promise<Uint8Array | undefined> {
  const { handle, stats } = await openRegular(path);
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let at = 0;
    const file = handle.createReadStream({ end: Math.max(0, stats.size - 1) });
    const gunzip = createGunzip();
    const finish = (value: Uint8Array | undefined) => {
      file.destroy();
      gunzip.destroy();
      resolve(value);
    };
    gunzip.on('data', (chunk: Buffer) => {
      const from = Math.max(start - at, 0);
      const to = Math.min(end - at, chunk.length);
      if (to > from) parts.push(chunk.subarray(from, to));
      at += chunk.length;
      if (at >= end) finish(Buffer.concat(parts));
    });
    // A cut-off file's last records were read from what it holds: they can be given back from it too.
    const partial = () => finish(at >= end ? Buffer.concat(parts) : undefined);
    gunzip.on('error', partial);
    gunzip.on('end', partial);
    file.on('error', () => finish(undefined));
    file.pipe(gunzip);
  });
}

/** The characters `start` to `end` of the file's text, decoded as it was when read. */
async function byCharacters(path: string, start: number, end: number): Promise<string | undefined> {
  const source = await LogSource.open(path);
  const parts: string[] = [];
  let at = 0;
  for await (const chunk of source.chunks()) {
    const from = Math.max(start - at, 0);
    const to = Math.min(end - at, chunk.length);
    if (to > from) parts.push(chunk.slice(from, to));
    at += chunk.length;
    if (at >= end) return parts.join('');
  }
  return undefined;
}
