/** Wires VS Code to the CloudTrail language server: detection by content, the client, the gzip documents, the records opened on their own, the events view and the commands. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FirstSeenRequest } from '../../common/actorProtocol';
import { DetectionsChangedNotification, EventTreeRequest, RecordsRequest, RecordTextRequest, TimelineRequest } from '../../common/protocol';
import { ContentDetection } from './languageSniff/contentDetection';
import { runQuestions } from './commands/athena';
import { folderLeft } from './commands/folder';
import { registerCommands } from './commands/table';
import { EditorFollower } from './eventsView/follow';
import type { EventsServer } from './eventsView/model';
import type { EventNode } from './eventsView/nodes';
import type { EventTreeProvider } from './eventsView/provider';
import { EventsView } from './eventsView/view';
import type { ViewSource } from './eventsView/viewText';
import { GZIP_SCHEME, GzipContentProvider } from './gzip/gzipDocuments';
import { GzipEditorProvider } from './gzip/editor';
import { DecompressionOffer } from './gzip/offer';
import { PrettyCopies } from './format/prettyCopies';
import { PRETTY_SCHEME } from './format/prettyCopy';
import type { RunQuestion } from './athena/runQuestion';
import { WrittenSql } from './athena/writtenSql';
import { ServerReads } from './largeFiles/serverReads';
import { IntegrityChecks } from './integrity/integrityChecks';
import { FileProbes } from './largeFiles/probes';
import { createLanguageClient, startWithFirstLog } from './languageClient';
import { RecordDocuments, type RecordTextSource } from './records/recordDocuments';
import { RECORD_SCHEME } from './records/recordUri';
import { type TimelineServer, TimelineView } from './timeline/timelineView';

let client: LanguageClient | undefined;

/** What activation returns; the in-editor tests drive the extension through it. */
export interface CloudTrailApi {
  readonly client: LanguageClient;
  readonly events: EventTreeProvider;
  readonly view: vscode.TreeView<EventNode>;
  readonly timeline: TimelineView;
  readonly detection: ContentDetection;
  /** What the view shows, as its message describes it, and when that is said again. */
  readonly shown: () => ViewSource;
  readonly onDidDescribe: vscode.Event<void>;
  /** Gzip files whose editor shows the too-large page. */
  readonly gzipTooLarge: ReadonlySet<string>;
  /** Only when the extension runs its own tests: who answers Run in Athena's question (undefined: the modal). */
  readonly answerRunQuestions?: (answer: ((question: RunQuestion) => boolean) | undefined) => void;
}

/** The events view's questions, asked of the language server. */
function eventsServer(languageClient: LanguageClient): EventsServer {
  return {
    eventTree: (uri, groupBy, filter) =>
      languageClient.sendRequest(EventTreeRequest, { textDocument: { uri }, groupBy, ...(filter ? { filter } : {}) }),
    records: (uri, query) => languageClient.sendRequest(RecordsRequest, { textDocument: { uri }, ...query }),
    firstSeen: (uri, since, field) => languageClient.sendRequest(FirstSeenRequest, { textDocument: { uri }, since, field }),
  };
}

/** The timeline's questions, asked of the language server. */
function timelineServer(languageClient: LanguageClient): TimelineServer {
  return {
    timeline: (params, token) => languageClient.sendRequest(TimelineRequest, params, token),
    records: (params) => languageClient.sendRequest(RecordsRequest, params),
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
  const probes = new FileProbes();
  const gzip = new GzipContentProvider(probes);
  const offer = new DecompressionOffer(gzip);
  const prettyCopies = new PrettyCopies();
  const languageClient = createLanguageClient(context, {
    onCompressed: (uri) => offer.offer(uri),
    onFormatDeclined: (document, chars) => prettyCopies.declined(document, chars),
  });
  client = languageClient;
  const disk = new ServerReads(languageClient);
  const view = new EventsView(eventsServer(languageClient), languageClient.protocol2CodeConverter, context.workspaceState, disk);
  const gzipEditor = new GzipEditorProvider(gzip);
  const records = new RecordDocuments(recordText(languageClient));
  const timeline = new TimelineView(
    view,
    timelineServer(languageClient),
    languageClient.protocol2CodeConverter,
    context.extensionUri,
    context.workspaceState,
  );
  context.subscriptions.push(
    probes,
    disk,
    view,
    timeline,
    gzip,
    vscode.workspace.registerTextDocumentContentProvider(GZIP_SCHEME, gzip),
    vscode.workspace.registerTextDocumentContentProvider(RECORD_SCHEME, records),
    vscode.workspace.registerTextDocumentContentProvider(PRETTY_SCHEME, prettyCopies),
    vscode.window.registerCustomEditorProvider(GzipEditorProvider.viewType, gzipEditor),
    { dispose: () => void client?.stop() },
    // New rules, new findings: the view asks again.
    languageClient.onNotification(DetectionsChangedNotification, () => void view.refresh()),
    view.onDidLeaveFolder(folderLeft),
  );
  await view.enable();
  // A request (a large file read from disk) starts the client itself, and sends the documents' didOpen first.
  const follower = new EditorFollower(view, languageClient, probes);
  context.subscriptions.push(follower);
  const sql = new WrittenSql();
  context.subscriptions.push(sql);
  const integrity = new IntegrityChecks(languageClient, view);
  context.subscriptions.push(integrity);
  registerCommands({
    extension: context,
    client: languageClient,
    view,
    follower,
    gzip,
    records,
    probes,
    disk,
    sql,
    prettyCopies,
    integrity,
  });
  await startWithFirstLog(languageClient, context);
  await follower.follow();
  return {
    client: languageClient,
    events: view.provider,
    view: view.tree,
    timeline,
    detection,
    shown: () => view.source,
    onDidDescribe: view.onDidDescribe,
    gzipTooLarge: gzipEditor.tooLarge,
    ...(context.extensionMode === vscode.ExtensionMode.Test && {
      answerRunQuestions: (answer: ((question: RunQuestion) => boolean) | undefined) => {
        runQuestions.answer = answer;
      },
    }),
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
