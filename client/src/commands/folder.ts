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
  if (result.failed.length > 0) void showWarning(`${result.failed.length} of ${result.files} files could not be read whole.`);
  await ctx.view.showFolder(folder.toString());
};

export const showActiveLog: CommandFactory = (ctx) => async () => {
  await ctx.view.leaveFolder();
  await ctx.follower.follow();
};
