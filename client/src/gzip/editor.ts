/** For `*.json.gz` in the Explorer: a custom editor that shows the decompressed log instead of the compressed bytes. */
import type * as vscode from 'vscode';
import { GZIP_EDITOR_VIEW_TYPE } from '../contributions';
import { type GzipContentProvider, openDecompressed } from './documents';

export class GzipEditorProvider implements vscode.CustomReadonlyEditorProvider {
  static readonly viewType = GZIP_EDITOR_VIEW_TYPE;

  constructor(private readonly contents: GzipContentProvider) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    // A static page while the text editor opens; nothing from the file is put in it.
    panel.webview.html = '<!DOCTYPE html><html><body><p>Opening the decompressed CloudTrail log…</p></body></html>';
    await openDecompressed(this.contents, document.uri);
    panel.dispose();
  }
}
