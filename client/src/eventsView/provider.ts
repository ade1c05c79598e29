/**
 * The events view's TreeDataProvider: the model's nodes, shown as the items `items.ts` describes.
 * Ranges from the server become VS Code's through the language client's own converter.
 */
import * as vscode from 'vscode';
import type { Range } from 'vscode-languageserver-protocol';
import { COMMANDS } from '../../../common/commands';
import type { EventTreeResult, GroupBy } from '../../../common/protocol';
import { type ItemAction, itemOf } from './items';
import { type EventsServer, EventTreeModel, type RecordPlace } from './model';
import type { EventNode, RecordNode } from './nodes';

/** The one conversion the view needs, as the language client's protocol2CodeConverter does it. */
export interface RangeConverter {
  asRange(range: Range): vscode.Range;
}

export class EventTreeProvider implements vscode.TreeDataProvider<EventNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<EventNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly model: EventTreeModel;

  constructor(
    server: EventsServer,
    private readonly converter: RangeConverter,
  ) {
    this.model = new EventTreeModel(server, (node) => this.changed.fire(node));
  }

  dispose(): void {
    this.changed.dispose();
  }

  // The model's state, for the in-editor tests that reach the view through the extension's API.
  get uri(): string | undefined {
    return this.model.uri;
  }
  get folder(): boolean {
    return this.model.folder;
  }
  get groupBy(): GroupBy {
    return this.model.groupBy;
  }
  get result(): EventTreeResult | null {
    return this.model.result;
  }
  ready(): Promise<void> {
    return this.model.ready();
  }
  nodeFor(place: RecordPlace): Promise<RecordNode | undefined> {
    return this.model.nodeFor(place);
  }

  getChildren(node?: EventNode): vscode.ProviderResult<EventNode[]> {
    return this.model.children(node);
  }

  getParent(node: EventNode): vscode.ProviderResult<EventNode> {
    return this.model.parent(node);
  }

  getTreeItem(node: EventNode): vscode.TreeItem {
    const spec = itemOf(node, this.model.groupBy);
    const item = new vscode.TreeItem(
      spec.label,
      spec.expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = spec.id;
    if (spec.description !== undefined) item.description = spec.description;
    if (spec.tooltip !== undefined) item.tooltip = spec.tooltip;
    item.iconPath = new vscode.ThemeIcon(spec.icon.id, spec.icon.color ? new vscode.ThemeColor(spec.icon.color) : undefined);
    if (spec.contextValue) item.contextValue = spec.contextValue;
    if (spec.action) item.command = this.commandOf(spec.action);
    return item;
  }

  private commandOf(action: ItemAction): vscode.Command {
    switch (action.kind) {
      case 'reveal':
        return {
          command: COMMANDS.revealRange,
          title: action.title,
          arguments: [action.uri, this.converter.asRange(action.range), ...(action.record ? [action.record] : [])],
        };
      case 'loadMore':
        return { command: COMMANDS.loadMoreRecords, title: action.title, arguments: [action.node] };
    }
  }
}
