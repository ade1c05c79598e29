/**
 * The CloudTrail Events view: the active log's records grouped by S3 event level (or another grouping),
 * then by event name, then the records themselves, fetched a page at a time from the server.
 * Every label and tooltip is plain text, so nothing from a log is rendered as Markdown or HTML.
 */
import * as vscode from 'vscode';
import type { EventCount, EventGroup, EventTreeResult, GroupBy, RecordItem, RecordsParams, RecordsResult } from '../../common/protocol';

export const PAGE_SIZE = 200;

/** What the view needs from the language server. */
export interface EventSource {
  eventTree(uri: string, groupBy: GroupBy, filter: string | undefined): Promise<EventTreeResult | null>;
  records(uri: string, query: Omit<RecordsParams, 'textDocument'>): Promise<RecordsResult | null>;
}

export type EventNode = ProblemsNode | GroupNode | SourceNode | EventNameNode | RecordNode | MoreNode;

export class ProblemsNode {
  readonly kind = 'problems';
  constructor(
    readonly uri: string,
    readonly count: number,
    readonly first: vscode.Range,
  ) {}
}

export class GroupNode {
  readonly kind = 'group';
  constructor(
    readonly uri: string,
    readonly group: EventGroup,
    readonly bySource: boolean,
  ) {}
}

/** Under Other services: one node per event source. */
export class SourceNode {
  readonly kind = 'source';
  constructor(
    readonly parent: GroupNode,
    readonly eventSource: string,
    readonly events: readonly EventCount[],
  ) {}
  get count(): number {
    return this.events.reduce((n, e) => n + e.count, 0);
  }
}

export class EventNameNode {
  readonly kind = 'event';
  /** Records loaded so far, in file order, and how many there are in all. */
  records: RecordNode[] = [];
  total = -1;
  /** The page being fetched, so two askers do not load it twice. */
  pending: Promise<void> | undefined;
  constructor(
    readonly parent: GroupNode | SourceNode,
    readonly event: EventCount,
  ) {}
  get group(): GroupNode {
    return this.parent instanceof GroupNode ? this.parent : this.parent.parent;
  }
}

export class RecordNode {
  readonly kind = 'record';
  constructor(
    readonly parent: EventNameNode,
    readonly item: RecordItem,
  ) {}
}

export class MoreNode {
  readonly kind = 'more';
  constructor(readonly parent: EventNameNode) {}
}

const GROUP_ICONS: Record<string, string> = { account: 'organization', bucket: 'archive', object: 'file', other: 'cloud' };

export const GROUP_BY_LABELS: Record<GroupBy, string> = {
  level: 'Event level',
  identity: 'Identity',
  sourceIPAddress: 'Source IP',
  eventSource: 'Event source',
  errorCode: 'Error code',
  hour: 'Hour',
};

function toRange(r: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export class EventTreeProvider implements vscode.TreeDataProvider<EventNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<EventNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  uri: string | undefined;
  /** True while the view shows a folder of logs rather than the active editor's log. */
  folder = false;
  groupBy: GroupBy = 'level';
  filter: string | undefined;
  private tree: EventTreeResult | null = null;
  private roots: EventNode[] = [];
  private loading: Promise<void> | undefined;
  private readonly nodes = new Map<string, SourceNode | EventNameNode>();

  constructor(private readonly source: EventSource) {}

  dispose(): void {
    this.changed.dispose();
  }

  /** Shows the tree of another document, or none. */
  async show(uri: string | undefined): Promise<void> {
    this.uri = uri;
    await this.refresh();
  }

  /** Fetches the tree again (after an edit, or a change of grouping or filter). */
  refresh(): Promise<void> {
    const uri = this.uri;
    this.loading = (async () => {
      const tree = uri ? await this.source.eventTree(uri, this.groupBy, this.filter) : null;
      if (uri !== this.uri) return; // another document was shown meanwhile
      this.tree = tree;
      this.nodes.clear();
      this.roots = tree && uri ? this.rootsOf(uri, tree) : [];
      this.changed.fire(undefined);
    })();
    return this.loading;
  }

  /** Resolves once the tree in flight, if any, has arrived. */
  async ready(): Promise<void> {
    await this.loading;
  }

  get result(): EventTreeResult | null {
    return this.tree;
  }

  private rootsOf(uri: string, tree: EventTreeResult): EventNode[] {
    const roots: EventNode[] = [];
    if (tree.syntaxErrors) roots.push(new ProblemsNode(uri, tree.syntaxErrors.count, toRange(tree.syntaxErrors.first)));
    for (const group of tree.groups) roots.push(new GroupNode(uri, group, this.groupBy === 'level' && group.level === 'other'));
    return roots;
  }

  /** The one instance of a node per id, so loaded pages survive VS Code asking for children again. */
  private intern<T extends SourceNode | EventNameNode>(node: T): T {
    const id = this.idOf(node);
    const known = this.nodes.get(id) as T | undefined;
    if (known) return known;
    this.nodes.set(id, node);
    return node;
  }

  getChildren(node?: EventNode): vscode.ProviderResult<EventNode[]> {
    if (!node) return this.roots;
    switch (node.kind) {
      case 'group':
        if (node.bySource) {
          const bySource = new Map<string, EventCount[]>();
          for (const e of node.group.events) {
            const events = bySource.get(e.eventSource);
            if (events) events.push(e);
            else bySource.set(e.eventSource, [e]);
          }
          return [...bySource].map(([source, events]) => this.intern(new SourceNode(node, source, events)));
        }
        return node.group.events.map((e) => this.intern(new EventNameNode(node, e)));
      case 'source':
        return node.events.map((e) => this.intern(new EventNameNode(node, e)));
      case 'event':
        return this.recordsOf(node);
      default:
        return [];
    }
  }

  private async recordsOf(node: EventNameNode): Promise<EventNode[]> {
    if (node.total < 0) await this.loadPage(node);
    return node.records.length < node.total ? [...node.records, new MoreNode(node)] : node.records;
  }

  /** Loads the next page of an event's records. */
  loadPage(node: EventNameNode): Promise<void> {
    node.pending ??= this.fetchPage(node).finally(() => (node.pending = undefined));
    return node.pending;
  }

  private async fetchPage(node: EventNameNode): Promise<void> {
    const uri = node.group.uri;
    const page = await this.source.records(uri, {
      groupBy: this.groupBy,
      group: node.group.group.key,
      eventName: node.event.eventName,
      eventSource: node.event.eventSource,
      filter: this.filter,
      offset: node.records.length,
      limit: PAGE_SIZE,
    });
    if (!page) return;
    node.total = page.total;
    node.records.push(...page.items.map((item) => new RecordNode(node, item)));
  }

  async loadMore(node: EventNameNode): Promise<void> {
    await this.loadPage(node);
    this.changed.fire(node);
  }

  getParent(node: EventNode): vscode.ProviderResult<EventNode> {
    return 'parent' in node ? node.parent : undefined;
  }

  getTreeItem(node: EventNode): vscode.TreeItem {
    switch (node.kind) {
      case 'problems': {
        const item = new vscode.TreeItem(`${node.count} JSON ${node.count === 1 ? 'error' : 'errors'}: go to the first`);
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.tooltip = `The file is not valid JSON. Go to the first error, on line ${node.first.start.line + 1}.`;
        item.command = { command: 'cloudtrail.revealRange', title: 'Go to the first error', arguments: [node.uri, node.first] };
        item.id = `${node.uri}#problems`;
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = String(node.group.count);
        item.iconPath = new vscode.ThemeIcon(GROUP_ICONS[node.group.level ?? ''] ?? 'list-tree');
        item.tooltip = `${node.group.label}: ${node.group.count} ${node.group.count === 1 ? 'record' : 'records'}`;
        item.contextValue = 'group';
        item.id = this.idOf(node);
        return item;
      }
      case 'source': {
        const item = new vscode.TreeItem(node.eventSource, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = String(node.count);
        item.iconPath = new vscode.ThemeIcon('server');
        item.id = this.idOf(node);
        return item;
      }
      case 'event': {
        const item = new vscode.TreeItem(node.event.eventName, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = node.event.errors ? `${node.event.count} · ${node.event.errors} failed` : String(node.event.count);
        item.iconPath = new vscode.ThemeIcon('symbol-event');
        item.tooltip = `${node.event.eventName} (${node.event.eventSource}): ${node.event.count} records${node.event.errors ? `, ${node.event.errors} with an error code` : ''}`;
        item.id = this.idOf(node);
        return item;
      }
      case 'record': {
        const r = node.item;
        const time = r.eventTime.replace('T', ' ').replace(/Z$/, '');
        const item = new vscode.TreeItem(`${time} ${r.identity}`);
        item.description = [r.sourceIPAddress, r.errorCode].filter(Boolean).join(' · ');
        item.iconPath = r.errorCode
          ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))
          : new vscode.ThemeIcon('circle-small-filled');
        item.tooltip = recordTooltip(r);
        item.command = {
          command: 'cloudtrail.revealRange',
          title: 'Show the record',
          arguments: [r.uri ?? node.parent.group.uri, toRange(r.range)],
        };
        item.contextValue = 'record';
        item.id = this.idOf(node);
        return item;
      }
      case 'more': {
        const left = node.parent.total - node.parent.records.length;
        const item = new vscode.TreeItem(`Show ${Math.min(left, PAGE_SIZE)} more of ${left}…`);
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { command: 'cloudtrail.loadMoreRecords', title: 'Show more records', arguments: [node.parent] };
        item.id = `${this.idOf(node.parent)}#more`;
        return item;
      }
    }
  }

  /** Stable ids, so VS Code keeps expansion state across refreshes of the same grouping. */
  idOf(node: GroupNode | SourceNode | EventNameNode | RecordNode): string {
    switch (node.kind) {
      case 'group':
        return `${node.uri}#${this.groupBy}#${node.group.key}`;
      case 'source':
        return `${this.idOf(node.parent)}#${node.eventSource}`;
      case 'event':
        return `${this.idOf(node.parent)}#${node.event.eventSource}#${node.event.eventName}`;
      case 'record':
        return `${this.idOf(node.parent)}#${node.item.index}`;
    }
  }

  /** The node path of a record the server placed: loads pages until the record is among them. */
  async nodeFor(place: { group: string; eventName: string; eventSource: string; position: number }): Promise<RecordNode | undefined> {
    await this.ready();
    const group = this.roots.find((n): n is GroupNode => n instanceof GroupNode && n.group.key === place.group);
    if (!group) return undefined;
    const parents = group.bySource
      ? ((await this.getChildren(group)) as SourceNode[]).filter((s) => s.eventSource === place.eventSource)
      : [group];
    for (const parent of parents) {
      const events = (await this.getChildren(parent)) as EventNameNode[];
      const event = events.find((e) => e.event.eventName === place.eventName && e.event.eventSource === place.eventSource);
      if (!event) continue;
      if (event.total < 0) await this.loadPage(event);
      while (event.records.length <= place.position && event.records.length < event.total) {
        const before = event.records.length;
        await this.loadPage(event);
        // No page (the document closed, the server failed): stop rather than ask forever.
        if (event.records.length === before) break;
      }
      return event.records[place.position];
    }
    return undefined;
  }
}

function recordTooltip(r: RecordItem): string {
  const lines = [
    `${r.eventName} (${r.eventSource})`,
    `Time: ${r.eventTime}`,
    `Identity: ${r.identity}`,
    `Source IP: ${r.sourceIPAddress || '(none)'}`,
    r.awsRegion ? `Region: ${r.awsRegion}` : '',
    r.errorCode ? `Error: ${r.errorCode}${r.errorMessage ? `: ${r.errorMessage}` : ''}` : '',
    `Record ${r.index + 1}, line ${r.range.start.line + 1}`,
  ];
  return lines.filter(Boolean).join('\n');
}
