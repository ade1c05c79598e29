/**
 * Gzipped logs as read-only CloudTrail documents: a `cloudtrail-gz:` document holds the decompressed
 * text of the file at the same path.
 */
import { open } from 'node:fs/promises';
import * as vscode from 'vscode';
import { gunzipLenient, isGzip } from '../../../common/gzip';
import { LANGUAGE_ID } from '../../../common/language';

export const GZIP_SCHEME = 'cloudtrail-gz';

export class GzipContentProvider implements vscode.TextDocumentContentProvider {
  /** What went wrong reading each file, shown once when it opens. */
  readonly errors = new Map<string, string>();

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const bytes = await vscode.workspace.fs.readFile(uri.with({ scheme: 'file' }));
    const { text, error } = await gunzipLenient(bytes);
    if (error) this.errors.set(uri.toString(), error);
    else this.errors.delete(uri.toString());
    return text;
  }
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
