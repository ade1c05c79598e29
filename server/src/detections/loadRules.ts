/**
 * The rules in force, from disk: the pack we ship (rules/ at the extension's root) and the user's files
 * and folders, compiled into one set. The sources are kept too: the reading threads compile the same set.
 */
import { compileRules } from './compileRules';
import { packFolder, readRuleFiles } from './ruleFiles';
import type { RuleProblem, RuleSet, RuleSource, SigmaLevel } from './ruleSet';

export interface RuleOptions {
  readonly enable: boolean;
  /** Absolute paths of the user's rule files and folders. */
  readonly paths: readonly string[];
  readonly minLevel: SigmaLevel;
}

export interface DetectionRulesLoaded {
  readonly set: RuleSet;
  /** What the set was compiled from, for threads that compile their own. */
  readonly sources: readonly RuleSource[];
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
  const { set, problems, skipped } = compileRules(sources, { minLevel: options.minLevel });
  const packNames = new Set(packFiles.sources.map((s) => s.file));
  const packRules = set.rules.filter((r) => packNames.has(r.file)).length;
  return {
    set,
    sources,
    minLevel: options.minLevel,
    packRules,
    skipped,
    problems: [...packFiles.problems, ...userFiles.problems, ...problems],
  };
}

function compiled(sources: readonly RuleSource[], minLevel: SigmaLevel) {
  return { set: compileRules(sources, { minLevel }).set, sources, minLevel };
}
