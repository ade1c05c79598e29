/**
 * Logs the language server reads from disk for the events view: folders, and files VS Code does not share
 * with extensions. Each read shows a cancellable progress notification; a large file's read is kept while
 * a tab shows the file, and dropped from the server (cloudtrail/closeLog) when its last tab closes.
 */
import * as vscode from 'vscode';
import { withProgressNotification } from '../notifications';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CloseLogNotification,
  FolderProgressNotification,
  type FolderProgressParams,
  OpenLogRequest,
  type OpenLogResult,
} from '../../../common/protocol';
import { GZIP_EDITOR_VIEW_TYPE } from '../contributions';
import { type DiskStatus, diskStatusOf, progressText } from './largeFile';
import { errorText } from '../../../common/errorText';

interface FileRead {
  status: DiskStatus;
  readonly cancel: vscode.CancellationTokenSource;
}

export class ServerReads implements vscode.Disposable {
  private readonly files = new Map<string, FileRead>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** A large file's read moved on (progress, done, failed, cancelled, dropped); the URI says which. */
  readonly onDidChange = this.changed.event;
  /** Each read's progress listener, by URI: the client keeps one handler per notification, so this one hands it on. */
  private readonly progress = new Map<string, (params: FolderProgressParams) => void>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly client: LanguageClient) {
    this.subscriptions = [
      this.changed,
      vscode.window.tabGroups.onDidChangeTabs(() => this.dropClosed()),
      client.onNotification(FolderProgressNotification, (params) => this.progress.get(params.folder)?.(params)),
    ];
  }

  dispose(): void {
    for (const read of this.files.values()) read.cancel.cancel();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  /** How far the read of a large file got; undefined before it starts. */
  status(uri: string): DiskStatus | undefined {
    return this.files.get(uri)?.status;
  }

  /** Starts reading a large file, unless it is read or being read; one that failed or was cancelled is read again. */
  read(uri: string, name: string): void {
    const known = this.files.get(uri)?.status.kind;
    if (known === 'reading' || known === 'read') return;
    void this.readFile(uri, name);
  }

  /** Reads a folder of logs; null when cancelled. */
  async readFolder(folder: string, title: string): Promise<OpenLogResult | null> {
    const cancel = new vscode.CancellationTokenSource();
    try {
      return await this.withProgress(folder, title, cancel, () => undefined);
    } finally {
      cancel.dispose();
    }
  }

  /** The view no longer shows a folder, or no tab shows a file: the server can drop its records and problems. */
  close(uri: string): void {
    const read = this.files.get(uri);
    read?.cancel.cancel();
    this.files.delete(uri);
    void this.client.sendNotification(CloseLogNotification, { uri });
    if (read) this.changed.fire(uri);
  }

  private async readFile(uri: string, name: string): Promise<void> {
    const read: FileRead = { status: { kind: 'reading' }, cancel: new vscode.CancellationTokenSource() };
    this.files.set(uri, read);
    this.changed.fire(uri);
    const current = () => this.files.get(uri) === read;
    try {
      const result = await this.withProgress(uri, `Reading ${name}`, read.cancel, (done, total) => {
        read.status = { kind: 'reading', done, total };
        if (current()) this.changed.fire(uri);
      });
      // Its tab closed while the server read it: drop what the server kept.
      if (!current()) return void (result && this.client.sendNotification(CloseLogNotification, { uri }));
      read.status = diskStatusOf(result, read.cancel.token.isCancellationRequested);
    } catch (error) {
      if (!current()) return;
      read.status = read.cancel.token.isCancellationRequested ? { kind: 'cancelled' } : { kind: 'failed', message: errorText(error) };
    } finally {
      read.cancel.dispose();
    }
    this.changed.fire(uri);
  }

  /** cloudtrail/openLog for `uri`, with its progress in a notification whose Cancel cancels the request. */
  private withProgress(
    uri: string,
    title: string,
    cancel: vscode.CancellationTokenSource,
    onBytes: (done: number, total: number) => void,
  ): Thenable<OpenLogResult | null> {
    return withProgressNotification(title, async (report, token) => {
      let reported = 0;
      const cancelled = token.onCancellationRequested(() => cancel.cancel());
      this.progress.set(uri, (params) => {
        if (params.total === 0) return;
        const percent = (params.done / params.total) * 100;
        report({ increment: percent - reported, message: progressText(params.done, params.total, params.unit ?? 'files') });
        reported = percent;
        if (params.unit === 'bytes') onBytes(params.done, params.total);
      });
      try {
        return await this.client.sendRequest(OpenLogRequest, { uri }, cancel.token);
      } finally {
        this.progress.delete(uri);
        cancelled.dispose();
      }
    });
  }

  /** Drops every large file no tab shows any more. */
  private dropClosed(): void {
    if (this.files.size === 0) return;
    const shown = new Set(vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tabUri(tab.input)?.toString())));
    for (const uri of [...this.files.keys()]) if (!shown.has(uri)) this.close(uri);
  }
}

/** The file a tab shows in a text editor or the gzip editor. */
export function tabUri(input: unknown): vscode.Uri | undefined {
  if (input instanceof vscode.TabInputText) return input.uri;
  if (input instanceof vscode.TabInputCustom && input.viewType === GZIP_EDITOR_VIEW_TYPE) return input.uri;
  return undefined;
}
