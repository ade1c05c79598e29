/**
 * Opening a file as a CloudTrail log: from a dialog, by switching a file over, or gzipped, decompressed.
 * A log opened through these commands is what the events view shows next, even while it shows a folder;
 * a file too large for VS Code to share opens as a page that says so (never its text) and is read from disk for the view.
 */
import * as vscode from 'vscode';
import { showInformation } from '../notifications';
import { LANGUAGE_ID } from '../../../common/language';
import { GZIP_EDITOR_VIEW_TYPE } from '../contributions';
import { activeTab } from '../eventsView/follow';
import { isGzipDocument, openDecompressed } from '../gzip/gzipDocuments';
import type { CommandContext, CommandFactory } from './context';

/** Opens a file the user says is a log, as a document or, too large for one, from disk. */
async function openLogFile(ctx: CommandContext, uri: vscode.Uri): Promise<void> {
  await ctx.view.leaveFolder();
  const probe = await ctx.probes.probe(uri);
  if (probe?.kind === 'large') {
    ctx.probes.force(uri);
    // Never its text in an editor: the workbench would load all of it. The page says why; the view reads it from disk.
    await vscode.commands.executeCommand('vscode.openWith', uri, GZIP_EDITOR_VIEW_TYPE);
  } else if (await isGzipDocument(uri)) {
    await openDecompressed(ctx.gzip, uri);
  } else {
    const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), LANGUAGE_ID);
    await vscode.window.showTextDocument(document);
  }
  await ctx.follower.follow();
}

export const openLog: CommandFactory = (ctx) => async (file?: vscode.Uri) => {
  const [uri] =
    file instanceof vscode.Uri
      ? [file]
      : ((await vscode.window.showOpenDialog({
          canSelectMany: false,
          openLabel: 'Open CloudTrail log',
          title: 'Open a CloudTrail log file',
          filters: { 'CloudTrail logs': ['json', 'jsonl', 'gz'], 'All files': ['*'] },
        })) ?? []);
  if (uri) await openLogFile(ctx, uri);
};

/** The server's quick fix for gzip bytes passes the document's URI as a string. */
export const openDecompressedLog: CommandFactory = (ctx) => async (uri?: vscode.Uri | string) => {
  const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : (uri ?? vscode.window.activeTextEditor?.document.uri);
  if (!target) return;
  await ctx.view.leaveFolder();
  await openDecompressed(ctx.gzip, target);
  await ctx.follower.follow();
};

/**
 * Switches the active document (or the one named) to CloudTrail. A file VS Code does not share has no
 * document to switch: it is read from disk as a log, whatever its name and start.
 */
export const treatAsCloudTrail: CommandFactory = (ctx) => async (uri?: vscode.Uri) => {
  const named = uri instanceof vscode.Uri ? uri : undefined;
  const tab = activeTab();
  const file = named ?? (vscode.window.activeTextEditor ? undefined : tab?.resource);
  if (file && (await ctx.probes.probe(file))?.kind === 'large') {
    ctx.probes.force(file);
    await ctx.view.leaveFolder();
    if (named && tab?.resource?.toString() !== named.toString())
      await vscode.commands.executeCommand('vscode.openWith', named, GZIP_EDITOR_VIEW_TYPE);
    return ctx.follower.follow();
  }
  const document = named ? await vscode.workspace.openTextDocument(named) : vscode.window.activeTextEditor?.document;
  if (!document) {
    void showInformation('Open a JSON file first, then treat it as a CloudTrail log.');
    return;
  }
  await ctx.view.leaveFolder();
  await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
  await ctx.follower.follow();
};
