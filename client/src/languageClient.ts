/** The language client: how the server starts, which documents it serves, and the diagnostics the client reacts to. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { COMMANDS } from '../../common/commands';
import { CLIENT_PROBLEM_CODES } from '../../common/codes';
import { formatDeclined } from '../../common/formatLimit';
import { CONFIGURATION_SECTION, LANGUAGE_ID } from '../../common/language';

export interface ClientHooks {
  /** A document's diagnostics say it holds gzip bytes opened as text. */
  onCompressed(uri: vscode.Uri): void;
  /** Formatting was declined: `chars` characters are more than the editor takes as edits. */
  onFormatDeclined(document: vscode.TextDocument, chars: number): void;
}

/** The length of a document's text, without building the text. */
function lengthOf(document: vscode.TextDocument): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

export function createLanguageClient(context: vscode.ExtensionContext, hooks: ClientHooks): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    synchronize: { configurationSection: CONFIGURATION_SECTION },
    middleware: {
      // Only this server's diagnostics pass here: no look at every other language's.
      handleDiagnostics: (uri, diagnostics, next) => {
        if (diagnostics.some((d) => d.code === CLIENT_PROBLEM_CODES.compressed)) hooks.onCompressed(uri);
        next(uri, diagnostics);
      },
      // The server's hovers link to one command of ours (a touched value's "Everything that touched it"), built by
      // its own code with log text only as an encoded argument: that command alone is trusted.
      provideHover: async (document, position, token, next) => {
        const hover = await next(document, position, token);
        for (const content of hover?.contents ?? [])
          if (content instanceof vscode.MarkdownString) content.isTrusted = { enabledCommands: [COMMANDS.filterEvents] };
        return hover;
      },
      // Above the limit the server answers no edits too; asked here, the user is told why and offered a copy.
      provideDocumentFormattingEdits: (document, options, token, next) => {
        const chars = lengthOf(document);
        if (!formatDeclined(chars)) return next(document, options, token);
        hooks.onFormatDeclined(document, chars);
        return [];
      },
      provideDocumentRangeFormattingEdits: (document, range, options, token, next) => {
        const chars = document.offsetAt(range.end) - document.offsetAt(range.start);
        if (!formatDeclined(chars)) return next(document, range, options, token);
        hooks.onFormatDeclined(document, chars);
        return [];
      },
    },
  };
  // The client's id is the settings section, so the client honours the `cloudtrail.trace.server` setting.
  return new LanguageClient(CONFIGURATION_SECTION, 'CloudTrail Language Server', serverOptions, clientOptions);
}

/**
 * Starts the server with the first CloudTrail document, now or when one opens, not at activation: the
 * extension also activates for every JSON and text file, to look at its first few KB, and a file that is
 * no log should not cost a server process. A request (opening a folder of logs) starts it sooner.
 */
export async function startWithFirstLog(client: LanguageClient, context: vscode.ExtensionContext): Promise<void> {
  if (vscode.workspace.textDocuments.some((d) => d.languageId === LANGUAGE_ID)) {
    await client.start();
    return;
  }
  const waiting = vscode.workspace.onDidOpenTextDocument((document) => {
    if (document.languageId !== LANGUAGE_ID) return;
    waiting.dispose();
    void client.start();
  });
  context.subscriptions.push(waiting);
}
