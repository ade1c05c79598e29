/**
 * The SQL editors the extension wrote (Open as Athena SQL, Create Athena table…): untitled documents, named in
 * the `cloudtrail.writtenSql` context key by their path, so the editor's Run in Athena button shows on them and
 * on no `.sql` file a repository holds. A path leaves the key when its document closes, so a later untitled
 * editor given the same name does not inherit the button.
 */
import * as vscode from 'vscode';
import { CONTEXT_KEYS } from '../contributions';

export class WrittenSql implements vscode.Disposable {
  private readonly paths = new Set<string>();
  private readonly closing = vscode.workspace.onDidCloseTextDocument((document) => {
    if (this.paths.delete(document.uri.path)) void this.publish();
  });

  /** Opens `sql` in a new untitled SQL editor, one the run button shows on. */
  async open(sql: string): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument({ language: 'sql', content: sql });
    this.paths.add(document.uri.path);
    await this.publish();
    return vscode.window.showTextDocument(document, { preview: false });
  }

  /** Whether the extension wrote the document at `uri` (and it is still open, unsaved). */
  has(uri: vscode.Uri): boolean {
    return uri.scheme === 'untitled' && this.paths.has(uri.path);
  }

  private publish(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', CONTEXT_KEYS.writtenSql, [...this.paths]);
  }

  dispose(): void {
    this.closing.dispose();
  }
}
