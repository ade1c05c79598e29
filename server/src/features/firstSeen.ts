/**
 * What is new: for each actor (a session chain's origin, features/sessionChain.ts), the values of a field (API calls,
 * source IPs, user agents, regions) first seen at or after a chosen time, with none before it in the loaded logs.
 */
import type { RecordSummary } from './recordSummary';
import { SessionIndex } from './sessionChain';
import { eventTimes } from './timeline';

import { FIRST_SEEN_FIELDS, type FirstSeenField, type FirstSeenItem } from '../../../common/actorProtocol';
import type { ShownLog } from './shownLog';
import { readJson, valueAt } from '../export/jsonTree';

/** Each field's value of a record, as firstSeen answers it; an API call is `eventSource:eventName`, made by `call`. */
const VALUE_OF: Readonly<Record<FirstSeenField, (s: RecordSummary, call: (s: RecordSummary) => string) => string | undefined>> = {
  eventName: (s, call) => call(s),
  sourceIPAddress: (s) => s.sourceIPAddress || undefined,
  userAgent: (s) => s.userAgent,
  awsRegion: (s) => s.awsRegion,
};

/** A record's `eventSource:eventName`, one string for each API call: no string is built per record. */
function apiCalls(): (s: RecordSummary) => string {
  const calls = new Map<string, Map<string, string>>();
  return ({ eventSource, eventName }) => {
    let named = calls.get(eventSource);
    if (!named) calls.set(eventSource, (named = new Map()));
    let call = named.get(eventName);
    if (call === undefined) named.set(eventName, (call = `${eventSource}:${eventName}`));
    return call;
  };
}

export interface FirstSeen {
  readonly actor: string;
  readonly value: string;
  readonly firstTime: string;
  /** The record that first used it (the earliest; the first in the log of those at that time). */
  readonly index: number;
  /** Records with it at or after `since`. */
  readonly count: number;
}

/** An (actor, value) pair as the pass counts it: its first record (time in ms, index) and how many records have it. */
interface Pair {
  readonly actor: string;
  readonly value: string;
  first: number;
  index: number;
  count: number;
}

/** Each field's pairs, kept while the summaries array lives. */
const pairsOf = new WeakMap<readonly RecordSummary[], Readonly<Record<FirstSeenField, readonly Pair[]>>>();

/**
 * Every (actor, value) of each field with its first record and how many records have it: one pass over the log for
 * all four fields. What is new after a time is then the pairs first seen at or after it (firstSeen): such a pair has
 * every one of its records there, so its count is all of them.
 */
function pairsOfLog(summaries: readonly RecordSummary[]): Readonly<Record<FirstSeenField, readonly Pair[]>> {
  const made = pairsOf.get(summaries);
  if (made) return made;
  const actors = SessionIndex.of(summaries);
  const times = eventTimes(summaries);
  const call = apiCalls();
  // By actor, then field, then value: no string is built per record. Each field's pairs are listed too.
  const seen = new Map<string, Map<string, Pair>[]>();
  const listed = FIRST_SEEN_FIELDS.map((): Pair[] => []);
  for (let i = 0; i < summaries.length; i++) {
    const ms = times[i]!;
    // A record with no time cannot say whether it came before: it neither makes nor hides anything new.
    if (Number.isNaN(ms)) continue;
    const s = summaries[i]!;
    const actor = actors.actorOf(s);
    let fields = seen.get(actor);
    if (!fields) seen.set(actor, (fields = FIRST_SEEN_FIELDS.map(() => new Map())));
    for (let f = 0; f < FIRST_SEEN_FIELDS.length; f++) {
      const value = VALUE_OF[FIRST_SEEN_FIELDS[f]!](s, call);
      if (value === undefined) continue;
      const entry = fields[f]!.get(value);
      if (!entry) {
        const pair = { actor, value, first: ms, index: s.index, count: 1 };
        fields[f]!.set(value, pair);
        listed[f]!.push(pair);
      } else {
        entry.count++;
        if (ms < entry.first) [entry.first, entry.index] = [ms, s.index];
      }
    }
  }
  const pairs = Object.fromEntries(FIRST_SEEN_FIELDS.map((field, f) => [field, listed[f]!])) as Record<FirstSeenField, Pair[]>;
  pairsOf.set(summaries, pairs);
  return pairs;
}

/**
 * Every actor's values of `field` first seen at or after `since` (ms since the epoch), sorted by their first time.
 * Only those are sorted: "new" is a tail of the log, and a log holds hundreds of thousands of pairs.
 */
export function firstSeen(summaries: readonly RecordSummary[], field: FirstSeenField, since: number): FirstSeen[] {
  const fresh = pairsOfLog(summaries)[field].filter((e) => e.first >= since);
  fresh.sort((a, b) => a.first - b.first || a.index - b.index || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return fresh.map((e) => ({ actor: e.actor, value: e.value, firstTime: summaries[e.index]!.eventTime, index: e.index, count: e.count }));
}

/** The default start of "new": the last tenth of the logs' span of time; undefined when no record has a time. */
export function defaultSince(span: { after: number; before: number } | undefined): number | undefined {
  return span && span.before - (span.before - span.after) / 10;
}

/** The eventIDs of records firstSeen has answered, by index: read back once while the summaries array lives (at most one a pair). */
const idsOf = new WeakMap<readonly RecordSummary[], Map<number, string>>();

/** What is new, each item with its first record's eventID, read from that record's text (a summary keeps none). */
export async function firstSeenWithIds(
  log: Pick<ShownLog, 'summaries' | 'recordTexts'>,
  field: FirstSeenField,
  since: number,
): Promise<FirstSeenItem[]> {
  const found = firstSeen(log.summaries, field, since);
  let ids = idsOf.get(log.summaries);
  if (!ids) idsOf.set(log.summaries, (ids = new Map()));
  if (found.some((f) => !ids.has(f.index))) {
    // New in this window asks every field at once: their records are read back together, each file once.
    const unread = new Set<number>();
    for (const other of FIRST_SEEN_FIELDS)
      for (const f of firstSeen(log.summaries, other, since)) if (!ids.has(f.index)) unread.add(f.index);
    const records = [...unread].sort((a, b) => a - b).map((index) => log.summaries[index]!);
    let i = 0;
    for await (const text of log.recordTexts(records)) ids.set(records[i++]!.index, eventIdOf(text));
  }
  return found.map(({ index, ...item }) => ({ ...item, eventID: ids.get(index) ?? '' }));
}

/** The record's eventID, the first where the key repeats, as the view and the rules read a record (export/jsonTree.ts). */
export function eventIdOf(text: string | undefined): string {
  const tree = text === undefined ? undefined : readJson(text);
  const id = tree && valueAt(tree, 'eventID');
  return id?.kind === 'string' ? id.value : '';
}
