/**
 * CloudTrail: Verify integrity…: the folder given (the Explorer's), else the folder the events view shows, else one
 * chosen; the key file the setting names, else one chosen (none: signatures are reported unverified).
 */
import * as vscode from 'vscode';
import { IntegrityChecks } from '../integrity/integrityChecks';
import type { CommandFactory } from './context';

async function folderToCheck(given: vscode.Uri | undefined, shown: string | undefined): Promise<vscode.Uri | undefined> {
  if (given) return given;
  if (shown) return vscode.Uri.parse(shown);
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    openLabel: 'Verify',
    title: 'Choose an evidence folder (it holds AWSLogs/…/CloudTrail and CloudTrail-Digest)',
  });
  return picked?.[0];
}

async function keysToUse(folder: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (IntegrityChecks.keysSet(folder)) return undefined;
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: true,
    canSelectFolders: false,
    openLabel: 'Use these keys',
    title: 'Choose the public keys: the output of aws cloudtrail list-public-keys (cancel to check without signatures)',
    filters: { JSON: ['json'] },
  });
  return picked?.[0];
}

export const verifyIntegrity: CommandFactory = (ctx) => async (folderUri?: vscode.Uri) => {
  const shown = ctx.view.model.folder ? ctx.view.model.uri : undefined;
  const folder = await folderToCheck(folderUri instanceof vscode.Uri ? folderUri : undefined, shown);
  if (!folder) return;
  await ctx.integrity.verify(folder, await keysToUse(folder));
};
