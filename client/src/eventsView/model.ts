/**
 * The events view's state, without VS Code: which log (or folder) it shows, its grouping and filter,
 * the tree the server sent, the nodes made from it, and each event's records loaded so far.
 * The tree provider turns this into VS Code's tree; plain Node tests drive it with a fake server.
 */
import type { EventCount, EventTreeResult, GroupBy, RecordAtResult, RecordsParams, RecordsResult } from '../../../common/protocol';
import { nodeId } from './ids';
import {
  DetectionsNode,
  EventNameNode,
  IntegrityNode,
  type EventNode,
  GroupNode,
  MoreNode,
  NewNode,
  NewValueNode,
  type PagedNode,
  ProblemsNode,
  RecordNode,
  RuleNode,
  SessionNode,
  SourceNode,
  WindowNode,
} from './nodes';
import { nextPageQuery } from './paging';
import { integrityChildren, integrityGroups } from './integrityNodes';
import type { VerifyIntegrityResult } from '../../../common/integrityProtocol';
import { FIRST_SEEN_FIELDS, type FirstSeenField, type FirstSeenItem, type FirstSeenResult } from '../../../common/actorProtocol';
import { filterTime, filterTimeRange, parseFilter } from '../../../common/filterSyntax';

/** What the view needs from the language server. */
export interface EventsServer {
  eventTree(uri: string, groupBy: GroupBy, filter: string | undefined): Promise<EventTreeResult | null>;
  records(uri: string, query: Omit<RecordsParams, 'textDocument'>): Promise<RecordsResult | null>;
  /** What each actor did first since a time; a server without it shows no New in this window group. */
  firstSeen?(uri: string, since: string, field: FirstSeenField): Promise<FirstSeenResult | null>;
}

/** Where the server placed a record: its group, its event, and its position among the event's records. */
export type RecordPlace = Pick<RecordAtResult, 'group' | 'session' | 'eventName' | 'eventSource' | 'position'>;

export class EventTreeModel {
  uri: string | undefined;
  /** True while the view shows a folder of logs rather than the active editor's log. */
  folder = false;
  groupBy: GroupBy = 'level';
  filter: string | undefined;
  private tree: EventTreeResult | null = null;
  private roots: EventNode[] = [];
  private loading: Promise<void> | undefined;
  /** Numbers the trees asked for, and the one shown, so an answer that arrives late never replaces a newer one. */
  private requests = 0;
  private shownRequest = 0;
  /** The last integrity check, and of which folder: shown first in that folder's tree. */
  private integrity: { readonly uri: string; readonly result: VerifyIntegrityResult } | undefined;
  /** The one instance of a node per id, so loaded pages survive VS Code asking for children again. */
  private readonly nodes = new Map<string, InternedNode>();

  /** `changed` hears of a node whose children changed, or of the whole tree (undefined). */
  constructor(
    private readonly server: EventsServer,
    private readonly changed: (node: EventNode | undefined) => void,
  ) {}

  /** Shows the tree of another document or folder, or none. */
  async show(uri: string | undefined): Promise<void> {
    this.uri = uri;
    await this.refresh();
  }

  /** Fetches the tree again (after an edit, or a change of grouping or filter). */
  refresh(): Promise<void> {
    const { uri, groupBy, filter } = this;
    const request = ++this.requests;
    this.loading = (async () => {
      const tree = uri ? await this.server.eventTree(uri, groupBy, filter) : null;
      // Dropped: an answer older than the tree shown, or one to another document, grouping or filter than the view's now.
      // (Answers to older requests for the same view still show while typing outpaces the server.)
      if (request < this.shownRequest || uri !== this.uri || groupBy !== this.groupBy || filter !== this.filter) return;
      this.shownRequest = request;
      this.tree = tree;
      this.nodes.clear();
      this.roots = tree && uri ? this.rootsOf(uri, tree) : [];
      this.changed(undefined);
    })();
    return this.loading;
  }

  /** Shows a folder's integrity check first in its tree (replacing an earlier check's). */
  showIntegrity(uri: string, result: VerifyIntegrityResult): Promise<void> {
    this.integrity = { uri, result };
    return this.refresh();
  }

  /** Resolves once the tree in flight, if any, has arrived. */
  async ready(): Promise<void> {
    await this.loading;
  }

  /** The tree last fetched: counts of the records in the file and those the filter kept. */
  get result(): EventTreeResult | null {
    return this.tree;
  }

  private rootsOf(uri: string, tree: EventTreeResult): EventNode[] {
    const roots: EventNode[] = [];
    if (this.integrity?.uri === uri) roots.push(new IntegrityNode(uri, this.integrity.result));
    if (tree.syntaxErrors) roots.push(new ProblemsNode(uri, tree.syntaxErrors.count, tree.syntaxErrors.first));
    if (tree.detections?.length) roots.push(new DetectionsNode(uri, tree.detections));
    if (tree.newSince && this.server.firstSeen) roots.push(this.newNode(uri, tree.newSince));
    for (const group of tree.groups) roots.push(new GroupNode(uri, group, this.groupBy === 'level' && group.level === 'other'));
    return roots;
  }

  /** New in this window: within the filter's time range when it has one (what is new in this range), else since `newSince`. */
  private newNode(uri: string, newSince: string): NewNode {
    const { after, before } = filterTimeRange(parseFilter(this.filter ?? '').terms);
    if (after === undefined && before === undefined) return new NewNode(uri, newSince);
    return new NewNode(uri, after !== undefined ? new Date(after).toISOString() : newSince, before, true);
  }

  private intern<T extends InternedNode>(node: T): T {
    const id = nodeId(node, this.groupBy);
    const known = this.nodes.get(id) as T | undefined;
    if (known) return known;
    this.nodes.set(id, node);
    return node;
  }

  /** The roots without a node; a node's children, loading the first page of records when they are asked for. */
  children(node?: EventNode): EventNode[] | Promise<EventNode[]> {
    if (!node) return this.roots;
    switch (node.kind) {
      case 'group':
        // By actor: origin → session → event.
        if (node.group.sessions) return node.group.sessions.map((session) => this.intern(new SessionNode(node, session)));
        if (node.bySource) return [...eventsBySource(node.group.events)].map(([s, events]) => this.intern(new SourceNode(node, s, events)));
        return node.group.events.map((e) => this.intern(new EventNameNode(node, e)));
      case 'source':
        return node.events.map((e) => this.intern(new EventNameNode(node, e)));
      case 'session':
        return node.session.events.map((e) => this.intern(new EventNameNode(node, e)));
      case 'event':
        return this.recordsOf(node);
      case 'detections':
        return node.rules.map((rule) => this.intern(new RuleNode(node, rule)));
      case 'rule':
        return node.rule.windows ? node.rule.windows.map((w) => this.intern(new WindowNode(node, w))) : this.recordsOf(node);
      case 'window':
        return this.recordsOf(node);
      case 'new':
        return this.newValues(node);
      case 'integrity':
        return integrityGroups(node);
      case 'integrityGroup':
        return integrityChildren(node);
      default:
        return [];
    }
  }

  parent(node: EventNode): EventNode | undefined {
    return 'parent' in node ? node.parent : undefined;
  }

  /** Every field's first-seen values, in the fields' order, each sorted by its first time. */
  private async newValues(node: NewNode): Promise<EventNode[]> {
    const answers = await Promise.all(FIRST_SEEN_FIELDS.map((field) => this.server.firstSeen?.(node.uri, node.since, field)));
    const inWindow = (item: FirstSeenItem) => node.before === undefined || (filterTime(item.firstTime) ?? Infinity) < node.before;
    return FIRST_SEEN_FIELDS.flatMap((field, i) =>
      (answers[i]?.items ?? []).filter(inWindow).map((item) => this.intern(new NewValueNode(node, field, item))),
    );
  }

  private async recordsOf(node: PagedNode): Promise<EventNode[]> {
    if (node.total < 0) await this.loadPage(node);
    return node.records.length < node.total ? [...node.records, new MoreNode(node)] : node.records;
  }

  /** Loads the next page of a node's records. */
  loadPage(node: PagedNode): Promise<void> {
    node.pending ??= this.fetchPage(node).finally(() => (node.pending = undefined));
    return node.pending;
  }

  private async fetchPage(node: PagedNode): Promise<void> {
    const page = await this.server.records(node.uri, nextPageQuery(node, this.groupBy, this.filter));
    if (!page) return;
    node.total = page.total;
    node.records.push(...page.items.map((item) => new RecordNode(node, item)));
  }

  /** The "Show more" node's click: the next page, then the node's children shown again. */
  async loadMore(node: PagedNode): Promise<void> {
    await this.loadPage(node);
    this.changed(node);
  }

  /** The node of a record the server placed, under its event (never under Detections): loads pages until the record is among them. */
  async nodeFor(place: RecordPlace): Promise<RecordNode | undefined> {
    await this.ready();
    const group = this.roots.find((n): n is GroupNode => n instanceof GroupNode && n.group.key === place.group);
    if (!group) return undefined;
    const parents = group.group.sessions
      ? (this.children(group) as SessionNode[]).filter((s) => s.session.key === place.session)
      : group.bySource
        ? (this.children(group) as SourceNode[]).filter((s) => s.eventSource === place.eventSource)
        : [group];
    for (const parent of parents) {
      const events = (await this.children(parent)) as EventNameNode[];
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

/** Nodes kept one per id while a tree is shown. */
type InternedNode = SessionNode | SourceNode | EventNameNode | RuleNode | WindowNode | NewValueNode;

/** Other services' events by event source, each source's in the order the server sent. */
function eventsBySource(events: readonly EventCount[]): Map<string, EventCount[]> {
  const bySource = new Map<string, EventCount[]>();
  for (const e of events) {
    const list = bySource.get(e.eventSource);
    if (list) list.push(e);
    else bySource.set(e.eventSource, [e]);
  }
  return bySource;
}
