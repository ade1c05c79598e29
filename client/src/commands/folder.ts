/** Reading a folder of logs into the events view, and going back to what the editor area shows. */
import * as vscode from 'vscode';
import { showWarning } from '../notifications';
import type { CommandFactory } from './context';

export const openFolder: CommandFactory = (ctx) => async (folderUri?: vscode.Uri) => {
  const folder =
    folderUri ??
    (await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, openLabel: 'Read CloudTrail logs' }))?.[0];
  if (!folder) return;
  const result = await ctx.disk.readFolder(folder.toString(), 'Reading CloudTrail logs');
  if (!result) return;
  // Counts only: the entries' names (the folder's, so anyone's) are said in the events view, as text.
  const skipped = result.skipped?.length ?? 0;
  const notes = [
    result.failed.length > 0 ? `${result.failed.length} of ${result.files} files could not be read whole.` : '',
    skipped > 0
      ? `${skipped} ${skipped === 1 ? 'entry is' : 'entries are'} not regular files and were not read (the events view names them).`
      : '',
  ].filter(Boolean);
  if (notes.length > 0) void showWarning(notes.join(' '));
  await ctx.view.showFolder(folder.toString(), result.skipped);
};

export const showActiveLog: CommandFactory = (ctx) => async () => {
  await ctx.view.leaveFolder();
  await ctx.follower.follow();
};
