/**
 * Probing a file on disk, in bounded reads: is it over the size VS Code shares with extensions, and does it
 * look like a CloudTrail log. A gzip file's text size comes from its trailer and its start is decompressed
 * only as far as the first few KB. Node only, no `vscode`, so plain tests reach it.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { constants, createGunzip } from 'node:zlib';
import { gzipTextSize, isGzip } from '../../../common/gzip';
import { type LargeFile, SHARE_LIMIT } from './largeFile';
import { HEAD_BYTES, looksLikeLogName, looksLikeLogText } from './sniff';
import { errorText } from '../../../common/errorText';

export type Probe =
  /** VS Code shares its text (or, for gzip, its decompressed text may be shared: try it). */
  | { readonly kind: 'small' }
  | { readonly kind: 'large'; readonly file: LargeFile }
  | { readonly kind: 'unreadable'; readonly message: string };

export async function probeFile(path: string): Promise<Probe> {
  let handle;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    // For gzip, these compressed bytes hold several times as much text: enough for the first few KB.
    const start = await readAt(handle, 0, Math.min(size, HEAD_BYTES));
    if (isGzip(start)) {
      const textBytes = gzipTextSize(await readAt(handle, Math.max(0, size - 4), Math.min(size, 4)), size) ?? 0;
      if (textBytes <= SHARE_LIMIT) return { kind: 'small' };
      return { kind: 'large', file: { bytes: textBytes, gzip: true, log: isLog(path, await gunzipHead(start)) } };
    }
    if (size <= SHARE_LIMIT) return { kind: 'small' };
    return { kind: 'large', file: { bytes: size, gzip: false, log: isLog(path, start.toString('utf8')) } };
  } catch (error) {
    return { kind: 'unreadable', message: errorText(error) };
  } finally {
    await handle?.close();
  }
}

async function readAt(handle: Awaited<ReturnType<typeof open>>, position: number, length: number): Promise<Buffer> {
  const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, position);
  return buffer.subarray(0, bytesRead);
}

function isLog(path: string, head: string): boolean {
  return looksLikeLogName(basename(path)) || looksLikeLogText(head);
}

/**
 * The first few KB of a gzip file's text, from its first compressed bytes (a cut-off stream is expected):
 * decompressed no further than that, however much text the bytes hold (a gzip bomb's, a thousand times theirs).
 */
function gunzipHead(bytes: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let length = 0;
    // Sync flush: the cut-off stream yields what it holds instead of failing.
    const gunzip = createGunzip({ finishFlush: constants.Z_SYNC_FLUSH });
    const done = () => {
      gunzip.destroy();
      resolve(Buffer.concat(parts).subarray(0, HEAD_BYTES).toString('utf8'));
    };
    gunzip.on('data', (chunk: Buffer) => {
      parts.push(chunk);
      length += chunk.length;
      if (length >= HEAD_BYTES) done();
    });
    gunzip.on('end', done);
    gunzip.on('error', done);
    gunzip.end(bytes);
  });
}
