/**
 * Detection by content: a document open as JSON, JSON Lines, plain text or a log whose first few KB are a
 * CloudTrail log switches to CloudTrail, since VS Code's mapping by extension (export.json, events.jsonl)
 * wins over the language's firstLine. Untitled documents are looked at again as text arrives (a paste).
 * A document the user moves away from CloudTrail stays where the user put it, for the session.
 */
import * as vscode from 'vscode';
import { CONFIGURATION_SECTION, LANGUAGE_ID } from '../../../common/language';
import { DETECT_SETTING, DETECTED_LANGUAGES } from '../contributions';
import { SNIFF_CHARS, sniffLog, type SniffedShape } from './sniffLog';

/** Documents that are never a user's log: output channels, settings, notebook cells. */
const IGNORED_SCHEMES: ReadonlySet<string> = new Set(['output', 'vscode-userdata', 'vscode-settings', 'vscode-notebook-cell', 'debug']);

/** What detection made of a document, for whoever waits on it (the in-editor tests). */
export interface Detection {
  readonly uri: string;
  readonly verdict: 'switched' | 'not a log' | 'declined' | 'off';
  readonly shape?: SniffedShape;
}

/**
 * The first `chars` characters of a document, read line by line so nothing else is: a minified log is one
 * line of many MB, and `positionAt` would index every line of a pretty one.
 */
export function documentPrefix(document: vscode.TextDocument, chars: number): string {
  const lineBreak = document.eol === vscode.EndOfLine.CRLF ? 2 : 1;
  let left = chars;
  let line = 0;
  for (; line < document.lineCount - 1; line++) {
    const length = document.lineAt(line).text.length + lineBreak;
    if (length >= left) break;
    left -= length;
  }
  return document.getText(new vscode.Range(0, 0, line, left));
}

export class ContentDetection implements vscode.Disposable {
  private readonly decided = new vscode.EventEmitter<Detection>();
  /** Fires once detection has looked at a document: switched it, or left it as it is and why. */
  readonly onDidDetect = this.decided.event;
  /** Documents the user moved away from CloudTrail: never switched back this session. */
  private readonly declined = new Set<string>();
  /** Documents being switched, so a burst of changes asks once. */
  private readonly switching = new Set<string>();
  /** A CloudTrail document just closed: VS Code closes and reopens a document, in one go, to change its language. */
  private leaving: vscode.TextDocument | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      this.decided,
      vscode.workspace.onDidCloseTextDocument((document) => this.closed(document)),
      vscode.workspace.onDidOpenTextDocument((document) => this.opened(document)),
      vscode.workspace.onDidChangeTextDocument((e) => this.changed(e)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${CONFIGURATION_SECTION}.${DETECT_SETTING}`)) this.checkOpenDocuments();
      }),
    ];
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  /** Looks at every open document: those open before activation, or when the setting is turned on. */
  checkOpenDocuments(): void {
    for (const document of vscode.workspace.textDocuments) this.check(document);
  }

  private closed(document: vscode.TextDocument): void {
    if (document.languageId !== LANGUAGE_ID) return;
    this.leaving = document;
    // A language change reopens the same document at once; anything later is a real close.
    queueMicrotask(() => {
      if (this.leaving === document) this.leaving = undefined;
    });
  }

  private opened(document: vscode.TextDocument): void {
    if (this.leaving === document && document.languageId !== LANGUAGE_ID) this.declined.add(document.uri.toString());
    this.leaving = undefined;
    this.check(document);
  }

  /** Untitled text is looked at again when an edit reaches into its first few KB (a paste, typing). */
  private changed(e: vscode.TextDocumentChangeEvent): void {
    if (!e.document.isUntitled || !e.contentChanges.some((c) => c.rangeOffset < SNIFF_CHARS)) return;
    this.check(e.document, true);
  }

  private check(document: vscode.TextDocument, quietly = false): void {
    if (!DETECTED_LANGUAGES.includes(document.languageId) || IGNORED_SCHEMES.has(document.uri.scheme)) return;
    const uri = document.uri.toString();
    if (this.switching.has(uri)) return;
    if (this.declined.has(uri)) return this.report({ uri, verdict: 'declined' });
    if (!vscode.workspace.getConfiguration(CONFIGURATION_SECTION, document.uri).get<boolean>(DETECT_SETTING, true)) {
      return this.report({ uri, verdict: 'off' });
    }
    const shape = sniffLog(documentPrefix(document, SNIFF_CHARS));
    if (!shape) {
      // An untitled document is looked at on every edit; only a verdict that changed something is news there.
      if (!quietly) this.report({ uri, verdict: 'not a log' });
      return;
    }
    this.switching.add(uri);
    vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID).then(
      () => {
        this.switching.delete(uri);
        this.report({ uri, verdict: 'switched', shape });
      },
      () => this.switching.delete(uri),
    );
  }

  private report(detection: Detection): void {
    this.decided.fire(detection);
  }
}
