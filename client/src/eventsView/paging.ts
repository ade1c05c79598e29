/** The events view loads an event's records a page at a time: which page to ask for next, and what is left. */
import { DEFAULT_PAGE, type GroupBy, type RecordsParams } from '../../../common/protocol';
import type { EventNameNode } from './nodes';

/** The query for the page after the records an event node holds. */
export function nextPageQuery(node: EventNameNode, groupBy: GroupBy, filter: string | undefined): Omit<RecordsParams, 'textDocument'> {
  return {
    groupBy,
    group: node.group.group.key,
    eventName: node.event.eventName,
    eventSource: node.event.eventSource,
    filter,
    offset: node.records.length,
    limit: DEFAULT_PAGE,
  };
}

/** Records of the event not loaded yet (0 before the first page is known). */
function recordsLeft(node: EventNameNode): number {
  return Math.max(0, node.total - node.records.length);
}

/** The label of the node that loads the next page. */
export function moreLabel(node: EventNameNode): string {
  const left = recordsLeft(node);
  return `Show ${Math.min(left, DEFAULT_PAGE)} more of ${left}…`;
}
