/** What every command gets: the extension, the language client, the events view, the gzip documents and the records opened on their own. */
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { EventsView } from '../eventsView/view';
import type { GzipContentProvider } from '../gzip/documents';
import type { RecordDocuments } from '../records/documents';

export interface CommandContext {
  readonly extension: vscode.ExtensionContext;
  readonly client: LanguageClient;
  readonly view: EventsView;
  readonly gzip: GzipContentProvider;
  readonly records: RecordDocuments;
}

/** A command's callback, made for a context; VS Code passes it whatever arguments the caller gave. */
export type CommandFactory = (ctx: CommandContext) => (...args: never[]) => unknown;
