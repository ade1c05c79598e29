/** What every command gets: the extension, the language client, the events view, the gzip documents, the records opened on their own, what is known of large files, the SQL editors the extension wrote and the pretty-printed copies. */
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { EditorFollower } from '../eventsView/follow';
import type { EventsView } from '../eventsView/view';
import type { GzipContentProvider } from '../gzip/gzipDocuments';
import type { ServerReads } from '../largeFiles/serverReads';
import type { FileProbes } from '../largeFiles/probes';
import type { RecordDocuments } from '../records/recordDocuments';
import type { WrittenSql } from '../athena/writtenSql';
import type { PrettyCopies } from '../format/prettyCopies';
import type { IntegrityChecks } from '../integrity/integrityChecks';

export interface CommandContext {
  readonly extension: vscode.ExtensionContext;
  readonly client: LanguageClient;
  readonly view: EventsView;
  readonly follower: EditorFollower;
  readonly gzip: GzipContentProvider;
  readonly records: RecordDocuments;
  readonly probes: FileProbes;
  readonly disk: ServerReads;
  /** The SQL editors the extension wrote. */
  readonly sql: WrittenSql;
  /** Read-only pretty-printed copies of logs too large to format. */
  readonly prettyCopies: PrettyCopies;
  /** Folders checked against their digests, and the diagnostics that says what did not hold. */
  readonly integrity: IntegrityChecks;
}

/** A command's callback, made for a context; VS Code passes it whatever arguments the caller gave. */
export type CommandFactory = (ctx: CommandContext) => (...args: never[]) => unknown;
