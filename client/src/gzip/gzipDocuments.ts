/**
 * Gzipped logs as read-only CloudTrail documents: a `cloudtrail-gz:` document holds the decompressed
 * text of the file at the same path, pretty-printed when `cloudtrail.gzip.prettyPrint` is on (by the same
 * code as Format Document). The server reads the text the document holds, so its ranges are of that text;
 * only a range read from the file itself (a folder's record) is moved into the layout here. A file whose text
 * is more than VS Code shares with extensions is not made into a document: it opens in the gzip editor, whose
 * page says why, and the events view reads it from disk.
 */
import * as vscode from 'vscode';
import { showError } from '../notifications';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type Decompressed, gunzipLenient, isGzip, isGzipFile } from '../../../common/gzip';
import { CONFIGURATION_SECTION, LANGUAGE_ID } from '../../../common/language';
import { laidOutSpan, type LayoutOptions, prettyPrint } from '../../../common/prettyPrint';
import { GZIP_EDITOR_VIEW_TYPE } from '../contributions';
import { editorLayout } from '../editorLayout';
import { SHARE_LIMIT } from '../largeFiles/largeFile';
import type { FileProbes } from '../largeFiles/probes';

export const GZIP_SCHEME = 'cloudtrail-gz';

/** The setting, under `cloudtrail.`, that lays decompressed logs out. */
export const PRETTY_PRINT_SETTING = 'gzip.prettyPrint';

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

  constructor(readonly probes: FileProbes) {
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
    const file = fileOf(uri);
    if (await this.tooLarge(file)) throw new Error(tooLargeMessage);
    const { text, error, tooLarge } = await decompress(uri);
    // Its trailer said less (it holds only the last member's size, modulo 4 GiB): remember what trying showed.
    if (tooLarge || text.length > SHARE_LIMIT) {
      await this.probes.markLarge(file, { bytes: tooLarge ? MAX_DECOMPRESSED : Buffer.byteLength(text), gzip: true, log: true });
      throw new Error(tooLargeMessage);
    }
    if (error) this.errors.set(uri.toString(), error);
    else this.errors.delete(uri.toString());
    const layout: LayoutOptions = editorLayout();
    const shown = this.prettyPrinted(uri) && text.length <= SHARE_LIMIT ? prettyPrint(text, layout) : undefined;
    this.layouts.delete(uri.toString());
    if (shown !== undefined && shown.length <= SHARE_LIMIT) {
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

  /** Whether the file's decompressed text is more than VS Code shares with extensions. */
  async tooLarge(file: vscode.Uri): Promise<boolean> {
    return (await this.probes.probe(fileOf(file)))?.kind === 'large';
  }
}

const tooLargeMessage = 'The decompressed log is larger than the 50 MB VS Code shares with extensions.';

function fileOf(uri: vscode.Uri): vscode.Uri {
  return uri.with({ scheme: 'file' });
}

/**
 * Enough bytes for any text VS Code shares (up to three UTF-8 bytes a character), and no more: a trailer can
 * understate a file's size, and decompressing a few GB into one string would fail or take the host down.
 */
const MAX_DECOMPRESSED = 3 * SHARE_LIMIT;

async function decompress(uri: vscode.Uri): Promise<Decompressed> {
  return gunzipLenient(await vscode.workspace.fs.readFile(fileOf(uri)), MAX_DECOMPRESSED);
}

/** Whether a resource holds gzip bytes; a file on disk is read for its first two only. */
export async function isGzipDocument(uri: vscode.Uri): Promise<boolean> {
  return uri.scheme === 'file' ? isGzipFile(uri.fsPath) : isGzip(await vscode.workspace.fs.readFile(uri));
}

/**
 * Shows the decompressed log of a gzip file as a read-only CloudTrail document; undefined, with nothing
 * opened, when its text is too large for VS Code to share with extensions.
 */
export async function showDecompressed(provider: GzipContentProvider, file: vscode.Uri): Promise<vscode.TextEditor | undefined> {
  if (await provider.tooLarge(file)) return undefined;
  const uri = file.with({ scheme: GZIP_SCHEME });
  let document: vscode.TextDocument;
  try {
    document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), LANGUAGE_ID);
  } catch (error) {
    if (await provider.tooLarge(file)) return undefined;
    throw error;
  }
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const error = provider.errors.get(uri.toString());
  // Once per reading of the file, not again on every record opened from the events view.
  provider.errors.delete(uri.toString());
  if (error) void showError(error);
  return editor;
}

/** Opens a gzipped log decompressed; one too large opens in the gzip editor, which says why, and its events show in the view. */
export async function openDecompressed(provider: GzipContentProvider, file: vscode.Uri): Promise<vscode.TextEditor | undefined> {
  const editor = await showDecompressed(provider, file);
  if (!editor) await vscode.commands.executeCommand('vscode.openWith', file.with({ scheme: 'file' }), GZIP_EDITOR_VIEW_TYPE);
  return editor;
}
