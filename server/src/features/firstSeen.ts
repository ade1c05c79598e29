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

/**
 * Every (actor, value) of each field first seen at or after `since`, with its first record and how many records have
 * it: one pass over the records from `since` on, which alone can hold something new, then one over those before it,
 * which strikes out every pair they already hold. A pair left has all its records from `since` on, so its count is
 * all of them. Only pairs of actors active from `since` on are ever made: most of a log is older.
 */
function freshPairs(summaries: readonly RecordSummary[], since: number): Record<FirstSeenField, Pair[]> {
  const actors = SessionIndex.of(summaries);
  const times = eventTimes(summaries);
  const call = apiCalls();
  // By actor, then field, then value: no string is built per record.
  const seen = new Map<string, Map<string, Pair>[]>();
  for (let i = 0; i < summaries.length; i++) {
    const ms = times[i]!;
    // A record with no time cannot say whether it came before: it neither makes nor hides anything new.
    if (!(ms >= since)) continue;
    const s = summaries[i]!;
    const actor = actors.actorOf(s);
    let fields = seen.get(actor);
    if (!fields) seen.set(actor, (fields = FIRST_SEEN_FIELDS.map(() => new Map())));
    for (let f = 0; f < FIRST_SEEN_FIELDS.length; f++) {
      const value = VALUE_OF[FIRST_SEEN_FIELDS[f]!](s, call);
      if (value === undefined) continue;
      const entry = fields[f]!.get(value);
      if (!entry) fields[f]!.set(value, { actor, value, first: ms, index: s.index, count: 1 });
      else {
        entry.count++;
        if (ms < entry.first) [entry.first, entry.index] = [ms, s.index];
      }
    }
  }
  for (let i = 0; i < summaries.length; i++) {
    if (!(times[i]! < since)) continue;
    const s = summaries[i]!;
    const fields = seen.get(actors.actorOf(s));
    if (!fields) continue;
    for (let f = 0; f < FIRST_SEEN_FIELDS.length; f++) {
      const value = VALUE_OF[FIRST_SEEN_FIELDS[f]!](s, call);
      if (value !== undefined) fields[f]!.delete(value);
    }
  }
  const listed = FIRST_SEEN_FIELDS.map((): Pair[] => []);
  for (const fields of seen.values()) fields.forEach((values, f) => values.forEach((pair) => listed[f]!.push(pair)));
  return Object.fromEntries(FIRST_SEEN_FIELDS.map((field, f) => [field, listed[f]!])) as Record<FirstSeenField, Pair[]>;
}

/** What is new after a time, every field's, and the eventIDs of its first records once they are read back. */
interface Answer {
  readonly since: number;
  readonly fresh: Readonly<Record<FirstSeenField, readonly FirstSeen[]>>;
  readonly ids: Map<number, string>;
}

/**
 * The answer for the last time asked of each log, while its summaries live: New in this window asks the four fields
 * at once. Only answers are kept: a log holds hundreds of thousands of pairs, and "new" is a tail of them.
 */
const answered = new WeakMap<readonly RecordSummary[], Answer>();

function answerOf(summaries: readonly RecordSummary[], since: number): Answer {
  const known = answered.get(summaries);
  if (known && Object.is(known.since, since)) return known;
  const pairs = freshPairs(summaries, since);
  const freshOf = (field: FirstSeenField) => {
    const fresh = pairs[field];
    fresh.sort((a, b) => a.first - b.first || a.index - b.index || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    return fresh.map((e) => ({ actor: e.actor, value: e.value, firstTime: summaries[e.index]!.eventTime, index: e.index, count: e.count }));
  };
  const fresh = Object.fromEntries(FIRST_SEEN_FIELDS.map((f) => [f, freshOf(f)])) as Record<FirstSeenField, FirstSeen[]>;
  const answer = { since, fresh, ids: new Map<number, string>() };
  answered.set(summaries, answer);
  return answer;
}

/** Every actor's values of `field` first seen at or after `since` (ms since the epoch), sorted by their first time. */
export function firstSeen(summaries: readonly RecordSummary[], field: FirstSeenField, since: number): readonly FirstSeen[] {
  return answerOf(summaries, since).fresh[field];
}

/** The default start of "new": the last tenth of the logs' span of time; undefined when no record has a time. */
export function defaultSince(span: { after: number; before: number } | undefined): number | undefined {
  return span && span.before - (span.before - span.after) / 10;
}

/** What is new, each item with its first record's eventID, read from that record's text (a summary keeps none). */
export async function firstSeenWithIds(
  log: Pick<ShownLog, 'summaries' | 'recordTexts'>,
  field: FirstSeenField,
  since: number,
): Promise<FirstSeenItem[]> {
  const { fresh, ids } = answerOf(log.summaries, since);
  if (fresh[field].some((f) => !ids.has(f.index))) {
    // Every field's records are read back together, each file once.
    const unread = new Set<number>();
    for (const other of FIRST_SEEN_FIELDS) for (const f of fresh[other]) if (!ids.has(f.index)) unread.add(f.index);
    const records = [...unread].sort((a, b) => a - b).map((index) => log.summaries[index]!);
    let i = 0;
    for await (const text of log.recordTexts(records)) ids.set(records[i++]!.index, eventIdOf(text));
  }
  return fresh[field].map(({ index, ...item }) => ({ ...item, eventID: ids.get(index) ?? '' }));
}

/** The record's eventID, the first where the key repeats, as the view and the rules read a record (export/jsonTree.ts). */
export function eventIdOf(text: string | undefined): string {
  const tree = text === undefined ? undefined : readJson(text);
  const id = tree && valueAt(tree, 'eventID');
  return id?.kind === 'string' ? id.value : '';
}
