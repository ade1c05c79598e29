/**
 * CloudTrail: Export…: what the events view shows (from its title), or what a group, event source, event, rule or
 * correlation window holds (from its context menu), written by the server to a file the user picks: CSV with chosen
 * columns, JSON Lines or a CloudTrail log, redacted for sharing if asked, the mapping kept only where the user saves it.
 */
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { orCancelled } from '../cancellation';
import { showError, showInformation, withProgressNotification } from '../notifications';
import { columnPaths } from '../../../common/exportColumns';
import {
  type ExportFormat,
  type ExportParams,
  ExportProgressNotification,
  ExportRequest,
  type ExportResult,
} from '../../../common/protocol';
import {
  columnChoices,
  EXPORT_EXTENSIONS,
  exportCount,
  exportFileName,
  type ExportNode,
  exportSelection,
  isExportNode,
  mappingLocation,
} from '../eventsView/exportSelection';
import type { EventNode } from '../eventsView/nodes';
import { formatBytes } from '../largeFiles/largeFile';
import type { CommandContext, CommandFactory } from './context';
import { errorText } from '../../../common/errorText';

interface Choices {
  readonly format: ExportFormat;
  readonly columns?: readonly string[];
  readonly redact: boolean;
  readonly keepMapping: boolean;
}

/** What a caller (a test, a keybinding) may give instead of being asked: the choices, the file, and where the mapping goes. */
export interface ExportPreset {
  readonly format: ExportFormat;
  readonly columns?: readonly string[];
  readonly redact?: boolean;
  readonly target: string;
  readonly mapping?: string;
}

const FORMATS: readonly (vscode.QuickPickItem & { format: ExportFormat })[] = [
  { label: 'CSV', detail: 'Chosen columns, for a spreadsheet; a cell that could run as a formula is written as text', format: 'csv' },
  { label: 'JSON Lines', detail: 'One record a line, for jq and log tools', format: 'jsonl' },
  {
    label: 'CloudTrail log',
    detail: '{"Records":[…]}, as CloudTrail writes logs: it opens again here with the same counts',
    format: 'cloudtrail',
  },
];

const plural = (n: number) => `${n} ${n === 1 ? 'record' : 'records'}`;

const OTHER_COLUMNS = 'Other field paths…';

/**
 * Asks for the CSV columns: the usual ones and the setting's, and any field path typed after choosing "Other field
 * paths…" (`requestParameters.userName`). Undefined when the user stops.
 */
async function askColumns(title: string): Promise<readonly string[] | undefined> {
  const setting = vscode.workspace.getConfiguration('cloudtrail').get<unknown>('export.columns');
  const other = { label: OTHER_COLUMNS, description: 'any dotted path, such as requestParameters.userName', picked: false };
  const items = [...columnChoices(setting), other];
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Columns (field paths)', canPickMany: true });
  if (!picked) return undefined;
  const chosen = picked.filter((item) => item !== other).map((item) => item.label);
  if (!picked.includes(other)) return chosen;
  const typed = await vscode.window.showInputBox({
    title: `${title}: other columns`,
    prompt: 'Dotted field paths, separated by commas or spaces',
    placeHolder: 'requestParameters.userName, responseElements.assumedRoleUser.arn',
    validateInput: (text) => {
      const { invalid } = columnPaths(text);
      return invalid.length > 0 ? `Not a field path: ${invalid.join(', ')}` : undefined;
    },
  });
  if (typed === undefined) return undefined;
  return [...new Set([...chosen, ...columnPaths(typed).paths])];
}

/** Asks what to write: format, columns, redaction, the mapping. Undefined when the user stops. */
async function askChoices(title: string): Promise<Choices | undefined> {
  const format = (await vscode.window.showQuickPick(FORMATS, { title, placeHolder: 'Format' }))?.format;
  if (!format) return undefined;
  let columns: readonly string[] | undefined;
  if (format === 'csv') {
    columns = await askColumns(title);
    if (!columns) return undefined;
    if (columns.length === 0) return void showInformation('No column chosen: nothing exported.');
  }
  const redaction = await vscode.window.showQuickPick(
    [
      { label: 'Keep every value', redact: false },
      {
        label: 'Redact for sharing',
        detail: 'Account IDs, access keys, IP addresses, emails, user, role, session and bucket names replaced by consistent pseudonyms',
        redact: true,
      },
    ],
    { title, placeHolder: 'Redaction' },
  );
  if (!redaction) return undefined;
  if (!redaction.redact) return { format, ...(columns ? { columns } : {}), redact: false, keepMapping: false };
  const mapping = await vscode.window.showQuickPick(
    [
      { label: 'Do not keep the mapping', detail: 'Nothing links the pseudonyms back to the values', keep: false },
      {
        label: 'Keep the mapping in a file I choose',
        detail: 'Each value and its pseudonym, written only where you save it: keep it private',
        keep: true,
      },
    ],
    { title, placeHolder: 'The mapping from values to pseudonyms' },
  );
  if (!mapping) return undefined;
  return { format, ...(columns ? { columns } : {}), redact: true, keepMapping: mapping.keep };
}

/** Where the user saves a file, starting beside the log shown. */
async function askTarget(log: string, name: string, filters: Record<string, string[]>, saveLabel: string): Promise<vscode.Uri | undefined> {
  const shown = vscode.Uri.parse(log);
  const folder = shown.scheme === 'file' ? vscode.Uri.joinPath(shown, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
  const defaultUri = folder ? vscode.Uri.joinPath(folder, name) : undefined;
  return vscode.window.showSaveDialog({ ...(defaultUri ? { defaultUri } : {}), filters, saveLabel, title: saveLabel });
}

/** Where the user saves the mapping, starting in the home folder or the workspace's, never beside the export. */
async function askMappingTarget(target: vscode.Uri, name: string): Promise<vscode.Uri | undefined> {
  const folders = [vscode.Uri.file(homedir()), ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri)].map(String);
  const location = mappingLocation(target.toString(), name, folders);
  const saveLabel = 'Save the mapping';
  return vscode.window.showSaveDialog({
    ...(location ? { defaultUri: vscode.Uri.parse(location) } : {}),
    filters: { JSON: ['json'] },
    saveLabel,
    title: saveLabel,
  });
}

/** Sends the export with a cancellable progress notification; null when cancelled or when the log is no longer shown. */
function runExport(ctx: CommandContext, params: ExportParams, name: string, total: number | undefined): Thenable<ExportResult | null> {
  return withProgressNotification(`Exporting to ${name}`, async (report, token) => {
    let reported = 0;
    const listening = ctx.client.onNotification(ExportProgressNotification, (p) => {
      if (p.target !== params.target || p.total === 0) return;
      const percent = (p.done / p.total) * 100;
      report({ increment: percent - reported, message: `${p.done} of ${plural(p.total)}` });
      reported = percent;
    });
    try {
      if (total !== undefined) report({ message: plural(total) });
      // A Cancel closes the notification at once; the server, told, stops and leaves nothing behind.
      return await orCancelled(ctx.client.sendRequest(ExportRequest, params, token), token);
    } catch (error) {
      if (token.isCancellationRequested) return null;
      throw error;
    } finally {
      listening.dispose();
    }
  });
}

/** Says what was written, and offers to open it (without waiting for the answer); writes the mapping where the user chose. */
async function finish(result: ExportResult, target: vscode.Uri, mappingTarget: vscode.Uri | undefined): Promise<void> {
  const name = target.path.slice(target.path.lastIndexOf('/') + 1);
  const notes = [`Exported ${plural(result.records)} (${formatBytes(result.bytes)}) to ${name}.`];
  if (result.skipped) notes.push(`${plural(result.skipped)} left out: not JSON, or their file changed since it was read.`);
  if (mappingTarget && result.mapping) {
    const text = `${JSON.stringify({ export: target.toString(), mapping: result.mapping }, null, 2)}\n`;
    await vscode.workspace.fs.writeFile(mappingTarget, new TextEncoder().encode(text));
    notes.push(
      `The mapping of ${result.mapping.length} values is in ${mappingTarget.path.slice(mappingTarget.path.lastIndexOf('/') + 1)}.`,
    );
  }
  void showInformation(notes.join(' '), 'Open').then((open) => {
    if (open) void vscode.commands.executeCommand('vscode.open', target);
  });
}

/** The choices and files: the caller's, or asked for. Undefined when the user stops. */
async function settle(
  log: string,
  from: ExportNode | undefined,
  total: number | undefined,
  preset: ExportPreset | undefined,
): Promise<{ choices: Choices; target: vscode.Uri; mappingTarget?: vscode.Uri } | undefined> {
  if (preset) {
    const { format, columns, redact = false, target, mapping } = preset;
    const choices = { format, ...(columns ? { columns } : {}), redact, keepMapping: mapping !== undefined };
    return { choices, target: vscode.Uri.parse(target), ...(mapping ? { mappingTarget: vscode.Uri.parse(mapping) } : {}) };
  }
  const choices = await askChoices(total === undefined ? 'Export CloudTrail events' : `Export ${plural(total)}`);
  if (!choices) return undefined;
  const name = exportFileName(from, choices.format, choices.redact);
  const filters = { [FORMATS.find((f) => f.format === choices.format)!.label]: [EXPORT_EXTENSIONS[choices.format]] };
  const target = await askTarget(log, name, filters, 'Export');
  if (!target) return undefined;
  if (!choices.keepMapping) return { choices, target };
  const mappingTarget = await askMappingTarget(target, `${name.replace(/\.[^.]+$/, '')}.mapping.json`);
  return mappingTarget && { choices, target, mappingTarget };
}

export const exportEvents: CommandFactory = (ctx) => async (node?: EventNode, preset?: ExportPreset) => {
  const { uri, groupBy, filter, result: tree } = ctx.view.model;
  if (!uri) return void showInformation('No CloudTrail log is shown: open one to export its events.');
  const from = isExportNode(node) ? node : undefined;
  const total = exportCount(from, tree);
  const settled = await settle(uri, from, total, preset);
  if (!settled) return;
  const { choices, target, mappingTarget } = settled;
  if (target.toString() === uri) return void showError('Choose another file: the export cannot replace the log it is read from.');
  const params: ExportParams = { textDocument: { uri }, ...exportSelection(from, groupBy, filter), ...choices, target: target.toString() };
  const name = target.path.slice(target.path.lastIndexOf('/') + 1);
  try {
    const result = await runExport(ctx, params, name, total);
    if (!result) return void showInformation('Nothing was exported: cancelled, or the log is no longer shown.');
    await finish(result, target, mappingTarget);
  } catch (error) {
    void showError(`Export failed: ${errorText(error)}`);
  }
};
