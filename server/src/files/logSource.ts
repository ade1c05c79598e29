/**
 * A log file's text as a stream of decoded chunks, gunzipped on the way when it is gzip: never the whole
 * text at once. A truncated or corrupt gzip file gives what could be read and says why not more, as
 * common/gzip.ts does for a file read whole. The file's size and modification time are compared before
 * and after, so a file changed while it was read is known. Only a regular file is read, and only the bytes
 * it had when opened (regularFile.ts); a gzip file's text is streamed, never gathered, however large.
 */
import { stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { isAscii } from 'node:buffer';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { gunzipFailure, isGzip } from '../../../common/gzip';
import { openRegular } from './regularFile';

/**
 * Bytes read, and decompressed, at a time. Small enough that each chunk's string is a young object V8
 * frees at once (a megabyte string lives in the large-object space until a full collection: sixty of them
 * were 100 MB more at the peak), large enough that the reading costs nothing next to the parsing.
 */
const CHUNK_BYTES = 64 * 1024;

/** A plain file is read this much at a time (fewer calls to the disk), then decoded in chunks. */
const READ_BYTES = 512 * 1024;

/** What is known of a file on disk, to read a record back from it later and to tell it has changed. */
export interface FileStamp {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly gzip: boolean;
  /** Bytes before the text (a UTF-8 byte-order mark, which the text leaves out). */
  readonly startByte: number;
  /** Whether byte offsets counted from the text match the file's (they do not past bytes that are not UTF-8). */
  bytesExact: boolean;
}

export const CHANGED_MESSAGE = 'The file changed on disk while it was read (its size or modification time differ); read it again';

export function sameStamp(a: { size: number; mtimeMs: number }, b: { size: number; mtimeMs: number }): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs;
}

export class LogSource {
  /** Why the file could not be read to its end (a cut-off or corrupt gzip file). */
  error: string | undefined;
  /** The file changed while it was read. */
  changed = false;
  /** Decompressed bytes and decoded characters read. */
  bytesOut = 0;
  private chars = 0;

  private constructor(
    readonly stamp: FileStamp,
    private readonly handle: FileHandle,
    private readonly onBytes?: (read: number, total: number) => void,
  ) {}

  /** Opens a regular file (`follow: false`: not through a symbolic link); reading its chunks to the end, or stopping, closes it. */
  static async open(path: string, onBytes?: (read: number, total: number) => void, follow = true): Promise<LogSource> {
    const { handle, stats } = await openRegular(path, follow);
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, Math.min(2, stats.size), 0);
      const gzip = isGzip(buffer.subarray(0, bytesRead));
      return new LogSource({ path, size: stats.size, mtimeMs: stats.mtimeMs, gzip, startByte: 0, bytesExact: true }, handle, onBytes);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The file's bytes as opened, decompressed: a plain file read in place into one buffer, a gzip file through zlib. */
  private async *bytes(): AsyncGenerator<Buffer> {
    const { size, gzip } = this.stamp;
    const { handle } = this;
    if (!gzip) {
      const buffer = Buffer.allocUnsafe(READ_BYTES);
      for (let at = 0; at < size;) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(READ_BYTES, size - at), at);
        if (bytesRead === 0) return;
        at += bytesRead;
        this.onBytes?.(at, size);
        // The decoder copies what it keeps of a chunk: the buffer can take the next.
        for (let from = 0; from < bytesRead; from += CHUNK_BYTES) yield buffer.subarray(from, Math.min(bytesRead, from + CHUNK_BYTES));
      }
      return;
    }
    // The handle stays open for the caller to close; the stream reads no further than the size as opened.
    const file = handle.createReadStream({ start: 0, end: size - 1, highWaterMark: CHUNK_BYTES, autoClose: false });
    let read = 0;
    file.on('data', (chunk: string | Buffer) => {
      read += chunk.length;
      this.onBytes?.(read, size);
    });
    const input: Readable = pipeline(file, createGunzip({ chunkSize: CHUNK_BYTES }), () => undefined);
    try {
      yield* input as AsyncIterable<Buffer>;
    } finally {
      file.destroy();
      input.destroy();
    }
  }

  private closed = false;

  /** Closes the file (done when the chunks end or stop; a source whose chunks are never read is closed here). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close().catch(() => undefined);
  }

  /** The text in chunks; stop iterating (or `stop()`) to stop reading. */
  async *chunks(stop?: () => boolean): AsyncGenerator<string> {
    for await (const piece of this.pieces(stop)) if (piece.text.length > 0) yield piece.text;
  }

  /**
   * The text in chunks, each with the bytes it was decoded from (for the scanner, which reads bytes): the
   * bytes are valid only until the next piece is asked for. The decoder's last characters come with no bytes.
   */
  async *pieces(stop?: () => boolean): AsyncGenerator<{ readonly bytes: Uint8Array; readonly text: string }> {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    let first = true;
    /** Whether the decoder holds the first bytes of a character the last chunk ended inside. */
    let held = false;
    let failure: NodeJS.ErrnoException | undefined;
    try {
      for await (const bytes of this.bytes()) {
        if (stop?.()) return;
        this.bytesOut += bytes.length;
        // A chunk of ASCII after a whole character reads as Latin-1, several times faster than the UTF-8 decoder.
        let text = !held && isAscii(bytes) ? bytes.toString('latin1') : decoder.decode(bytes, { stream: true });
        held = !isAscii(bytes) && endsMidCharacter(bytes);
        if (first && text.length > 0) {
          first = false;
          // The editor shows a file without its byte-order mark: so are places counted.
          if (text.charCodeAt(0) === 0xfeff) {
            text = text.slice(1);
            (this.stamp as { startByte: number }).startByte = 3;
          }
        }
        this.chars += text.length;
        yield { bytes, text };
      }
    } catch (error) {
      if (!this.stamp.gzip) throw error;
      failure = error as NodeJS.ErrnoException;
    } finally {
      await this.close();
    }
    const rest = decoder.decode();
    this.chars += rest.length;
    if (failure) this.error = gunzipFailure(failure, true, this.chars);
    if (rest.length > 0) yield { bytes: new Uint8Array(0), text: rest };
    const after = await stat(this.stamp.path).catch(() => undefined);
    this.changed = !after || !sameStamp(after, this.stamp);
  }
}

/** Whether a chunk ends inside a UTF-8 character, whose first bytes the decoder then keeps for the next chunk. */
export function endsMidCharacter(bytes: Uint8Array): boolean {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if (byte < 0x80) return false;
    // A lead byte: the character is whole when all the bytes it announces are here.
    if (byte >= 0xc0) return back < (byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2);
  }
  return false;
}
