/**
 * Shows a record (or a JSON error) from the events view: opens its file and selects the range. A file too
 * large for VS Code to share opens with the range selected by the editor itself; a gzipped one that large
 * cannot be shown decompressed, and a message says so.
 */
import * as vscode from 'vscode';
import { showDecompressed } from '../gzip/documents';
import type { CommandFactory } from './context';

const TOO_LARGE =
  'This record is in a gzipped log too large to open decompressed: VS Code shares no text above 50 MB with extensions. Its events, filters and problems are in the CloudTrail view.';

export const revealRange: CommandFactory = (ctx) => async (uri: string, range: vscode.Range) => {
  const target = vscode.Uri.parse(uri);
  const select = (editor: vscode.TextEditor) => {
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };
  // A record of a gzipped file (in a folder, or read from disk): its range is in the decompressed text.
  if (target.scheme === 'file' && target.path.endsWith('.gz')) {
    const editor = await showDecompressed(ctx.gzip, target);
    if (editor) select(editor);
    else void vscode.window.showInformationMessage(TOO_LARGE);
    return;
  }
  if ((await ctx.probes.probe(target))?.kind === 'large') {
    // No TextEditor for a file VS Code does not share: the editor opens it and selects the range itself.
    await vscode.commands.executeCommand('vscode.open', target, { selection: range, preview: false });
    return;
  }
  select(await vscode.window.showTextDocument(target, { preserveFocus: false }));
};
