/** What the timeline's page draws and says, made from the server's bars; its keys; its messages; its page and policy; its Quick Pick. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type RecordItem, TIMELINE_MIN_LEVEL, type TimelineResult } from '../../common/protocol';
import {
  barAnnouncement,
  barAt,
  barRows,
  barsOf,
  chartModel,
  countAxisSize,
  durationText,
  emptyText,
  rangeOf,
  rangeText,
  selectionAnnouncement,
  timeTicks,
} from '../../client/src/timeline/chartModel';
import { onKey } from '../../client/webview/timeline/keys';
import { pageMessage } from '../../client/src/timeline/messages';
import { contentSecurityPolicy, timelinePage } from '../../client/src/timeline/page';
import { barPickText, plainText, recordPickText } from '../../client/src/timeline/recordPicks';

const MINUTE = 60_000;
const T0 = Date.UTC(2024, 2, 5, 10, 0, 0);

const RESULT: TimelineResult = {
  start: T0,
  intervalMs: 5 * MINUTE,
  series: [
    { key: 'succeeded', label: 'Succeeded', counts: [3, 0, 1] },
    { key: 'failed', label: 'Failed', counts: [1, 0, 2] },
  ],
  findings: [0, 0, 2],
  total: 9,
  untimed: 2,
};

const model = chartModel(RESULT, { stack: 'outcome', groupLabel: 'Identity' })!;

describe('timeline page: the chart model', () => {
  test('each bar at its start; each series stacked on those below; totals and findings per bar', () => {
    assert.deepEqual(model.xs, [T0, T0 + 5 * MINUTE, T0 + 10 * MINUTE]);
    assert.deepEqual(model.stacked, [
      [3, 0, 1],
      [4, 0, 3],
    ]);
    assert.deepEqual(model.totals, [4, 0, 3]);
    assert.deepEqual(model.findings, [0, 0, 2]);
    assert.deepEqual(
      model.series.map((s) => [s.label, s.colour, s.total]),
      [
        ['Succeeded', 'blue', 4],
        ['Failed', 'red', 3],
      ],
    );
    assert.equal(model.summary, '7 records in bars of 5 minutes · 2 records without a valid eventTime');
    assert.match(model.label, /^Timeline: 7 records in 3 bars of 5 minutes, from 2024-03-05 10:00 UTC, stacked by outcome$/);
  });

  test("groups take the palette in order, the other groups grey; the grouping's name says what the bars are stacked by", () => {
    const series = ['a', 'b', 'c', 'd', 'e'].map((key) => ({ key, label: key, counts: [1] }));
    const grouped = chartModel(
      { ...RESULT, series: [...series, { key: 'other', label: '9 other groups', counts: [4], other: true }], findings: [0] },
      { stack: 'group', groupLabel: 'Source IP' },
    )!;
    assert.deepEqual(
      grouped.series.map((s) => s.colour),
      ['blue', 'green', 'purple', 'orange', 'red', 'lines'],
    );
    assert.match(grouped.label, /stacked by source ip$/);
  });

  test('no bars: no chart, and why', () => {
    assert.equal(chartModel({ ...RESULT, series: [], findings: [] }, { stack: 'outcome', groupLabel: 'Identity' }), undefined);
    assert.equal(emptyText(null, false), 'No CloudTrail log is shown in the Events view.');
    assert.equal(emptyText({ ...RESULT, total: 0 }, true), 'No record matches the filter.');
    assert.equal(emptyText({ ...RESULT, total: 0 }, false), 'The log has no records.');
    assert.equal(emptyText({ ...RESULT, total: 3, untimed: 3 }, false), 'None of the 3 records has a valid eventTime.');
  });

  test('lengths and ranges in words, in UTC', () => {
    assert.deepEqual([1000, 15_000, MINUTE, 30 * MINUTE, 3 * 60 * MINUTE, 86_400_000, 7 * 86_400_000, 365 * 86_400_000].map(durationText), [
      '1 second',
      '15 seconds',
      '1 minute',
      '30 minutes',
      '3 hours',
      '1 day',
      '1 week',
      '1 year',
    ]);
    assert.equal(rangeText(model, 0), '2024-03-05 10:00–10:05 UTC');
    assert.equal(rangeText(model, 0, 2), '2024-03-05 10:00–10:15 UTC');
    const night = { start: Date.UTC(2024, 2, 5, 23, 0), intervalMs: 60 * MINUTE };
    assert.equal(rangeText(night, 0), '2024-03-05 23:00 – 2024-03-06 00:00 UTC');
    assert.equal(rangeText({ start: T0, intervalMs: 5000 }, 1), '2024-03-05 10:00:05–10:00:10 UTC');
  });

  test("a bar's tooltip rows, top of the stack first, and what a screen reader hears", () => {
    assert.deepEqual(barRows(model, 2), [
      { label: 'Failed', count: 2, colour: 'red' },
      { label: 'Succeeded', count: 1, colour: 'blue' },
      { label: 'Flagged (medium or above)', count: 2, colour: 'yellow', mark: true },
    ]);
    assert.deepEqual(barRows(model, 1), []);
    // The words name the level the server marks from.
    assert.ok(barRows(model, 2)[2]!.label.includes(TIMELINE_MIN_LEVEL));
    assert.equal(
      barAnnouncement(model, 2),
      'Bar 3 of 3, 2024-03-05 10:10–10:15 UTC: 3 records: Succeeded 1, Failed 2; 2 records flagged by rules of medium level or above.',
    );
    assert.equal(barAnnouncement(model, 1), 'Bar 2 of 3, 2024-03-05 10:05–10:10 UTC: 0 records.');
    assert.equal(
      selectionAnnouncement(model, 2, 1),
      'Selected 2024-03-05 10:05–10:15 UTC, 2 bars, 3 records. Enter filters the events view to it, New in this window to what is new in it; Escape clears it.',
    );
  });

  test('bars to a time range (after inclusive, before exclusive) and back', () => {
    assert.deepEqual(rangeOf(model, 2, 1), { after: T0 + 5 * MINUTE, before: T0 + 15 * MINUTE });
    assert.deepEqual(rangeOf(model, 0, 0), { after: T0, before: T0 + 5 * MINUTE });
    // A drag from inside bar 0 to inside bar 1 touches both; one to the edge of bar 2 stops before it.
    assert.deepEqual(barsOf(model, T0 + MINUTE, T0 + 6 * MINUTE), { first: 0, last: 1 });
    assert.deepEqual(barsOf(model, T0 + 6 * MINUTE, T0 + 10 * MINUTE), { first: 1, last: 1 });
    assert.deepEqual(barsOf(model, T0 - 60 * MINUTE, T0 + 60 * MINUTE), { first: 0, last: 2 });
    assert.equal(barsOf(model, T0 + 60 * MINUTE, T0 + 90 * MINUTE), undefined);
    assert.deepEqual(
      [barAt(model, T0), barAt(model, T0 + 5 * MINUTE - 1), barAt(model, T0 - 1), barAt(model, T0 + 15 * MINUTE)],
      [0, 0, undefined, undefined],
    );
  });

  test('the time axis in UTC: the date under the first tick and each new day; dates alone for days; years alone for years', () => {
    const evening = Date.UTC(2024, 2, 5, 22, 0);
    assert.deepEqual(timeTicks([evening, evening + 60 * MINUTE, evening + 120 * MINUTE, evening + 180 * MINUTE], 60 * MINUTE), [
      '22:00\n2024-03-05',
      '23:00',
      '00:00\n2024-03-06',
      '01:00',
    ]);
    assert.deepEqual(timeTicks([T0, T0 + 15_000], 15_000), ['10:00:00\n2024-03-05', '10:00:15']);
    assert.deepEqual(timeTicks([T0, T0 + 86_400_000], 86_400_000), ['2024-03-05', '2024-03-06']);
    assert.deepEqual(timeTicks([T0], 365 * 86_400_000), ['2024']);
  });

  test('the count axis is as wide as its widest label, so "2,000" is not clipped', () => {
    // Digits of a 13 px sans-serif font are about 7.5 px wide, a comma about 3.5.
    const width = (text: string) => [...text].reduce((w, c) => w + (c === ',' ? 3.5 : 7.5), 0);
    const room = (labels: string[]) => countAxisSize(labels, width) - 15; // less the tick and the gap before the label
    assert.ok(room(['0', '500', '1,000', '1,500', '2,000']) >= width('2,000'), 'room for 2,000');
    assert.ok(room(['0', '50,000', '100,000', '150,000']) >= width('150,000'), 'room for 150,000');
    assert.ok(countAxisSize(['0', '5', '10'], width) < countAxisSize(['0', '1,000', '2,000'], width), 'no wider than it needs');
    // uPlot asks before it has labels.
    assert.equal(countAxisSize([null, null], width), countAxisSize([], width));
  });
});

describe('timeline page: the keyboard', () => {
  test('arrows move the focus within the bars; Shift extends a selection from where it started; Enter applies it or lists the bar', () => {
    assert.deepEqual(onKey({ focus: 0 }, 'ArrowLeft', false, 5), { kind: 'move', state: { focus: 0 } });
    assert.deepEqual(onKey({ focus: 0 }, 'ArrowRight', false, 5), { kind: 'move', state: { focus: 1 } });
    assert.deepEqual(onKey({ focus: 3 }, 'End', false, 5), { kind: 'move', state: { focus: 4 } });
    assert.deepEqual(onKey({ focus: 3 }, 'Home', false, 5), { kind: 'move', state: { focus: 0 } });
    assert.deepEqual(onKey({ focus: 3 }, 'PageDown', false, 50), { kind: 'move', state: { focus: 13 } });
    assert.deepEqual(onKey({ focus: 2 }, 'ArrowRight', true, 5), { kind: 'move', state: { focus: 3, anchor: 2 } });
    assert.deepEqual(onKey({ focus: 3, anchor: 2 }, 'ArrowRight', true, 5), { kind: 'move', state: { focus: 4, anchor: 2 } });
    assert.deepEqual(onKey({ focus: 4, anchor: 2 }, 'Enter', false, 5), { kind: 'apply', first: 2, last: 4 });
    assert.deepEqual(onKey({ focus: 0, anchor: 2 }, 'Enter', false, 5), { kind: 'apply', first: 0, last: 2 });
    assert.deepEqual(onKey({ focus: 1 }, 'Enter', false, 5), { kind: 'list', bin: 1 });
    // A move without Shift drops the selection; Escape clears it; with none, Escape is not the chart's.
    assert.deepEqual(onKey({ focus: 3, anchor: 2 }, 'ArrowLeft', false, 5), { kind: 'move', state: { focus: 2 } });
    assert.deepEqual(onKey({ focus: 3, anchor: 2 }, 'Escape', false, 5), { kind: 'move', state: { focus: 3 } });
    assert.equal(onKey({ focus: 3 }, 'Escape', false, 5), undefined);
    assert.equal(onKey({ focus: 3 }, 'a', false, 5), undefined);
    assert.equal(onKey({ focus: 0 }, 'ArrowRight', false, 0), undefined);
    // A focus past fewer bars than before (the chart was drawn anew) comes back inside.
    assert.deepEqual(onKey({ focus: 40 }, 'ArrowLeft', false, 5), { kind: 'move', state: { focus: 3 } });
  });
});

describe('timeline page: messages, page and Quick Pick', () => {
  test("only the page's own messages are read", () => {
    assert.deepEqual(pageMessage({ type: 'range', after: 1, before: 2 }), { type: 'range', after: 1, before: 2 });
    assert.deepEqual(pageMessage({ type: 'list', bin: 3, extra: 'x' }), { type: 'list', bin: 3 });
    assert.deepEqual(pageMessage({ type: 'stack', stack: 'group' }), { type: 'stack', stack: 'group' });
    for (const bad of [
      null,
      'range',
      { type: 'range', after: 2, before: 1 },
      { type: 'range', after: '1', before: 2 },
      { type: 'range', after: 1, before: Infinity },
      { type: 'list', bin: -1 },
      { type: 'list', bin: 1.5 },
      { type: 'stack', stack: 'sideways' },
      { type: 'command', command: 'workbench.action.terminal.new' },
      { type: 'drawn', bars: 3, records: 9 },
    ])
      assert.equal(pageMessage(bad), undefined, JSON.stringify(bad));
  });

  test('the page: a strict policy, one script with the nonce from the bundle, no inline handler, nothing from a log', () => {
    const sources = {
      cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
      nonce: 'n0nce"<',
      script: 'https://x/timeline.js',
      style: 'https://x/timeline.css',
    };
    const policy = contentSecurityPolicy(sources);
    assert.match(policy, /^default-src 'none'; /);
    assert.match(policy, /script-src 'nonce-n0nce"<'$/);
    assert.doesNotMatch(policy, /unsafe|\*/);
    const html = timelinePage(sources);
    assert.equal([...html.matchAll(/<script/g)].length, 1);
    assert.match(html, /<script nonce="n0nce&quot;&lt;" src="https:\/\/x\/timeline.js"><\/script>/);
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    assert.doesNotMatch(html, /<style|style="/);
  });

  test("a record in the Quick Pick: its event, error, time, identity and IP; a log's $(icon) shown as written", () => {
    const item = {
      index: 4,
      eventName: 'PutObject',
      eventSource: 's3.amazonaws.com',
      eventTime: '2024-03-05T10:01:02Z',
      identity: '$(alert) mallory',
      sourceIPAddress: '203.0.113.7',
      errorCode: 'AccessDenied',
      level: 'object',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    } as RecordItem;
    assert.deepEqual(recordPickText(item), {
      label: 'PutObject · AccessDenied',
      description: 's3.amazonaws.com',
      detail: '2024-03-05T10:01:02Z · \\$(alert) mallory · 203.0.113.7',
    });
    assert.equal(plainText('$(a)$(b)'), '\\$(a)\\$(b)');
    assert.deepEqual(barPickText('10:00–10:05 UTC', 250, 200), {
      title: '10:00–10:05 UTC: 250 records',
      filter: 'Filter the events view to 10:00–10:05 UTC',
      placeholder: 'The first 200 of 250 records: pick one to show it, or filter the events view to them all',
    });
    assert.equal(barPickText('r', 1, 1).title, 'r: 1 record');
  });
});
