/**
 * Files VS Code does not share with extensions: the limit, what the client knows of such a file, and how
 * far the server got reading it from disk. No `vscode` here, so plain Node tests reach it.
 */
import type { OpenLogResult } from '../../../common/protocol';

/**
 * VS Code shares no document whose text is longer than this with extensions (its text model's sync limit,
 * in characters). A file's UTF-8 bytes are never fewer than its characters, so a file at or under this
 * many bytes is always shared.
 */
export const SHARE_LIMIT = 50 * 1024 * 1024;

/** A file over the limit, as probed on disk. */
export interface LargeFile {
  /** The size of its text: the file's, or a gzip file's decompressed. */
  readonly bytes: number;
  readonly gzip: boolean;
  /** Whether its name or its first few KB look like a CloudTrail log. */
  readonly log: boolean;
}

/** How far the server got reading a large file from disk for the events view. */
export type DiskStatus =
  | { readonly kind: 'reading'; readonly done?: number; readonly total?: number }
  /** Read; `incomplete` says why not all of it could be, when that is so. */
  | { readonly kind: 'read'; readonly records: number; readonly incomplete?: string }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'cancelled' };

/** A file's read, from the server's answer to cloudtrail/openLog: none when cancelled; a failure, with why, when it read no file. */
export function diskStatusOf(result: OpenLogResult | null, cancelled: boolean): DiskStatus {
  if (!result || cancelled) return { kind: 'cancelled' };
  const why = result.failed[0]?.message;
  if (result.files === 0) return { kind: 'failed', message: why ?? 'the server read nothing from it' };
  return { kind: 'read', records: result.records, ...(why ? { incomplete: why } : {}) };
}

/** A size as people say it: "812 KB", "60.0 MB", "1.20 GB" (powers of 1024, as VS Code's own "50MB"). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ${units[unit]}`;
}

/** A read's progress in words: bytes for a file, files for a folder. */
export function progressText(done: number, total: number, unit: 'bytes' | 'files'): string {
  return unit === 'bytes' ? `${formatBytes(done)} of ${formatBytes(total)}` : `${done} of ${total} files`;
}
