/** Where the repository's files are, from wherever the bundled test runs (out/test/…, out/editor/…). */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root: the nearest folder above the bundle that holds package.json. */
export const REPO_ROOT = ((): string => {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();

/** A path inside the repository, from its parts. */
export function repoPath(...parts: string[]): string {
  return path.join(REPO_ROOT, ...parts);
}

/** A path inside test/fixtures. */
export function fixturePath(...parts: string[]): string {
  return repoPath('test', 'fixtures', ...parts);
}
