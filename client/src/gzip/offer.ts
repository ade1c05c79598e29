/** Gzip bytes opened as text: besides the error's quick fix, the client offers the decompressed file once, with a button. */
import * as vscode from 'vscode';
import { type GzipContentProvider, openDecompressed } from './gzipDocuments';

export class DecompressionOffer {
  private readonly offered = new Set<string>();

  constructor(private readonly contents: GzipContentProvider) {}

  offer(uri: vscode.Uri): void {
    if (this.offered.has(uri.toString())) return;
    this.offered.add(uri.toString());
    // No file name in the message: notifications render links, and a name can be anything.
    void vscode.window
      .showWarningMessage('This file is gzip-compressed: open it decompressed to read the log.', 'Open decompressed')
      .then((choice) => {
        if (choice) void openDecompressed(this.contents, uri);
      });
  }
}
