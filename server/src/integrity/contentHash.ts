/**
 * The SHA-256 of a file's uncompressed content, as CloudTrail hashes a log or digest it delivers (gzip on S3,
 * the hash of what is inside). Only a regular file is read, not through a link, and only the bytes it had when
 * opened; a log is streamed through the hash (never held), gunzipped on libuv's threads, or on a reading thread
 * hashed whole when its text is small; decompression stops at the same cap either way, so a gzip bomb named like
 * a log costs no more than a log could.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { createGunzip, gunzip, gunzipSync } from 'node:zlib';
import { gzipTextSize, isGzip } from '../../../common/gzip';
import { errorText } from '../../../common/errorText';
import { openRegular, readRegular, readRegularSync } from '../files/regularFile';

/** A log's JSON compresses some ten times; text a hundred times its gzip file is no log. */
const MAX_RATIO = 100;
/** …but a tiny file's header weighs more than its text: below this much, the ratio is not asked. */
const MIN_CAP = 1024 * 1024;

/** What hashing a file gave: its hex hash, or why it has none. */
export type ContentHash = { readonly sha256: string } | { readonly problem: string };

const capOf = (size: number) => Math.max(MIN_CAP, size * MAX_RATIO);

const CUT_OFF = 'it cannot be decompressed to its end (cut off or changed?)';
const gunzipCapped = promisify(gunzip);

/** Past this much text (a delivered log's is well under), a file is streamed even on a reading thread. */
const WHOLE_LIMIT = 16 * 1024 * 1024;
const MIN_CHUNK = 64 * 1024;

/**
 * A file's content hashed whole, with blocking calls, on a reading thread (where streaming's round trips cost
 * more than the hash), under the same cap as streaming; undefined, for streaming to say, when it is over the
 * limit or the cap (streaming then finds the same answer, or the bomb).
 */
function hashWhole(path: string): ContentHash | undefined {
  let read;
  try {
    read = readRegularSync(path, false, WHOLE_LIMIT);
  } catch (error) {
    return { problem: `it cannot be read: ${errorText(error)}` };
  }
  if (!read) return undefined;
  const { bytes } = read;
  const hash = (content: Buffer): ContentHash => ({ sha256: createHash('sha256').update(content).digest('hex') });
  if (!isGzip(bytes)) return hash(bytes);
  const limit = Math.min(WHOLE_LIMIT, capOf(bytes.length));
  const size = gzipTextSize(bytes) ?? 0;
  if (size > limit) return undefined;
  try {
    // One output chunk of the trailer's size: zlib's default 16 KB ones cost a copy of the whole text to join.
    return hash(gunzipSync(bytes, { maxOutputLength: limit, chunkSize: Math.min(limit, Math.max(MIN_CHUNK, size + 1)) }));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? undefined : { problem: CUT_OFF };
  }
}

/** A file's uncompressed content through SHA-256: streamed, or on a reading thread (`blocking`) whole when small. */
export async function hashFileContent(path: string, blocking = false): Promise<ContentHash> {
  const whole = blocking ? hashWhole(path) : undefined;
  if (whole) return whole;
  let file;
  try {
    file = await openRegular(path, false);
  } catch (error) {
    return { problem: `it cannot be read: ${errorText(error)}` };
  }
  const { handle, stats } = file;
  try {
    const head = Buffer.alloc(2);
    await handle.read(head, 0, 2, 0);
    const hash = createHash('sha256');
    const stream = handle.createReadStream({ start: 0, end: Math.max(0, stats.size - 1), autoClose: false });
    if (!isGzip(head)) {
      for await (const chunk of stream) hash.update(chunk as Buffer);
      return { sha256: hash.digest('hex') };
    }
    return await new Promise<ContentHash>((resolve) => {
      const gunzipper = createGunzip();
      const cap = capOf(stats.size);
      let out = 0;
      const stop = (result: ContentHash) => {
        stream.unpipe(gunzipper);
        stream.destroy();
        gunzipper.destroy();
        resolve(result);
      };
      gunzipper.on('data', (chunk: Buffer) => {
        out += chunk.length;
        if (out > cap) stop({ problem: `it decompresses to over ${MAX_RATIO} times its size, which no log does (a gzip bomb?)` });
        else hash.update(chunk);
      });
      gunzipper.on('error', () => stop({ problem: CUT_OFF }));
      stream.on('error', (error) => stop({ problem: `it cannot be read: ${errorText(error)}` }));
      gunzipper.on('end', () => resolve({ sha256: hash.digest('hex') }));
      stream.pipe(gunzipper);
    });
  } finally {
    await handle.close();
  }
}

/** A digest read whole (a digest is small): its uncompressed text and that text's SHA-256. */
export type DigestText = { readonly text: string; readonly sha256: string } | { readonly problem: string };

/** A digest lists some hundred bytes per log: this is a year of logs delivered every few minutes, and more. */
const DIGEST_LIMIT = 64 * 1024 * 1024;

/** A digest's text; `blocking` on a reading thread, which has nothing else to do meanwhile. */
export async function readDigestText(path: string, blocking = false): Promise<DigestText> {
  let read;
  try {
    read = blocking ? readRegularSync(path, false, DIGEST_LIMIT) : await readRegular(path, false, DIGEST_LIMIT);
  } catch (error) {
    return { problem: `it cannot be read: ${errorText(error)}` };
  }
  if (!read) return { problem: 'it is larger than any digest' };
  let bytes: Buffer = read.bytes;
  if (isGzip(bytes)) {
    try {
      // The hash is of the bytes inside, not of their text decoded: zlib's output is hashed as it is.
      const capped = { maxOutputLength: DIGEST_LIMIT };
      bytes = blocking ? gunzipSync(bytes, capped) : await gunzipCapped(bytes, capped);
    } catch (error) {
      const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
      return { problem: tooLarge ? 'it decompresses to more than any digest' : CUT_OFF };
    }
  }
  return { text: bytes.toString('utf8'), sha256: createHash('sha256').update(bytes).digest('hex') };
}
