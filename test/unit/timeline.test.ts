/** The timeline's bars: the interval chosen from the span, bars aligned in UTC, stacking, the filter, untimed records and findings. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TIMELINE_MAX_BINS, type TimelineResult } from '../../common/protocol';
import type { Finding } from '../../server/src/detections/ruleSet';
import { buildEventTree } from '../../server/src/features/eventGroups';
import type { RecordSummary } from '../../server/src/features/recordSummary';
import { buildTimeline, eventTimes, intervalFor, TIMELINE_STEPS } from '../../server/src/features/timeline';
import { summarize } from '../../server/src/features/recordSummary';
import { parseLog } from '../../server/src/parse/parseLog';
import { generateLog } from '../support/generateLog';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 1, 0, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

let made = 0;
/** A record's summary with what the timeline reads; the rest as a plain record has it. */
function record(time: number | string, fields: Partial<RecordSummary> = {}): RecordSummary {
  const index = made++;
  return {
    index,
    eventName: 'GetObject',
    eventSource: 's3.amazonaws.com',
    eventTime: typeof time === 'number' ? iso(time) : time,
    identity: 'alice',
    sourceIPAddress: '203.0.113.7',
    errorCode: undefined,
    errorMessage: undefined,
    awsRegion: 'us-east-1',
    level: 'object',
    start: 0,
    end: 0,
    userAgent: undefined,
    session: undefined,
    ...fields,
  };
}

/** Each bar's records, summed over the series. */
function barTotals(result: TimelineResult): number[] {
  return result.findings.map((_, bin) => result.series.reduce((n, s) => n + s.counts[bin]!, 0));
}

const sum = (list: readonly number[]) => list.reduce((a, b) => a + b, 0);

describe('timeline: the interval', () => {
  // prettier-ignore
  const cases: [span: number, step: number][] = [
    [0, SECOND],
    [90 * SECOND, SECOND],
    [5 * MINUTE, 5 * SECOND],
    [20 * MINUTE, 15 * SECOND],
    [50 * MINUTE, 30 * SECOND],
    [90 * MINUTE, MINUTE],
    [8 * HOUR, 5 * MINUTE],
    [24 * HOUR, 15 * MINUTE],
    [2 * DAY, 30 * MINUTE],
    [4 * DAY, HOUR],
    [12 * DAY, 3 * HOUR],
    [25 * DAY, 6 * HOUR],
    [50 * DAY, 12 * HOUR],
    [100 * DAY, DAY],
    [700 * DAY, 7 * DAY],
    [3000 * DAY, 30 * DAY],
  ];
  for (const [span, step] of cases)
    test(`a span of ${span / SECOND} s: bars of ${step / SECOND} s`, () => {
      assert.equal(intervalFor(T0, T0 + span, TIMELINE_MAX_BINS), step);
    });

  test('the shortest round step that keeps the bars under the limit, whatever the span', () => {
    for (let span = 1; span < 5000 * DAY; span = Math.ceil(span * 1.37)) {
      const step = intervalFor(T0 + 777, T0 + 777 + span, TIMELINE_MAX_BINS);
      const bars = (s: number) => Math.floor((T0 + 777 + span) / s) - Math.floor((T0 + 777) / s) + 1;
      assert.ok(bars(step) <= TIMELINE_MAX_BINS, `span ${span}: ${bars(step)} bars of ${step}`);
      const shorter = TIMELINE_STEPS.filter((s) => s < step);
      assert.ok(
        shorter.every((s) => bars(s) > TIMELINE_MAX_BINS),
        `span ${span}: a shorter step would do`,
      );
    }
  });

  test('a lower maxBins takes a longer step; years apart take years; across the epoch it still ends', () => {
    const records = [record(T0), record(T0 + 100 * MINUTE)];
    assert.equal(buildTimeline(records, { stack: 'outcome' }).intervalMs, MINUTE);
    assert.equal(buildTimeline(records, { stack: 'outcome', maxBins: 10 }).intervalMs, 15 * MINUTE);
    assert.equal(buildTimeline(records, { stack: 'outcome', maxBins: 1 }).intervalMs, 3 * HOUR);
    // A limit above the most, or no number at all, is the most.
    for (const maxBins of [1000, Number.NaN, '7' as unknown as number])
      assert.equal(buildTimeline(records, { stack: 'outcome', maxBins }).intervalMs, MINUTE);
    const decades = buildTimeline([record('1990-01-01T00:00:00Z'), record('2026-01-01T00:00:00Z')], { stack: 'outcome' });
    assert.ok(decades.findings.length <= TIMELINE_MAX_BINS && decades.intervalMs >= 90 * DAY);
    const wild = buildTimeline([record('0001-01-01T00:00:00Z'), record('9999-12-31T23:59:59Z')], { stack: 'outcome', maxBins: 1 });
    assert.ok(wild.findings.length <= 2, `${wild.findings.length} bars`);
    assert.equal(sum(barTotals(wild)), 2);
  });
});

describe('timeline: the bars', () => {
  test('aligned to the step in UTC: the first bar starts at a multiple of the interval, each record in the bar holding its time', () => {
    const times = [T0 + 7 * MINUTE + 13 * SECOND, T0 + 9 * HOUR + 59 * MINUTE, T0 + 3 * HOUR, T0 + 3 * HOUR + 4 * MINUTE + 59 * SECOND];
    const result = buildTimeline(
      times.map((t) => record(t)),
      { stack: 'outcome' },
    );
    assert.equal(result.intervalMs, 5 * MINUTE);
    assert.equal(result.start, T0 + 5 * MINUTE);
    assert.equal(result.start % result.intervalMs, 0);
    const totals = barTotals(result);
    assert.equal(totals.length, (T0 + 9 * HOUR + 55 * MINUTE - result.start) / result.intervalMs + 1);
    const expected = new Array<number>(totals.length).fill(0);
    for (const t of times) expected[Math.floor((t - result.start) / result.intervalMs)]!++;
    assert.deepEqual(totals, expected);
    // Both records of 03:00–03:05 in one bar.
    assert.equal(totals[(T0 + 3 * HOUR - result.start) / result.intervalMs], 2);
  });

  test('a day-long step starts at midnight UTC, whatever zone the times were written in', () => {
    const records = [record('2026-11-01T23:30:00-05:00'), record(T0 + 100 * DAY)];
    const result = buildTimeline(records, { stack: 'outcome' });
    assert.equal(result.intervalMs, DAY);
    // 23:30 at UTC-5 is 04:30 on 2 November in UTC.
    assert.equal(result.start, Date.UTC(2026, 10, 2));
  });

  test('by outcome: succeeded and failed, failed meaning an errorCode, both series always there', () => {
    const records = [
      record(T0),
      record(T0 + SECOND, { errorCode: 'AccessDenied' }),
      record(T0 + 2 * SECOND, { errorCode: 'AccessDenied' }),
      record(T0 + 2 * SECOND),
    ];
    const result = buildTimeline(records, { stack: 'outcome' });
    assert.deepEqual(
      result.series.map((s) => [s.key, s.label, s.counts]),
      [
        ['succeeded', 'Succeeded', [1, 0, 1]],
        ['failed', 'Failed', [0, 1, 1]],
      ],
    );
    const none = buildTimeline([record(T0)], { stack: 'outcome' });
    assert.deepEqual(
      none.series.map((s) => s.counts),
      [[1], [0]],
    );
  });

  test("by the view's grouping: the largest groups, then one other for the rest; labels as the tree's", () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    // Group g has 8 records, h 1, a 2…: the five largest are g, f, e, d, c.
    const sizes = [2, 3, 4, 5, 6, 7, 8, 1];
    const records = names.flatMap((name, n) => Array.from({ length: sizes[n]! }, (_, k) => record(T0 + k * SECOND, { identity: name })));
    const result = buildTimeline(records, { stack: 'group', groupBy: 'identity' });
    assert.deepEqual(
      result.series.map((s) => [s.key, s.label, sum(s.counts), s.other ?? false]),
      [
        ['g', 'g', 8, false],
        ['f', 'f', 7, false],
        ['e', 'e', 6, false],
        ['d', 'd', 5, false],
        ['c', 'c', 4, false],
        // a (2), b (3) and h (1).
        ['other', '3 other groups', 6, true],
      ],
    );
    // Eight bars, g's records reaching the eighth second.
    assert.deepEqual(result.series.at(-1)!.counts, [3, 2, 1, 0, 0, 0, 0, 0]);
  });

  test('one group past the largest few is drawn as itself; a grouping with an order keeps it', () => {
    const six = ['a', 'b', 'c', 'd', 'e', 'f'].map((identity, n) => record(T0 + n * SECOND, { identity }));
    assert.deepEqual(
      buildTimeline(six, { stack: 'group', groupBy: 'identity' }).series.map((s) => s.key),
      ['a', 'b', 'c', 'd', 'e', 'f'],
    );
    const levels = [
      record(T0, { level: 'other' }),
      record(T0, { level: 'other' }),
      record(T0, { level: 'account' }),
      record(T0, { level: 'bucket' }),
    ];
    const byLevel = buildTimeline(levels, { stack: 'group', groupBy: 'level' });
    const tree = buildEventTree(levels, 'level');
    assert.deepEqual(
      byLevel.series.map((s) => [s.key, s.label]),
      tree.groups.map((g) => [g.key, g.label]),
    );
    // No grouping named, or one that is not a grouping: by level.
    for (const groupBy of [undefined, 'nonsense' as 'level'])
      assert.deepEqual(
        buildTimeline(levels, { stack: 'group', ...(groupBy ? { groupBy } : {}) }).series.map((s) => s.key),
        ['account', 'bucket', 'other'],
      );
  });

  test('the filter: only the records it keeps are counted, in total as in the bars', () => {
    const records = [
      record(T0, { identity: 'alice' }),
      record(T0 + MINUTE, { identity: 'mallory' }),
      record(T0 + 2 * MINUTE, { identity: 'mallory', errorCode: 'AccessDenied' }),
      record('not a time', { identity: 'mallory' }),
    ];
    const result = buildTimeline(records, { stack: 'outcome', filter: 'mallory' });
    assert.equal(result.total, 3);
    assert.equal(result.untimed, 1);
    // The span is the kept records': it starts at mallory's first.
    assert.equal(result.start, T0 + MINUTE);
    assert.deepEqual(
      result.series.map((s) => sum(s.counts)),
      [1, 1],
    );
    assert.equal(sum(barTotals(result)) + result.untimed, buildEventTree(records, 'level', 'mallory').shown);
    const nothing = buildTimeline(records, { stack: 'group', filter: 'nobody at all' });
    assert.deepEqual(nothing, { start: 0, intervalMs: SECOND, series: [], findings: [], total: 0, untimed: 0 });
  });

  test('records without a valid eventTime are counted apart, never in a bar and never dropped', () => {
    const records = [
      record(T0),
      record(''),
      record('yesterday'),
      record('2026-13-45T99:00:00Z'),
      record(undefined as unknown as string),
      record(T0 + HOUR),
    ];
    const result = buildTimeline(records, { stack: 'outcome' });
    assert.equal(result.total, 6);
    assert.equal(result.untimed, 4);
    assert.equal(sum(barTotals(result)), 2);
    const all = buildTimeline([record('nope'), record('')], { stack: 'outcome' });
    assert.deepEqual([all.total, all.untimed, all.findings, all.series.map((s) => s.counts)], [2, 2, [], [[], []]]);
  });

  test('findings: per bar, the flagged records the filter keeps, each once however many findings name it', () => {
    const records = [
      record(T0),
      record(T0 + SECOND, { identity: 'mallory' }),
      record(T0 + 2 * SECOND),
      record('bad', { identity: 'mallory' }),
      record(T0 + 2 * SECOND),
    ];
    const findings: Finding<number>[] = [
      { rule: 0, records: [1, 2, 4] },
      { rule: 1, records: [1] },
      // Untimed, and references to no record of this log: in no bar.
      { rule: 2, records: [3, 99, -1, 1.5] },
    ];
    const rules = [{ level: 'high' }, { level: 'medium' }, { level: 'critical' }] as const;
    assert.deepEqual(buildTimeline(records, { stack: 'outcome' }, { rules, findings }).findings, [0, 1, 2]);
    assert.deepEqual(buildTimeline(records, { stack: 'outcome', filter: 'mallory' }, { rules, findings }).findings, [1]);
    assert.deepEqual(buildTimeline(records, { stack: 'outcome' }).findings, [0, 0, 0]);
  });

  test('findings: only rules of medium level or above mark a bar; a burst of automation at low does not', () => {
    const records = [record(T0), record(T0 + SECOND), record(T0 + 2 * SECOND)];
    const burst: Finding<number> = { rule: 0, records: [0, 1, 2], window: { group: [], start: T0, end: T0 + 2 * SECOND } };
    const findings = [burst, { rule: 1, records: [2] }, { rule: 2, records: [1] }];
    const rules = [{ level: 'low' }, { level: 'medium' }, { level: 'informational' }] as const;
    assert.deepEqual(buildTimeline(records, { stack: 'outcome' }, { rules, findings }).findings, [0, 0, 1]);
  });
});

describe('timeline: a large log', () => {
  test('times are read once per summaries array; the bars always add up to the records shown', () => {
    const summaries = summarize(parseLog(generateLog({ seed: 14, records: 3000 })));
    assert.equal(eventTimes(summaries), eventTimes(summaries));
    for (const stack of ['outcome', 'group'] as const)
      for (const filter of [undefined, 'AccessDenied', 'alice']) {
        const result = buildTimeline(summaries, { stack, groupBy: 'identity', ...(filter ? { filter } : {}) });
        const shown = buildEventTree(summaries, 'identity', filter).shown;
        assert.equal(result.total, shown, `${stack} ${filter}`);
        assert.equal(sum(barTotals(result)) + result.untimed, shown, `${stack} ${filter}`);
        assert.ok(result.findings.length <= TIMELINE_MAX_BINS);
        for (const s of result.series) assert.equal(s.counts.length, result.findings.length);
      }
  });
});
