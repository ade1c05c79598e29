/**
 * Records exported through a shipper (Logstash, Elastic) with `@timestamp` in place of eventTime: their time is
 * the shipper's, in summaries, the timeline, the filter, a folder's order and detections, and the hover says so
 * where the "missing eventTime" warning would have been. The records are hand-written.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { compileRules } from '../../server/src/detections/compileRules';
import { compileFilter } from '../../server/src/features/eventFilter';
import { hoverAt } from '../../server/src/features/hover';
import { summarize } from '../../server/src/features/recordSummary';
import { buildTimeline } from '../../server/src/features/timeline';
import { indexFolder } from '../../server/src/files/folderIndex';
import { InlineRunner } from '../../server/src/files/readJobs';
import { parseLog } from '../../server/src/parse/parseLog';
import { cleanRecord, logOf } from '../support/cleanRecord';
import { validateLog } from '../support/validateLog';
import { cloudTrailRule } from './sigmaSupport';

/** A clean record as a shipper exported it: eventTime gone, the time in `@timestamp`. */
function shipped(time: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { '@timestamp': time, ...cleanRecord({ eventTime: undefined, ...overrides }) };
}

const SHIPPED_LOG = logOf(shipped('2024-03-05T10:00:02.500Z'), cleanRecord({ eventTime: '2024-03-05T10:00:01Z' }));

describe('a shipper’s @timestamp where eventTime is absent', () => {
  test('is the record’s time in its summary, and eventTime still wins where both are present', () => {
    const both = { ...cleanRecord({ eventTime: '2024-03-05T09:00:00Z' }), '@timestamp': '2024-03-05T09:00:07Z' };
    const times = summarize(parseLog(logOf(shipped('2024-03-05T10:00:02.500Z'), both, cleanRecord({ eventTime: undefined }))));
    assert.deepEqual(
      times.map((s) => s.eventTime),
      ['2024-03-05T10:00:02.500Z', '2024-03-05T09:00:00Z', ''],
    );
  });

  test('is not warned about as a missing eventTime, while a record with neither still is', () => {
    const missing = (text: string) => validateLog(parseLog(text), { maxProblems: 100 }).filter((p) => p.message.includes('"eventTime"'));
    assert.deepEqual(missing(SHIPPED_LOG), []);
    assert.equal(missing(logOf(cleanRecord({ eventTime: undefined }))).length, 1);
  });

  test('the hover on @timestamp says the time is taken from it, with the gap to the record before', () => {
    const text = logOf(cleanRecord({ eventTime: '2024-03-05T10:00:00Z' }), shipped('2024-03-05T10:00:30Z'));
    const markdown = hoverAt(text, parseLog(text), text.indexOf('"2024-03-05T10:00:30Z"') + 2)?.markdown ?? '';
    assert.match(markdown, /Time from `@timestamp` \(eventTime absent; a shipper's field\)/);
    assert.match(markdown, /30 s after the previous record/);
    const both = logOf({ ...cleanRecord(), '@timestamp': '2024-03-05T10:00:30Z' });
    const other = hoverAt(both, parseLog(both), both.indexOf('"2024-03-05T10:00:30Z"') + 2)?.markdown ?? '';
    assert.match(other, /this record's time is its `eventTime`/);
  });

  test('places the record on the timeline and in a time filter', () => {
    const summaries = summarize(parseLog(SHIPPED_LOG));
    assert.equal(buildTimeline(summaries, { stack: 'outcome' }).untimed, 0, 'both records are on the timeline');
    const after = compileFilter('after:2024-03-05T10:00:02Z');
    assert.deepEqual(
      summaries.filter((s) => after.test(s, summaries)).map((s) => s.index),
      [0],
    );
  });

  test('gives a correlation the record’s time', () => {
    const rules = `${cloudTrailRule('sel:\n  eventName: GetBucketAcl\ncondition: sel', 'title: Acl\nid: acl\nname: acl\nlevel: low\n')}---\ntitle: Burst\nid: burst\nlevel: high\ncorrelation:\n  type: event_count\n  rules: [acl]\n  timespan: 1m\n  condition:\n    gte: 1\n`;
    const { set, problems } = compileRules([{ file: 'c.yml', text: rules }]);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      set.correlationEvents(shipped('2024-03-05T10:00:02.500Z')).map((e) => e.time),
      [Date.parse('2024-03-05T10:00:02.500Z')],
    );
  });
});

describe('a shipper’s @timestamp in a folder read from disk', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'cloudtrail-shipper-'));
    writeFileSync(path.join(root, 'a.json'), logOf(shipped('2024-03-05T10:00:03Z', { eventName: 'Third' })));
    writeFileSync(
      path.join(root, 'b.json'),
      logOf(
        cleanRecord({ eventTime: undefined, eventName: 'Untimed' }),
        cleanRecord({ eventTime: '2024-03-05T10:00:01Z', eventName: 'First' }),
      ),
    );
    writeFileSync(path.join(root, 'c.json'), logOf(shipped('2024-03-05T10:00:02Z', { eventName: 'Second' })));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('sorts the records by it, those with no time at all last', async () => {
    const runner = new InlineRunner();
    try {
      const index = (await indexFolder(root, { runner }))!;
      assert.deepEqual(
        index.records.map((r) => [r.eventName, r.eventTime]),
        [
          ['First', '2024-03-05T10:00:01Z'],
          ['Second', '2024-03-05T10:00:02Z'],
          ['Third', '2024-03-05T10:00:03Z'],
          ['Untimed', ''],
        ],
      );
    } finally {
      runner.close();
    }
  });
});
