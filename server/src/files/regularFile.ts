/**
 * Opening a log on disk as evidence may have shaped it: only a regular file is read, and no more of it than
 * its size when opened. A folder's entry may be a symbolic link (to /dev/zero, say), a pipe that blocks
 * whoever opens it, or a device; and it may be swapped for one between the folder's walk and the read. So
 * the walk goes by what an entry is (lstat), and every open asks the descriptor itself (fstat), opening
 * without blocking so a pipe cannot hold one of Node's file threads.
 */
import { closeSync, constants, type Dirent, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';

/** What an entry that is not a regular file is, as the events view says it. */
const KINDS: readonly [is: (entry: Dirent | Stats) => boolean, words: string][] = [
  [(e) => e.isSymbolicLink(), 'a symbolic link, which is not followed'],
  [(e) => e.isFIFO(), 'a pipe'],
  [(e) => e.isCharacterDevice() || e.isBlockDevice(), 'a device'],
  [(e) => e.isSocket(), 'a socket'],
  [(e) => e.isDirectory(), 'a folder'],
];

/** Why an entry is not read: undefined for a regular file. */
export function notRegularReason(entry: Dirent | Stats): string | undefined {
  if (entry.isFile()) return undefined;
  const kind = KINDS.find(([is]) => is(entry))?.[1] ?? 'of an unknown kind';
  return `not a regular file (${kind})`;
}

// Windows has neither: there a pipe is no file name, and a link is followed as the user's own.
const NONBLOCK = constants.O_NONBLOCK ?? 0;
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/** An open regular file, and its size and time as opened. */
export interface RegularFile {
  readonly handle: FileHandle;
  readonly stats: Stats;
}

const flags = (follow: boolean) => constants.O_RDONLY | NONBLOCK | (follow ? 0 : NOFOLLOW);

function refused(error: NodeJS.ErrnoException, follow: boolean): Error {
  return error.code === 'ELOOP' && !follow ? new Error(`Not read: not a regular file (${KINDS[0]![1]})`) : error;
}

function checkRegular(stats: Stats): void {
  const reason = notRegularReason(stats);
  if (reason) throw new Error(`Not read: ${reason}`);
}

/**
 * Opens a regular file to read, or fails saying what it is instead. `follow: false` refuses a symbolic link
 * (a folder's file: the walk did not follow it, and a link put in its place since is not followed either).
 */
export async function openRegular(path: string, follow = true): Promise<RegularFile> {
  const handle = await open(path, flags(follow)).catch((error: NodeJS.ErrnoException) => {
    throw refused(error, follow);
  });
  try {
    const stats = await handle.stat();
    checkRegular(stats);
    return { handle, stats };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The file's first `size` bytes (its size when opened): fewer if it has shrunk since, never more if it has grown. */
export async function readUpTo(handle: FileHandle, size: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(size);
  let at = 0;
  while (at < size) {
    const { bytesRead } = await handle.read(buffer, at, size - at, at);
    if (bytesRead === 0) break;
    at += bytesRead;
  }
  return buffer.subarray(0, at);
}

/** A whole regular file as read: its bytes, and its size and time before and after. */
export interface FileBytes {
  readonly bytes: Buffer;
  readonly before: Stats;
  readonly after: Stats;
}

/** Reads a whole regular file, not through a link unless `follow`; undefined, unread, when it is over `maxSize` bytes. */
export async function readRegular(path: string, follow: boolean, maxSize: number): Promise<FileBytes | undefined> {
  const { handle, stats: before } = await openRegular(path, follow);
  try {
    if (before.size > maxSize) return undefined;
    const bytes = await readUpTo(handle, before.size);
    return { bytes, before, after: await handle.stat() };
  } finally {
    await handle.close();
  }
}

/**
 * readRegular with blocking calls, for a reading thread: they hold only that thread, where five round trips to
 * Node's file threads per small file cost more than reading it.
 */
export function readRegularSync(path: string, follow: boolean, maxSize: number): FileBytes | undefined {
  let fd: number;
  try {
    fd = openSync(path, flags(follow));
  } catch (error) {
    throw refused(error as NodeJS.ErrnoException, follow);
  }
  try {
    const before = fstatSync(fd);
    checkRegular(before);
    if (before.size > maxSize) return undefined;
    const bytes = Buffer.allocUnsafe(before.size);
    let at = 0;
    for (let read = -1; at < before.size && read !== 0; at += read) read = readSync(fd, bytes, at, before.size - at, at);
    return { bytes: bytes.subarray(0, at), before, after: fstatSync(fd) };
  } finally {
    closeSync(fd);
  }
}
