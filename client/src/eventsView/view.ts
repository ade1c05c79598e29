/**
 * The CloudTrail Events view in VS Code: what it shows (the active log, a large file read from disk, or a
 * folder), the tree, its description and one-line message, and the grouping and filter kept in the
 * workspace's state across sessions.
 */
import * as vscode from 'vscode';
import { remember } from './filterInput';
import type { GroupBy, OpenFolderResult } from '../../../common/protocol';
import { CONTEXT_KEYS, EVENTS_VIEW_ID } from '../contributions';
import type { ServerReads } from '../largeFiles/serverReads';
import type { EventsServer } from './model';
import type { EventNode } from './nodes';
import { EventTreeProvider, type RangeConverter } from './provider';
import { folderAfter, inFolder, type ShownFolder, type Target } from './target';
import { folderName, viewDescription, viewMessage, type ViewSource } from './viewText';

const STATE_KEYS = { groupBy: 'cloudtrail.groupBy', filter: 'cloudtrail.filter', history: 'cloudtrail.filterHistory' } as const;

function setContext(key: string, value: boolean): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', key, value);
}

const nameOf = (uri: string) => folderName(vscode.Uri.parse(uri).path) ?? uri;

export class EventsView implements vscode.Disposable {
  readonly provider: EventTreeProvider;
  readonly tree: vscode.TreeView<EventNode>;
  /** What the editor area shows, as the follower last found it; the view shows it unless it shows a folder. */
  private active: Target = { kind: 'none', why: 'noEditor' };
  /** The folder shown, and the log it was chosen over; undefined while the view follows the editor area. */
  private shownFolder: ShownFolder | undefined;
  private readonly leftFolder = new vscode.EventEmitter<string>();
  /** The view left a folder by itself, for the log that became active; the URI says which folder. */
  readonly onDidLeaveFolder = this.leftFolder.event;
  /** The shown folder's entries that were not read, as its read said. */
  private skipped: NonNullable<OpenFolderResult['skipped']> = [];
  private readonly described = new vscode.EventEmitter<void>();
  /** The view's description and message were set again (what it shows may have changed). */
  readonly onDidDescribe = this.described.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    server: EventsServer,
    converter: RangeConverter,
    private readonly state: vscode.Memento,
    private readonly disk: ServerReads,
  ) {
    this.provider = new EventTreeProvider(server, converter);
    this.model.groupBy = state.get<GroupBy>(STATE_KEYS.groupBy, 'level');
    this.model.filter = state.get<string>(STATE_KEYS.filter) || undefined;
    this.tree = vscode.window.createTreeView(EVENTS_VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true });
    this.subscriptions = [this.described, this.leftFolder, disk.onDidChange((uri) => this.diskChanged(uri))];
  }

  get model() {
    return this.provider.model;
  }

  /** What the view says above the tree; the in-editor tests read it. */
  get source(): ViewSource {
    const { folder, uri } = this.model;
    const active = this.active;
    if (folder && uri) {
      const elsewhere = active.kind !== 'none' && !inFolder(uri, active.uri);
      const skipped = this.skipped.map((s) => ({ name: nameOf(s.uri), message: s.message }));
      return { kind: 'folder', name: nameOf(uri), activeElsewhere: elsewhere, ...(skipped.length > 0 ? { skipped } : {}) };
    }
    if (active.kind === 'disk') {
      const status = this.disk.status(active.uri) ?? { kind: 'reading' };
      return { kind: 'disk', name: nameOf(active.uri), file: active.file, status };
    }
    return { kind: active.kind === 'document' ? 'document' : 'none' };
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.tree.dispose();
    this.provider.dispose();
  }

  /** Sets the context keys the view's menus depend on. */
  async enable(): Promise<void> {
    await setContext(CONTEXT_KEYS.viewEnabled, true);
    await setContext(CONTEXT_KEYS.filtered, this.model.filter !== undefined);
  }

  /** Says what the view shows: folder or file, grouping and filter beside the title; above the tree, what is not plain. */
  describe(): void {
    const { groupBy, filter, result } = this.model;
    const source = this.source;
    const name = source.kind === 'folder' || source.kind === 'disk' ? source.name : undefined;
    this.tree.description = viewDescription({ groupBy, filter, name });
    this.tree.message = viewMessage(source, result, filter);
    this.described.fire();
  }

  /**
   * The follower found what the editor area shows: show it. A folder shown stays while its files, records or no log
   * are active (the view says when the log it was chosen over is), and gives way once another log becomes active.
   */
  async follow(target: Target): Promise<void> {
    const first = target.kind === 'disk' && this.disk.status(target.uri) === undefined;
    this.active = target;
    if (this.model.folder && this.shownFolder) {
      const after = folderAfter(this.shownFolder, target);
      if (after !== 'leave') {
        this.shownFolder = after;
        return this.describe();
      }
      const folder = this.shownFolder.folder;
      await this.leaveFolder();
      return this.leftFolder.fire(folder);
    }
    if (target.kind === 'disk') this.disk.read(target.uri, nameOf(target.uri));
    // A large file's events are only in the view: bring it up, without taking focus from the editor.
    if (first && !this.tree.visible) void vscode.commands.executeCommand(`${EVENTS_VIEW_ID}.focus`, { preserveFocus: true });
    await this.showActive();
  }

  /** Fetches the tree again; a large file whose read failed or was cancelled is read again. */
  async refresh(): Promise<void> {
    const active = this.active;
    const status = active.kind === 'disk' && !this.model.folder ? this.disk.status(active.uri)?.kind : undefined;
    if (active.kind === 'disk' && (status === 'failed' || status === 'cancelled')) return this.follow(active);
    await this.model.refresh();
    this.describe();
  }

  /**
   * Shows a folder the server has read, until `leaveFolder`, saying which of its entries were `skipped`; the folder
   * shown before is dropped from the server.
   */
  async showFolder(folder: string, skipped: OpenFolderResult['skipped'] = []): Promise<void> {
    const before = this.model.folder ? this.model.uri : undefined;
    this.model.folder = true;
    this.shownFolder = { folder, beside: this.active.kind === 'none' ? undefined : this.active.uri };
    this.skipped = skipped;
    await this.model.show(folder);
    this.describe();
    if (before && before !== folder) this.disk.close(before);
    await setContext(CONTEXT_KEYS.folderShown, true);
  }

  /** Goes back from a folder to what the editor area shows; the folder's records are dropped from the server. */
  async leaveFolder(): Promise<void> {
    if (!this.model.folder) return;
    const folder = this.model.uri;
    this.model.folder = false;
    this.shownFolder = undefined;
    if (folder) this.disk.close(folder);
    await setContext(CONTEXT_KEYS.folderShown, false);
    // A large file that became active while the folder was shown is read now.
    await this.follow(this.active);
  }

  async setGroupBy(groupBy: GroupBy): Promise<void> {
    this.model.groupBy = groupBy;
    await this.state.update(STATE_KEYS.groupBy, groupBy);
    await this.refresh();
  }

  /** Filters set before, most recent first (per workspace). */
  get filterHistory(): readonly string[] {
    return this.state.get<string[]>(STATE_KEYS.history) ?? [];
  }

  /** Sets the filter, and remembers it; empty text clears it. */
  async setFilter(text: string): Promise<void> {
    this.model.filter = text.trim() || undefined;
    await this.state.update(STATE_KEYS.filter, this.model.filter);
    await this.state.update(STATE_KEYS.history, remember(this.filterHistory, text));
    await setContext(CONTEXT_KEYS.filtered, this.model.filter !== undefined);
    await this.refresh();
  }

  /** The tree of what the editor area shows: its log, a large file once read, or none (no counts kept from before). */
  private async showActive(): Promise<void> {
    const active = this.active;
    const uri =
      active.kind === 'document' || (active.kind === 'disk' && this.disk.status(active.uri)?.kind === 'read') ? active.uri : undefined;
    if (uri !== this.model.uri || (uri === undefined && this.model.result)) await this.model.show(uri);
    this.describe();
  }

  private diskChanged(uri: string): void {
    if (this.model.folder || this.active.kind !== 'disk' || this.active.uri !== uri) return;
    void this.showActive();
  }
}
