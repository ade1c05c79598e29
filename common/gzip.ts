/**
 * Reading gzipped logs (CloudTrail delivers `.json.gz`) without the user unpacking them. A truncated or
 * corrupt file still yields what could be read, with a sentence that says what went wrong.
 */
import { createGunzip } from 'node:zlib';

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export interface Decompressed {
  readonly text: string;
  /** Why the file could not be read to its end, in words a user understands; absent when it was. */
  readonly error?: string;
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

export function gunzipLenient(data: Uint8Array): Promise<Decompressed> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const gunzip = createGunzip();
    gunzip.on('data', (chunk: Buffer) => chunks.push(chunk));
    gunzip.on('error', (error: NodeJS.ErrnoException) => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ text, error: gunzipFailure(error, isGzip(data), text.length) });
    });
    gunzip.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8') }));
    gunzip.end(data);
  });
}
