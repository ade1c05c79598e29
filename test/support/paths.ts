/** Where the repository's files are, from wherever the bundled test runs (out/test/…, out/editor/…). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

/** The test corpora: one hand-written log of each shape, the seed sample, and the rule pack's test records. */
export function corpora(): { name: string; text: string }[] {
  const files = [
    fixturePath('seed-sample.json'),
    ...readdirSync(fixturePath('shapes')).map((name) => fixturePath('shapes', name)),
    ...readdirSync(repoPath('test', 'rules')).map((name) => repoPath('test', 'rules', name)),
  ];
  return files
    .filter((file) => /\.jsonl?$/.test(file))
    .map((file) => ({ name: file.slice(repoPath().length + 1), text: readFileSync(file, 'utf8') }));
}
