/**
 * CloudTrail: Write investigation report…: what the events view shows (its log, file or folder, with its filter),
 * written by the server as one HTML page that loads nothing, or as Markdown, redacted for sharing if asked, and saved
 * by the client where the user chooses.
 */
import * as vscode from 'vscode';
import { orCancelled } from '../cancellation';
import type { CommandContext, CommandFactory } from '../commands/context';
import { showError, showInformation, withProgressNotification } from '../notifications';
import { errorText } from '../../../common/errorText';
import { type ReportFormat, type ReportParams, ReportRequest } from '../../../common/reportProtocol';

/** What a caller (a test, a keybinding) may give instead of being asked. */
export interface ReportPreset {
  readonly format: ReportFormat;
  readonly redact?: boolean;
  /** The file to write, as a URI. */
  readonly target: string;
}

const FORMATS: readonly (vscode.QuickPickItem & { format: ReportFormat; extension: string; name: string })[] = [
  {
    label: 'HTML page',
    detail: 'One file with its timeline picture; opens in any browser, offline',
    format: 'html',
    extension: 'html',
    name: 'HTML',
  },
  { label: 'Markdown', detail: 'Plain text with tables, for a ticket or a wiki', format: 'markdown', extension: 'md', name: 'Markdown' },
];

/** The report's file name: the log's, with `-report` and the format's extension. */
function reportName(log: vscode.Uri, extension: string, redact: boolean): string {
  const base = log.path.slice(log.path.lastIndexOf('/') + 1).replace(/\.json(\.gz)?$/i, '') || 'cloudtrail';
  return `${base}-report${redact ? '-redacted' : ''}.${extension}`;
}

/** The format, redaction and file, asked for; undefined when the user stops. */
async function ask(log: vscode.Uri): Promise<ReportPreset | undefined> {
  const title = 'Write investigation report';
  const format = await vscode.window.showQuickPick(FORMATS, { title, placeHolder: 'Format' });
  if (!format) return undefined;
  const redaction = await vscode.window.showQuickPick(
    [
      { label: 'Keep every value', redact: false },
      {
        label: 'Redact for sharing',
        detail: 'Account IDs, access keys, IP addresses and names replaced by pseudonyms, as an export does',
        redact: true,
      },
    ],
    { title, placeHolder: 'Redaction' },
  );
  if (!redaction) return undefined;
  // Beside a log file, or in the folder shown, else in the workspace.
  const folder = log.scheme === 'file' ? vscode.Uri.joinPath(log, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = reportName(log, format.extension, redaction.redact);
  const target = await vscode.window.showSaveDialog({
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
    filters: { [format.name]: [format.extension] },
    saveLabel: 'Write report',
    title,
  });
  return target && { format: format.format, redact: redaction.redact, target: target.toString() };
}

export const writeReport: CommandFactory = (ctx: CommandContext) => async (preset?: ReportPreset) => {
  const { uri, filter } = ctx.view.model;
  if (!uri) return void showInformation('No CloudTrail log is shown: open one to write its report.');
  const chosen = preset ?? (await ask(vscode.Uri.parse(uri)));
  if (!chosen) return;
  const target = vscode.Uri.parse(chosen.target);
  if (target.toString() === uri) return void showError('Choose another file: the report cannot replace the log it tells of.');
  const params: ReportParams = {
    textDocument: { uri },
    format: chosen.format,
    redact: chosen.redact === true,
    ...(filter ? { filter } : {}),
  };
  const name = target.path.slice(target.path.lastIndexOf('/') + 1);
  try {
    const result = await withProgressNotification(`Writing the report to ${name}`, (_report, token) =>
      orCancelled(ctx.client.sendRequest(ReportRequest, params, token), token),
    );
    if (!result) return void showInformation('No report was written: cancelled, or the log is no longer shown.');
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
    void showInformation(`Wrote the investigation report to ${name}.`, 'Open').then((open) => {
      if (open) void vscode.commands.executeCommand('vscode.open', target);
    });
  } catch (error) {
    void showError(`The report was not written: ${errorText(error)}`);
  }
};
