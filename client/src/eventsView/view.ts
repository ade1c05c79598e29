/**
 * The CloudTrail Events view in VS Code: the tree, its description and message, and the grouping and
 * filter kept in the workspace's state across sessions.
 */
import * as vscode from 'vscode';
import type { GroupBy } from '../../../common/protocol';
import { CONTEXT_KEYS, EVENTS_VIEW_ID } from '../contributions';
import type { EventsServer } from './model';
import type { EventNode } from './nodes';
import { EventTreeProvider, type RangeConverter } from './provider';
import { folderName, viewDescription, viewMessage } from './viewText';

const STATE_KEYS = { groupBy: 'cloudtrail.groupBy', filter: 'cloudtrail.filter' } as const;

function setContext(key: string, value: boolean): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', key, value);
}

export class EventsView implements vscode.Disposable {
  readonly provider: EventTreeProvider;
  readonly tree: vscode.TreeView<EventNode>;

  constructor(
    server: EventsServer,
    converter: RangeConverter,
    private readonly state: vscode.Memento,
  ) {
    this.provider = new EventTreeProvider(server, converter);
    this.model.groupBy = state.get<GroupBy>(STATE_KEYS.groupBy, 'level');
    this.model.filter = state.get<string>(STATE_KEYS.filter) || undefined;
    this.tree = vscode.window.createTreeView(EVENTS_VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true });
  }

  get model() {
    return this.provider.model;
  }

  dispose(): void {
    this.tree.dispose();
    this.provider.dispose();
  }

  /** Sets the context keys the view's menus depend on. */
  async enable(): Promise<void> {
    await setContext(CONTEXT_KEYS.viewEnabled, true);
    await setContext(CONTEXT_KEYS.filtered, this.model.filter !== undefined);
  }

  /** Says what the view shows: folder, grouping and filter, and how many records the filter kept. */
  describe(): void {
    const { uri, folder, groupBy, filter, result } = this.model;
    const name = folder && uri ? folderName(vscode.Uri.parse(uri).path) : undefined;
    this.tree.description = viewDescription({ groupBy, filter, folderName: name });
    this.tree.message = viewMessage(result, filter);
  }

  async refresh(): Promise<void> {
    await this.model.refresh();
    this.describe();
  }

  /** Shows another log's events, or none. */
  async show(uri: string | undefined): Promise<void> {
    await this.model.show(uri);
    this.describe();
  }

  /** Shows a folder the server has read, until `leaveFolder`. */
  async showFolder(folder: string): Promise<void> {
    this.model.folder = true;
    await this.show(folder);
    await setContext(CONTEXT_KEYS.folderShown, true);
  }

  async leaveFolder(): Promise<void> {
    this.model.folder = false;
    await setContext(CONTEXT_KEYS.folderShown, false);
  }

  async setGroupBy(groupBy: GroupBy): Promise<void> {
    this.model.groupBy = groupBy;
    await this.state.update(STATE_KEYS.groupBy, groupBy);
    await this.refresh();
  }

  /** Sets the filter; empty text clears it. */
  async setFilter(text: string): Promise<void> {
    this.model.filter = text.trim() || undefined;
    await this.state.update(STATE_KEYS.filter, this.model.filter);
    await setContext(CONTEXT_KEYS.filtered, this.model.filter !== undefined);
    await this.refresh();
  }
}
