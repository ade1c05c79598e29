/**
 * The events view loads the records of an event, a rule or a correlation window a page at a time: which page
 * to ask for next, and what is left.
 */
import { DEFAULT_PAGE, type GroupBy, type RecordsParams } from '../../../common/protocol';
import type { PagedNode } from './nodes';

/** The query for the page after the records a node holds. */
export function nextPageQuery(node: PagedNode, groupBy: GroupBy, filter: string | undefined): Omit<RecordsParams, 'textDocument'> {
  const page = { filter, offset: node.records.length, limit: DEFAULT_PAGE };
  switch (node.kind) {
    case 'event': {
      const session = node.session ? { session: node.session.session.key } : {};
      const { eventName, eventSource } = node.event;
      return { groupBy, group: node.group.group.key, ...session, eventName, eventSource, ...page };
    }
    case 'rule':
      return { detection: node.rule.key, ...page };
    case 'window':
      return { detection: node.parent.rule.key, finding: node.window.index, ...page };
  }
}

/** Records of the node not loaded yet (0 before the first page is known). */
function recordsLeft(node: PagedNode): number {
  return Math.max(0, node.total - node.records.length);
}

/** The label of the node that loads the next page. */
export function moreLabel(node: PagedNode): string {
  const left = recordsLeft(node);
  return `Show ${Math.min(left, DEFAULT_PAGE)} more of ${left}…`;
}
