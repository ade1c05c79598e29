/**
 * Shows a record (or a JSON error) from the events view: opens its file and selects the range. A record on a
 * line too long to read where it is (a log as CloudTrail writes it, on one line) opens pretty-printed on its
 * own instead, unless its file is a gzipped log shown pretty-printed, where it is selected in the layout.
 * A file too large for VS Code to share opens with the range selected by the editor itself; a gzipped one
 * that large cannot be shown decompressed, so its record opens on its own.
 */
import * as vscode from 'vscode';
import { showInformation } from '../notifications';
import { showDecompressed } from '../gzip/gzipDocuments';
import type { RecordRef } from '../records/recordUri';
import type { CommandFactory } from './context';

/** A record on a line longer than this is opened on its own: beyond it, a line is read by scrolling sideways. */
export const LONG_LINE = 2000;

const TOO_LARGE =
  'This record is in a gzipped log too large to open decompressed: VS Code shares no text above 50 MB with extensions. Its events, filters and problems are in the CloudTrail view.';

/** Whether a record's range sits on a line too long to read: measured in its open document, else from the range. */
function onLongLine(target: vscode.Uri, range: vscode.Range): boolean {
  if (!range.isSingleLine) return false;
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
  const length = document && range.start.line < document.lineCount ? document.lineAt(range.start.line).text.length : range.end.character;
  return length > LONG_LINE;
}

function select(editor: vscode.TextEditor, range: vscode.Range): void {
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export const revealRange: CommandFactory = (ctx) => async (uri: string, range: vscode.Range, record?: RecordRef) => {
  const target = vscode.Uri.parse(uri);
  // A record of a gzipped file (in a folder, or read from disk): its range is in the decompressed text.
  const gzipped = target.scheme === 'file' && target.path.endsWith('.gz');
  const apart = record && !(gzipped && ctx.gzip.prettyPrinted(target)) && onLongLine(target, range);
  // Where the server cannot give the record on its own, it is selected where it is after all.
  if (apart && (await ctx.records.open(record, true))) return;
  if (gzipped) {
    const editor = await showDecompressed(ctx.gzip, target);
    if (editor) select(editor, await ctx.gzip.shownRange(editor.document, range));
    else if (!record || !(await ctx.records.open(record, true))) void showInformation(TOO_LARGE);
    return;
  }
  if ((await ctx.probes.probe(target))?.kind === 'large') {
    // No TextEditor for a file VS Code does not share: the editor opens it and selects the range itself.
    await vscode.commands.executeCommand('vscode.open', target, { selection: range, preview: false });
    return;
  }
  select(await vscode.window.showTextDocument(target, { preserveFocus: false }), range);
};
