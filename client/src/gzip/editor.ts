/**
 * For `*.json.gz` in the Explorer: a custom editor that shows the decompressed log instead of the compressed
 * bytes. A log whose text is too large for VS Code to share with extensions stays here, as a page that says
 * so (its events are in the view, read from disk), instead of failing; so does a plain log that large, opened
 * here by "Open log file…".
 */
import * as vscode from 'vscode';
import { showError } from '../notifications';
import { GZIP_EDITOR_VIEW_TYPE } from '../contributions';
import { type GzipContentProvider, showDecompressed } from './gzipDocuments';
import { errorText } from '../../../common/errorText';

/** A page with nothing from the file in it, under a policy that loads nothing and runs nothing. */
function page(heading: string, ...paragraphs: string[]): string {
  return [
    '<!DOCTYPE html><html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none';">`,
    `</head><body><h2>${heading}</h2>`,
    ...paragraphs.map((p) => `<p>${p}</p>`),
    '</body></html>',
  ].join('');
}

export const OPENING_PAGE = page('Opening the decompressed CloudTrail log…');

export const TOO_LARGE_PAGE = page(
  'This log is too large to open decompressed',
  'VS Code shares no text above 50 MB with extensions, and this file decompresses to more than that.',
  'Its events are in the CloudTrail view in the activity bar, read from disk: every grouping, filter and page, and its problems in the Problems view. Hovers, completion, fixes and opening a record need the text in an editor, which VS Code does not allow at this size.',
);

export const LARGE_PAGE = page(
  'This log is too large to open as text',
  'VS Code shares no text above 50 MB with extensions, and loading all of it into an editor can take the window down.',
  'Its events are in the CloudTrail view in the activity bar, read from disk: every grouping, filter and page, and its problems in the Problems view. Opening a record shows it pretty-printed on its own.',
);

export const FAILED_PAGE = page('The decompressed log could not be opened', 'The notification says why.');

export class GzipEditorProvider implements vscode.CustomReadonlyEditorProvider {
  static readonly viewType = GZIP_EDITOR_VIEW_TYPE;
  /** Files whose editor shows the too-large page, for the in-editor tests. */
  readonly tooLarge = new Set<string>();

  constructor(private readonly contents: GzipContentProvider) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => this.tooLarge.delete(uri.toString()) };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    panel.webview.options = { enableScripts: false, enableCommandUris: false };
    panel.webview.html = OPENING_PAGE;
    try {
      // "Open log file…" opens a large plain log here too, so that its text never reaches an editor.
      const probe = await this.contents.probes.probe(document.uri);
      if (probe?.kind === 'large' && !probe.file.gzip) {
        this.tooLarge.add(document.uri.toString());
        panel.webview.html = LARGE_PAGE;
        return;
      }
      const editor = await showDecompressed(this.contents, document.uri);
      if (editor) return panel.dispose();
      this.tooLarge.add(document.uri.toString());
      panel.webview.html = TOO_LARGE_PAGE;
    } catch (error) {
      // Said in a notification, not thrown: a custom editor that throws leaves an error editor and a modal.
      panel.webview.html = FAILED_PAGE;
      void showError(`The decompressed log could not be opened: ${errorText(error)}`);
    }
  }
}
