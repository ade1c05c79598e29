/**
 * The Sigma rules in force: the pack we ship and the user's (`cloudtrail.detections.rules`), read,
 * compiled and watched. A rule that cannot be read or run is reported in its file (a diagnostic, shown
 * when the file is open and in the Problems view) and in the output channel; never dropped in silence.
 * A change to the settings or to a watched rule file reloads the rules and says so.
 */
import { homedir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Diagnostic, DiagnosticSeverity, type Disposable, type PublishDiagnosticsParams } from 'vscode-languageserver';
import { SIGMA_LEVELS, type SigmaLevel } from '../../../common/protocol';
import { SIGMA_SOURCE } from './convert';
import {
  DEFAULT_EXCLUSIONS,
  type DetectionRulesLoaded,
  loadDetectionRules,
  RULE_FILE,
  type RuleProblem,
  ruleRootProblem,
} from '../languageService';

export interface DetectionSettings {
  readonly enable: boolean;
  /** Paths of rule files or folders, as the user wrote them. */
  readonly rules: readonly string[];
  readonly minimumLevel: SigmaLevel;
  /** The user's own account IDs (`cloudtrail.accounts`): an account among them is not foreign. */
  readonly accounts: readonly string[];
  /** Known automation the rules below high let pass (detections/exclusions.ts). */
  readonly exclude: readonly unknown[];
}

export const DEFAULT_DETECTIONS: DetectionSettings = {
  enable: true,
  rules: [],
  minimumLevel: 'informational',
  accounts: [],
  exclude: DEFAULT_EXCLUSIONS,
};

const ACCOUNT_ID = /^\d{12}$/;
/** More would make every rule that asks "one of mine?" slow; an organization this large lists its own. */
const MAX_ACCOUNTS = 10_000;

/** The `detections` part of the `cloudtrail` settings and `accounts`, defaults for anything missing or of the wrong type. */
export function readDetectionSettings(raw: unknown): DetectionSettings {
  const settings = (raw ?? {}) as { detections?: Record<string, unknown>; accounts?: unknown };
  const d = settings.detections ?? {};
  const accounts = Array.isArray(settings.accounts) ? settings.accounts : [];
  const level = d.minimumLevel;
  return {
    enable: typeof d.enable === 'boolean' ? d.enable : DEFAULT_DETECTIONS.enable,
    rules: Array.isArray(d.rules) ? d.rules.filter((r): r is string => typeof r === 'string' && r.trim() !== '') : [],
    minimumLevel: SIGMA_LEVELS.includes(level as SigmaLevel) ? (level as SigmaLevel) : DEFAULT_DETECTIONS.minimumLevel,
    accounts: [...new Set(accounts.filter((a): a is string => typeof a === 'string' && ACCOUNT_ID.test(a)))].slice(0, MAX_ACCOUNTS),
    exclude: Array.isArray(d.exclude) ? d.exclude : DEFAULT_DETECTIONS.exclude,
  };
}

/** Files under a folder, as LSP's RulePattern with a URI for its base. */
export interface RulePattern {
  readonly baseUri: string;
  readonly pattern: string;
}

export interface DetectionRulesHost {
  /** The `cloudtrail` settings, as the client has them (no scope: detections are one for the window). */
  settings(): Promise<unknown>;
  /** Folders a relative rule path is resolved against. */
  workspaceFolders(): readonly string[];
  publish(params: PublishDiagnosticsParams): Promise<void>;
  /** Watches rule files; resolves with what stops watching them (undefined when the client cannot). */
  watch(patterns: readonly RulePattern[]): Promise<Disposable | undefined>;
  info(message: string): void;
  warn(message: string): void;
  /** The rules changed: logs are checked again. */
  changed(): void;
}

/** Rule file changes arriving together (a git checkout) reload once. */
const RELOAD_DELAY_MS = 150;

export class DetectionRules {
  private loaded: DetectionRulesLoaded | undefined;
  private loading: Promise<DetectionRulesLoaded> | undefined;
  private reportedFiles = new Set<string>();
  private watching: Disposable | undefined;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;

  constructor(private readonly host: DetectionRulesHost) {}

  /** The rules in force, loaded on first use. */
  current(): Promise<DetectionRulesLoaded> {
    if (this.loaded) return Promise.resolve(this.loaded);
    return (this.loading ??= this.load());
  }

  /** The settings or a rule file changed: load again, soon. */
  reload(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const before = this.loaded?.signature;
      this.loaded = undefined;
      this.loading = this.load();
      // Another setting changed, or a file was saved as it was: findings stay as they are.
      void this.loading.then((loaded) => loaded.signature !== before && this.host.changed());
    }, RELOAD_DELAY_MS);
  }

  private async load(): Promise<DetectionRulesLoaded> {
    const generation = ++this.generation;
    const settings = readDetectionSettings(await this.host.settings().catch(() => undefined));
    const paths = settings.rules.map((p) => resolveRulePath(p, this.host.workspaceFolders()));
    const options = { paths, minLevel: settings.minimumLevel, accounts: settings.accounts, exclude: settings.exclude };
    const loaded = await loadDetectionRules({ ...options, enable: settings.enable }).catch(async (error: unknown) => {
      // Rules that cannot be loaded at all must not take the logs' own problems with them: none run, and we say why.
      this.host.warn(`Detections could not be loaded, so none run: ${error instanceof Error ? error.message : String(error)}`);
      return loadDetectionRules({ ...options, enable: false, paths: [] });
    });
    // A newer load began meanwhile (the settings changed again): its rules are the ones in force.
    if (generation !== this.generation) return this.current();
    this.loaded = loaded;
    this.loading = undefined;
    // Saying what was loaded, and watching it, may fail with the client: the rules are in force all the same.
    const said = (error: unknown) => this.host.warn(`Detections: ${error instanceof Error ? error.message : String(error)}`);
    await this.report(loaded, settings).catch(said);
    await this.watch(settings.enable ? paths : []).catch(said);
    return loaded;
  }

  private async report(loaded: DetectionRulesLoaded, settings: DetectionSettings): Promise<void> {
    const byFile = new Map<string, RuleProblem[]>();
    for (const problem of loaded.problems) {
      let list = byFile.get(problem.file);
      if (!list) byFile.set(problem.file, (list = []));
      list.push(problem);
      const where = problem.start ? `:${problem.start.line + 1}:${problem.start.character + 1}` : '';
      this.host.warn(`Sigma rule ${problem.file}${where}: ${problem.message}`);
    }
    const reported = new Set<string>();
    for (const [file, problems] of byFile) {
      const uri = fileUri(file);
      if (!uri) continue;
      reported.add(uri);
      await this.host.publish({ uri, diagnostics: problems.map(toRuleDiagnostic) });
    }
    // Files fixed since the last load lose their diagnostics.
    for (const uri of this.reportedFiles) if (!reported.has(uri)) await this.host.publish({ uri, diagnostics: [] });
    this.reportedFiles = reported;
    for (const problem of loaded.exclusionProblems) this.host.warn(`Detections: ${problem}`);
    if (!settings.enable) this.host.info('Detections are off (cloudtrail.detections.enable)');
    else this.host.info(summaryLine(loaded));
  }

  private async watch(paths: readonly string[]): Promise<void> {
    this.watching?.dispose();
    this.watching = undefined;
    // A refused root (a filesystem root, the home folder) is not watched either.
    const watched = paths.filter((p) => ruleRootProblem(p) === undefined);
    if (watched.length === 0) return;
    const patterns = watched.map((p): RulePattern => {
      const isFile = RULE_FILE.test(p);
      const baseUri = pathToFileURL(isFile ? path.dirname(p) : p).toString();
      return { baseUri, pattern: isFile ? path.basename(p) : '**/*.{yml,yaml}' };
    });
    this.watching = await this.host.watch(patterns).catch(() => undefined);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.watching?.dispose();
  }
}

/** `~/x`, an absolute path, or a path relative to the first workspace folder. */
export function resolveRulePath(written: string, folders: readonly string[]): string {
  const trimmed = written.trim();
  if (trimmed === '~' || trimmed.startsWith('~/')) return path.join(homedir(), trimmed.slice(1));
  if (path.isAbsolute(trimmed)) return trimmed;
  return path.resolve(folders[0] ?? process.cwd(), trimmed);
}

function fileUri(file: string): string | undefined {
  try {
    return file.startsWith('file:') ? (fileURLToPath(file), file) : pathToFileURL(file).toString();
  } catch {
    return undefined;
  }
}

function toRuleDiagnostic(problem: RuleProblem): Diagnostic {
  const start = problem.start ?? { line: 0, character: 0 };
  return {
    range: { start, end: problem.end ?? start },
    severity: problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: SIGMA_SOURCE,
    message: problem.message,
  };
}

function summaryLine(loaded: DetectionRulesLoaded): string {
  const { set, packRules, skipped, problems } = loaded;
  const count = set.rules.length;
  const parts = [`Detections: ${count} rule${count === 1 ? '' : 's'} (${packRules} from the pack, ${count - packRules} of yours)`];
  if (skipped > 0) parts.push(`${skipped} skipped: their logsource is not AWS CloudTrail`);
  if (problems.length > 0) parts.push(`${problems.length} problem${problems.length === 1 ? '' : 's'} in rule files`);
  return parts.join('; ');
}
