/** Reading a folder of logs into the events view, and going back to the active log. */
import * as vscode from 'vscode';
import { CloseFolderNotification, FolderProgressNotification, OpenFolderRequest, type OpenFolderResult } from '../../../common/protocol';
import { activeLog } from '../eventsView/follow';
import type { CommandContext, CommandFactory } from './context';

/** Drops the folder the view shows from the server, unless it is `keep` (being read again). */
async function closeFolder(ctx: CommandContext, keep?: string): Promise<void> {
  const { folder, uri } = ctx.view.model;
  if (folder && uri && uri !== keep) void ctx.client.sendNotification(CloseFolderNotification, { folder: uri });
  await ctx.view.leaveFolder();
}

/** Asks the server to read the folder, with its progress in a cancellable notification. */
function readFolder(ctx: CommandContext, folder: vscode.Uri): Thenable<OpenFolderResult | null> {
  const options = { location: vscode.ProgressLocation.Notification, title: 'Reading CloudTrail logs', cancellable: true };
  return vscode.window.withProgress(options, async (progress, token) => {
    let reported = 0;
    const listener = ctx.client.onNotification(FolderProgressNotification, ({ folder: f, done, total }) => {
      if (f !== folder.toString() || total === 0) return;
      const percent = (done / total) * 100;
      progress.report({ increment: percent - reported, message: `${done} of ${total} files` });
      reported = percent;
    });
    try {
      return await ctx.client.sendRequest(OpenFolderRequest, { folder: folder.toString() }, token);
    } finally {
      listener.dispose();
    }
  });
}

export const openFolder: CommandFactory = (ctx) => async (folderUri?: vscode.Uri) => {
  const folder =
    folderUri ??
    (await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, openLabel: 'Read CloudTrail logs' }))?.[0];
  if (!folder) return;
  const result = await readFolder(ctx, folder);
  if (!result) return;
  if (result.failed.length > 0)
    void vscode.window.showWarningMessage(`${result.failed.length} of ${result.files} files could not be read whole.`);
  // The server has just stored this folder's records: closing the old one must not drop them.
  await closeFolder(ctx, folder.toString());
  await ctx.view.showFolder(folder.toString());
};

export const showActiveLog: CommandFactory = (ctx) => async () => {
  await closeFolder(ctx);
  // With no log active the folder's nodes go too: the server has dropped their records.
  await ctx.view.show(activeLog()?.document.uri.toString());
};
