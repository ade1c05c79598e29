/**
 * Rule files on disk: the pack we ship, and the files and folders a user names. Folders are walked for
 * `.yml` and `.yaml`, bounded in depth, count and size, since a user may point at a whole clone of a
 * rules repository. A path that cannot be read is a problem to report, never a silent gap.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { RuleProblem, RuleSource } from './ruleSet';

/** Bounds on what one setting can make the server read. */
const MAX_FILES = 5000;
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_DEPTH = 12;

const RULE_FILE = /\.ya?ml$/i;

export interface RuleFiles {
  readonly sources: RuleSource[];
  readonly problems: RuleProblem[];
}

/** Every rule file at or under `paths`, read; the paths are absolute (the caller resolves them). */
export async function readRuleFiles(paths: readonly string[]): Promise<RuleFiles> {
  const found: string[] = [];
  const problems: RuleProblem[] = [];
  for (const root of paths) {
    const info = await stat(root).catch((error: unknown) => problemOf(root, error));
    if (!('isFile' in info)) problems.push(info);
    else if (info.isFile()) found.push(root);
    else if (info.isDirectory()) await walk(root, 0, found);
  }
  const files = [...new Set(found)];
  if (files.length > MAX_FILES) {
    problems.push({
      file: paths[0] ?? '',
      message: `Only the first ${MAX_FILES} of ${files.length} rule files are read`,
      severity: 'warning',
    });
  }
  const sources: RuleSource[] = [];
  for (const file of files.slice(0, MAX_FILES)) {
    const read = await readRule(file);
    if ('text' in read) sources.push(read);
    else problems.push(read);
  }
  return { sources, problems };
}

async function walk(dir: string, depth: number, found: string[]): Promise<void> {
  if (depth > MAX_DEPTH || found.length > MAX_FILES) return;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    // Hidden folders (.git, .github) hold no rules worth running.
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, depth + 1, found);
    else if (entry.isFile() && RULE_FILE.test(entry.name)) found.push(full);
  }
}

async function readRule(file: string): Promise<RuleSource | RuleProblem> {
  try {
    const info = await stat(file);
    if (info.size > MAX_FILE_BYTES) return { file, message: `Not read: larger than ${MAX_FILE_BYTES / 1024} KB`, severity: 'error' };
    return { file, text: await readFile(file, 'utf8') };
  } catch (error) {
    return problemOf(file, error);
  }
}

function problemOf(file: string, error: unknown): RuleProblem {
  return { file, message: `Cannot read: ${error instanceof Error ? error.message : String(error)}`, severity: 'error' };
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
