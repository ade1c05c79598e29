/**
 * The CloudTrail language server: wiring only. Parsing, validation and fixes live in plain modules.
 * Started by the client over IPC, or as `node server.js --stdio` by any LSP client.
 */
import { fileURLToPath } from 'node:url';
import {
  type CancellationToken,
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type CompletionItem,
  CompletionItemKind,
  type CompletionParams,
  type Connection,
  createConnection,
  DidChangeConfigurationNotification,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type FoldingRange,
  type FoldingRangeParams,
  type Hover,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
  InsertTextFormat,
  MarkupKind,
  ProposedFeatures,
  type Range,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CloseFolderNotification,
  type EventTreeParams,
  EventTreeRequest,
  FolderProgressNotification,
  MAX_PAGE,
  type OpenFolderParams,
  OpenFolderRequest,
  RecordAtRequest,
  type RecordItem,
  type RecordsParams,
  RecordsRequest,
} from '../../../common/protocol';
import { FIX_ALL_KIND, fixAllAction, quickFixes } from '../features/fixes';
import { completionsAt } from '../features/completion';
import { toDiagnostic } from './diagnostics';
import { DocumentCache } from './documentCache';
import { buildEventTree, placeOf, queryRecords, type RecordSummary } from '../features/eventGroups';
import { type FolderIndex, type FolderRecord, indexFolder } from '../files/folderIndex';
import { foldingRanges } from '../features/folding';
import { hoverAt } from '../features/hover';
import { recordAt } from '../parse/locate';
import { toRange } from './ranges';
import { type Settings, SettingsStore } from './settings';

/** Quiet time after a keystroke before the file is checked again. */
const VALIDATION_DELAY_MS = 200;

const connection: Connection = createConnection(ProposedFeatures.all);
const cache = new DocumentCache();
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
const settings = new SettingsStore((uri) => connection.workspace.getConfiguration({ scopeUri: uri, section: 'cloudtrail' }));
/** Validations waiting for their delay, by document. */
const pending = new Map<string, NodeJS.Timeout>();

/** One failing request answers null and is logged; it never takes the server down. A cancelled one answers null. */
function safe<P, R>(
  name: string,
  handler: (params: P, token?: CancellationToken) => R | Promise<R>,
): (params: P, token?: CancellationToken) => Promise<R | null> {
  return async (params: P, token?: CancellationToken) => {
    try {
      if (token?.isCancellationRequested) return null;
      return await handler(params, token);
    } catch (error) {
      connection.console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return null;
    }
  };
}

/** How many folding ranges the editor takes (VS Code's default is 5000). */
let foldingLimit = 5000;

/** A request about one open document: answered null when the document is not open. */
function forDocument<P extends { textDocument: { uri: string } }, R>(
  name: string,
  handler: (document: TextDocument, params: P) => R | Promise<R>,
) {
  return safe(name, (params: P) => {
    const document = documents.get(params.textDocument.uri);
    return document ? handler(document, params) : null;
  });
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  settings.enabled = params.capabilities.workspace?.configuration === true;
  foldingLimit = params.capabilities.textDocument?.foldingRange?.rangeLimit ?? foldingLimit;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['"'] },
      documentSymbolProvider: { label: 'CloudTrail records' },
      foldingRangeProvider: true,
    },
    serverInfo: { name: 'CloudTrail Lens' },
  };
});

connection.onInitialized(() => {
  if (settings.enabled) {
    connection.client.register(DidChangeConfigurationNotification.type, { section: 'cloudtrail' }).catch((error: unknown) => {
      connection.console.warn(`Could not register for configuration changes: ${String(error)}`);
    });
  }
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  for (const document of documents.all()) schedule(document, 0);
});

async function validate(document: TextDocument): Promise<void> {
  const asked = settings.get(document.uri);
  // The file is checked while the settings are on their way: opening a big log waits for one, not both.
  const analysis = cache.get(document);
  void analysis.allProblems;
  const current: Settings = await asked;
  // The document may have changed or closed while the settings were fetched.
  if (documents.get(document.uri)?.version !== document.version) return;
  await connection.sendDiagnostics({
    uri: document.uri,
    version: document.version,
    diagnostics: current.validateEnable ? analysis.problems(current.maxProblems).map((p) => toDiagnostic(document, p)) : [],
  });
}

/** Validations under way, by document: the events view waits for them, so a file's problems show first. */
const running = new Map<string, Promise<unknown>>();
/** The version each document was last checked for, or is waiting to be. */
const requested = new Map<string, number>();

function run(document: TextDocument): void {
  const uri = document.uri;
  const done = safe(
    'validate',
    validate,
  )(document).finally(() => {
    if (running.get(uri) === done) running.delete(uri);
  });
  running.set(uri, done);
}

function schedule(document: TextDocument, delay: number): void {
  clearTimeout(pending.get(document.uri));
  requested.set(document.uri, document.version);
  const timer = setTimeout(() => {
    pending.delete(document.uri);
    const latest = documents.get(document.uri);
    if (latest) run(latest);
  }, delay);
  pending.set(document.uri, timer);
}

// Opening fires both events for the same version: check an opened file at once, an edited one after a pause.
documents.onDidOpen((e) => {
  requested.set(e.document.uri, e.document.version);
  run(e.document);
});
documents.onDidChangeContent((e) => {
  if (requested.get(e.document.uri) !== e.document.version) schedule(e.document, VALIDATION_DELAY_MS);
});
documents.onDidClose((e) => {
  clearTimeout(pending.get(e.document.uri));
  pending.delete(e.document.uri);
  requested.delete(e.document.uri);
  cache.delete(e.document.uri);
  settings.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onCodeAction(
  forDocument('codeAction', async (document, params: CodeActionParams): Promise<CodeAction[] | null> => {
    const current = await settings.get(document.uri);
    // Fixes come from the whole file's problems, not only the ones under the limit.
    const problems = cache.get(document).allProblems.filter((p) => p.fix || p.suggestion);
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix) && current.validateEnable)
      actions.push(...quickFixes(document, problems, params.context.diagnostics));
    if (wants(FIX_ALL_KIND)) {
      const all = fixAllAction(document, problems);
      if (all) actions.push(all);
    }
    return actions;
  }),
);

connection.onHover(
  forDocument('hover', (document, params: HoverParams): Hover | null => {
    const result = hoverAt(document.getText(), cache.get(document).parsed, document.offsetAt(params.position));
    if (!result) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: result.markdown },
      range: toRange(document, result),
    };
  }),
);

connection.onCompletion(
  forDocument('completion', (document, params: CompletionParams): CompletionItem[] | null => {
    return completionsAt(document.getText(), cache.get(document).parsed, document.offsetAt(params.position)).map((c) => ({
      label: c.label,
      kind: c.kind === 'property' ? CompletionItemKind.Property : CompletionItemKind.Value,
      ...(c.detail ? { detail: c.detail } : {}),
      ...(c.documentation ? { documentation: { kind: MarkupKind.Markdown, value: c.documentation } } : {}),
      // Keep the filter text the whole replaced range, quotes included, so typing inside quotes matches.
      filterText: c.insertText,
      insertTextFormat: InsertTextFormat.PlainText,
      textEdit: { range: toRange(document, c), newText: c.insertText },
    }));
  }),
);

/** A summary as the client sees it, with the range it has in its file. */
function toItem(s: RecordSummary, range: Range, uri?: string): RecordItem {
  return {
    index: s.index,
    eventName: s.eventName,
    eventSource: s.eventSource,
    eventTime: s.eventTime,
    identity: s.identity,
    sourceIPAddress: s.sourceIPAddress,
    ...(s.errorCode ? { errorCode: s.errorCode } : {}),
    ...(s.errorMessage ? { errorMessage: s.errorMessage } : {}),
    ...(s.awsRegion ? { awsRegion: s.awsRegion } : {}),
    level: s.level,
    range,
    ...(uri ? { uri } : {}),
  };
}

/** What the events view shows for a URI: an open document's records, or a folder's read by cloudtrail/openFolder. */
interface RecordSource {
  readonly version: number;
  readonly summaries: readonly RecordSummary[];
  item(summary: RecordSummary): RecordItem;
  readonly syntaxErrors?: { readonly count: number; readonly first: Range };
}

function recordSource(uri: string): RecordSource | undefined {
  const folder = folders.get(uri);
  if (folder) {
    const item = (s: RecordSummary) => toItem(s, (s as FolderRecord).range, (s as FolderRecord).uri);
    return { version: 0, summaries: folder.records, item };
  }
  const document = documents.get(uri);
  if (!document) return undefined;
  const analysis = cache.get(document);
  const errors = analysis.parsed.syntax;
  const first = errors.reduce<(typeof errors)[number] | undefined>((a, p) => (a && a.start <= p.start ? a : p), undefined);
  return {
    version: document.version,
    summaries: analysis.summaries,
    item: (s) => toItem(s, toRange(document, s)),
    ...(first ? { syntaxErrors: { count: errors.length, first: toRange(document, first) } } : {}),
  };
}

connection.onRequest(
  EventTreeRequest,
  safe('eventTree', async (params: EventTreeParams) => {
    await running.get(params.textDocument.uri);
    const source = recordSource(params.textDocument.uri);
    if (!source) return null;
    const { groups, shown } = buildEventTree(source.summaries, params.groupBy, params.filter);
    return {
      version: source.version,
      groups,
      total: source.summaries.length,
      shown,
      ...(source.syntaxErrors ? { syntaxErrors: source.syntaxErrors } : {}),
    };
  }),
);

connection.onRequest(
  RecordsRequest,
  safe('records', (params: RecordsParams) => {
    const source = recordSource(params.textDocument.uri);
    if (!source) return null;
    const groupBy = params.groupBy ?? 'level';
    const group = groupBy === 'level' ? (params.level ?? params.group) : params.group;
    const { total, items } = queryRecords(source.summaries, {
      groupBy,
      ...(group !== undefined ? { group } : {}),
      ...(params.eventName !== undefined ? { eventName: params.eventName } : {}),
      ...(params.eventSource !== undefined ? { eventSource: params.eventSource } : {}),
      ...(params.filter ? { filter: params.filter } : {}),
      offset: params.offset ?? 0,
      limit: Math.min(Math.max(1, params.limit ?? 200), MAX_PAGE),
    });
    return { total, items: items.map((s) => source.item(s)) };
  }),
);

/** Folders read into the events view, by folder URI. */
const folders = new Map<string, FolderIndex>();

connection.onRequest(
  OpenFolderRequest,
  safe('openFolder', async (params: OpenFolderParams, token?: CancellationToken) => {
    const folder = fileURLToPath(params.folder);
    const index = await indexFolder(folder, {
      isCancelled: () => token?.isCancellationRequested === true,
      onProgress: (done, total) => void connection.sendNotification(FolderProgressNotification, { folder: params.folder, done, total }),
    });
    if (!index) return null;
    folders.set(params.folder, index);
    return { files: index.files, records: index.records.length, failed: index.failed };
  }),
);

connection.onNotification(CloseFolderNotification, (params) => {
  folders.delete(params.folder);
});

connection.onRequest(
  RecordAtRequest,
  forDocument('recordAt', (document, params) => {
    const analysis = cache.get(document);
    const record = recordAt(analysis.parsed, document.offsetAt(params.position));
    if (!record) return null;
    const place = placeOf(analysis.summaries, record.index, params.groupBy, params.filter);
    const summary = analysis.summaries[record.index];
    if (!place || !summary) return null;
    return {
      item: toItem(summary, toRange(document, summary)),
      group: place.group,
      eventName: summary.eventName,
      eventSource: summary.eventSource,
      position: place.position,
    };
  }),
);

connection.onDocumentSymbol(
  forDocument('documentSymbol', (document, _params: DocumentSymbolParams): DocumentSymbol[] | null => {
    return cache.get(document).summaries.map((s) => {
      const start = document.positionAt(s.start);
      // The opening brace: finding the eventName's own offsets would mean indexing every record.
      const selection = { start, end: document.positionAt(s.start + 1) };
      return {
        name: `${s.eventTime || '(no time)'} ${s.eventName}`,
        detail: s.identity,
        kind: SymbolKind.Event,
        range: { start, end: document.positionAt(s.end) },
        selectionRange: selection,
      };
    });
  }),
);

connection.onFoldingRanges(
  forDocument('foldingRanges', (document, _params: FoldingRangeParams): FoldingRange[] | null => {
    return foldingRanges(cache.get(document).parsed.folds, foldingLimit, (offset) => document.positionAt(offset).line);
  }),
);

// A promise nobody awaited must not take the server down with it.
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));

documents.listen(connection);
connection.listen();
