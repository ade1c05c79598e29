/**
 * Shows a record (or a JSON error) from the events view: opens its file and selects the range. A record on a
 * line too long to read where it is (a log as CloudTrail writes it, on one line) opens pretty-printed on its
 * own instead, unless its file is a gzipped log shown pretty-printed, where it is selected in the layout.
 */
import * as vscode from 'vscode';
import { openDecompressed } from '../gzip/documents';
import type { RecordRef } from '../records/recordUri';
import type { CommandFactory } from './context';

/** A record on a line longer than this is opened on its own: beyond it, a line is read by scrolling sideways. */
export const LONG_LINE = 2000;

/** Whether a record's range sits on a line too long to read: measured in its open document, else from the range. */
function onLongLine(target: vscode.Uri, range: vscode.Range): boolean {
  if (!range.isSingleLine) return false;
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
  const length = document && range.start.line < document.lineCount ? document.lineAt(range.start.line).text.length : range.end.character;
  return length > LONG_LINE;
}

export const revealRange: CommandFactory = (ctx) => async (uri: string, range: vscode.Range, record?: RecordRef) => {
  const target = vscode.Uri.parse(uri);
  // A record of a gzipped file in a folder: its range is in the decompressed text.
  const gzipped = target.scheme === 'file' && target.path.endsWith('.gz');
  const apart = record && !(gzipped && ctx.gzip.prettyPrinted(target)) && onLongLine(target, range);
  // Where the server cannot give the record on its own, it is selected where it is after all.
  if (apart && (await ctx.records.open(record, true))) return;
  const editor = gzipped
    ? await openDecompressed(ctx.gzip, target)
    : await vscode.window.showTextDocument(target, { preserveFocus: false });
  const shown = gzipped ? await ctx.gzip.shownRange(editor.document, range) : range;
  editor.selection = new vscode.Selection(shown.start, shown.end);
  editor.revealRange(shown, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
};
