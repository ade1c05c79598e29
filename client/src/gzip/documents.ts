/**
 * Gzipped logs as read-only CloudTrail documents: a `cloudtrail-gz:` document holds the decompressed
 * text of the file at the same path, pretty-printed when `cloudtrail.gzip.prettyPrint` is on (by the same
 * code as Format Document). The server reads the text the document holds, so its ranges are of that text;
 * only a range read from the file itself (a folder's record) is moved into the layout here.
 */
import { open } from 'node:fs/promises';
import * as vscode from 'vscode';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type Decompressed, gunzipLenient, isGzip } from '../../../common/gzip';
import { CONFIGURATION_SECTION, LANGUAGE_ID } from '../../../common/language';
import { laidOutSpan, type LayoutOptions, prettyPrint } from '../../../common/prettyPrint';
import { editorLayout } from '../editorLayout';

export const GZIP_SCHEME = 'cloudtrail-gz';

/** The setting, under `cloudtrail.`, that lays decompressed logs out. */
export const PRETTY_PRINT_SETTING = 'gzip.prettyPrint';

/** VS Code shares no document longer than this with extensions: a laid-out log must stay within it to be read. */
const SYNC_LIMIT = 50 * 1024 * 1024;

/** Layouts remembered, one a decompressed log. */
const MAX_LAYOUTS = 256;

export class GzipContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  /** What went wrong reading each file, shown once when it opens. */
  readonly errors = new Map<string, string>();
  /**
   * How each document's text was laid out, when it was pretty-printed. Not dropped when a document closes:
   * switching its language closes and reopens it without reading it again. The oldest go past MAX_LAYOUTS.
   */
  private readonly layouts = new Map<string, LayoutOptions>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      this.changed,
      // The setting or the indentation changed: the open logs are read again, laid out the new way.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(`${CONFIGURATION_SECTION}.${PRETTY_PRINT_SETTING}`) && !e.affectsConfiguration('editor')) return;
        for (const document of vscode.workspace.textDocuments) if (document.uri.scheme === GZIP_SCHEME) this.changed.fire(document.uri);
      }),
    ];
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const { text, error } = await decompress(uri);
    if (error) this.errors.set(uri.toString(), error);
    else this.errors.delete(uri.toString());
    const layout: LayoutOptions = editorLayout();
    const shown = this.prettyPrinted(uri) && text.length <= SYNC_LIMIT ? prettyPrint(text, layout) : undefined;
    this.layouts.delete(uri.toString());
    if (shown !== undefined && shown.length <= SYNC_LIMIT) {
      this.layouts.set(uri.toString(), layout);
      if (this.layouts.size > MAX_LAYOUTS) this.layouts.delete(this.layouts.keys().next().value!);
      return shown;
    }
    return text;
  }

  /** Whether the file's decompressed log is shown pretty-printed (the setting is on for it). */
  prettyPrinted(file: vscode.Uri): boolean {
    return vscode.workspace.getConfiguration(CONFIGURATION_SECTION, fileOf(file)).get<boolean>(PRETTY_PRINT_SETTING, true);
  }

  /** Where a range of the file's decompressed text (as a folder's record carries) lies in its open document. */
  async shownRange(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.Range> {
    const layout = this.layouts.get(document.uri.toString());
    if (!layout) return range;
    const { text } = await decompress(document.uri);
    const raw = TextDocument.create('', '', 0, text);
    const span = laidOutSpan(text, { start: raw.offsetAt(range.start), end: raw.offsetAt(range.end) }, layout);
    return new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
  }
}

function fileOf(uri: vscode.Uri): vscode.Uri {
  return uri.with({ scheme: 'file' });
}

async function decompress(uri: vscode.Uri): Promise<Decompressed> {
  return gunzipLenient(await vscode.workspace.fs.readFile(fileOf(uri)));
}

/** Whether a file holds gzip bytes, from its first two: a 50 MB log is not read for them. */
export async function isGzipFile(uri: vscode.Uri): Promise<boolean> {
  if (uri.scheme !== 'file') return isGzip(await vscode.workspace.fs.readFile(uri));
  const handle = await open(uri.fsPath, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return isGzip(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** Opens the decompressed log of a gzip file as a read-only CloudTrail document. */
export async function openDecompressed(provider: GzipContentProvider, file: vscode.Uri): Promise<vscode.TextEditor> {
  const uri = file.with({ scheme: GZIP_SCHEME });
  const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), LANGUAGE_ID);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const error = provider.errors.get(uri.toString());
  // Once per reading of the file, not again on every record opened from the events view.
  provider.errors.delete(uri.toString());
  if (error) void vscode.window.showErrorMessage(error);
  return editor;
}
