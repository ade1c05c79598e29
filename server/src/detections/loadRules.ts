/**
 * The rules in force, from disk: the pack we ship (rules/ at the extension's root) and the user's files
 * and folders, compiled into one set. The files as read are kept too: the reading threads compile the same set.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { compileReadRules } from './compileRules';
import { type ReadRules, readRules } from './ruleReader';
import { type Placeholders, placeholdersOf } from './placeholders';
import { packFolder, readRuleFile, readRuleFiles, RULE_FILE } from './ruleFiles';
import type { RuleProblem, RuleSet, RuleSource, SigmaLevel } from './ruleSet';
import type { SigmaRule } from './sigmaRule';

export interface RuleOptions {
  readonly enable: boolean;
  /** Absolute paths of the user's rule files and folders. */
  readonly paths: readonly string[];
  readonly minLevel: SigmaLevel;
  /** The user's own account IDs (`cloudtrail.accounts`), for the `%cloudtrail.accounts%` placeholder. */
  readonly accounts: readonly string[];
  /** `cloudtrail.detections.exclude`'s entries (exclusions.ts). */
  readonly exclude: readonly unknown[];
}

export interface DetectionRulesLoaded {
  readonly set: RuleSet;
  /** The rule files as read, what the set was compiled from: reading threads compile their own from them. */
  readonly reads: readonly ReadRules[];
  readonly minLevel: SigmaLevel;
  /** What the rules' placeholders stood for when compiled: the threads and the SQL renderings fill them alike. */
  readonly placeholders: Placeholders;
  readonly exclude: readonly unknown[];
  /** Why entries of the exclusion list were left out. */
  readonly exclusionProblems: readonly string[];
  /** How many of the set's rules are the pack's. */
  readonly packRules: number;
  /** Rules left out because their logsource is not AWS CloudTrail. */
  readonly skipped: number;
  readonly problems: readonly RuleProblem[];
  /** The same for the same rule files and options: a change of some other setting changes nothing. */
  readonly signature: string;
}

export async function loadDetectionRules(options: RuleOptions): Promise<DetectionRulesLoaded> {
  const placeholders = placeholdersOf(options.accounts);
  if (!options.enable) return { ...compiled([], options, placeholders), packRules: 0, problems: [], skipped: 0, signature: 'off' };
  const pack = packFolder();
  const packFiles = pack ? await readRuleFiles([pack]) : { sources: [], problems: [] };
  const userFiles = await readRuleFiles(options.paths);
  const sources = [...packFiles.sources, ...userFiles.sources];
  const reads = sources.map((source) => readRules(source.text, source.file));
  const { set, problems, skipped, exclusionProblems } = compileReadRules(reads, { ...options, placeholders });
  const packNames = new Set(packFiles.sources.map((s) => s.file));
  const packRules = set.rules.filter((r) => packNames.has(r.file)).length;
  return {
    set,
    reads,
    minLevel: options.minLevel,
    placeholders,
    exclude: options.exclude,
    exclusionProblems,
    packRules,
    skipped,
    problems: [...packFiles.problems, ...userFiles.problems, ...problems],
    signature: signatureOf(sources, options),
  };
}

/** A digest of the rule files' names and texts, the minimum level, the accounts placeholders stand for and the exclusions. */
function signatureOf(sources: readonly RuleSource[], { minLevel, accounts, exclude }: RuleOptions): string {
  const hash = createHash('sha256').update(`${minLevel}\0${accounts.join(',')}\0${JSON.stringify(exclude)}`);
  for (const source of sources) hash.update(`\0${source.file}\0${source.text}`);
  return hash.digest('hex');
}

function compiled(reads: readonly ReadRules[], { minLevel, exclude }: RuleOptions, placeholders: Placeholders) {
  return {
    set: compileReadRules(reads, { minLevel, exclude, placeholders }).set,
    reads,
    minLevel,
    placeholders,
    exclude,
    exclusionProblems: [],
  };
}

/** The rules of one file a request names, read as the rules in force are (a regular file only, at most 1 MB), or why there are none. */
export async function rulesOfFile(file: string): Promise<readonly SigmaRule[] | string> {
  if (!RULE_FILE.test(file)) return 'a rule file is a .yml or .yaml file';
  const source = await readRuleFile(file);
  if (!('text' in source)) return `the rule file cannot be read: ${source.message}`;
  const read = readRules(source.text, file);
  return read.rules.length > 0
    ? read.rules
    : `no rule of ${path.basename(file)} can be read: ${read.problems[0]?.message ?? 'none is for CloudTrail'}`;
}
