/**
 * When a document is checked and its diagnostics sent: an opened file at once, an edited one after a
 * pause in typing, and only for the version the editor still holds. The events view waits for a check
 * under way, so a file's problems show before its tree.
 */
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerSettings } from '../languageService';
import type { Analysis } from './documentCache';
import { toDiagnostic } from './convert';
import { guarded, type Log } from './guard';
import { Positions } from './positions';

/** Quiet time after a keystroke before the file is checked again. */
export const VALIDATION_DELAY_MS = 200;

export interface ValidationHost {
  /** The document as the editor holds it now; undefined once closed. */
  current(uri: string): TextDocument | undefined;
  analyse(document: TextDocument): Analysis;
  settings(uri: string): Promise<ServerSettings>;
  /** The findings of the rules in force on this analysis, as diagnostics placed by `at`, at most `limit`. */
  findings(document: TextDocument, analysis: Analysis, limit: number, at: Positions): Promise<Diagnostic[]>;
  publish(params: PublishDiagnosticsParams): Promise<void>;
  readonly log: Log;
}

export class Validation {
  /** Checks waiting for their delay, by document. */
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** Checks under way, by document. */
  private readonly running = new Map<string, Promise<unknown>>();
  /** The version each document was last checked for, or is waiting to be. */
  private readonly requested = new Map<string, number>();

  constructor(
    private readonly host: ValidationHost,
    private readonly delay = VALIDATION_DELAY_MS,
  ) {}

  // Opening fires both open and change for the same version: check an opened file at once, an edited one after a pause.
  opened(document: TextDocument): void {
    this.requested.set(document.uri, document.version);
    this.run(document);
  }

  changed(document: TextDocument): void {
    if (this.requested.get(document.uri) !== document.version) this.schedule(document, this.delay);
  }

  /** Checks a document again at once, as when the settings change. */
  recheck(document: TextDocument): void {
    this.schedule(document, 0);
  }

  closed(uri: string): void {
    clearTimeout(this.pending.get(uri));
    this.pending.delete(uri);
    this.requested.delete(uri);
    void this.host.publish({ uri, diagnostics: [] });
  }

  /** Settles when the check under way for the document, if any, is done. */
  async settled(uri: string): Promise<void> {
    await this.running.get(uri);
  }

  private schedule(document: TextDocument, delay: number): void {
    const uri = document.uri;
    clearTimeout(this.pending.get(uri));
    this.requested.set(uri, document.version);
    const timer = setTimeout(() => {
      this.pending.delete(uri);
      const latest = this.host.current(uri);
      if (latest) this.run(latest);
    }, delay);
    this.pending.set(uri, timer);
  }

  private run(document: TextDocument): void {
    const uri = document.uri;
    const done = guarded(this.host.log, 'validate', (d: TextDocument) => this.validate(d))(document).finally(() => {
      if (this.running.get(uri) === done) this.running.delete(uri);
    });
    this.running.set(uri, done);
  }

  private async validate(document: TextDocument): Promise<void> {
    // Kept before any wait: the editor's TextDocuments updates the same object when the file is edited.
    const version = document.version;
    const asked = this.host.settings(document.uri);
    // The file is checked while the settings are on their way: opening a big log waits for one, not both.
    const analysis = this.host.analyse(document);
    void analysis.allProblems;
    const current = await asked;
    // One version's positions for every diagnostic, taken from the text the analysis is of.
    const at = new Positions(document.getText());
    // Findings have a limit of their own: a log full of JSON problems still shows what the rules found.
    const findings = await this.host.findings(document, analysis, current.maxProblems, at);
    // The document may have changed or closed while the settings and rules were fetched.
    if (this.host.current(document.uri)?.version !== version) return;
    const problems = current.validateEnable
      ? analysis.problems(current.maxProblems, current.ignoredProblems).map((p) => toDiagnostic(at, p))
      : [];
    await this.host.publish({ uri: document.uri, version, diagnostics: [...problems, ...findings] });
  }
}
