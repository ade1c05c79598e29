/**
 * Records opened on their own: a `cloudtrail-record:` document holds one record of a log, pretty-printed by
 * the server (cloudtrail/recordText), read-only, in the CloudTrail language, so it gets hovers and its own
 * problems like any CloudTrail document. The record opens beside the log, in the column records open in.
 */
import * as vscode from 'vscode';
import { showWarning } from '../notifications';
import { LANGUAGE_ID } from '../../../common/language';
import type { RecordLayout } from '../../../common/protocol';
import { editorLayout } from '../editorLayout';
import { parseRecordQuery, RECORD_SCHEME, recordPath, recordQuery, type RecordRef } from './recordUri';

/** Asks the server for a record's text; undefined when it has none. */
export type RecordTextSource = (log: string, index: number, layout: RecordLayout) => Promise<string | undefined>;

export class RecordDocuments implements vscode.TextDocumentContentProvider {
  /** Text fetched by open(), handed to VS Code's first call for the document, so the server is asked once. */
  private readonly fetched = new Map<string, string>();

  constructor(private readonly source: RecordTextSource) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ready = this.fetched.get(uri.toString());
    if (ready !== undefined) return ready;
    // An editor restored after a reload: ask again.
    const ref = parseRecordQuery(uri.query);
    const text = ref && (await this.source(ref.log, ref.index, editorLayout()));
    if (text === undefined) throw new Error('This record is no longer available: open its log again, then the record.');
    return text;
  }

  /** Opens a record pretty-printed; undefined when the server has no such record (said, unless `quiet`: the caller has another way). */
  async open(ref: RecordRef, quiet = false): Promise<vscode.TextEditor | undefined> {
    const uri = vscode.Uri.from({ scheme: RECORD_SCHEME, path: recordPath(ref), query: recordQuery(ref) });
    const key = uri.toString();
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (!open) {
      const text = await this.source(ref.log, ref.index, editorLayout());
      if (text === undefined) {
        if (!quiet) void showWarning('That record could not be read: the log may have changed or closed.');
        return undefined;
      }
      this.fetched.set(key, text);
    }
    try {
      let document = open ?? (await vscode.workspace.openTextDocument(uri));
      if (document.languageId !== LANGUAGE_ID) document = await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
      // Beside the log; the next record replaces this one (a preview) in the same column. With no editor open (a
      // folder's record, every editor closed), in the empty area itself: beside it would leave an empty group first.
      const column = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === RECORD_SCHEME)?.viewColumn;
      const beside = vscode.window.tabGroups.activeTabGroup.tabs.length > 0 ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
      return await vscode.window.showTextDocument(document, { viewColumn: column ?? beside, preview: true });
    } finally {
      this.fetched.delete(key);
    }
  }
}
