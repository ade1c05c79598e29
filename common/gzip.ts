/**
 * Reading gzipped logs (CloudTrail delivers `.json.gz`) without the user unpacking them. A truncated or
 * corrupt file still yields what could be read, with a sentence that says what went wrong.
 */
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { errorText } from './errorText';

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Whether a file on disk holds gzip bytes, from its first two: a large log is not read for them. */
export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return isGzip(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** Deflate never shrinks data more than about 1032 to 1. */
const MAX_RATIO = 1032;

/**
 * A gzip file's decompressed size from its last four bytes (ISIZE, little-endian), given the file's size.
 * It is the size modulo 4 GiB, and only the last member's, so a caller trusts it to say "large" and tries
 * when it says "small". A truncated download ends in arbitrary bytes: a size deflate could not reach is no size.
 */
export function gzipTextSize(trailer: Uint8Array, fileBytes = Infinity): number | undefined {
  if (trailer.length < 4) return undefined;
  const at = trailer.length - 4;
  const size = (trailer[at]! | (trailer[at + 1]! << 8) | (trailer[at + 2]! << 16)) + trailer[at + 3]! * 0x1000000;
  return size <= fileBytes * MAX_RATIO ? size : undefined;
}

export interface Decompressed {
  readonly text: string;
  /** Why the file could not be read to its end, in words a user understands; absent when it was. */
  readonly error?: string;
  /** Set, with no text, when the text would have been longer than the `maxBytes` asked for. */
  readonly tooLarge?: true;
}

const REASONS: Readonly<Record<string, string>> = {
  Z_BUF_ERROR: 'the file ends early (a truncated download?)',
  Z_DATA_ERROR: 'the compressed data is corrupt',
};

/** Why a gzip file could not be read to its end, when `chars` characters of it could be. */
export function gunzipFailure(error: NodeJS.ErrnoException, gzip: boolean, chars: number): string {
  const reason = (error.code && REASONS[error.code]) ?? error.message;
  return `${gzip ? 'This gzip file cannot be read to its end' : 'This is not a gzip file'}: ${reason}. ${chars > 0 ? `Showing the ${chars.toLocaleString('en-US')} characters that could be read.` : 'Nothing could be read.'}`;
}

/**
 * Decompresses a whole gzip file, keeping what could be read of a broken one. Stops as soon as the text
 * outgrows `maxBytes`: a trailer can understate the size (a gzip bomb's does), and one string cannot hold
 * more than about 512 MB.
 */
export function gunzipLenient(data: Uint8Array, maxBytes: number): Promise<Decompressed> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const gunzip = createGunzip();
    const settle = (result: () => Decompressed) => {
      try {
        resolve(result());
      } catch (error) {
        resolve({ text: '', error: `This gzip file cannot be read: ${errorText(error)}.` });
      }
    };
    gunzip.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= maxBytes) chunks.push(chunk);
      else {
        chunks.length = 0;
        gunzip.removeAllListeners();
        gunzip.destroy();
        resolve({ text: '', tooLarge: true });
      }
    });
    gunzip.on('error', (error: NodeJS.ErrnoException) =>
      settle(() => {
        const text = Buffer.concat(chunks).toString('utf8');
        return { text, error: gunzipFailure(error, isGzip(data), text.length) };
      }),
    );
    gunzip.on('end', () => settle(() => ({ text: Buffer.concat(chunks).toString('utf8') })));
    gunzip.end(data);
  });
}
