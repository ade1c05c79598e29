/** Stable node ids, so VS Code keeps expansion and selection across refreshes of the same grouping. */
import type { GroupBy } from '../../../common/protocol';
import type { EventNode } from './nodes';

export function nodeId(node: EventNode, groupBy: GroupBy): string {
  switch (node.kind) {
    case 'problems':
      return `${node.uri}#problems`;
    case 'integrity':
      return `${node.uri}#integrity`;
    case 'integrityGroup':
      return `${node.parent.uri}#integrity#${node.key}`;
    // File URIs are already encoded; a gap's times are the server's ISO 8601.
    case 'integrityFile':
      return `${nodeId(node.parent, groupBy)}#${node.file.uri}`;
    case 'integrityGap':
      return `${nodeId(node.parent, groupBy)}#${node.gap.after}#${node.gap.before}`;
    // Under every grouping alike; a rule's key is rule text, encoded so it cannot make another node's id.
    case 'detections':
      return `${node.uri}#detections`;
    case 'rule':
      return `${nodeId(node.parent, groupBy)}#${encodeURIComponent(node.rule.key)}`;
    case 'window':
      return `${nodeId(node.parent, groupBy)}#${node.window.index}`;
    case 'new':
      return `${node.uri}#new`;
    // Log values, encoded so they cannot make another node's id.
    case 'newValue':
      return `${node.parent.uri}#new#${node.field}#${encodeURIComponent(node.item.actor)}#${encodeURIComponent(node.item.value)}`;
    case 'group':
      return `${node.uri}#${groupBy}#${node.group.key}`;
    case 'source':
      return `${nodeId(node.parent, groupBy)}#${node.eventSource}`;
    // A key or ARN from the log, encoded so it cannot make another node's id.
    case 'session':
      return `${nodeId(node.parent, groupBy)}#session#${encodeURIComponent(node.session.key)}`;
    case 'event':
      return `${nodeId(node.parent, groupBy)}#${node.event.eventSource}#${node.event.eventName}`;
    case 'record':
      return `${nodeId(node.parent, groupBy)}#${node.item.index}`;
    case 'more':
      return `${nodeId(node.parent, groupBy)}#more`;
  }
}
