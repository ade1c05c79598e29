/**
 * The events view follows the editor: it shows the active log, refreshes after typing, empties when the
 * log closes, and selects the record under the cursor. A folder, once shown, stays until it is closed.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LANGUAGE_ID } from '../../../common/language';
import { RecordAtRequest } from '../../../common/protocol';
import { RECORD_SCHEME } from '../records/recordUri';
import type { EventsView } from './view';

/** Quiet time after typing, or after the cursor moves, before the view follows. */
const VIEW_DELAY_MS = 300;

/** `editor`, when it shows a CloudTrail log (a record opened on its own keeps the view on its log). */
function logEditor(editor: vscode.TextEditor | undefined): vscode.TextEditor | undefined {
  return editor?.document.languageId === LANGUAGE_ID && editor.document.uri.scheme !== RECORD_SCHEME ? editor : undefined;
}

/** The active editor, when it shows a CloudTrail log. */
export function activeLog(): vscode.TextEditor | undefined {
  return logEditor(vscode.window.activeTextEditor);
}

export class EditorFollower implements vscode.Disposable {
  private editTimer: NodeJS.Timeout | undefined;
  private cursorTimer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly view: EventsView,
    private readonly client: LanguageClient,
  ) {
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      vscode.workspace.onDidChangeTextDocument((e) => this.edited(e)),
      vscode.workspace.onDidCloseTextDocument((document) => this.closed(document)),
      vscode.window.onDidChangeTextEditorSelection((e) => this.moved(e.textEditor)),
    ];
  }

  dispose(): void {
    clearTimeout(this.editTimer);
    clearTimeout(this.cursorTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  /** Shows the log of `editor`, or none when it shows another language. */
  async follow(editor: vscode.TextEditor | undefined): Promise<void> {
    // Focus in a panel leaves no active editor: keep showing the last log. A folder stays until closed, and a record's log while it is read.
    if (!editor || this.view.model.folder || editor.document.uri.scheme === RECORD_SCHEME) return;
    const uri = logEditor(editor)?.document.uri.toString();
    if (uri !== this.view.model.uri) await this.view.show(uri);
  }

  private edited(e: vscode.TextDocumentChangeEvent): void {
    if (e.document.uri.toString() !== this.view.model.uri || e.contentChanges.length === 0) return;
    clearTimeout(this.editTimer);
    this.editTimer = setTimeout(() => void this.view.refresh(), VIEW_DELAY_MS);
  }

  private closed(document: vscode.TextDocument): void {
    if (document.uri.toString() === this.view.model.uri && !activeLog()) void this.view.show(undefined);
  }

  private moved(editor: vscode.TextEditor): void {
    clearTimeout(this.cursorTimer);
    this.cursorTimer = setTimeout(() => void this.revealRecordAt(editor).catch(() => undefined), VIEW_DELAY_MS);
  }

  private async revealRecordAt(editor: vscode.TextEditor): Promise<void> {
    const { model, tree } = this.view;
    if (!tree.visible || editor.document.uri.toString() !== model.uri) return;
    const place = await this.client.sendRequest(RecordAtRequest, {
      textDocument: { uri: model.uri },
      position: this.client.code2ProtocolConverter.asPosition(editor.selection.active),
      groupBy: model.groupBy,
      ...(model.filter ? { filter: model.filter } : {}),
    });
    if (!place) return;
    const node = await model.nodeFor(place);
    if (node) await tree.reveal(node, { select: true, focus: false, expand: false });
  }
}
