/** The words around the events view: the groupings' names, and the view's description and message. */
import type { EventTreeResult, GroupBy } from '../../../common/protocol';

export const GROUP_BY_LABELS: Readonly<Record<GroupBy, string>> = {
  level: 'Event level',
  identity: 'Identity',
  sourceIPAddress: 'Source IP',
  eventSource: 'Event source',
  errorCode: 'Error code',
  hour: 'Hour',
};

export interface ViewState {
  readonly groupBy: GroupBy;
  readonly filter: string | undefined;
  /** The name of the folder shown, when the view shows a folder of logs rather than the active log. */
  readonly folderName?: string | undefined;
}

/** What the view's description calls a folder: the last name in its path. */
export function folderName(path: string): string | undefined {
  return path.split('/').pop();
}

/** Beside the view's title: the folder, if any, the grouping, and the filter. */
export function viewDescription({ groupBy, filter, folderName }: ViewState): string {
  const grouping = folderName ? `${folderName} · ${GROUP_BY_LABELS[groupBy]}` : GROUP_BY_LABELS[groupBy];
  return filter ? `${grouping} · filter: ${filter}` : grouping;
}

/** Above the tree while a filter is on: how many records it kept. */
export function viewMessage(result: EventTreeResult | null, filter: string | undefined): string | undefined {
  return result && filter ? `${result.shown} of ${result.total} records match the filter.` : undefined;
}
