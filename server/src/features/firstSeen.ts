/**
 * What is new: for each actor (a session chain's origin, features/sessionChain.ts), the values of a field (API calls,
 * source IPs, user agents, regions) first seen at or after a chosen time, with none before it in the loaded logs.
 */
import type { RecordSummary } from './recordSummary';
import { SessionIndex } from './sessionChain';
import { eventTimes } from './timeline';

import type { FirstSeenField, FirstSeenItem } from '../../../common/actorProtocol';
import type { ShownLog } from './shownLog';
import { readJson, valueAt } from '../export/jsonTree';

/** Each field's value of a record, as firstSeen answers it; an API call is `eventSource:eventName`. */
const VALUE_OF: Readonly<Record<FirstSeenField, (s: RecordSummary) => string | undefined>> = {
  eventName: (s) => `${s.eventSource}:${s.eventName}`,
  sourceIPAddress: (s) => s.sourceIPAddress || undefined,
  userAgent: (s) => s.userAgent,
  awsRegion: (s) => s.awsRegion,
};

export interface FirstSeen {
  readonly actor: string;
  readonly value: string;
  readonly firstTime: string;
  /** The record that first used it (the earliest; the first in the log of those at that time). */
  readonly index: number;
  /** Records with it at or after `since`. */
  readonly count: number;
}

/** Every actor's values of `field` first seen at or after `since` (ms since the epoch), sorted by their first time. */
export function firstSeen(summaries: readonly RecordSummary[], field: FirstSeenField, since: number): FirstSeen[] {
  const actors = SessionIndex.of(summaries);
  const valueOf = VALUE_OF[field];
  const seen = new Map<string, { actor: string; value: string; first: number; index: number; count: number }>();
  const times = eventTimes(summaries);
  for (let i = 0; i < summaries.length; i++) {
    const s = summaries[i]!;
    const value = valueOf(s);
    if (value === undefined) continue;
    const ms = times[i]!;
    // A record with no time cannot say whether it came before: it neither makes nor hides anything new.
    if (Number.isNaN(ms)) continue;
    const actor = actors.actorOf(s);
    const key = `${actor}\n${value}`;
    let entry = seen.get(key);
    if (!entry) seen.set(key, (entry = { actor, value, first: ms, index: s.index, count: 0 }));
    else if (ms < entry.first) {
      entry.first = ms;
      entry.index = s.index;
    }
    if (ms >= since) entry.count++;
  }
  const fresh = [...seen.values()].filter((e) => e.first >= since);
  fresh.sort((a, b) => a.first - b.first || a.index - b.index || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return fresh.map((e) => ({ actor: e.actor, value: e.value, firstTime: summaries[e.index]!.eventTime, index: e.index, count: e.count }));
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
  const found = firstSeen(log.summaries, field, since);
  const items: FirstSeenItem[] = [];
  let i = 0;
  for await (const text of log.recordTexts(found.map((f) => log.summaries[f.index]!))) {
    const { index: _index, ...item } = found[i++]!;
    items.push({ ...item, eventID: eventIdOf(text) });
  }
  return items;
}

/** The record's eventID, the first where the key repeats, as the view and the rules read a record (export/jsonTree.ts). */
export function eventIdOf(text: string | undefined): string {
  const tree = text === undefined ? undefined : readJson(text);
  const id = tree && valueAt(tree, 'eventID');
  return id?.kind === 'string' ? id.value : '';
}
