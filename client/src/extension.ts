/** Wires VS Code to the CloudTrail language server: detection by content, the client, the gzip documents, the records opened on their own, the events view and the commands. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EventTreeRequest, RecordsRequest, RecordTextRequest } from '../../common/protocol';
import type { CommandContext } from './commands/context';
import { ContentDetection } from './detection/contentDetection';
import { registerCommands } from './commands/table';
import { EditorFollower } from './eventsView/follow';
import type { EventsServer } from './eventsView/model';
import type { EventNode } from './eventsView/nodes';
import type { EventTreeProvider } from './eventsView/provider';
import { EventsView } from './eventsView/view';
import { GZIP_SCHEME, GzipContentProvider } from './gzip/documents';
import { GzipEditorProvider } from './gzip/editor';
import { DecompressionOffer } from './gzip/offer';
import { createLanguageClient, startWithFirstLog } from './languageClient';
import { RecordDocuments, type RecordTextSource } from './records/documents';
import { RECORD_SCHEME } from './records/recordUri';

let client: LanguageClient | undefined;

/** What activation returns; the in-editor tests drive the extension through it. */
export interface CloudTrailApi {
  readonly client: LanguageClient;
  readonly events: EventTreeProvider;
  readonly view: vscode.TreeView<EventNode>;
  readonly detection: ContentDetection;
}

/** The events view's questions, asked of the language server. */
function eventsServer(languageClient: LanguageClient): EventsServer {
  return {
    eventTree: (uri, groupBy, filter) =>
      languageClient.sendRequest(EventTreeRequest, { textDocument: { uri }, groupBy, ...(filter ? { filter } : {}) }),
    records: (uri, query) => languageClient.sendRequest(RecordsRequest, { textDocument: { uri }, ...query }),
  };
}

/** A record's pretty-printed text, asked of the language server. */
function recordText(languageClient: LanguageClient): RecordTextSource {
  return async (log, index, layout) =>
    (await languageClient.sendRequest(RecordTextRequest, { textDocument: { uri: log }, index, layout }))?.text;
}

export async function activate(context: vscode.ExtensionContext): Promise<CloudTrailApi> {
  const detection = new ContentDetection();
  context.subscriptions.push(detection);
  detection.checkOpenDocuments();
  const gzip = new GzipContentProvider();
  const offer = new DecompressionOffer(gzip);
  const languageClient = createLanguageClient(context, { onCompressed: (uri) => offer.offer(uri) });
  client = languageClient;
  const view = new EventsView(eventsServer(languageClient), languageClient.protocol2CodeConverter, context.workspaceState);
  const follower = new EditorFollower(view, languageClient);
  const records = new RecordDocuments(recordText(languageClient));
  const ctx: CommandContext = { extension: context, client: languageClient, view, gzip, records };
  context.subscriptions.push(
    view,
    follower,
    gzip,
    vscode.workspace.registerTextDocumentContentProvider(GZIP_SCHEME, gzip),
    vscode.workspace.registerTextDocumentContentProvider(RECORD_SCHEME, records),
    vscode.window.registerCustomEditorProvider(GzipEditorProvider.viewType, new GzipEditorProvider(gzip)),
    { dispose: () => void client?.stop() },
  );
  registerCommands(ctx);
  await view.enable();
  await startWithFirstLog(languageClient, context);
  await follower.follow(vscode.window.activeTextEditor);
  view.describe();
  return { client: languageClient, events: view.provider, view: view.tree, detection };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
