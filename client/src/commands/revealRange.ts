/** Shows a record (or a JSON error) from the events view: opens its file and selects the range. */
import * as vscode from 'vscode';
import { openDecompressed } from '../gzip/documents';
import type { CommandFactory } from './context';

export const revealRange: CommandFactory = (ctx) => async (uri: string, range: vscode.Range) => {
  const target = vscode.Uri.parse(uri);
  // A record of a gzipped file in a folder: its range is in the decompressed text.
  const editor =
    target.scheme === 'file' && target.path.endsWith('.gz')
      ? await openDecompressed(ctx.gzip, target)
      : await vscode.window.showTextDocument(target, { preserveFocus: false });
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
};
