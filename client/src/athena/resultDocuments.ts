/**
 * Query results as read-only documents: a `cloudtrail-athena:` document holds one result's text, a record
 * query's as a CloudTrail log (so the events view groups, filters and pivots it, and hovers work, like any
 * log), any other answer as CSV. The path names the result for its tab (rows, data scanned); the query names
 * Athena's query ID. The text lives only here, in memory, for the most recent results.
 */
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../../common/language';
import type { ResultText } from './resultText';

export const RESULT_SCHEME = 'cloudtrail-athena';

/** Results kept, and the characters they may hold together; the oldest go first. */
const MAX_RESULTS = 16;
const MAX_KEPT_CHARS = 120 * 1024 * 1024;

export class ResultDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private shown = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    const text = this.texts.get(uri.toString());
    // An editor restored after a reload: the result was never stored anywhere else.
    if (text === undefined) throw new Error('This Athena result is no longer held: run its query again.');
    return text;
  }

  /** Opens a result in the active column; `description` names it in its tab. */
  async open(result: ResultText, description: string, queryId: string): Promise<vscode.TextEditor> {
    const name = `Athena ${++this.shown} · ${description}.${result.kind === 'records' ? 'json' : 'csv'}`;
    const uri = vscode.Uri.from({
      scheme: RESULT_SCHEME,
      path: `/${name.replace(/\//g, '_')}`,
      query: new URLSearchParams({ id: queryId }).toString(),
    });
    this.keep(uri.toString(), result.text);
    let document = await vscode.workspace.openTextDocument(uri);
    if (result.kind === 'records' && document.languageId !== LANGUAGE_ID)
      document = await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
    return vscode.window.showTextDocument(document, { preview: false });
  }

  private keep(key: string, text: string): void {
    this.texts.set(key, text);
    let chars = 0;
    for (const kept of this.texts.values()) chars += kept.length;
    for (const [oldest, kept] of this.texts) {
      if (this.texts.size <= 1 || (this.texts.size <= MAX_RESULTS && chars <= MAX_KEPT_CHARS)) break;
      this.texts.delete(oldest);
      chars -= kept.length;
    }
  }
}
