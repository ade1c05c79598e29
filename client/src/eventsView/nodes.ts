/**
 * The nodes of the events view, as data: a grouping's groups, event sources under Other services,
 * event names, their records (loaded a page at a time), and the "Show more" node after a page.
 * No `vscode` here, so plain Node tests reach them.
 */
import type { EventCount, EventGroup, RecordItem } from '../../../common/protocol';
import type { Range } from 'vscode-languageserver-protocol';

export type EventNode = ProblemsNode | GroupNode | SourceNode | EventNameNode | RecordNode | MoreNode;

/** First in the tree when the file is not valid JSON: how many errors, and where the first is. */
export class ProblemsNode {
  readonly kind = 'problems';
  constructor(
    readonly uri: string,
    readonly count: number,
    readonly first: Range,
  ) {}
}

export class GroupNode {
  readonly kind = 'group';
  constructor(
    readonly uri: string,
    readonly group: EventGroup,
    /** Whether event sources come between the group and its event names (Other services, by level). */
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
  /** Records loaded so far, in file order, and how many there are in all (-1 before the first page). */
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

/** After the records loaded so far, when there are more. */
export class MoreNode {
  readonly kind = 'more';
  constructor(readonly parent: EventNameNode) {}
}
