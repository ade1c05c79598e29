/**
 * Gzip bombs for tests, built in milliseconds without compressing (or allocating) their text: one deflate block
 * of a megabyte of zeros, flushed so it stands alone, repeated. 128 MB of text is some 130 KB on disk.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

const PIECE = 1024 * 1024;
const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);

/**
 * A gzip file of `bytes` zeros (in whole megabytes). Its trailer is true (zlib checks it); one that understates
 * the text is a bomb followed by a small member, whose trailer is the file's last four bytes.
 */
export function gzipBomb(bytes: number): Buffer {
  const zeros = Buffer.alloc(PIECE);
  // A full flush ends a block on a byte boundary with no reference behind it: copies can follow one another.
  const block = deflateRawSync(zeros, { finishFlush: constants.Z_FULL_FLUSH });
  const pieces = Math.ceil(bytes / PIECE);
  let crc = 0;
  for (let i = 0; i < pieces; i++) crc = crc32(zeros, crc);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE((pieces * PIECE) % 2 ** 32, 4);
  // The last block: empty, marked final.
  const last = deflateRawSync(Buffer.alloc(0));
  return Buffer.concat([HEADER, ...Array.from({ length: pieces }, () => block), last, trailer]);
}
