/**
 * Gzipped logs as read-only CloudTrail documents: a `cloudtrail-gz:` document holds the decompressed
 * text of the file at the same path. A file whose text is more than VS Code shares with extensions is
 * not made into a document: it opens in the gzip editor, whose page says why, and the events view reads it from disk.
 */
import { open } from 'node:fs/promises';
import * as vscode from 'vscode';
import { gunzipLenient, isGzip } from '../../../common/gzip';
import { LANGUAGE_ID } from '../../../common/language';
import { GZIP_EDITOR_VIEW_TYPE } from '../contributions';
import { SHARE_LIMIT } from '../largeFiles/largeFile';
import type { FileProbes } from '../largeFiles/probes';

export const GZIP_SCHEME = 'cloudtrail-gz';

export class GzipContentProvider implements vscode.TextDocumentContentProvider {
  /** What went wrong reading each file, shown once when it opens. */
  readonly errors = new Map<string, string>();

  constructor(readonly probes: FileProbes) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const file = uri.with({ scheme: 'file' });
    if (await this.tooLarge(file)) throw new Error(tooLargeMessage);
    const bytes = await vscode.workspace.fs.readFile(file);
    const { text, error } = await gunzipLenient(bytes);
    // Its trailer said less (it holds only the last member's size, modulo 4 GiB): remember what trying showed.
    if (text.length > SHARE_LIMIT) {
      await this.probes.markLarge(file, { bytes: Buffer.byteLength(text), gzip: true, log: true });
      throw new Error(tooLargeMessage);
    }
    if (error) this.errors.set(uri.toString(), error);
    else this.errors.delete(uri.toString());
    return text;
  }

  /** Whether the file's decompressed text is more than VS Code shares with extensions. */
  async tooLarge(file: vscode.Uri): Promise<boolean> {
    return (await this.probes.probe(file.with({ scheme: 'file' })))?.kind === 'large';
  }
}

const tooLargeMessage = 'The decompressed log is larger than the 50 MB VS Code shares with extensions.';

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
  if (error) void vscode.window.showErrorMessage(error);
  return editor;
}

/** Opens a gzipped log decompressed; one too large opens in the gzip editor, which says why, and its events show in the view. */
export async function openDecompressed(provider: GzipContentProvider, file: vscode.Uri): Promise<vscode.TextEditor | undefined> {
  const editor = await showDecompressed(provider, file);
  if (!editor) await vscode.commands.executeCommand('vscode.openWith', file.with({ scheme: 'file' }), GZIP_EDITOR_VIEW_TYPE);
  return editor;
}
