/**
 * The timeline: the records the events view shows (its filter kept), counted per time interval, stacked by
 * outcome or by the view's grouping, with how many of each bar's records a rule of medium level or above flagged. Only
 * counts leave here, never records, so a folder of half a million records costs a few arrays per request;
 * each record's eventTime is read once per summaries array, not once per request.
 */
import { filterTime } from '../../../common/filterSyntax';
import {
  GROUP_BY_VALUES,
  SIGMA_LEVELS,
  TIMELINE_MIN_LEVEL,
  type GroupBy,
  TIMELINE_MAX_BINS,
  type TimelineResult,
  type TimelineSeries,
  type TimelineStack,
} from '../../../common/protocol';
import type { Finding, RuleInfo } from '../detections/ruleSet';
import { withSeriesAccountNames } from './accountTerms';
import { GROUPINGS, matchesFilter } from './eventGroups';
import type { RecordSummary } from './recordSummary';

export interface TimelineQuery {
  readonly filter?: string;
  readonly groupBy?: GroupBy;
  readonly stack: TimelineStack;
  /** At most TIMELINE_MAX_BINS. */
  readonly maxBins?: number;
  /** The names the user gave accounts: a series of an account's group is labelled as the view labels the group. */
  readonly accountNames?: ReadonlyMap<string, string>;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

/** The bars' lengths, shortest first, as a reader counts time; past a year, 1, 2 and 5 times a power of ten years. */
export const TIMELINE_STEPS: readonly number[] = [
  SECOND,
  5 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  7 * DAY,
  30 * DAY,
  90 * DAY,
  YEAR,
];

/** Groups drawn on their own when stacking by the grouping; the rest add up to one `other` series. */
export const TIMELINE_TOP_GROUPS = 5;

function* steps(): Generator<number> {
  yield* TIMELINE_STEPS;
  for (let years = 1; ; years *= 10) for (const m of [2, 5, 10]) yield YEAR * years * m;
}

/** How many bars of `step` (aligned to multiples of it since the epoch, in UTC) cover [min, max]. */
function binsOf(min: number, max: number, step: number): number {
  return Math.floor(max / step) - Math.floor(min / step) + 1;
}

/**
 * The shortest step whose aligned bars over [min, max] number at most `maxBins`. A span across the epoch
 * always takes two bars at least: beyond a step longer than every time, none is tried.
 */
export function intervalFor(min: number, max: number, maxBins: number): number {
  const longest = 4 * Math.max(Math.abs(min), Math.abs(max), DAY);
  for (const step of steps()) if (binsOf(min, max, step) <= maxBins || step > longest) return step;
  return TIMELINE_STEPS[0]!;
}

/** The bar limit a request asks for: a whole number from 1 to TIMELINE_MAX_BINS, the most when it names none. */
function binLimit(maxBins: unknown): number {
  if (typeof maxBins !== 'number' || !Number.isFinite(maxBins)) return TIMELINE_MAX_BINS;
  return Math.min(TIMELINE_MAX_BINS, Math.max(1, Math.floor(maxBins)));
}

/** Each record's eventTime in ms (NaN when it is missing or not a time), read once per summaries array. */
const timesOf = new WeakMap<readonly RecordSummary[], Float64Array>();

/** The records' span of time, from the first (inclusive) to just after the last; undefined when none has a time. */
export function timeSpan(summaries: readonly RecordSummary[]): { after: number; before: number } | undefined {
  let first = Infinity;
  let last = -Infinity;
  for (const time of eventTimes(summaries)) {
    if (time < first) first = time;
    if (time > last) last = time;
  }
  return first <= last ? { after: first, before: last + 1 } : undefined;
}

/** Each record's time as the filter's after:/before: read it (filterTime), NaN for none; kept while the array lives. */
export function eventTimes(summaries: readonly RecordSummary[]): Float64Array {
  let times = timesOf.get(summaries);
  if (!times) {
    times = new Float64Array(summaries.length);
    for (let i = 0; i < summaries.length; i++) {
      const text = summaries[i]!.eventTime;
      times[i] = (typeof text === 'string' ? filterTime(text) : undefined) ?? NaN;
    }
    timesOf.set(summaries, times);
  }
  return times;
}

/** A log's findings and the rules they name by index, as the server keeps them. */
export interface TimelineDetections {
  readonly rules: readonly Pick<RuleInfo, 'level'>[];
  readonly findings: readonly Finding<number>[];
}

/** Which records some finding of a rule at TIMELINE_MIN_LEVEL or above names (a bit a record), kept while the findings array lives. */
const flaggedOf = new WeakMap<readonly Finding<number>[], Uint8Array>();

function flaggedRecords({ rules, findings }: TimelineDetections, size: number): Uint8Array {
  let flagged = flaggedOf.get(findings);
  if (!flagged || flagged.length !== size) {
    flagged = new Uint8Array(size);
    const floor = SIGMA_LEVELS.indexOf(TIMELINE_MIN_LEVEL);
    const marks = rules.map((rule) => SIGMA_LEVELS.indexOf(rule.level) >= floor);
    for (let f = 0; f < findings.length; f++) {
      if (!marks[findings[f]!.rule]) continue;
      const records = findings[f]!.records;
      for (let r = 0; r < records.length; r++) {
        const index = records[r]!;
        // A finding's JSON may name anything: only a record of this log counts.
        if (Number.isInteger(index) && index >= 0 && index < size) flagged[index] = 1;
      }
    }
    flaggedOf.set(findings, flagged);
  }
  return flagged;
}

/** What the bars are stacked by: each record's key, and the series made of the keys' counts. */
interface Stacking {
  key(summary: RecordSummary, log: readonly RecordSummary[]): string;
  /** The series, bottom first, and each key's series (by key id; -1 for none). */
  series(keys: readonly string[], counts: readonly number[]): { series: Omit<TimelineSeries, 'counts'>[]; of: Int32Array };
}

const OUTCOME: Stacking = {
  key: (s) => (s.errorCode ? 'failed' : 'succeeded'),
  series: (keys) => ({
    series: [
      { key: 'succeeded', label: 'Succeeded' },
      { key: 'failed', label: 'Failed' },
    ],
    of: Int32Array.from(keys, (k) => (k === 'failed' ? 1 : 0)),
  }),
};

/** Stacked by the view's grouping: its largest groups in its own order, then one `other` for the rest. */
function byGroup(groupBy: GroupBy, names: ReadonlyMap<string, string> | undefined): Stacking {
  const grouping = GROUPINGS[groupBy];
  return {
    key: grouping.key,
    series: (keys, counts) => {
      const ids = keys.map((_, id) => id).sort((a, b) => counts[b]! - counts[a]! || (keys[a]! < keys[b]! ? -1 : 1));
      // One group left over is drawn as itself: an `other` of one says less.
      const shown = ids.length <= TIMELINE_TOP_GROUPS + 1 ? ids : ids.slice(0, TIMELINE_TOP_GROUPS);
      if (grouping.compare) shown.sort((a, b) => grouping.compare!(keys[a]!, keys[b]!));
      const of = new Int32Array(keys.length).fill(shown.length);
      shown.forEach((id, position) => (of[id] = position));
      const series: Omit<TimelineSeries, 'counts'>[] = shown.map((id) => ({ key: keys[id]!, label: grouping.label(keys[id]!) }));
      const rest = ids.length - shown.length;
      if (rest > 0) series.push({ key: 'other', label: `${rest} other groups`, other: true });
      return { series: withSeriesAccountNames(series, groupBy, names), of };
    },
  };
}

function stackingOf(query: TimelineQuery): Stacking {
  if (query.stack !== 'group') return OUTCOME;
  return byGroup(GROUP_BY_VALUES.includes(query.groupBy as GroupBy) ? query.groupBy! : 'level', query.accountNames);
}

/** The records the filter keeps that have a time: their indices and stacking keys, their span, and how many have none. */
interface Kept {
  readonly records: Int32Array;
  readonly keyIds: Int32Array;
  readonly count: number;
  readonly keys: string[];
  readonly keyCounts: number[];
  readonly min: number;
  readonly max: number;
  readonly total: number;
  readonly untimed: number;
}

function keptRecords(summaries: readonly RecordSummary[], times: Float64Array, stacking: Stacking, filter?: string): Kept {
  const records = new Int32Array(summaries.length);
  const keyIds = new Int32Array(summaries.length);
  const ids = new Map<string, number>();
  const keys: string[] = [];
  const keyCounts: number[] = [];
  let count = 0;
  let total = 0;
  let untimed = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < summaries.length; i++) {
    const summary = summaries[i]!;
    if (!matchesFilter(summary, summaries, filter)) continue;
    total++;
    const time = times[i]!;
    if (Number.isNaN(time)) {
      untimed++;
      continue;
    }
    const key = stacking.key(summary, summaries);
    let id = ids.get(key);
    if (id === undefined) {
      ids.set(key, (id = keys.length));
      keys.push(key);
      keyCounts.push(0);
    }
    keyCounts[id]!++;
    records[count] = i;
    keyIds[count++] = id;
    if (time < min) min = time;
    if (time > max) max = time;
  }
  return { records, keyIds, count, keys, keyCounts, min, max, total, untimed };
}

/** The records the view shows, counted per interval and stacked; findings name records by index in `summaries`. */
export function buildTimeline(summaries: readonly RecordSummary[], query: TimelineQuery, detections?: TimelineDetections): TimelineResult {
  const times = eventTimes(summaries);
  const stacking = stackingOf(query);
  const kept = keptRecords(summaries, times, stacking, query.filter);
  const { series, of } = stacking.series(kept.keys, kept.keyCounts);
  const { total, untimed } = kept;
  if (kept.count === 0)
    return { start: 0, intervalMs: TIMELINE_STEPS[0]!, series: series.map((s) => ({ ...s, counts: [] })), findings: [], total, untimed };
  const intervalMs = intervalFor(kept.min, kept.max, binLimit(query.maxBins));
  const first = Math.floor(kept.min / intervalMs);
  const bins = binsOf(kept.min, kept.max, intervalMs);
  const counts = series.map(() => new Array<number>(bins).fill(0));
  const flaggedPerBin = new Array<number>(bins).fill(0);
  const flagged = detections && detections.findings.length > 0 ? flaggedRecords(detections, summaries.length) : undefined;
  for (let k = 0; k < kept.count; k++) {
    const index = kept.records[k]!;
    const bin = Math.floor(times[index]! / intervalMs) - first;
    counts[of[kept.keyIds[k]!]!]![bin]!++;
    if (flagged?.[index]) flaggedPerBin[bin]!++;
  }
  return {
    start: first * intervalMs,
    intervalMs,
    series: series.map((s, i) => ({ ...s, counts: counts[i]! })),
    findings: flaggedPerBin,
    total,
    untimed,
  };
}
