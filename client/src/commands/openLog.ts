/** Opening a file as a CloudTrail log: from a dialog, by switching a JSON file over, or gzipped, decompressed. */
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../../common/language';
import { isGzipFile, openDecompressed } from '../gzip/documents';
import type { CommandFactory } from './context';

export const openLog: CommandFactory = (ctx) => async () => {
  const [uri] =
    (await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: 'Open CloudTrail log',
      filters: { 'CloudTrail logs': ['json', 'gz'], 'All files': ['*'] },
    })) ?? [];
  if (!uri) return;
  if (await isGzipFile(uri)) {
    await openDecompressed(ctx.gzip, uri);
    return;
  }
  const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), LANGUAGE_ID);
  await vscode.window.showTextDocument(document);
};

/** The server's quick fix for gzip bytes passes the document's URI as a string. */
export const openDecompressedLog: CommandFactory = (ctx) => async (uri?: vscode.Uri | string) => {
  const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : (uri ?? vscode.window.activeTextEditor?.document.uri);
  if (target) await openDecompressed(ctx.gzip, target);
};

export const treatAsCloudTrail: CommandFactory = () => async (uri?: vscode.Uri) => {
  const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document) {
    void vscode.window.showInformationMessage('Open a JSON file first, then treat it as a CloudTrail log.');
    return;
  }
  await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
};
