/** Wires VS Code to the CloudTrail language server: activation, the client, the events view and the commands. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import {
  CloseFolderNotification,
  EventTreeRequest,
  FolderProgressNotification,
  GROUP_BY_VALUES,
  type GroupBy,
  OpenFolderRequest,
  RecordAtRequest,
  RecordsRequest,
} from '../../common/protocol';
import { type EventNameNode, EventTreeProvider, GROUP_BY_LABELS } from './eventTree';
import { GZIP_SCHEME, GzipContentProvider, GzipEditorProvider, isGzipFile, openDecompressed } from './gzipDocuments';

const LANGUAGE_ID = 'cloudtrail';
const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('cloudtrail');
/** Quiet time after typing, or after the cursor moves, before the view follows. */
const VIEW_DELAY_MS = 300;

let client: LanguageClient | undefined;

export interface CloudTrailApi {
  readonly client: LanguageClient;
  readonly events: EventTreeProvider;
  readonly view: vscode.TreeView<unknown>;
}

export async function activate(context: vscode.ExtensionContext): Promise<CloudTrailApi> {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    synchronize: { configurationSection: 'cloudtrail' },
    middleware: {
      // Only this server's diagnostics pass here: no look at every other language's.
      handleDiagnostics: (uri, diagnostics, next) => {
        if (diagnostics.some((d) => d.code === 'compressed')) offerDecompression(uri);
        next(uri, diagnostics);
      },
    },
  };
  // The id 'cloudtrail' makes the client honour the `cloudtrail.trace.server` setting.
  const languageClient = new LanguageClient('cloudtrail', 'CloudTrail Language Server', serverOptions, clientOptions);
  client = languageClient;

  const events = new EventTreeProvider({
    eventTree: (uri, groupBy, filter) =>
      languageClient.sendRequest(EventTreeRequest, { textDocument: { uri }, groupBy, ...(filter ? { filter } : {}) }),
    records: (uri, query) => languageClient.sendRequest(RecordsRequest, { textDocument: { uri }, ...query }),
  });
  events.groupBy = context.workspaceState.get<GroupBy>('cloudtrail.groupBy', 'level');
  events.filter = context.workspaceState.get<string>('cloudtrail.filter') || undefined;
  const view = vscode.window.createTreeView('cloudtrail.events', { treeDataProvider: events, showCollapseAll: true });
  const describeView = () => {
    const grouping =
      events.folder && events.uri
        ? `${vscode.Uri.parse(events.uri).path.split('/').pop()} · ${GROUP_BY_LABELS[events.groupBy]}`
        : GROUP_BY_LABELS[events.groupBy];
    view.description = events.filter ? `${grouping} · filter: ${events.filter}` : grouping;
    const result = events.result;
    view.message = result && events.filter ? `${result.shown} of ${result.total} records match the filter.` : undefined;
  };
  const refresh = async () => {
    await events.refresh();
    describeView();
  };

  const activeLog = () => {
    const editor = vscode.window.activeTextEditor;
    return editor?.document.languageId === LANGUAGE_ID ? editor : undefined;
  };
  const follow = async (editor: vscode.TextEditor | undefined) => {
    // Focus in a panel leaves no active editor: keep showing the last log. A folder stays until closed.
    if (!editor || events.folder) return;
    const uri = editor.document.languageId === LANGUAGE_ID ? editor.document.uri.toString() : undefined;
    if (uri !== events.uri) {
      await events.show(uri);
      describeView();
    }
  };

  let editTimer: NodeJS.Timeout | undefined;
  let cursorTimer: NodeJS.Timeout | undefined;
  const revealRecordAtCursor = async (editor: vscode.TextEditor) => {
    if (!view.visible || editor.document.uri.toString() !== events.uri) return;
    const place = await languageClient.sendRequest(RecordAtRequest, {
      textDocument: { uri: events.uri },
      position: editor.selection.active,
      groupBy: events.groupBy,
      ...(events.filter ? { filter: events.filter } : {}),
    });
    if (!place) return;
    const node = await events.nodeFor(place);
    if (node) await view.reveal(node, { select: true, focus: false, expand: false });
  };

  const gzipContents = new GzipContentProvider();

  const revealRange = async (uri: string, range: vscode.Range) => {
    const target = vscode.Uri.parse(uri);
    // A record of a gzipped file in a folder: its range is in the decompressed text.
    const editor =
      target.scheme === 'file' && target.path.endsWith('.gz')
        ? await openDecompressed(gzipContents, target)
        : await vscode.window.showTextDocument(target, { preserveFocus: false });
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };

  /** Drops the folder the view shows from the server, unless it is `keep` (being read again). */
  const closeFolder = async (keep?: string) => {
    if (events.folder && events.uri && events.uri !== keep)
      void languageClient.sendNotification(CloseFolderNotification, { folder: events.uri });
    events.folder = false;
    await vscode.commands.executeCommand('setContext', 'cloudtrail.folderShown', false);
  };

  const openFolder = async (folderUri?: vscode.Uri) => {
    const folder =
      folderUri ??
      (await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, openLabel: 'Read CloudTrail logs' }))?.[0];
    if (!folder) return;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Reading CloudTrail logs', cancellable: true },
      async (progress, token) => {
        let reported = 0;
        const listener = languageClient.onNotification(FolderProgressNotification, ({ folder: f, done, total }) => {
          if (f !== folder.toString() || total === 0) return;
          const percent = (done / total) * 100;
          progress.report({ increment: percent - reported, message: `${done} of ${total} files` });
          reported = percent;
        });
        try {
          return await languageClient.sendRequest(OpenFolderRequest, { folder: folder.toString() }, token);
        } finally {
          listener.dispose();
        }
      },
    );
    if (!result) return;
    if (result.failed.length > 0)
      void vscode.window.showWarningMessage(`${result.failed.length} of ${result.files} files could not be read whole.`);
    // The server has just stored this folder's records: closing the old one must not drop them.
    await closeFolder(folder.toString());
    events.folder = true;
    await events.show(folder.toString());
    describeView();
    await vscode.commands.executeCommand('setContext', 'cloudtrail.folderShown', true);
  };

  const showActiveLog = async () => {
    await closeFolder();
    // With no log active the folder's nodes go too: the server has dropped their records.
    await events.show(activeLog()?.document.uri.toString());
    describeView();
  };

  // Gzip bytes opened as text: besides the error's quick fix, offer the decompressed file once, with a button.
  const offeredDecompression = new Set<string>();
  function offerDecompression(uri: vscode.Uri): void {
    if (offeredDecompression.has(uri.toString())) return;
    offeredDecompression.add(uri.toString());
    // No file name in the message: notifications render links, and a name can be anything.
    void vscode.window
      .showWarningMessage('This file is gzip-compressed: open it decompressed to read the log.', 'Open decompressed')
      .then((choice) => {
        if (choice) void openDecompressed(gzipContents, uri);
      });
  }

  context.subscriptions.push(
    events,
    vscode.commands.registerCommand('cloudtrail.openFolder', openFolder),
    vscode.commands.registerCommand('cloudtrail.showActiveLog', showActiveLog),
    vscode.workspace.registerTextDocumentContentProvider(GZIP_SCHEME, gzipContents),
    vscode.window.registerCustomEditorProvider(GzipEditorProvider.viewType, new GzipEditorProvider(gzipContents)),
    vscode.commands.registerCommand('cloudtrail.openDecompressed', async (uri?: vscode.Uri | string) => {
      const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : (uri ?? vscode.window.activeTextEditor?.document.uri);
      if (target) await openDecompressed(gzipContents, target);
    }),
    vscode.commands.registerCommand('cloudtrail.openLog', async () => {
      const [uri] =
        (await vscode.window.showOpenDialog({
          canSelectMany: false,
          openLabel: 'Open CloudTrail log',
          filters: { 'CloudTrail logs': ['json', 'gz'], 'All files': ['*'] },
        })) ?? [];
      if (!uri) return;
      if (await isGzipFile(uri)) {
        await openDecompressed(gzipContents, uri);
        return;
      }
      const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), LANGUAGE_ID);
      await vscode.window.showTextDocument(document);
    }),
    view,
    vscode.commands.registerCommand('cloudtrail.treatAsCloudTrail', treatAsCloudTrail),
    vscode.commands.registerCommand('cloudtrail.fixAll', fixAll),
    vscode.commands.registerCommand('cloudtrail.revealRange', revealRange),
    vscode.commands.registerCommand('cloudtrail.loadMoreRecords', (node: EventNameNode) => events.loadMore(node)),
    vscode.commands.registerCommand('cloudtrail.refreshEvents', refresh),
    vscode.commands.registerCommand('cloudtrail.groupBy', async (choice?: GroupBy) => {
      const groupBy =
        choice ??
        (
          await vscode.window.showQuickPick(
            GROUP_BY_VALUES.map((value) => ({ label: GROUP_BY_LABELS[value], value, picked: value === events.groupBy })),
            { title: 'Group CloudTrail events by' },
          )
        )?.value;
      if (!groupBy || !GROUP_BY_VALUES.includes(groupBy)) return;
      events.groupBy = groupBy;
      await context.workspaceState.update('cloudtrail.groupBy', groupBy);
      await refresh();
    }),
    vscode.commands.registerCommand('cloudtrail.filterEvents', async (text?: string) => {
      const filter =
        text ??
        (await vscode.window.showInputBox({
          title: 'Filter CloudTrail events',
          prompt: 'Event name, identity, source IP or error code (empty to clear)',
          value: events.filter ?? '',
        }));
      if (filter === undefined) return;
      events.filter = filter.trim() || undefined;
      await context.workspaceState.update('cloudtrail.filter', events.filter);
      await vscode.commands.executeCommand('setContext', 'cloudtrail.filtered', events.filter !== undefined);
      await refresh();
    }),
    vscode.commands.registerCommand('cloudtrail.clearFilter', () => vscode.commands.executeCommand('cloudtrail.filterEvents', '')),
    vscode.window.onDidChangeActiveTextEditor(follow),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.toString() !== events.uri || e.contentChanges.length === 0) return;
      clearTimeout(editTimer);
      editTimer = setTimeout(() => void refresh(), VIEW_DELAY_MS);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (document.uri.toString() === events.uri && !activeLog()) void events.show(undefined).then(describeView);
    }),
    vscode.window.onDidChangeTextEditorSelection((e) => {
      clearTimeout(cursorTimer);
      cursorTimer = setTimeout(() => void revealRecordAtCursor(e.textEditor).catch(() => undefined), VIEW_DELAY_MS);
    }),
    { dispose: () => (clearTimeout(editTimer), clearTimeout(cursorTimer)) },
    { dispose: () => void client?.stop() },
  );
  await vscode.commands.executeCommand('setContext', 'cloudtrail.viewEnabled', true);
  await vscode.commands.executeCommand('setContext', 'cloudtrail.filtered', events.filter !== undefined);
  await languageClient.start();
  await follow(vscode.window.activeTextEditor);
  describeView();
  return { client: languageClient, events, view };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

async function treatAsCloudTrail(uri?: vscode.Uri): Promise<void> {
  const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document) {
    void vscode.window.showInformationMessage('Open a JSON file first, then treat it as a CloudTrail log.');
    return;
  }
  await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
}

async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== LANGUAGE_ID) return;
  const document = editor.document;
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    whole,
    FIX_ALL_KIND.value,
  );
  const edit = actions?.find((a) => a.kind && FIX_ALL_KIND.contains(a.kind))?.edit;
  if (!edit) {
    void vscode.window.showInformationMessage('No JSON problems with a certain fix in this file.');
    return;
  }
  await vscode.workspace.applyEdit(edit);
}
