/**
 * What each node of the events view shows: label, description, tooltip, icon, id and what a click does.
 * Everything is plain text (VS Code renders none of it as Markdown), so nothing from a log is interpreted.
 * No `vscode` here: the tree provider turns these into TreeItems.
 */
import { awsNote } from '../../../common/awsPrincipals';
import { attemptNote, findingNote } from '../../../common/findingNote';
import {
  type CorrelationWindow,
  type DetectionRule,
  type GroupBy,
  type RecordItem,
  SIGMA_LEVELS,
  type SigmaLevel,
} from '../../../common/protocol';
import type { Range } from 'vscode-languageserver-protocol';
import { nodeId } from './ids';
import type {
  DetectionsNode,
  EventNameNode,
  EventNode,
  GroupNode,
  MoreNode,
  NewNode,
  NewValueNode,
  PagedNode,
  ProblemsNode,
  RecordNode,
  RuleNode,
  SessionNode,
  SourceNode,
  WindowNode,
} from './nodes';
import { moreLabel } from './paging';
import { integrityFileItem, integrityGapItem, integrityGroupItem, integrityItem } from './integrityItems';
import type { RecordRef } from '../records/recordUri';

/** A codicon, and the theme colour it is drawn in. */
export interface IconSpec {
  readonly id: string;
  readonly color?: string;
}

/**
 * What clicking a node does: show a range of a file, or load the next page of a node's records.
 * A record's reveal names the record too, so a record on a line too long to read opens on its own instead.
 */
export type ItemAction =
  | { readonly kind: 'reveal'; readonly title: string; readonly uri: string; readonly range: Range; readonly record?: RecordRef }
  | { readonly kind: 'loadMore'; readonly title: string; readonly node: PagedNode };

export interface ItemSpec {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly icon: IconSpec;
  /** Whether the node has children (it starts collapsed). */
  readonly expandable: boolean;
  readonly contextValue?: string;
  readonly action?: ItemAction;
}

const GROUP_ICONS: Readonly<Record<string, string>> = { account: 'organization', bucket: 'archive', object: 'file', other: 'cloud' };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function problemsItem(node: ProblemsNode, groupBy: GroupBy): ItemSpec {
  return {
    id: nodeId(node, groupBy),
    label: `${plural(node.count, 'JSON error', 'JSON errors')}: go to the first`,
    tooltip: `The file is not valid JSON. Go to the first error, on line ${node.first.start.line + 1}.`,
    icon: { id: 'warning', color: 'problemsWarningIcon.foreground' },
    expandable: false,
    action: { kind: 'reveal', title: 'Go to the first error', uri: node.uri, range: node.first },
  };
}

/** By a rule's level, as the editor marks problems: critical and high as errors, medium as warnings, low as information. */
const LEVEL_ICONS: Readonly<Record<SigmaLevel, IconSpec>> = {
  critical: { id: 'error', color: 'problemsErrorIcon.foreground' },
  high: { id: 'error', color: 'problemsErrorIcon.foreground' },
  medium: { id: 'warning', color: 'problemsWarningIcon.foreground' },
  low: { id: 'info', color: 'problemsInfoIcon.foreground' },
  informational: { id: 'circle-outline', color: 'descriptionForeground' },
};

const levelIcon = (level: string): IconSpec =>
  SIGMA_LEVELS.includes(level as SigmaLevel) ? LEVEL_ICONS[level as SigmaLevel] : LEVEL_ICONS.informational;

/** Rule text on one line: white space and control characters (bidirectional ones too) become one space. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\s\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ').trim();
}

/** A finding is one record a rule flagged, or one window of a correlation rule: a burst of a thousand calls is one. */
const findingCount = (rule: DetectionRule): number => rule.windows?.length ?? rule.count;

function detectionsItem(node: DetectionsNode, groupBy: GroupBy): ItemSpec {
  const findings = node.rules.reduce((n, r) => n + findingCount(r), 0);
  const rules = plural(node.rules.length, 'rule', 'rules');
  return {
    id: nodeId(node, groupBy),
    label: 'Detections',
    description: `${rules} · ${plural(findings, 'finding', 'findings')}`,
    tooltip: `Sigma rules with findings: ${rules}, highest level first. A finding is one record a rule flagged, or one window of a correlation rule.`,
    icon: { id: 'shield', color: levelIcon(node.rules[0]?.level ?? 'informational').color! },
    expandable: true,
    contextValue: 'detections',
  };
}

/**
 * A rule: its title, and how many records (a correlation rule: in how many windows). Its level is its icon and in
 * its tooltip, not beside the title: in a sidebar of the default width, the title needs the room.
 */
function ruleItem(node: RuleNode, groupBy: GroupBy): ItemSpec {
  const { key, title, level, count, windows } = node.rule;
  const records = plural(count, 'record', 'records');
  const label = oneLine(title) || oneLine(key);
  return {
    id: nodeId(node, groupBy),
    label,
    description: windows ? `${count} in ${plural(windows.length, 'window', 'windows')}` : String(count),
    tooltip: [
      label,
      `Level: ${level}`,
      windows ? `${records} in ${plural(windows.length, 'window', 'windows')}` : records,
      `Rule: ${oneLine(key)}`,
    ].join('\n'),
    icon: levelIcon(level),
    expandable: true,
    contextValue: 'detection',
  };
}

/** A window's first and last record's times, UTC, the date once when both are on one day; '' without valid times. */
export function windowSpan(window: Pick<CorrelationWindow, 'start' | 'end'>): string {
  const time = (iso: string) => iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '');
  const [start, end] = [time(window.start), time(window.end)];
  if (!start || !end || start === end) return start || end;
  return start.slice(0, 10) === end.slice(0, 10) ? `${start} – ${end.slice(11)}` : `${start} – ${end}`;
}

/** A correlation finding: what it grouped by (field=value), when, and how many records. */
function windowItem(node: WindowNode, groupBy: GroupBy): ItemSpec {
  const { group, count } = node.window;
  const values = group.map(({ field, value }) => `${oneLine(field)}=${oneLine(value) || '(none)'}`);
  const span = windowSpan(node.window);
  return {
    id: nodeId(node, groupBy),
    // Without group-by, the window is all the rule's records in a time span.
    label: values.join(', ') || span || 'All records',
    description: [values.length ? span : '', String(count)].filter(Boolean).join(' · '),
    tooltip: [
      oneLine(node.parent.rule.title),
      ...values,
      span ? `${span} UTC` : 'No valid eventTime',
      plural(count, 'record', 'records'),
    ].join('\n'),
    icon: { id: 'watch' },
    expandable: true,
    contextValue: 'window',
  };
}

/** Groupings whose keys are who acted or from where: an AWS service or AWS's own network among them is said to be AWS. */
const AWS_GROUPINGS: ReadonlySet<GroupBy> = new Set(['identity', 'sourceIPAddress', 'actor']);

function groupItem(node: GroupNode, groupBy: GroupBy): ItemSpec {
  const { label, count, level, key } = node.group;
  // Who acted, or from where: AWS is said to be AWS, not taken for a person.
  const aws = AWS_GROUPINGS.has(groupBy) ? awsNote(key) : undefined;
  return {
    id: nodeId(node, groupBy),
    label,
    description: aws ? `${count} · AWS` : String(count),
    tooltip: `${label}${aws ? ` (${aws})` : ''}: ${plural(count, 'record', 'records')}`,
    icon: { id: GROUP_ICONS[level ?? ''] ?? 'list-tree' },
    expandable: true,
    contextValue: 'group',
  };
}

function sourceItem(node: SourceNode, groupBy: GroupBy): ItemSpec {
  return {
    id: nodeId(node, groupBy),
    label: node.eventSource,
    description: String(node.count),
    icon: { id: 'server' },
    expandable: true,
    contextValue: 'source',
  };
}

/** A session under its actor: the identity it acted as, its key, and how many records. */
function sessionItem(node: SessionNode, groupBy: GroupBy): ItemSpec {
  const { principal, accessKeyId, accountName, count } = node.session;
  // Its account's name beside its identity, as the actor's label has it.
  const named = withNote(principal, accountName);
  return {
    id: nodeId(node, groupBy),
    label: named,
    description: accessKeyId ? `${accessKeyId} · ${count}` : String(count),
    tooltip: `Session of ${node.parent.group.label}: ${named}${accessKeyId ? ` with ${accessKeyId}` : ''}, ${plural(count, 'record', 'records')}`,
    icon: { id: 'key' },
    expandable: true,
    contextValue: 'session',
  };
}

/** An event name, with how many of its records failed (carry an error code). */
function eventItem(node: EventNameNode, groupBy: GroupBy): ItemSpec {
  const { eventName, eventSource, count, errors } = node.event;
  return {
    id: nodeId(node, groupBy),
    label: eventName,
    description: errors ? `${count} · ${errors} failed` : String(count),
    tooltip: `${eventName} (${eventSource}): ${plural(count, 'record', 'records')}${errors ? `, ${errors} with an error code` : ''}`,
    icon: { id: 'symbol-event' },
    expandable: true,
    contextValue: 'event',
  };
}

/**
 * A record's outcome, apart from any rule's level (whose icons are error, warning, info and circle-outline):
 * a call that failed is a slashed circle, drawn muted; one that was done, a dot.
 */
const OUTCOME_ICONS = {
  failed: { id: 'circle-slash', color: 'descriptionForeground' },
  succeeded: { id: 'circle-small-filled' },
} as const satisfies Record<string, IconSpec>;

/**
 * A record: under an event, its time and who acted; under a rule or window (a finding), what was called on
 * what by whom, and a failed call as an attempt, with its error code.
 */
function recordItem(node: RecordNode, groupBy: GroupBy): ItemSpec {
  const r = node.item;
  const time = r.eventTime.replace('T', ' ').replace(/Z$/, '');
  const finding = node.parent.kind !== 'event';
  const attempt = r.errorCode ? attemptNote(r.errorCode, oneLine) : '';
  const note = findingNote(r, oneLine);
  return {
    id: nodeId(node, groupBy),
    label: finding ? note : `${time} ${r.identity}`,
    description: (finding ? [attempt, time, r.sourceIPAddress] : [r.sourceIPAddress, r.errorCode]).filter(Boolean).join(' · '),
    tooltip: [...(finding ? [note, attempt] : []), recordTooltip(r, node.parent.uri)].filter(Boolean).join('\n'),
    icon: r.errorCode ? OUTCOME_ICONS.failed : OUTCOME_ICONS.succeeded,
    expandable: false,
    contextValue: 'record',
    // A record of a folder's file names that file; otherwise it is in the document the tree shows.
    action: { kind: 'reveal', title: 'Show the record', uri: r.uri ?? node.parent.uri, range: r.range, record: recordRef(node) },
  };
}

/** The record a node shows, as the server names it: its index in the log (or folder) the tree shows. */
export function recordRef(node: RecordNode): RecordRef {
  const { index, eventName, eventTime } = node.item;
  return { log: node.parent.uri, index, eventName, eventTime };
}

function moreItem(node: MoreNode, groupBy: GroupBy): ItemSpec {
  return {
    id: nodeId(node, groupBy),
    label: moreLabel(node.parent),
    icon: { id: 'ellipsis' },
    expandable: false,
    action: { kind: 'loadMore', title: 'Show more records', node: node.parent },
  };
}

/** A record's main fields; in a folder, the file it is in, by its path under the folder. */
function recordTooltip(r: RecordItem, shown: string): string {
  const lines = [
    `${r.eventName} (${r.eventSource})`,
    `Time: ${r.eventTime}`,
    `Identity: ${withNote(r.identity, awsNote(r.identity))}`,
    r.arn ? `ARN: ${r.arn}` : '',
    r.accessKeyId ? `Access key: ${r.accessKeyId}` : '',
    accountLine(r),
    `Source IP: ${r.sourceIPAddress ? withNote(r.sourceIPAddress, awsNote(r.sourceIPAddress)) : '(none)'}`,
    r.bucketName ? `Bucket: ${r.bucketName}` : '',
    r.awsRegion ? `Region: ${r.awsRegion}` : '',
    r.errorCode ? `Error: ${r.errorCode}${r.errorMessage ? `: ${r.errorMessage}` : ''}` : '',
    r.uri && r.uri !== shown ? `File: ${pathUnder(shown, r.uri)}` : '',
    `Record ${r.index + 1}, line ${r.range.start.line + 1}`,
  ];
  return lines.filter(Boolean).join('\n');
}

const withNote = (value: string, note: string | undefined) => (note ? `${value} (${note})` : value);

/** The acting account, and the recipient when another, each with the name the user gave it; none when neither is worth saying. */
function accountLine(r: RecordItem): string {
  const acting = r.accountId && withNote(r.accountId, r.accountNames?.account);
  const other =
    r.recipientAccountId && r.recipientAccountId !== r.accountId ? withNote(r.recipientAccountId, r.accountNames?.recipient) : '';
  if (acting && other) return `Account: ${acting} → ${other}`;
  return acting && r.accountNames?.account ? `Account: ${acting}` : '';
}

/** A file's path under the folder shown, decoded for reading (the whole path if it is not under it). */
export function pathUnder(folder: string, file: string): string {
  const base = folder.endsWith('/') ? folder : `${folder}/`;
  const path = file.startsWith(base) ? file.slice(base.length) : file;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The words for each field New in this window lists. */
const NEW_FIELD_WORDS: Readonly<Record<NewValueNode['field'], string>> = {
  eventName: 'API call',
  sourceIPAddress: 'source IP',
  userAgent: 'user agent',
  awsRegion: 'region',
};

const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

function newItem(node: NewNode, groupBy: GroupBy): ItemSpec {
  const since = utc(node.since);
  const window = node.before === undefined ? `since ${since}` : `${since} to ${utc(new Date(node.before).toISOString())}`;
  const what = node.fromFilter ? "the filter's time range, as a timeline range sets it" : "the last tenth of the log's time";
  return {
    id: nodeId(node, groupBy),
    label: 'New in this window',
    description: window,
    tooltip: `What each actor did first ${node.before === undefined ? 'since' : 'from'} ${window.replace(/^since /, '')} (${what}), with none of it before: API calls, source IPs, user agents and regions.`,
    icon: { id: 'sparkle' },
    expandable: true,
    contextValue: 'newInWindow',
  };
}

/** Log values, shown as plain text (a tree label is never Markdown). */
function newValueItem(node: NewValueNode, groupBy: GroupBy): ItemSpec {
  const { actor, value, firstTime, count } = node.item;
  const field = NEW_FIELD_WORDS[node.field];
  return {
    id: nodeId(node, groupBy),
    label: oneLine(value),
    description: `${field} · ${oneLine(actor)} · ${plural(count, 'record', 'records')}`,
    tooltip: `New ${field} of ${oneLine(actor)}: first at ${firstTime}, ${plural(count, 'record', 'records')} since.`,
    icon: { id: 'circle-small-filled' },
    expandable: false,
  };
}

/** What a node shows, under the grouping the tree was built with. */
export function itemOf(node: EventNode, groupBy: GroupBy): ItemSpec {
  switch (node.kind) {
    case 'integrity':
      return integrityItem(node, groupBy);
    case 'integrityGroup':
      return integrityGroupItem(node, groupBy);
    case 'integrityFile':
      return integrityFileItem(node, groupBy);
    case 'integrityGap':
      return integrityGapItem(node, groupBy);
    case 'problems':
      return problemsItem(node, groupBy);
    case 'detections':
      return detectionsItem(node, groupBy);
    case 'rule':
      return ruleItem(node, groupBy);
    case 'window':
      return windowItem(node, groupBy);
    case 'new':
      return newItem(node, groupBy);
    case 'newValue':
      return newValueItem(node, groupBy);
    case 'group':
      return groupItem(node, groupBy);
    case 'source':
      return sourceItem(node, groupBy);
    case 'session':
      return sessionItem(node, groupBy);
    case 'event':
      return eventItem(node, groupBy);
    case 'record':
      return recordItem(node, groupBy);
    case 'more':
      return moreItem(node, groupBy);
  }
}
