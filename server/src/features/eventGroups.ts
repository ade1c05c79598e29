/**
 * The data of the CloudTrail Events view: record summaries grouped by S3 event level (or identity,
 * source IP, event source, error code, hour), filtered, and paged.
 */
import type { EventLevel } from '../../../common/eventLevel';
import type { ActorSession } from '../../../common/actorProtocol';
import type { EventCount, EventGroup, GroupBy } from '../../../common/protocol';
import { recordAt } from '../parse/locate';
import type { ParsedLog, Span } from '../parse/parsedLog';
import { eventFilter } from './eventFilter';
import type { RecordSummary } from './recordSummary';
import { principalOf, SessionIndex, sessionOf } from './sessionChain';
import { type IgnoredCodes, NO_IGNORED, withoutIgnored } from './ignoredProblems';

const LEVEL_ORDER: readonly EventLevel[] = ['account', 'bucket', 'object', 'other'];
const LEVEL_LABELS: Record<EventLevel, string> = {
  account: 'Account-level',
  bucket: 'Bucket-level',
  object: 'Object-level',
  other: 'Other services',
};

/** How the view groups records: each record's key, a key's label, and the groups' order. */
export interface Grouping {
  /** A record's group, in `log` (the summaries it is one of: by actor, its chain is followed through them). */
  key(summary: RecordSummary, log: readonly RecordSummary[]): string;
  label(key: string): string;
  /** Group order: by level, by time, or most records first. */
  compare?(a: string, b: string): number;
}

export const GROUPINGS: Readonly<Record<GroupBy, Grouping>> = {
  level: {
    key: (s) => s.level,
    label: (k) => LEVEL_LABELS[k as EventLevel],
    compare: (a, b) => LEVEL_ORDER.indexOf(a as EventLevel) - LEVEL_ORDER.indexOf(b as EventLevel),
  },
  identity: { key: (s) => s.identity, label: (k) => k },
  sourceIPAddress: { key: (s) => s.sourceIPAddress, label: (k) => k || '(no source IP)' },
  eventSource: { key: (s) => s.eventSource, label: (k) => k },
  errorCode: { key: (s) => s.errorCode ?? '', label: (k) => k || 'No error' },
  actor: { key: (s, log) => SessionIndex.of(log).actorOf(s), label: (k) => k },
  hour: {
    key: (s) => (/^\d{4}-\d{2}-\d{2}T\d{2}/.test(s.eventTime) ? `${s.eventTime.slice(0, 13)}:00Z` : ''),
    label: (k) => (k ? `${k.slice(0, 10)} ${k.slice(11, 16)} UTC` : '(no valid eventTime)'),
    compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  },
};

/** Whether the view's filter (features/eventFilter.ts) keeps a record; a loop compiles it once with eventFilter instead. */
export function matchesFilter(summary: RecordSummary, log: readonly RecordSummary[], filter: string | undefined): boolean {
  return !filter || eventFilter(filter).test(summary, log);
}

/** Records counted by event (by source, then name: no key is built per record): a group's, or one of its sessions'. */
interface Counted {
  count: number;
  readonly events: Map<string, Map<string, { eventName: string; eventSource: string; count: number; errors: number }>>;
}

function countEvent(counted: Counted, summary: RecordSummary): void {
  counted.count++;
  let named = counted.events.get(summary.eventSource);
  if (!named) counted.events.set(summary.eventSource, (named = new Map()));
  let event = named.get(summary.eventName);
  if (!event)
    named.set(summary.eventName, (event = { eventName: summary.eventName, eventSource: summary.eventSource, count: 0, errors: 0 }));
  event.count++;
  if (summary.errorCode) event.errors++;
}

/** Most records first, then by name. */
function eventsOf(counted: Counted): EventCount[] {
  return [...counted.events.values()]
    .flatMap((named) => [...named.values()])
    .sort((a, b) => b.count - a.count || byName(a.eventName, b.eventName) || byName(a.eventSource, b.eventSource));
}

/** Names in the order localeCompare gives, from one collator rather than one made per comparison (thousands of groups). */
const byName = new Intl.Collator().compare;

/** Groups in the order the view lists them: the largest first, then by name. */
export function groupOrder(a: string, aCount: number, b: string, bCount: number): number {
  return bCount - aCount || byName(a, b);
}

/**
 * More sessions than this under one actor and the group lists its events directly: a person opens a few sessions a
 * day, and a log that gives every call a key of its own would make a tree of megabytes.
 */
export const MAX_SESSIONS = 50;

/** A By actor group's sessions, each counted by event; undefined once there are more than MAX_SESSIONS. */
type Sessions = Map<string, Counted & { first: RecordSummary }> | undefined;

/** The sessions of a By actor group, in the order they first acted in the log; none past MAX_SESSIONS. */
function sessionsOf(sessions: Sessions): { sessions?: ActorSession[] } {
  return sessions ? { sessions: sessionList(sessions) } : {};
}

/** Counts a record in its session; past MAX_SESSIONS the group lists none, and stops counting them. */
function countSession(group: { sessions: Sessions }, summary: RecordSummary): void {
  const sessions = group.sessions;
  if (!sessions) return;
  const key = sessionOf(summary);
  let session = sessions.get(key);
  if (!session) {
    if (sessions.size === MAX_SESSIONS) {
      group.sessions = undefined;
      return;
    }
    sessions.set(key, (session = { count: 0, events: new Map(), first: summary }));
  }
  countEvent(session, summary);
}

function sessionList(sessions: NonNullable<Sessions>): ActorSession[] {
  return [...sessions].map(([key, session]) => ({
    key,
    principal: principalOf(session.first),
    ...(session.first.accessKeyId !== undefined && { accessKeyId: session.first.accessKeyId }),
    count: session.count,
    events: eventsOf(session),
  }));
}

export function buildEventTree(
  summaries: readonly RecordSummary[],
  groupBy: GroupBy = 'level',
  filter?: string,
): { groups: EventGroup[]; shown: number } {
  const grouping = GROUPINGS[groupBy];
  // By actor, each origin's records are counted per session too: origin → session → event.
  const bySession = groupBy === 'actor';
  const groups = new Map<string, Counted & { sessions: Sessions }>();
  let shown = 0;
  const keep = eventFilter(filter).test;
  for (const summary of summaries) {
    if (!keep(summary, summaries)) continue;
    shown++;
    const key = grouping.key(summary, summaries);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { count: 0, events: new Map(), sessions: new Map() }));
    countEvent(group, summary);
    if (bySession) countSession(group, summary);
  }
  const sorted = [...groups];
  const compare = grouping.compare;
  sorted.sort(compare ? ([a], [b]) => compare(a, b) : ([a, ga], [b, gb]) => groupOrder(a, ga.count, b, gb.count));
  return {
    shown,
    groups: sorted.map(([key, group]) => ({
      key,
      ...(groupBy === 'level' ? { level: key as EventLevel } : {}),
      label: grouping.label(key),
      count: group.count,
      events: eventsOf(group),
      ...(bySession ? sessionsOf(group.sessions) : {}),
    })),
  };
}

export interface RecordQuery {
  readonly groupBy?: GroupBy;
  readonly group?: string;
  readonly eventName?: string;
  readonly eventSource?: string;
  /** Under By actor: one session of the group (sessionOf). */
  readonly session?: string;
  readonly filter?: string;
  readonly offset?: number;
  readonly limit: number;
}

function selector(query: Omit<RecordQuery, 'offset' | 'limit'>, log: readonly RecordSummary[]): (s: RecordSummary) => boolean {
  const grouping = GROUPINGS[query.groupBy ?? 'level'];
  const filtered = eventFilter(query.filter).test;
  return (s) =>
    (query.group === undefined || grouping.key(s, log) === query.group) &&
    (query.session === undefined || sessionOf(s) === query.session) &&
    (query.eventName === undefined || s.eventName === query.eventName) &&
    (query.eventSource === undefined || s.eventSource === query.eventSource) &&
    filtered(s, log);
}

/** One page of the records a tree node holds, in file order. */
export function queryRecords(summaries: readonly RecordSummary[], query: RecordQuery): { total: number; items: RecordSummary[] } {
  const keep = selector(query, summaries);
  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  const items: RecordSummary[] = [];
  let total = 0;
  for (const summary of summaries) {
    if (!keep(summary)) continue;
    if (total >= offset && items.length < query.limit) items.push(summary);
    total++;
  }
  return { total, items };
}

/** Where the tree shows a record: its group key, its event, and its position among that event's records. */
export function placeOf(
  summaries: readonly RecordSummary[],
  index: number,
  groupBy: GroupBy = 'level',
  filter?: string,
): { group: string; session?: string; position: number } | undefined {
  const target = summaries[index];
  if (!target || !matchesFilter(target, summaries, filter)) return undefined;
  const group = GROUPINGS[groupBy].key(target, summaries);
  // By actor, a record sits under its session (unless its actor has too many to list), its position among the session's.
  const session = groupBy === 'actor' && listsSessions(summaries, group, filter) ? { session: sessionOf(target) } : {};
  const query = { groupBy, group, ...session, eventName: target.eventName, eventSource: target.eventSource, ...(filter ? { filter } : {}) };
  const keep = selector(query, summaries);
  let position = 0;
  for (let i = 0; i < index; i++) if (keep(summaries[i]!)) position++;
  return { group, ...session, position };
}

/** Whether a By actor group lists its sessions: at most MAX_SESSIONS among the records the filter keeps. */
function listsSessions(summaries: readonly RecordSummary[], group: string, filter: string | undefined): boolean {
  const keep = selector({ groupBy: 'actor', group, ...(filter ? { filter } : {}) }, summaries);
  const sessions = new Set<string>();
  for (const s of summaries) if (keep(s) && sessions.add(sessionOf(s)).size > MAX_SESSIONS) return false;
  return true;
}

/** The record at an offset and where the tree shows it. */
export interface RecordPlace {
  readonly summary: RecordSummary;
  readonly group: string;
  readonly session?: string;
  readonly position: number;
}

/** Undefined outside records, or when the filter hides the record. */
export function placeAt(
  parsed: ParsedLog,
  summaries: readonly RecordSummary[],
  offset: number,
  groupBy?: GroupBy,
  filter?: string,
): RecordPlace | undefined {
  const record = recordAt(parsed, offset);
  if (!record) return undefined;
  const place = placeOf(summaries, record.index, groupBy, filter);
  const summary = summaries[record.index];
  return place && summary ? { summary, ...place } : undefined;
}

/** A broken file's JSON errors for the view: how many, and the first in the text. */
export function syntaxErrorsOf(
  parsed: ParsedLog,
  ignore: IgnoredCodes = NO_IGNORED,
): { readonly count: number; readonly first: Span } | undefined {
  const errors = withoutIgnored(parsed.syntax, ignore);
  const first = errors.reduce<Span | undefined>((a, p) => (a && a.start <= p.start ? a : p), undefined);
  return first && { count: errors.length, first: { start: first.start, end: first.end } };
}
