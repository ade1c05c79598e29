/** Reading a folder of logs into the events view, and going back to what the editor area shows. */
import * as vscode from 'vscode';
import { showInformation, showWarning } from '../notifications';
import { EVENTS_VIEW_ID } from '../contributions';
import { COMMANDS } from '../../../common/commands';
import { folderName, folderReadLine } from '../eventsView/viewText';
import type { CommandFactory } from './context';

export const openFolder: CommandFactory = (ctx) => async (folderUri?: vscode.Uri) => {
  const folder =
    folderUri ??
    (
      await vscode.window.showOpenDialog({
        canSelectFiles: false,
        canSelectFolders: true,
        openLabel: 'Read CloudTrail logs',
        title: 'Open a folder of CloudTrail logs',
      })
    )?.[0];
  if (!folder) return;
  const result = await ctx.disk.readFolder(folder.toString(), 'Reading CloudTrail logs');
  if (!result) return;
  const said = folderReadLine(result);
  void (said.warn ? showWarning(said.text) : showInformation(said.text));
  await ctx.view.showFolder(folder.toString(), result.skipped);
  // Opened from the Explorer, the view is hidden: bring it up, so the folder's events are seen.
  await vscode.commands.executeCommand(`${EVENTS_VIEW_ID}.focus`, { preserveFocus: true });
};

export const showActiveLog: CommandFactory = (ctx) => async () => {
  await ctx.view.leaveFolder();
  await ctx.follower.follow();
};

/** The view left a folder for a log that became active: said once, with the way back (the folder is read again). */
export function folderLeft(folder: string): void {
  const uri = vscode.Uri.parse(folder);
  const name = folderName(uri.path) ?? folder;
  const again = 'Show the folder again';
  void showInformation(`The events view shows the active log now, not the folder ${name}.`, again).then((choice) => {
    if (choice === again) void vscode.commands.executeCommand(COMMANDS.openFolder, uri);
  });
}
