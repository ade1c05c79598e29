/** What the events view's nodes show, as a user reads them: labels, counts of failures, tooltips, ids. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { itemOf, type ItemSpec } from '../../client/src/eventsView/items';
import { EventTreeModel } from '../../client/src/eventsView/model';
import {
  DetectionsNode,
  EventNameNode,
  type EventNode,
  GroupNode,
  ProblemsNode,
  RecordNode,
  RuleNode,
  SessionNode,
} from '../../client/src/eventsView/nodes';
import { viewDescription } from '../../client/src/eventsView/viewText';
import { GROUP_BY_VALUES, type GroupBy, type RecordItem, SIGMA_LEVELS } from '../../common/protocol';
import { generateLog } from '../support/generateLog';
import { KNOWN_LOG } from '../support/knownLog';
import { objectReadsLog, inProcessServer } from '../support/inProcessServer';

const URI = 'file:///logs/a.json';
const USER = 'arn:aws:iam::111122223333:user/';
const CAROL = 'arn:aws:sts::111122223333:assumed-role/Admin/carol';
const ROOT = 'arn:aws:iam::111122223333:root';

async function treeOf(text: string, groupBy: GroupBy = 'level'): Promise<EventTreeModel> {
  const model = new EventTreeModel(inProcessServer(text), () => undefined);
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

  test('a session under its actor has the name of its account beside its identity, in its label and tooltip', () => {
    const actor = new GroupNode(URI, { key: `${USER}alice`, label: `${USER}alice (prod)`, count: 3, events: [] }, false);
    const session = { key: 'ASIAEXAMPLE', principal: CAROL, accessKeyId: 'ASIAEXAMPLE', accountName: 'prod', count: 3, events: [] };
    const item = itemOf(new SessionNode(actor, session), 'actor');
    assert.equal(item.label, `${CAROL} (prod)`);
    assert.equal(item.tooltip, `Session of ${USER}alice (prod): ${CAROL} (prod) with ASIAEXAMPLE, 3 records`);
    const { accountName: _name, ...unnamed } = session;
    assert.equal(itemOf(new SessionNode(actor, unnamed), 'actor').label, CAROL);
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

describe("events view items: each grouping's groups, in the hand-worked log", () => {
  /** Per grouping: its name beside the view's title, then each group's key, label, count and tooltip, as knownLog works them out. */
  // prettier-ignore
  const expected: Record<GroupBy, { name: string; groups: [key: string, label: string, description: string, tooltip: string][] }> = {
    level: {
      name: 'Event level',
      groups: [
        ['account', 'Account-level', '1', 'Account-level: 1 record'],
        ['bucket', 'Bucket-level', '1', 'Bucket-level: 1 record'],
        ['object', 'Object-level', '5', 'Object-level: 5 records'],
        ['other', 'Other services', '4', 'Other services: 4 records'],
      ],
    },
    identity: {
      name: 'Identity',
      groups: [
        ['alice', 'alice', '3', 'alice: 3 records'],
        ['bob', 'bob', '3', 'bob: 3 records'],
        ['Admin/carol', 'Admin/carol', '2', 'Admin/carol: 2 records'],
        ['anonymous', 'anonymous', '1', 'anonymous: 1 record'],
        ['root', 'root', '1', 'root: 1 record'],
        ['s3.amazonaws.com', 's3.amazonaws.com', '1 · AWS', 's3.amazonaws.com (an AWS service): 1 record'],
      ],
    },
    sourceIPAddress: {
      name: 'Source IP',
      groups: [
        ['192.0.2.1', '192.0.2.1', '3', '192.0.2.1: 3 records'],
        ['192.0.2.2', '192.0.2.2', '3', '192.0.2.2: 3 records'],
        ['198.51.100.7', '198.51.100.7', '2', '198.51.100.7: 2 records'],
        ['', '(no source IP)', '1', '(no source IP): 1 record'],
        ['203.0.113.9', '203.0.113.9', '1', '203.0.113.9: 1 record'],
        ['s3.amazonaws.com', 's3.amazonaws.com', '1 · AWS', 's3.amazonaws.com (an AWS service): 1 record'],
      ],
    },
    eventSource: {
      name: 'Event source',
      groups: [
        ['s3.amazonaws.com', 's3.amazonaws.com', '7', 's3.amazonaws.com: 7 records'],
        ['sts.amazonaws.com', 'sts.amazonaws.com', '2', 'sts.amazonaws.com: 2 records'],
        ['kms.amazonaws.com', 'kms.amazonaws.com', '1', 'kms.amazonaws.com: 1 record'],
        ['signin.amazonaws.com', 'signin.amazonaws.com', '1', 'signin.amazonaws.com: 1 record'],
      ],
    },
    errorCode: {
      name: 'Error code',
      groups: [
        ['', 'No error', '5', 'No error: 5 records'],
        ['AccessDenied', 'AccessDenied', '5', 'AccessDenied: 5 records'],
        ['NoSuchKey', 'NoSuchKey', '1', 'NoSuchKey: 1 record'],
      ],
    },
    hour: {
      name: 'Hour',
      groups: [
        ['', '(no valid eventTime)', '1', '(no valid eventTime): 1 record'],
        ['2024-03-05T10:00Z', '2024-03-05 10:00 UTC', '2', '2024-03-05 10:00 UTC: 2 records'],
        ['2024-03-05T11:00Z', '2024-03-05 11:00 UTC', '3', '2024-03-05 11:00 UTC: 3 records'],
        ['2024-03-06T10:00Z', '2024-03-06 10:00 UTC', '3', '2024-03-06 10:00 UTC: 3 records'],
        ['2024-03-06T23:00Z', '2024-03-06 23:00 UTC', '1', '2024-03-06 23:00 UTC: 1 record'],
        ['2024-03-07T00:00Z', '2024-03-07 00:00 UTC', '1', '2024-03-07 00:00 UTC: 1 record'],
      ],
    },
    actor: {
      name: 'Actor',
      groups: [
        [`${USER}alice`, `${USER}alice`, '3', `${USER}alice: 3 records`],
        [`${USER}bob`, `${USER}bob`, '3', `${USER}bob: 3 records`],
        [CAROL, CAROL, '2', `${CAROL}: 2 records`],
        ['anonymous', 'anonymous', '1', 'anonymous: 1 record'],
        [ROOT, ROOT, '1', `${ROOT}: 1 record`],
        // An origin that is an AWS service is said to be AWS, as By identity says it.
        ['s3.amazonaws.com', 's3.amazonaws.com', '1 · AWS', 's3.amazonaws.com (an AWS service): 1 record'],
      ],
    },
  };

  for (const groupBy of GROUP_BY_VALUES) {
    test(`${expected[groupBy].name}: groups labelled, counted, and named in the view's description`, async () => {
      const model = await treeOf(KNOWN_LOG, groupBy);
      const items = (model.children() as GroupNode[]).map((g) => itemOf(g, groupBy));
      assert.deepEqual(
        items.map((i) => [i.id, i.label, i.description, i.tooltip]),
        expected[groupBy].groups.map(([key, label, description, tooltip]) => [`${URI}#${groupBy}#${key}`, label, description, tooltip]),
      );
      const icons = groupBy === 'level' ? ['organization', 'archive', 'file', 'cloud'] : items.map(() => 'list-tree');
      assert.deepEqual(
        items.map((i) => i.icon.id),
        icons,
      );
      assert.equal(viewDescription({ groupBy, filter: undefined }), expected[groupBy].name);
    });
  }

  test('only Other services, grouped by level, lists event sources before event names; By actor, sessions', async () => {
    const text = generateLog({ seed: 12, records: 400 });
    for (const groupBy of GROUP_BY_VALUES) {
      const model = await treeOf(text, groupBy);
      for (const group of model.children() as GroupNode[]) {
        const kinds = new Set((model.children(group) as EventNode[]).map((n) => n.kind));
        const between = groupBy === 'actor' ? 'session' : groupBy === 'level' && group.group.level === 'other' ? 'source' : 'event';
        assert.deepEqual([...kinds], [between], group.group.label);
      }
    }
  });
});

/** The tree down to event names, one line a node, indented by depth: label, then description, then tooltip. */
async function outline(model: EventTreeModel, groupBy: GroupBy): Promise<string[]> {
  const lines: string[] = [];
  const walk = async (nodes: EventNode[], depth: number): Promise<void> => {
    for (const node of nodes) {
      const { label, description, tooltip } = itemOf(node, groupBy);
      lines.push(['  '.repeat(depth) + label, description, tooltip].filter((part) => part !== undefined).join(' | '));
      if (node.kind === 'group' || node.kind === 'source') await walk(await model.children(node), depth + 1);
    }
  };
  await walk(await model.children(), 0);
  return lines;
}

describe('events view items: event sources and event names, with their failures, in the hand-worked log', () => {
  test("by level: Other services counts each event source's records, and each event name says how many failed", async () => {
    // prettier-ignore
    assert.deepEqual(await outline(await treeOf(KNOWN_LOG, 'level'), 'level'), [
      'Account-level | 1 | Account-level: 1 record',
      '  GetPublicAccessBlock | 1 | GetPublicAccessBlock (s3.amazonaws.com): 1 record',
      'Bucket-level | 1 | Bucket-level: 1 record',
      '  GetBucketAcl | 1 · 1 failed | GetBucketAcl (s3.amazonaws.com): 1 record, 1 with an error code',
      'Object-level | 5 | Object-level: 5 records',
      '  GetObject | 4 · 3 failed | GetObject (s3.amazonaws.com): 4 records, 3 with an error code',
      '  PutObject | 1 · 1 failed | PutObject (s3.amazonaws.com): 1 record, 1 with an error code',
      'Other services | 4 | Other services: 4 records',
      '  sts.amazonaws.com | 2',
      '    AssumeRole | 2 · 1 failed | AssumeRole (sts.amazonaws.com): 2 records, 1 with an error code',
      '  signin.amazonaws.com | 1',
      '    ConsoleLogin | 1 | ConsoleLogin (signin.amazonaws.com): 1 record',
      '  kms.amazonaws.com | 1',
      '    Decrypt | 1 | Decrypt (kms.amazonaws.com): 1 record',
    ]);
  });

  test("by error code: the failed count follows each group's records", async () => {
    // prettier-ignore
    assert.deepEqual(await outline(await treeOf(KNOWN_LOG, 'errorCode'), 'errorCode'), [
      'No error | 5 | No error: 5 records',
      '  AssumeRole | 1 | AssumeRole (sts.amazonaws.com): 1 record',
      '  ConsoleLogin | 1 | ConsoleLogin (signin.amazonaws.com): 1 record',
      '  Decrypt | 1 | Decrypt (kms.amazonaws.com): 1 record',
      '  GetObject | 1 | GetObject (s3.amazonaws.com): 1 record',
      '  GetPublicAccessBlock | 1 | GetPublicAccessBlock (s3.amazonaws.com): 1 record',
      'AccessDenied | 5 | AccessDenied: 5 records',
      '  GetObject | 2 · 2 failed | GetObject (s3.amazonaws.com): 2 records, 2 with an error code',
      '  AssumeRole | 1 · 1 failed | AssumeRole (sts.amazonaws.com): 1 record, 1 with an error code',
      '  GetBucketAcl | 1 · 1 failed | GetBucketAcl (s3.amazonaws.com): 1 record, 1 with an error code',
      '  PutObject | 1 · 1 failed | PutObject (s3.amazonaws.com): 1 record, 1 with an error code',
      'NoSuchKey | 1 | NoSuchKey: 1 record',
      '  GetObject | 1 · 1 failed | GetObject (s3.amazonaws.com): 1 record, 1 with an error code',
    ]);
  });

  test('an event source under Other services: its id, and a server icon', async () => {
    const model = await treeOf(KNOWN_LOG, 'level');
    const other = (model.children() as GroupNode[]).find((g) => g.group.key === 'other')!;
    const [sts] = model.children(other) as EventNode[];
    const item = itemOf(sts!, 'level');
    assert.equal(item.id, `${URI}#level#other#sts.amazonaws.com`);
    assert.equal(item.icon.id, 'server');
    assert.equal(item.expandable, true);
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
    arn: 'arn:aws:sts::444455556666:assumed-role/AdminRole/alice',
    accessKeyId: 'ASIAEXAMPLE000000001',
    accountId: '444455556666',
    recipientAccountId: '111122223333',
    bucketName: 'example-bucket',
    range: { start: { line: 99, character: 4 }, end: { line: 130, character: 5 } },
  };

  test("a record's tooltip names accounts the user named, and says an AWS service or AWS Internal is AWS", () => {
    const lines = (r: RecordItem) => itemOf(new RecordNode(eventNode(50, 1), r), 'level').tooltip!.split('\n');
    const named = lines({ ...record, accountNames: { account: 'prod', recipient: 'logs' } });
    assert.ok(named.includes('Account: 444455556666 (prod) → 111122223333 (logs)'), named.join('\n'));
    const own = lines({ ...record, recipientAccountId: '444455556666', accountNames: { account: 'prod', recipient: 'prod' } });
    assert.ok(own.includes('Account: 444455556666 (prod)'), own.join('\n'));
    const service = lines({ ...record, identity: 'cloudtrail.amazonaws.com', sourceIPAddress: 'AWS Internal' });
    assert.ok(service.includes('Identity: cloudtrail.amazonaws.com (an AWS service)'), service.join('\n'));
    assert.ok(service.includes('Source IP: AWS Internal (AWS, inside its own network)'), service.join('\n'));
    const person = lines({ ...record, identity: 'alice', sourceIPAddress: 'evil.amazonaws.com.example' });
    assert.ok(person.includes('Identity: alice') && person.includes('Source IP: evil.amazonaws.com.example'), person.join('\n'));
  });

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
        'ARN: arn:aws:sts::444455556666:assumed-role/AdminRole/alice',
        'Access key: ASIAEXAMPLE000000001',
        'Account: 444455556666 → 111122223333',
        'Source IP: 192.0.2.10',
        'Bucket: example-bucket',
        'Region: us-east-1',
        'Error: AccessDenied: Access Denied',
        'Record 42, line 100',
      ].join('\n'),
    );
    assert.deepEqual(item.action, {
      kind: 'reveal',
      title: 'Show the record',
      uri: URI,
      range: record.range,
      record: { log: URI, index: 41, eventName: 'GetObject', eventTime: '2024-03-05T10:02:03Z' },
    });
    assert.equal(item.id, `${URI}#level#object#s3.amazonaws.com#GetObject#41`);
    // A failed call: a slashed circle, never the ⊗ of a critical or high rule.
    assert.deepEqual(item.icon, { id: 'circle-slash', color: 'descriptionForeground' });
  });

  test('the same record under a rule: what was called on what by whom, and the failed call as an attempt', () => {
    const rule = new RuleNode(new DetectionsNode(URI, []), { key: 'k', title: 'Secret read', level: 'high', count: 1 });
    const item = itemOf(new RecordNode(rule, { ...record, targetType: 'bucket', target: 'example-bucket' }), 'level');
    assert.equal(item.label, 'GetObject · bucket example-bucket · by AdminRole/alice');
    assert.equal(item.description, 'attempted (AccessDenied) · 2024-03-05 10:02:03 · 192.0.2.10');
    assert.deepEqual(item.tooltip!.split('\n').slice(0, 3), [
      'GetObject · bucket example-bucket · by AdminRole/alice',
      'attempted (AccessDenied)',
      'GetObject (s3.amazonaws.com)',
    ]);
    // Without a target: the event and who acted; a call that was done is no attempt.
    const done = itemOf(new RecordNode(rule, { ...record, errorCode: undefined } as RecordItem), 'level');
    assert.equal(done.label, 'GetObject · by AdminRole/alice');
    assert.equal(done.description, '2024-03-05 10:02:03 · 192.0.2.10');
    // A name of control characters only is no target once on one line.
    assert.equal(
      itemOf(new RecordNode(rule, { ...record, targetType: 'trail', target: '\u202e\u0007' }), 'level').label,
      'GetObject · by AdminRole/alice',
    );
  });

  test("a record's outcome is drawn apart from every rule level", () => {
    const levels = SIGMA_LEVELS.map(
      (level) => itemOf(new RuleNode(new DetectionsNode(URI, []), { key: 'k', title: 'T', level, count: 1 }), 'level').icon.id,
    );
    const outcomes = [record, { ...record, errorCode: undefined } as RecordItem].map(
      (r) => itemOf(new RecordNode(eventNode(1, 1), r), 'level').icon.id,
    );
    assert.equal(new Set(outcomes).size, 2);
    for (const outcome of outcomes) assert.ok(!levels.includes(outcome), `${outcome} is also a level's icon: ${levels.join(', ')}`);
  });

  test("a folder's record opens in its own file", () => {
    const item = itemOf(new RecordNode(eventNode(50, 1), { ...record, uri: 'file:///logs/day/f1.json.gz' }), 'level');
    assert.equal(item.action?.kind === 'reveal' && item.action.uri, 'file:///logs/day/f1.json.gz');
    // Opened on its own, it is the folder's record: the server knows it by its index in the folder.
    assert.equal(item.action?.kind === 'reveal' && item.action.record?.log, URI);
  });

  test("a folder's record names its file in the tooltip, by its path under the folder", () => {
    const folder = new GroupNode(
      'file:///cases/AWSLogs',
      { key: 'object', level: 'object', label: 'Object-level', count: 1, events: [] },
      false,
    );
    const event = new EventNameNode(folder, { eventName: 'GetObject', eventSource: 's3.amazonaws.com', count: 1, errors: 1 });
    const uri = 'file:///cases/AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/05/day%201.json.gz';
    const lines = itemOf(new RecordNode(event, { ...record, uri }), 'level').tooltip!.split('\n');
    assert.deepEqual(lines.slice(-2), ['File: 111122223333/CloudTrail/us-east-1/2024/03/05/day 1.json.gz', 'Record 42, line 100']);
  });

  test('a record of a large file read from disk carries its URI, which is the file shown: no File line', () => {
    const item = itemOf(new RecordNode(eventNode(50, 1), { ...record, uri: URI }), 'level');
    assert.ok(!item.tooltip!.includes('File:'), item.tooltip);
  });

  test('JSON errors: how many, and the line of the first', () => {
    const first = { start: { line: 67, character: 3 }, end: { line: 67, character: 4 } };
    const item = itemOf(new ProblemsNode(URI, 2, first), 'level');
    assert.equal(item.label, '2 JSON errors: go to the first');
    assert.equal(item.tooltip, 'The file is not valid JSON. Go to the first error, on line 68.');
    assert.equal(itemOf(new ProblemsNode(URI, 1, first), 'level').label, '1 JSON error: go to the first');
    assert.deepEqual(item.action, { kind: 'reveal', title: 'Go to the first error', uri: URI, range: first });
  });

  test('a record with no source IP and no error code: nothing beside it, and "(none)" in its tooltip', async () => {
    const model = await treeOf(KNOWN_LOG, 'level');
    const other = (model.children() as GroupNode[]).find((g) => g.group.key === 'other')!;
    const signin = (model.children(other) as EventNode[]).find((n) => n.kind === 'source' && n.eventSource === 'signin.amazonaws.com')!;
    const [consoleLogin] = (await model.children(signin)) as EventNameNode[];
    const [record] = (await model.children(consoleLogin!)) as RecordNode[];
    const item = itemOf(record!, 'level');
    assert.equal(item.label, '2024-03-07 00:00:00 bob');
    assert.equal(item.description, '');
    // An error message without an error code is no failure: no error line, and the plain icon.
    assert.equal(
      item.tooltip,
      [
        'ConsoleLogin (signin.amazonaws.com)',
        'Time: 2024-03-07T00:00:00Z',
        'Identity: bob',
        'ARN: arn:aws:iam::111122223333:user/bob',
        'Source IP: (none)',
        'Region: us-east-1',
        'Record 10, line 216',
      ].join('\n'),
    );
    assert.deepEqual(item.icon, { id: 'circle-small-filled' });
  });
});
