/** What the events view's nodes show, as a user reads them: labels, counts of failures, tooltips, ids. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { itemOf, type ItemSpec } from '../../client/src/eventsView/items';
import { EventTreeModel } from '../../client/src/eventsView/model';
import { EventNameNode, type EventNode, GroupNode, ProblemsNode, RecordNode } from '../../client/src/eventsView/nodes';
import { viewDescription } from '../../client/src/eventsView/viewText';
import { GROUP_BY_VALUES, type GroupBy, type RecordItem } from '../../common/protocol';
import { generateLog } from '../support/generateLog';
import { objectReadsLog, serverEventSource } from '../support/serverEventSource';

const URI = 'file:///logs/a.json';

async function treeOf(text: string, groupBy: GroupBy = 'level'): Promise<EventTreeModel> {
  const model = new EventTreeModel(serverEventSource(text), () => undefined);
  model.groupBy = groupBy;
  await model.show(URI);
  return model;
}

const objectGroup = new GroupNode(URI, { key: 'object', level: 'object', label: 'Object-level', count: 0, events: [] }, false);
const eventNode = (count: number, errors: number) =>
  new EventNameNode(objectGroup, { eventName: 'GetObject', eventSource: 's3.amazonaws.com', count, errors });

describe('events view items: event names and their failures', () => {
  test('"N failed" beside the count when records carry an error code', () => {
    const item = itemOf(eventNode(12, 3), 'level');
    assert.equal(item.label, 'GetObject');
    assert.equal(item.description, '12 · 3 failed');
    assert.equal(item.tooltip, 'GetObject (s3.amazonaws.com): 12 records, 3 with an error code');
  });

  test('only the count when none failed', () => {
    const item = itemOf(eventNode(12, 0), 'level');
    assert.equal(item.description, '12');
    assert.equal(item.tooltip, 'GetObject (s3.amazonaws.com): 12 records');
  });

  test('one record is "1 record"', () => {
    assert.equal(itemOf(eventNode(1, 1), 'level').tooltip, 'GetObject (s3.amazonaws.com): 1 record, 1 with an error code');
  });

  test('the failures counted from a real log: one in three denied', async () => {
    const model = await treeOf(objectReadsLog(30, 3));
    const [group] = model.children() as GroupNode[];
    const [event] = model.children(group) as EventNameNode[];
    assert.equal(itemOf(event!, 'level').description, '30 · 10 failed');
  });
});

describe("events view items: each grouping's labels", () => {
  const text = generateLog({ seed: 12, records: 400 });
  /** What a user reads per grouping: its name beside the view's title, and the labels at the top of the tree. */
  const expected: Record<GroupBy, { name: string; labels: (labels: string[]) => void }> = {
    level: {
      name: 'Event level',
      labels: (labels) => assert.deepEqual(labels, ['Account-level', 'Bucket-level', 'Object-level', 'Other services']),
    },
    identity: {
      name: 'Identity',
      labels: (labels) =>
        assert.ok(
          labels.some((l) => /alice|bob|carol|deploy-bot|mallory/.test(l)),
          labels.join(),
        ),
    },
    sourceIPAddress: {
      name: 'Source IP',
      labels: (labels) =>
        assert.ok(
          labels.some((l) => /^\d+\.\d+\.\d+\.\d+$/.test(l)),
          labels.join(),
        ),
    },
    eventSource: { name: 'Event source', labels: (labels) => assert.ok(labels.includes('s3.amazonaws.com'), labels.join()) },
    errorCode: {
      name: 'Error code',
      labels: (labels) => assert.ok(labels.includes('No error') && labels.includes('AccessDenied'), labels.join()),
    },
    hour: {
      name: 'Hour',
      labels: (labels) =>
        assert.ok(
          labels.every((l) => /^\d{4}-\d{2}-\d{2} \d{2}:00 UTC$/.test(l)),
          labels.join(),
        ),
    },
  };

  for (const groupBy of GROUP_BY_VALUES) {
    test(`${expected[groupBy].name}: groups labelled, counted, and named in the view's description`, async () => {
      const model = await treeOf(text, groupBy);
      const groups = model.children() as GroupNode[];
      const items = groups.map((g) => itemOf(g, groupBy));
      expected[groupBy].labels(items.map((i) => i.label));
      for (const [i, item] of items.entries()) {
        const { count, label } = groups[i]!.group;
        assert.equal(item.description, String(count));
        assert.equal(item.tooltip, `${label}: ${count} ${count === 1 ? 'record' : 'records'}`);
      }
      assert.equal(
        groups.reduce((n, g) => n + g.group.count, 0),
        400,
      );
      assert.equal(new Set(items.map((i) => i.id)).size, items.length, 'one id per group');
      assert.ok(items.every((i) => i.id.startsWith(`${URI}#${groupBy}#`)));
      assert.equal(viewDescription({ groupBy, filter: undefined }), expected[groupBy].name);
    });
  }

  test('only Other services, grouped by level, lists event sources before event names', async () => {
    for (const groupBy of GROUP_BY_VALUES) {
      const model = await treeOf(text, groupBy);
      for (const group of model.children() as GroupNode[]) {
        const kinds = new Set((model.children(group) as EventNode[]).map((n) => n.kind));
        assert.deepEqual([...kinds], [groupBy === 'level' && group.group.level === 'other' ? 'source' : 'event'], group.group.label);
      }
    }
  });
});

describe('events view items: records, problems and "Show more"', () => {
  const record: RecordItem = {
    index: 41,
    eventName: 'GetObject',
    eventSource: 's3.amazonaws.com',
    eventTime: '2024-03-05T10:02:03Z',
    identity: 'AdminRole/alice',
    sourceIPAddress: '192.0.2.10',
    errorCode: 'AccessDenied',
    errorMessage: 'Access Denied',
    awsRegion: 'us-east-1',
    level: 'object',
    range: { start: { line: 99, character: 4 }, end: { line: 130, character: 5 } },
  };

  test('a record: time and identity, then IP and error code; a click shows its range', () => {
    const item: ItemSpec = itemOf(new RecordNode(eventNode(50, 1), record), 'level');
    assert.equal(item.label, '2024-03-05 10:02:03 AdminRole/alice');
    assert.equal(item.description, '192.0.2.10 · AccessDenied');
    assert.equal(
      item.tooltip,
      [
        'GetObject (s3.amazonaws.com)',
        'Time: 2024-03-05T10:02:03Z',
        'Identity: AdminRole/alice',
        'Source IP: 192.0.2.10',
        'Region: us-east-1',
        'Error: AccessDenied: Access Denied',
        'Record 42, line 100',
      ].join('\n'),
    );
    assert.deepEqual(item.action, { kind: 'reveal', title: 'Show the record', uri: URI, range: record.range });
    assert.equal(item.id, `${URI}#level#object#s3.amazonaws.com#GetObject#41`);
  });

  test("a folder's record opens in its own file", () => {
    const item = itemOf(new RecordNode(eventNode(50, 1), { ...record, uri: 'file:///logs/day/f1.json.gz' }), 'level');
    assert.equal(item.action?.kind === 'reveal' && item.action.uri, 'file:///logs/day/f1.json.gz');
  });

  test('JSON errors: how many, and the line of the first', () => {
    const first = { start: { line: 67, character: 3 }, end: { line: 67, character: 4 } };
    const item = itemOf(new ProblemsNode(URI, 2, first), 'level');
    assert.equal(item.label, '2 JSON errors: go to the first');
    assert.equal(item.tooltip, 'The file is not valid JSON. Go to the first error, on line 68.');
    assert.equal(itemOf(new ProblemsNode(URI, 1, first), 'level').label, '1 JSON error: go to the first');
  });
});
