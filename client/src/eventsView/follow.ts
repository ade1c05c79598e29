/**
 * The events view follows the editor area: the active tab's log (a document VS Code shares, or a large file
 * it does not, read from disk), language switches, edits, closing, and the record under the cursor.
 * A folder, once shown, stays until the user leaves it; the view then says when the active log is another.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LANGUAGE_ID } from '../../../common/language';
import { RecordAtRequest } from '../../../common/protocol';
import { GZIP_EDITOR_VIEW_TYPE } from '../contributions';
import type { FileProbes } from '../largeFiles/probes';
import { RECORD_SCHEME } from '../records/recordUri';
import { type ActiveTab, type EditorState, targetOf } from './target';
import type { EventsView } from './view';

/** Quiet time after typing, or after the cursor moves, before the view follows. */
const VIEW_DELAY_MS = 300;
/** Tabs, editors and documents change in bursts (a language switch closes and reopens the document): follow once it settles. */
const FOLLOW_DELAY_MS = 30;

/** The active editor, when it shows a CloudTrail log. */
export function activeLog(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor?.document.languageId === LANGUAGE_ID ? editor : undefined;
}

/** The active tab of the active group, and the resource it shows. */
export function activeTab(): (ActiveTab & { readonly resource: vscode.Uri | undefined }) | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input === undefined) return undefined;
  if (input instanceof vscode.TabInputText) return { uri: input.uri.toString(), resource: input.uri, editor: 'text' };
  if (input instanceof vscode.TabInputCustom && input.viewType === GZIP_EDITOR_VIEW_TYPE)
    return { uri: input.uri.toString(), resource: input.uri, editor: 'gzip' };
  const resource = input instanceof vscode.TabInputTextDiff ? input.modified : undefined;
  return { uri: resource?.toString() ?? '', resource, editor: 'other' };
}

export class EditorFollower implements vscode.Disposable {
  private editTimer: NodeJS.Timeout | undefined;
  private cursorTimer: NodeJS.Timeout | undefined;
  private followTimer: NodeJS.Timeout | undefined;
  /** Numbers each look at the editor area, so a slow probe never overrides a newer look. */
  private looks = 0;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly view: EventsView,
    private readonly client: LanguageClient,
    private readonly probes: FileProbes,
  ) {
    const schedule = () => this.schedule();
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(schedule),
      vscode.window.tabGroups.onDidChangeTabs(schedule),
      vscode.window.tabGroups.onDidChangeTabGroups(schedule),
      vscode.workspace.onDidOpenTextDocument(schedule),
      vscode.workspace.onDidCloseTextDocument(schedule),
      probes.onDidChange(schedule),
      vscode.workspace.onDidChangeTextDocument((e) => this.edited(e)),
      vscode.window.onDidChangeTextEditorSelection((e) => this.moved(e.textEditor)),
    ];
  }

  dispose(): void {
    clearTimeout(this.editTimer);
    clearTimeout(this.cursorTimer);
    clearTimeout(this.followTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  /** Looks at the editor area now and shows what it holds. */
  async follow(): Promise<void> {
    clearTimeout(this.followTimer);
    const look = ++this.looks;
    const state = await this.state();
    if (look !== this.looks) return;
    // A record opened on its own keeps the view on its log.
    if (state.tab?.uri.startsWith(`${RECORD_SCHEME}:`)) return;
    await this.view.follow(targetOf(state));
  }

  private schedule(): void {
    clearTimeout(this.followTimer);
    this.followTimer = setTimeout(() => void this.follow().catch(() => undefined), FOLLOW_DELAY_MS);
  }

  private async state(): Promise<EditorState> {
    const tab = activeTab();
    const document =
      tab?.editor === 'text'
        ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === tab.uri)
        : tab?.editor === 'other'
          ? vscode.window.activeTextEditor?.document
          : undefined;
    const probe = tab?.resource && !document && tab.editor !== 'other' ? await this.probes.probe(tab.resource) : undefined;
    return {
      tab,
      document: document && { uri: document.uri.toString(), languageId: document.languageId },
      probe,
      forced: tab?.resource !== undefined && this.probes.isForced(tab.resource),
    };
  }

  private edited(e: vscode.TextDocumentChangeEvent): void {
    if (e.document.uri.toString() !== this.view.model.uri || e.contentChanges.length === 0) return;
    clearTimeout(this.editTimer);
    this.editTimer = setTimeout(() => void this.view.refresh(), VIEW_DELAY_MS);
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
