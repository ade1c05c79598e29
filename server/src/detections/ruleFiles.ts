/**
 * Rule files on disk: the pack we ship, and the files and folders a user names. Folders are walked for
 * `.yml` and `.yaml`, bounded in depth, count and size, since a user may point at a whole clone of a
 * rules repository. A path that cannot be read is a problem to report, never a silent gap. The setting
 * may have been written by someone else: only regular `.yml`/`.yaml` files are read, links met inside a
 * folder are not followed, and a filesystem root or the home folder (or a folder holding it) is refused.
 */
import { existsSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { readRegular } from '../files/regularFile';
import type { RuleProblem, RuleSource } from './ruleSet';
import { errorText } from '../../../common/errorText';

/** Bounds on what one setting can make the server read. */
const MAX_FILES = 5000;
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_DEPTH = 12;
/** Entries looked at in all, rules or not: a folder of a million files is not walked whole. */
const MAX_ENTRIES = 100_000;

export const RULE_FILE = /\.ya?ml$/i;

export interface RuleFiles {
  readonly sources: RuleSource[];
  readonly problems: RuleProblem[];
}

/**
 * Why a named path is not read as a rule root, or undefined when it may be: a filesystem root, the
 * home folder or a folder that holds it would have every file of the user's read as a rule.
 */
export function ruleRootProblem(root: string, home = homedir()): string | undefined {
  const resolved = path.resolve(root);
  if (path.parse(resolved).root === resolved)
    return 'Not read: a filesystem root is not a rules folder. Name the folder that holds your rules.';
  const relative = path.relative(resolved, path.resolve(home));
  if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) {
    return 'Not read: the home folder (or a folder holding it) is not a rules folder. Name the folder that holds your rules.';
  }
  return undefined;
}

/** Every rule file at or under `paths`, read; the paths are absolute (the caller resolves them). */
export async function readRuleFiles(paths: readonly string[]): Promise<RuleFiles> {
  const walk: Walk = { found: [], entries: 0 };
  const problems: RuleProblem[] = [];
  for (const root of paths) {
    const problem = await rootProblem(root);
    if (problem) problems.push(problem);
    else if ((await stat(root)).isDirectory()) await walkFolder(root, 0, walk);
    else walk.found.push({ file: root, named: true });
  }
  const files = [...new Map(walk.found.map((f) => [f.file, f])).values()];
  const limit = files.length > MAX_FILES ? `the first ${MAX_FILES} of ${files.length} rule files` : undefined;
  const cut = walk.entries > MAX_ENTRIES ? `the first ${MAX_ENTRIES} entries of the folders` : undefined;
  if (limit || cut) problems.push({ file: paths[0] ?? '', message: `Only ${limit ?? cut} are read`, severity: 'warning' });
  const sources: RuleSource[] = [];
  for (const found of files.slice(0, MAX_FILES)) {
    const read = await readRule(found);
    if ('text' in read) sources.push(read);
    else problems.push(read);
  }
  return { sources, problems };
}

/** Why a named root is not read at all, as a problem; undefined when it is a folder or a `.yml`/`.yaml` file. */
async function rootProblem(root: string): Promise<RuleProblem | undefined> {
  const refuse = (message: string): RuleProblem => ({ file: root, message, severity: 'error' });
  try {
    // A link named by the user is followed, but what it leads to is judged too.
    const refused = ruleRootProblem(root) ?? ruleRootProblem(await realpath(root));
    if (refused) return refuse(refused);
    const info = await stat(root);
    if (info.isDirectory()) return undefined;
    if (!info.isFile()) return refuse('Not read: neither a rule file nor a folder');
    if (!RULE_FILE.test(root) || !RULE_FILE.test(await realpath(root))) {
      return refuse('Not read: rule files are named .yml or .yaml');
    }
    return undefined;
  } catch (error) {
    return problemOf(root, error);
  }
}

interface Found {
  readonly file: string;
  /** Named in the setting (a link there is followed), rather than met in a folder (never followed). */
  readonly named: boolean;
}

interface Walk {
  readonly found: Found[];
  entries: number;
}

async function walkFolder(dir: string, depth: number, walk: Walk): Promise<void> {
  if (depth > MAX_DEPTH || walk.found.length > MAX_FILES || walk.entries > MAX_ENTRIES) return;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  walk.entries += entries.length;
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    // Hidden folders (.git, .github) hold no rules worth running. Links (isFile and isDirectory are
    // false for them) are not followed: they could lead out of the folder.
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await walkFolder(full, depth + 1, walk);
    else if (entry.isFile() && RULE_FILE.test(entry.name)) walk.found.push({ file: full, named: false });
  }
}

/** A rule folder or file to watch: a folder's YAML files, or a file by its name in its folder. */
export interface RuleWatch {
  readonly folder: string;
  readonly pattern: string;
}

/** What to watch for the rule files and folders named; a refused root (a filesystem root, the home folder) is not watched either. */
export function ruleWatches(paths: readonly string[]): RuleWatch[] {
  return paths
    .filter((p) => ruleRootProblem(p) === undefined)
    .map((p) => (RULE_FILE.test(p) ? { folder: path.dirname(p), pattern: path.basename(p) } : { folder: p, pattern: '**/*.{yml,yaml}' }));
}

/** One rule file a request names (a link followed, to a regular file only), read as the rules in force are. */
export function readRuleFile(file: string): Promise<RuleSource | RuleProblem> {
  return readRule({ file, named: true });
}

/** A regular file's text, at most MAX_FILE_BYTES; a pipe, device or link in its place is not read (files/regularFile.ts). */
async function readRule({ file, named }: Found): Promise<RuleSource | RuleProblem> {
  try {
    const read = await readRegular(file, named, MAX_FILE_BYTES);
    if (!read) return { file, message: `Not read: larger than ${MAX_FILE_BYTES / 1024} KB`, severity: 'error' };
    return { file, text: read.bytes.toString('utf8') };
  } catch (error) {
    return problemOf(file, error);
  }
}

function problemOf(file: string, error: unknown): RuleProblem {
  const said = errorText(error);
  // regularFile.ts says itself why it did not read a file; anything else is the system's error.
  return { file, message: said.startsWith('Not read:') ? said : `Cannot read: ${said}`, severity: 'error' };
}

/**
 * The pack's folder, `rules/` at the extension's root: found upwards from this bundle, which runs from
 * server/out (the extension) or from out/test (the tests).
 */
export function packFolder(from = __dirname): string | undefined {
  let dir = from;
  for (let i = 0; i < 4; i++) {
    const candidate = path.join(dir, 'rules');
    if (existsSync(path.join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return undefined;
}
