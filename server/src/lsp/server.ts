/**
 * The CloudTrail language server: the connection and its handlers, nothing more. Each handler asks the
 * language service (../languageService.ts) and converts its answer (convert.ts); when files are checked is
 * validation.ts's business, the editor's own features of an open log editorFeatures.ts's, what the events view
 * shows shownLogs.ts's, and logs read from disk logOpener.ts's.
 * Started by the client over IPC, or as `node server.js --stdio` by any LSP client.
 */
import {
  CodeActionKind,
  type Connection,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CloseFolderNotification,
  CloseLogNotification,
  DetectionsChangedNotification,
  ExportProgressNotification,
  ExportRequest,
  FolderProgressNotification,
  OpenFolderRequest,
  OpenLogRequest,
  RecordAtRequest,
  type RecordTextParams,
  RecordTextRequest,
  SqlRequest,
} from '../../../common/protocol';
import { VerifyIntegrityRequest } from '../../../common/integrityProtocol';
import { FIX_ALL_KIND } from '../../../common/codes';
import { CONFIGURATION_SECTION } from '../../../common/language';
import { TWO_SPACES } from '../../../common/prettyPrint';
import { errorDetail, errorText } from '../../../common/errorText';
import { type Analysis, getLanguageService, type LogFindings, type Span } from '../languageService';
import { toFindingDiagnostic, toRecordAt } from './convert';
import { DetectionRules, resolveRulePath } from './detectionRules';
import { LogOpener } from './logOpener';
import { DocumentCache } from './documentCache';
import { exportHandler } from './exports';
import { listenForEditorFeatures } from './editorFeatures';
import { forDocument, guarded, type Handler, type Log } from './guard';
import { IntegrityChecks, verifyIntegrity } from './integrity';
import { listenEventsView } from './eventsViewRequests';
import { ShownLogs } from './shownLogs';
import { SettingsStore } from './settingsStore';
import { answerSql } from './sqlRequest';
import { reportHandler } from './reportRequest';
import { ReportRequest } from '../../../common/reportProtocol';
import { Validation } from './validation';

const connection: Connection = createConnection(ProposedFeatures.all);
const log: Log = (message) => connection.console.error(message);
const service = getLanguageService();
service.onJsReader((message) => connection.console.warn(message));
const cache = new DocumentCache({ service });
// Edits are noted as they arrive, so the next parse can read only the record they touched.
const documents = new TextDocuments<TextDocument>({
  create: TextDocument.create,
  update: (document, changes, version) => {
    const [change] = changes;
    const single = changes.length === 1 && change !== undefined && 'range' in change;
    cache.noteEdit(
      document,
      version,
      single ? { start: document.offsetAt(change.range.start), end: document.offsetAt(change.range.end), text: change.text } : undefined,
    );
    return TextDocument.update(document, changes, version);
  },
});
const settings = new SettingsStore(
  service,
  (uri) => connection.workspace.getConfiguration({ section: CONFIGURATION_SECTION, ...(uri !== undefined && { scopeUri: uri }) }),
  (message) => connection.console.info(message),
  (read, note) => service.withAccountsFile(read, (written) => resolveRulePath(written, client.workspaceFolders), note),
);
/** What the client can do: watch files for us, with patterns relative to a folder. */
const client = { watch: false, relativePatterns: false, workspaceFolders: [] as string[] };
const detectionRules = new DetectionRules({
  service,
  settings: async () => (await settings.window()).detections,
  workspaceFolders: () => client.workspaceFolders,
  publish: (params) => connection.sendDiagnostics(params),
  watch: async (patterns) => {
    if (!client.watch) return undefined;
    const watchers = patterns.map((p) => ({ globPattern: client.relativePatterns ? p : `${fileURLToPath(p.baseUri)}/${p.pattern}` }));
    return connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
  },
  info: (message) => connection.console.info(message),
  warn: (message) => connection.console.warn(message),
  changed: () => {
    for (const document of documents.all()) validation.recheck(document);
    void connection.sendNotification(DetectionsChangedNotification, {});
    // Logs read from disk keep no values to ask new rules about: they are read again, and the view asks once more.
    void logOpener.readAllAgain().then(() => connection.sendNotification(DetectionsChangedNotification, {}));
  },
});

/** Whether the editor's document is no longer at `version` (edited or closed). */
const movedOn = (uri: string, version: number) => () => documents.get(uri)?.version !== version;

/** What the rules in force find in a document's analysis, in slices; undefined when the document has moved on since. */
async function findingsIn(document: TextDocument, analysis: Analysis): Promise<LogFindings | undefined> {
  const { set } = await detectionRules.current();
  if (set.empty || document.version !== analysis.version) return undefined;
  return analysis.detectionsInSlices(set, document.getText(), movedOn(document.uri, analysis.version));
}

const validation = new Validation({
  current: (uri) => documents.get(uri),
  analyse: (document) => cache.get(document),
  settings: (uri) => settings.get(uri),
  findings: async (document, analysis, limit, at) => {
    const found = await findingsIn(document, analysis);
    if (!found) return [];
    const range = (span: Span) => ({ start: at.at(span.start), end: at.at(span.end) });
    return service
      .findingMarks(found, analysis.parsed, document.getText(), limit)
      .map((m) => toFindingDiagnostic(document.uri, range(m.at), m, m.related.map(range)));
  },
  publish: (params) => connection.sendDiagnostics(params),
  log,
});
const shownLogs = new ShownLogs(
  service,
  (uri) => documents.get(uri),
  (document) => cache.get(document),
);
const logOpener = new LogOpener({
  service,
  shownLogs,
  isOpen: (uri) => documents.get(uri) !== undefined,
  settings: (uri) => settings.get(uri),
  rules: () => detectionRules.current(),
  publish: (params) => connection.sendDiagnostics(params),
  progress: (params) => void connection.sendNotification(FolderProgressNotification, params),
});

/** How many folding ranges the editor takes (VS Code's default is 5000). */
/** Each checked folder's last integrity counts, which its investigation report shows. */
const integrityChecks = new IntegrityChecks();
let foldingLimit = 5000;

function safe<P, R>(name: string, handler: Handler<P, R>) {
  return guarded(log, name, handler);
}

connection.onInitialize((params) => {
  settings.enabled = params.capabilities.workspace?.configuration === true;
  const watched = params.capabilities.workspace?.didChangeWatchedFiles;
  client.watch = watched?.dynamicRegistration === true;
  client.relativePatterns = watched?.relativePatternSupport === true;
  client.workspaceFolders = (params.workspaceFolders ?? []).flatMap((f) => (f.uri.startsWith('file:') ? [fileURLToPath(f.uri)] : []));
  foldingLimit = params.capabilities.textDocument?.foldingRange?.rangeLimit ?? foldingLimit;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['"'] },
      documentSymbolProvider: { label: 'CloudTrail records' },
      foldingRangeProvider: true,
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
    },
    serverInfo: { name: 'CloudTrail Lens' },
  };
});

connection.onInitialized(() => {
  // Read while the first document is on its way: its check then waits on no rule file.
  void detectionRules.current();
  if (settings.enabled) {
    connection.client.register(DidChangeConfigurationNotification.type, { section: CONFIGURATION_SECTION }).catch((error: unknown) => {
      connection.console.warn(`Could not register for configuration changes: ${errorText(error)}`);
    });
  }
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  detectionRules.reload();
  for (const document of documents.all()) validation.recheck(document);
  logOpener.republishAll();
});

connection.onDidChangeWatchedFiles(() => detectionRules.reload());

documents.onDidOpen((e) => validation.opened(e.document));
documents.onDidChangeContent((e) => validation.changed(e.document));
documents.onDidClose((e) => {
  validation.closed(e.document.uri);
  cache.delete(e.document.uri);
  settings.delete(e.document.uri);
  // The same file read from disk is shown again, with its problems.
  void logOpener.publish(e.document.uri);
});

listenForEditorFeatures({
  connection,
  documents,
  cache,
  service,
  settings,
  rules: () => detectionRules.current(),
  foldingLimit: () => foldingLimit,
  log,
});

/** The index a recordText request names, or that of the record at its position in an open document. */
function recordIndexOf(params: RecordTextParams): number | undefined {
  if ('index' in params) return params.index;
  const document = documents.get(params.textDocument.uri);
  return document && service.recordIndexAt(cache.get(document).parsed, document.offsetAt(params.position));
}

connection.onRequest(
  RecordTextRequest,
  safe('recordText', async (params) => {
    const index = recordIndexOf(params);
    const json = index === undefined ? undefined : await (await shownLogs.get(params.textDocument.uri))?.recordText?.(index);
    if (json === undefined) return null;
    const { tabSize, insertSpaces } = params.layout ?? TWO_SPACES;
    return { text: service.layout(json, { tabSize, insertSpaces, eol: '\n' }) };
  }),
);

listenEventsView(connection, log, {
  service,
  shownLogs,
  rules: async () => (await detectionRules.current()).set,
  settled: (uri) => validation.settled(uri),
  settings: (uri) => settings.get(uri),
});

connection.onRequest(
  RecordAtRequest,
  forDocument({ log, documents }, 'recordAt', (document, params) => {
    const { parsed, summaries } = cache.get(document);
    const place = service.recordAt(parsed, summaries, document.offsetAt(params.position), params.groupBy, params.filter);
    return place ? toRecordAt(document, place) : null;
  }),
);

connection.onRequest(
  OpenLogRequest,
  safe('openLog', (params, token) => logOpener.open(params.uri, token)),
);
connection.onNotification(CloseLogNotification, (params) => logOpener.close(params.uri));
// The first names, `{ folder }` for `{ uri }`, for clients that still send them.
connection.onRequest(
  OpenFolderRequest,
  safe('openFolder', (params, token) => logOpener.open(params.folder, token)),
);
connection.onNotification(CloseFolderNotification, (params) => logOpener.close(params.folder));

connection.onRequest(
  ExportRequest,
  exportHandler({
    service,
    shownLogs,
    openUris: () => documents.keys(),
    rules: async () => (await detectionRules.current()).set,
    accountNames: async (uri) => (await settings.get(uri)).accountNames,
    progress: (params) => void connection.sendNotification(ExportProgressNotification, params),
    log,
  }),
);

connection.onRequest(
  ReportRequest,
  reportHandler({
    service,
    integrity: (uri) => Promise.resolve(integrityChecks.counts(uri)),
    shownLogs,
    rules: async () => (await detectionRules.current()).set,
    settled: (uri) => validation.settled(uri),
    accountNames: async (uri) => (await settings.get(uri)).accountNames,
    log,
  }),
);

connection.onRequest(
  SqlRequest,
  safe('sql', (params) =>
    answerSql(params, {
      service,
      settings: (uri) => settings.get(uri),
      rules: () => detectionRules.current(),
      timeSpan: (uri) => shownLogs.get(uri).then((shown) => shown && service.timeSpan(shown)),
      actors: (uri, filter) => shownLogs.get(uri).then((shown) => (shown ? service.actorSessions(shown, filter) : [])),
      now: Date.now,
    }),
  ),
);

connection.onRequest(
  VerifyIntegrityRequest,
  safe('verifyIntegrity', async (params, token) =>
    integrityChecks.remember(
      params.folder,
      await verifyIntegrity(
        {
          service,
          settings: (uri) => settings.get(uri),
          workspaceFolders: () => client.workspaceFolders,
          note: (message) => connection.console.warn(message),
        },
        params,
        token,
      ),
    ),
  ),
);

// A promise nobody awaited must not take the server down with it.
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${errorDetail(reason)}`));

documents.listen(connection);
connection.listen();
