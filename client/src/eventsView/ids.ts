/** Stable node ids, so VS Code keeps expansion and selection across refreshes of the same grouping. */
import type { GroupBy } from '../../../common/protocol';
import type { EventNode } from './nodes';

export function nodeId(node: EventNode, groupBy: GroupBy): string {
  switch (node.kind) {
    case 'problems':
      return `${node.uri}#problems`;
    case 'group':
      return `${node.uri}#${groupBy}#${node.group.key}`;
    case 'source':
      return `${nodeId(node.parent, groupBy)}#${node.eventSource}`;
    case 'event':
      return `${nodeId(node.parent, groupBy)}#${node.event.eventSource}#${node.event.eventName}`;
    case 'record':
      return `${nodeId(node.parent, groupBy)}#${node.item.index}`;
    case 'more':
      return `${nodeId(node.parent, groupBy)}#more`;
  }
}
