/**
 * The Sigma rules in force: the pack we ship and the user's (`cloudtrail.detections.rules`), read,
 * compiled and watched. A rule that cannot be read or run is reported in its file (a diagnostic, shown
 * when the file is open and in the Problems view) and in the output channel; never dropped in silence.
 * A change to the settings or to a watched rule file reloads the rules and says so.
 */
import { homedir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Disposable, PublishDiagnosticsParams } from 'vscode-languageserver';
import { toRuleDiagnostic } from './convert';
import type { DetectionRulesLoaded, DetectionSettings, LanguageService, RuleProblem } from '../languageService';
import { errorText } from '../../../common/errorText';

/** Files under a folder, as LSP's RulePattern with a URI for its base. */
export interface RulePattern {
  readonly baseUri: string;
  readonly pattern: string;
}

export interface DetectionRulesHost {
  readonly service: LanguageService;
  /** The detections' settings (no scope: detections are one for the window). */
  settings(): Promise<DetectionSettings>;
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
    const settings = await this.host.settings();
    const paths = settings.rules.map((p) => resolveRulePath(p, this.host.workspaceFolders()));
    const options = { paths, minLevel: settings.minimumLevel, accounts: settings.accounts, exclude: settings.exclude };
    const { service } = this.host;
    const loaded = await service.loadRules({ ...options, enable: settings.enable }).catch(async (error: unknown) => {
      // Rules that cannot be loaded at all must not take the logs' own problems with them: none run, and we say why.
      this.host.warn(`Detections could not be loaded, so none run: ${errorText(error)}`);
      return service.loadRules({ ...options, enable: false, paths: [] });
    });
    // A newer load began meanwhile (the settings changed again): its rules are the ones in force.
    if (generation !== this.generation) return this.current();
    this.loaded = loaded;
    this.loading = undefined;
    // Saying what was loaded, and watching it, may fail with the client: the rules are in force all the same.
    const said = (error: unknown) => this.host.warn(`Detections: ${errorText(error)}`);
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
    const watched = this.host.service.ruleWatches(paths);
    if (watched.length === 0) return;
    const patterns = watched.map(({ folder, pattern }): RulePattern => ({ baseUri: pathToFileURL(folder).toString(), pattern }));
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

function summaryLine(loaded: DetectionRulesLoaded): string {
  const { set, packRules, skipped, problems } = loaded;
  const count = set.rules.length;
  const parts = [`Detections: ${count} rule${count === 1 ? '' : 's'} (${packRules} from the pack, ${count - packRules} of yours)`];
  if (skipped > 0) parts.push(`${skipped} skipped: their logsource is not AWS CloudTrail`);
  if (problems.length > 0) parts.push(`${problems.length} problem${problems.length === 1 ? '' : 's'} in rule files`);
  return parts.join('; ');
}
