/**
 * The benchmark's floor: an LSP server that does nothing with a document but answer its opening with
 * empty diagnostics. Its open time is what the transport alone costs (the client encoding the text, the
 * pipe, decoding the message), which no server can go under.
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));
documents.onDidOpen((e) => void connection.sendDiagnostics({ uri: e.document.uri, version: e.document.version, diagnostics: [] }));
documents.listen(connection);
connection.listen();
