/**
 * What an export takes from the events view: the records a node holds (a group, an event source, an event, a rule or
 * a correlation window), or everything the view shows, as cloudtrail/export names them; how many there are; and a
 * file name for it. No `vscode` here, so plain Node tests reach it.
 */
import { DEFAULT_EXPORT_COLUMNS, EXPORT_COLUMNS, isColumnPath } from '../../../common/exportColumns';
import type { EventTreeResult, ExportFormat, ExportParams, GroupBy } from '../../../common/protocol';
import type { EventNode } from './nodes';
import { nextPageQuery } from './paging';

export type ExportSelection = Omit<ExportParams, 'textDocument' | 'format' | 'target' | 'columns' | 'redact' | 'keepMapping'>;

/** A node an export can take; the others (records, problems, the Detections group itself, "Show more") hold none of their own. */
export type ExportNode = Extract<EventNode, { kind: 'group' | 'session' | 'source' | 'event' | 'rule' | 'window' }>;

export function isExportNode(node: EventNode | undefined): node is ExportNode {
  return node !== undefined && ['group', 'session', 'source', 'event', 'rule', 'window'].includes(node.kind);
}

/** The records of a node (none: all the view shows), under the view's grouping and filter. */
export function exportSelection(node: ExportNode | undefined, groupBy: GroupBy, filter: string | undefined): ExportSelection {
  const filtered = filter ? { filter } : {};
  if (!node) return { groupBy, ...filtered };
  switch (node.kind) {
    case 'group':
      return { groupBy, group: node.group.key, ...filtered };
    case 'source':
      return { groupBy, group: node.parent.group.key, eventSource: node.eventSource, ...filtered };
    case 'session':
      return { groupBy, group: node.parent.group.key, session: node.session.key, ...filtered };
    default: {
      // An event, a rule or a window: what its pages are, without the page.
      const { offset: _offset, limit: _limit, filter: _filter, ...query } = nextPageQuery(node, groupBy, filter);
      return { ...query, ...filtered };
    }
  }
}

/** How many records the export takes, as the view counts them. */
export function exportCount(node: ExportNode | undefined, tree: EventTreeResult | null): number | undefined {
  switch (node?.kind) {
    case undefined:
      return tree?.shown;
    case 'group':
      return node.group.count;
    case 'source':
      return node.count;
    case 'session':
      return node.session.count;
    case 'event':
      return node.event.count;
    case 'rule':
      return node.rule.count;
    case 'window':
      return node.window.count;
  }
}

export const EXPORT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = { csv: 'csv', jsonl: 'jsonl', cloudtrail: 'json' };

/** What the node is, in a few words for a file name; a redacted export's names no group (whose label may be an identity or an IP). */
function nodeName(node: ExportNode | undefined, redacted: boolean): string {
  switch (node?.kind) {
    case undefined:
      return 'events';
    case 'group':
      return redacted ? 'group' : node.group.label;
    case 'source':
      return node.eventSource;
    case 'session':
      return redacted ? 'session' : node.session.principal;
    case 'event':
      return redacted ? node.event.eventName : `${node.group.group.label}-${node.event.eventName}`;
    case 'rule':
      return node.rule.title || node.rule.key;
    case 'window':
      return `${node.parent.rule.title || node.parent.rule.key}-${node.window.index + 1}`;
  }
}

/** A file name for the export: `cloudtrail-<what>.<ext>`, only letters, digits, dots and dashes (log text chooses nothing else). */
export function exportFileName(node: ExportNode | undefined, format: ExportFormat, redacted: boolean): string {
  const what = nodeName(node, redacted)
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .slice(0, 60)
    .replace(/^[.-]+|[.-]+$/g, '');
  return `cloudtrail-${what || 'events'}${redacted ? '-redacted' : ''}.${EXPORT_EXTENSIONS[format]}`;
}

/**
 * Where the save dialog for a redaction's mapping starts: `name` in the first of `folders` (the home folder, the
 * workspace's) that is not the export's, since the mapping undoes the redaction and is never offered beside it.
 */
export function mappingLocation(target: string, name: string, folders: readonly string[]): string | undefined {
  const folderOf = (uri: string) => uri.replace(/\/+$/, '');
  const exportFolder = folderOf(target.slice(0, target.lastIndexOf('/')));
  const folder = folders.map(folderOf).find((f) => f !== '' && f !== exportFolder);
  return folder === undefined ? undefined : `${folder}/${encodeURIComponent(name)}`;
}

/**
 * The CSV columns offered: the usual ones, then those of the setting (`cloudtrail.export.columns`, dotted paths);
 * chosen at first, the defaults and the setting's. A setting entry that is no path is left out.
 */
export function columnChoices(setting: unknown): { readonly label: string; readonly picked: boolean }[] {
  const extra = (Array.isArray(setting) ? setting : []).filter(isColumnPath);
  const known: readonly string[] = EXPORT_COLUMNS;
  const added = [...new Set(extra)].filter((path) => !known.includes(path));
  return [
    ...known.map((label) => ({ label, picked: DEFAULT_EXPORT_COLUMNS.includes(label) || extra.includes(label) })),
    ...added.map((label) => ({ label, picked: true })),
  ];
}
