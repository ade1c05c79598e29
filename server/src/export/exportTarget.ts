/**
 * Whether an export's target is a file it must never replace (a log the events view shows, an open document's file),
 * compared as the file system resolves paths, not as they are written: an existing file by device and inode (a doubled
 * slash, a symlinked folder, a hard link, another case on a case-insensitive disk all reach the same inode); a file
 * that does not exist yet by its folder's real path and its name.
 */
import { realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';

/** Files looked at together: a folder's 100,000 logs are not 100,000 stats at once. */
const AT_ONCE = 64;

/** A file's identity: its device and inode when it exists, else its folder's real path and its name. */
async function identity(file: string): Promise<string> {
  try {
    const found = await stat(file, { bigint: true });
    return `inode ${found.dev}:${found.ino}`;
  } catch {
    const folder = await realpath(path.dirname(file)).catch(() => path.resolve(path.dirname(file)));
    return `path ${path.join(folder, path.basename(file))}`;
  }
}

/** Whether `target` is one of `files` (paths), by identity. */
export async function isOneOf(target: string, files: readonly string[]): Promise<boolean> {
  const wanted = await identity(target);
  // A target that does not exist is no existing file: only a missing file of the same name (in some case) can be it.
  const name = path.basename(target).toLowerCase();
  const candidates = wanted.startsWith('path ') ? files.filter((file) => path.basename(file).toLowerCase() === name) : files;
  for (let i = 0; i < candidates.length; i += AT_ONCE) {
    const found = await Promise.all(candidates.slice(i, i + AT_ONCE).map(identity));
    if (found.includes(wanted)) return true;
  }
  return false;
}
