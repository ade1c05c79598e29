/**
 * The rules in force, from disk: the pack we ship (rules/ at the extension's root) and the user's files
 * and folders, compiled into one set. The files as read are kept too: the reading threads compile the same set.
 */
import { compileReadRules } from './compileRules';
import { type ReadRules, readRules } from './ruleReader';
import { packFolder, readRuleFiles } from './ruleFiles';
import type { RuleProblem, RuleSet, SigmaLevel } from './ruleSet';

export interface RuleOptions {
  readonly enable: boolean;
  /** Absolute paths of the user's rule files and folders. */
  readonly paths: readonly string[];
  readonly minLevel: SigmaLevel;
}

export interface DetectionRulesLoaded {
  readonly set: RuleSet;
  /** The rule files as read, what the set was compiled from: reading threads compile their own from them. */
  readonly reads: readonly ReadRules[];
  readonly minLevel: SigmaLevel;
  /** How many of the set's rules are the pack's. */
  readonly packRules: number;
  /** Rules left out because their logsource is not AWS CloudTrail. */
  readonly skipped: number;
  readonly problems: readonly RuleProblem[];
}

export async function loadDetectionRules(options: RuleOptions): Promise<DetectionRulesLoaded> {
  if (!options.enable) return { ...compiled([], options.minLevel), packRules: 0, problems: [], skipped: 0 };
  const pack = packFolder();
  const packFiles = pack ? await readRuleFiles([pack]) : { sources: [], problems: [] };
  const userFiles = await readRuleFiles(options.paths);
  const sources = [...packFiles.sources, ...userFiles.sources];
  const reads = sources.map((source) => readRules(source.text, source.file));
  const { set, problems, skipped } = compileReadRules(reads, { minLevel: options.minLevel });
  const packNames = new Set(packFiles.sources.map((s) => s.file));
  const packRules = set.rules.filter((r) => packNames.has(r.file)).length;
  return {
    set,
    reads,
    minLevel: options.minLevel,
    packRules,
    skipped,
    problems: [...packFiles.problems, ...userFiles.problems, ...problems],
  };
}

function compiled(reads: readonly ReadRules[], minLevel: SigmaLevel) {
  return { set: compileReadRules(reads, { minLevel }).set, reads, minLevel };
}
