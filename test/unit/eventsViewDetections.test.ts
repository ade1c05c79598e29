/**
 * The events view's Detections group, as a user reads it: first in the tree, its rules highest level first, a
 * correlation rule's windows, their records paged as an event's are, stable ids, the filter, and rule text
 * shown as plain text on one line.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { itemOf, windowSpan } from '../../client/src/eventsView/items';
import { EventTreeModel } from '../../client/src/eventsView/model';
import { DetectionsNode, type EventNode, type GroupNode, RuleNode, WindowNode } from '../../client/src/eventsView/nodes';
import type { DetectionRule, GroupBy, SigmaLevel } from '../../common/protocol';
import type { Finding, RuleInfo } from '../../server/src/detections/ruleSet';
import { DETECTION_FINDINGS, DETECTION_LOG, DETECTION_RULES } from '../support/detectionLog';
import { inProcessServer, type LogDetections, objectReadsLog } from '../support/inProcessServer';
import { cleanRecord, logOf } from '../support/cleanRecord';
import { KNOWN_LOG } from '../support/knownLog';

const URI = 'file:///logs/detections.json';
const FOUND: LogDetections = { rules: DETECTION_RULES, findings: DETECTION_FINDINGS };

async function modelOf(text: string, detections: LogDetections | undefined, groupBy: GroupBy = 'level', filter?: string) {
  const source = inProcessServer(text, detections);
  const model = new EventTreeModel(source, () => undefined);
  model.groupBy = groupBy;
  model.filter = filter;
  await model.show(URI);
  return { model, source };
}

const detectionsOf = (model: EventTreeModel) => (model.children() as EventNode[]).find((n): n is DetectionsNode => n.kind === 'detections');

/** The Detections group, expanded all the way, one line a node: label | description. */
async function outline(model: EventTreeModel): Promise<string[]> {
  const lines: string[] = [];
  const walk = async (nodes: EventNode[], depth: number): Promise<void> => {
    for (const node of nodes) {
      const { label, description } = itemOf(node, model.groupBy);
      lines.push(`${'  '.repeat(depth)}${label} | ${description ?? ''}`);
      if (node.kind === 'detections' || node.kind === 'rule' || node.kind === 'window') await walk(await model.children(node), depth + 1);
    }
  };
  const group = detectionsOf(model);
  if (group) await walk([group], 0);
  return lines;
}

describe('events view: the Detections group', () => {
  test('first among the groups: rules by level, their records, and a correlation rule by window', async () => {
    const { model } = await modelOf(DETECTION_LOG, FOUND);
    // prettier-ignore
    assert.deepEqual(await outline(model), [
      'Detections | 4 rules · 6 findings',
      '  CloudTrail logging stopped | 1',
      '    StopLogging · trail management-events · by bob | 2024-03-05 10:03:00 · 198.51.100.7',
      '  Root account used | 2',
      '    ConsoleLogin · by root | 2024-03-05 10:00:00 · 198.51.100.7',
      '    CreateAccessKey · user deploy · by root | 2024-03-05 10:08:00 · 198.51.100.7',
      '  AccessDenied burst from one identity | 4 in 2 windows',
      '    userIdentity.userName=alice | 2024-03-05 10:02:00 · 1',
      '      ListBuckets · by alice | attempted (AccessDenied) · 2024-03-05 10:02:00 · 198.51.100.7',
      '    userIdentity.userName=mallory | 2024-03-05 10:04:00 – 10:07:00 · 3',
      '      ListBuckets · by mallory | attempted (AccessDenied) · 2024-03-05 10:04:00 · 198.51.100.7',
      '      ListUsers · by mallory | attempted (AccessDenied) · 2024-03-05 10:05:00 · 198.51.100.7',
      '      DescribeInstances · by mallory | attempted (AccessDenied) · 2024-03-05 10:07:00 · 198.51.100.7',
      '  Console login | 1',
      '    ConsoleLogin · by root | 2024-03-05 10:00:00 · 198.51.100.7',
    ]);
    const roots = model.children() as EventNode[];
    assert.deepEqual(
      roots.map((n) => n.kind),
      ['detections', 'group', 'group', 'group'],
    );
  });

  test("a rule's records are asked for by its key; a window's by its rule's key and its index", async () => {
    const { model, source } = await modelOf(DETECTION_LOG, FOUND);
    await outline(model);
    assert.deepEqual(
      source.queries.map(({ detection, finding }) => [detection, finding]),
      [
        ['stop-logging', undefined],
        ['root-use', undefined],
        ['denied-burst', 0],
        ['denied-burst', 1],
        ['console-login', undefined],
      ],
    );
    assert.ok(source.queries.every((q) => q.groupBy === undefined && q.group === undefined && q.eventName === undefined));
  });

  test('the filter: only what it keeps, and a window keeps the index the server gave it', async () => {
    const { model, source } = await modelOf(DETECTION_LOG, FOUND, 'level', 'mallory');
    assert.deepEqual(await outline(model), [
      'Detections | 1 rule · 1 finding',
      '  AccessDenied burst from one identity | 3 in 1 window',
      '    userIdentity.userName=mallory | 2024-03-05 10:04:00 – 10:07:00 · 3',
      '      ListBuckets · by mallory | attempted (AccessDenied) · 2024-03-05 10:04:00 · 198.51.100.7',
      '      ListUsers · by mallory | attempted (AccessDenied) · 2024-03-05 10:05:00 · 198.51.100.7',
      '      DescribeInstances · by mallory | attempted (AccessDenied) · 2024-03-05 10:07:00 · 198.51.100.7',
    ]);
    assert.deepEqual(source.queries, [{ detection: 'denied-burst', finding: 1, filter: 'mallory', offset: 0, limit: 200 }]);
  });

  test('no group when nothing was found, or the filter hides every finding', async () => {
    assert.equal(detectionsOf((await modelOf(KNOWN_LOG, undefined)).model), undefined);
    assert.equal(detectionsOf((await modelOf(DETECTION_LOG, { rules: DETECTION_RULES, findings: [] })).model), undefined);
    assert.equal(detectionsOf((await modelOf(DETECTION_LOG, FOUND, 'level', 'GetObject')).model), undefined);
  });

  test("a record revealed from the editor goes to its event's group, not to Detections", async () => {
    const { model } = await modelOf(DETECTION_LOG, FOUND);
    const node = await model.nodeFor({ group: 'other', eventName: 'ConsoleLogin', eventSource: 'signin.amazonaws.com', position: 0 });
    assert.equal(node?.item.index, 0);
    assert.equal(node?.parent.kind, 'event');
  });

  test('grouped otherwise, the group is the same, and the groups follow it', async () => {
    const { model } = await modelOf(DETECTION_LOG, FOUND, 'identity');
    const roots = model.children() as EventNode[];
    assert.equal(roots[0]?.kind, 'detections');
    assert.deepEqual(
      roots.slice(1).map((g) => (g as GroupNode).group.label),
      ['alice', 'mallory', 'root', 'bob'],
    );
  });
});

describe("events view: a finding's rows read like an analyst's notes", () => {
  const stop = (minute: number, userName: string, trail: string, errorCode?: string) =>
    cleanRecord({
      eventTime: `2024-03-05T10:0${minute}:00Z`,
      eventSource: 'cloudtrail.amazonaws.com',
      eventName: 'StopLogging',
      userIdentity: { type: 'IAMUser', accountId: '111122223333', userName },
      requestParameters: { name: trail },
      ...(errorCode ? { errorCode, errorMessage: 'no' } : {}),
    });
  // Denied first in the log, then done, then aimed at a trail that is not there.
  const log = logOf(
    stop(1, 'mallory', 'arn:aws:cloudtrail:us-east-1:111122223333:trail/management-events', 'AccessDenied'),
    stop(2, 'alice', 'management-events'),
    stop(3, 'bob', 'ghost', 'TrailNotFound'),
  );
  const stopped: LogDetections = {
    rules: [{ ...DETECTION_RULES[1]!, level: 'high' }],
    findings: [0, 1, 2].map((record) => ({ rule: 0, records: [record] })),
  };
  const rowsOf = async (text: string) => {
    const { model } = await modelOf(text, stopped);
    const [rule] = model.children(detectionsOf(model)) as RuleNode[];
    return { rule: rule!, rows: (await model.children(rule)).map((n) => itemOf(n, 'level')) };
  };

  test('each row: event, target and actor; a failed call is an attempt with its error code, below the one that was done', async () => {
    const { rows } = await rowsOf(log);
    assert.deepEqual(
      rows.map((r) => `${r.label} | ${r.description}`),
      [
        'StopLogging · trail management-events · by alice | 2024-03-05 10:02:00 · 192.0.2.10',
        'StopLogging · trail management-events · by mallory | attempted (AccessDenied) · 2024-03-05 10:01:00 · 192.0.2.10',
        'StopLogging · trail ghost · by bob | attempted (TrailNotFound) · 2024-03-05 10:03:00 · 192.0.2.10',
      ],
    );
    assert.deepEqual(rows[1]!.tooltip!.split('\n').slice(0, 2), [
      'StopLogging · trail management-events · by mallory',
      'attempted (AccessDenied)',
    ]);
  });

  test("a failed call's icon is neither a successful call's nor a high rule's", async () => {
    const { rule, rows } = await rowsOf(log);
    const ruleIcon = itemOf(rule, 'level').icon;
    const [done, denied] = rows.map((r) => r.icon);
    assert.notEqual(denied!.id, done!.id);
    assert.notEqual(denied!.id, ruleIcon.id);
    assert.notEqual(done!.id, ruleIcon.id);
  });

  test("the log's text in a row is plain text on one line", async () => {
    const hostile = logOf(stop(1, 'eve\u202e\n[x](command:workbench.action.terminal.new)', 'trail\r\n**bold**\u2066', 'Access\nDenied'));
    const { rows } = await rowsOf(hostile);
    assert.equal(rows[0]!.label, 'StopLogging · trail trail **bold** · by eve [x](command:workbench.action.terminal.new)');
    assert.match(rows[0]!.description!, /^attempted \(Access Denied\) · /);
    assert.doesNotMatch(rows[0]!.label + rows[0]!.description, /[\n\r\u202e\u2066]/);
  });
});

describe('events view: paging under Detections', () => {
  const everyRecord = (count: number, correlation: boolean): LogDetections => {
    const records = Array.from({ length: count }, (_, i) => i);
    const rule: RuleInfo = {
      ...DETECTION_RULES[0]!,
      key: 'reads',
      title: 'Object reads',
      ...(correlation ? { correlation: { type: 'event_count', timespanMs: 3_600_000, groupBy: [] } } : {}),
    };
    const findings: Finding<number>[] = correlation
      ? [{ rule: 0, records, window: { group: [], start: 0, end: 1000 } }]
      : records.map((r) => ({ rule: 0, records: [r] }));
    return { rules: [rule], findings };
  };

  for (const correlation of [false, true])
    test(`${correlation ? 'a window' : 'a rule'} of 450 records: pages of 200 and "Show more", as under an event`, async () => {
      const { model, source } = await modelOf(objectReadsLog(450), everyRecord(450, correlation));
      const [rule] = model.children(detectionsOf(model)) as RuleNode[];
      const holder = correlation ? ((await model.children(rule)) as WindowNode[])[0]! : rule!;
      let children = await model.children(holder);
      assert.equal(children.length, 201);
      assert.equal(itemOf(children.at(-1)!, 'level').label, 'Show 200 more of 250…');
      const more = itemOf(children.at(-1)!, 'level').action;
      assert.equal(more?.kind === 'loadMore' && more.node, holder);
      await model.loadMore(holder);
      await model.loadMore(holder);
      children = await model.children(holder);
      assert.deepEqual(
        children.map((n) => (n.kind === 'record' ? n.item.index : -1)),
        Array.from({ length: 450 }, (_, i) => i),
      );
      assert.deepEqual(
        source.queries.map((q) => q.offset),
        [0, 200, 400],
      );
    });
});

describe('events view: ids under Detections', () => {
  const ids = async (model: EventTreeModel) => {
    const found: string[] = [];
    const walk = async (nodes: EventNode[]): Promise<void> => {
      for (const node of nodes) {
        found.push(itemOf(node, model.groupBy).id);
        if (node.kind === 'detections' || node.kind === 'rule' || node.kind === 'window') await walk(await model.children(node));
      }
    };
    await walk([detectionsOf(model)!]);
    return found;
  };

  test('the same across a refresh and a change of grouping, so what was expanded stays expanded', async () => {
    const { model } = await modelOf(DETECTION_LOG, FOUND);
    const before = await ids(model);
    await model.refresh();
    assert.deepEqual(await ids(model), before);
    model.groupBy = 'hour';
    await model.refresh();
    assert.deepEqual(await ids(model), before);
    assert.ok(before.includes(`${URI}#detections#denied-burst#1#7`), before.join('\n'));
  });

  test("no two nodes share an id, whatever a rule's key holds", async () => {
    // A key that spells another rule's window and record ids.
    const rules = [
      { ...DETECTION_RULES[0]!, key: 'denied-burst#1' },
      { ...DETECTION_RULES[0]!, key: 'denied-burst#1#7' },
      DETECTION_RULES[2]!,
    ];
    const findings = [...DETECTION_FINDINGS.filter((f) => f.rule === 2), { rule: 0, records: [7] }, { rule: 1, records: [7] }];
    const { model } = await modelOf(DETECTION_LOG, { rules, findings });
    const all = await ids(model);
    // The group, three rules, a record under each single-record rule, two windows and their four records.
    assert.equal(all.length, 1 + 3 + 2 + 2 + 4);
    assert.equal(new Set(all).size, all.length, all.join('\n'));
  });
});

describe('events view items: rules and windows', () => {
  const rule = (level: SigmaLevel, extra: Partial<DetectionRule> = {}): RuleNode =>
    new RuleNode(new DetectionsNode(URI, []), { key: 'k', title: 'T', level, count: 2, ...extra });

  // prettier-ignore
  const icons: [SigmaLevel, string, string][] = [
    ['critical', 'error', 'problemsErrorIcon.foreground'],
    ['high', 'error', 'problemsErrorIcon.foreground'],
    ['medium', 'warning', 'problemsWarningIcon.foreground'],
    ['low', 'info', 'problemsInfoIcon.foreground'],
    ['informational', 'circle-outline', 'descriptionForeground'],
  ];
  for (const [level, id, color] of icons)
    test(`a ${level} rule: its count beside it (the title needs the sidebar's width), its level drawn as ${id} and in its tooltip`, () => {
      const item = itemOf(rule(level), 'level');
      assert.equal(item.description, '2');
      assert.match(String(item.tooltip), new RegExp(`^Level: ${level}$`, 'm'));
      assert.deepEqual(item.icon, { id, color });
      assert.equal(item.expandable, true);
    });

  test('the group is drawn in the colour of its highest rule', () => {
    const group = new DetectionsNode(URI, [{ key: 'a', title: 'A', level: 'medium', count: 1 }]);
    assert.deepEqual(itemOf(group, 'level').icon, { id: 'shield', color: 'problemsWarningIcon.foreground' });
  });

  test('rule text is plain text on one line: no Markdown, link or control character is given a meaning', () => {
    const title = 'Root [used](command:workbench.action.terminal.new)\n**now**\u202e<img src=x>\u0007';
    const item = itemOf(rule('high', { title, key: 'evil\nkey' }), 'level');
    assert.equal(item.label, 'Root [used](command:workbench.action.terminal.new) **now** <img src=x>');
    assert.equal(typeof item.tooltip, 'string');
    assert.equal(item.tooltip, [item.label, 'Level: high', '2 records', 'Rule: evil key'].join('\n'));
    assert.equal(item.action, undefined);
  });

  test('a rule with a blank title shows its key', () => {
    assert.equal(itemOf(rule('low', { title: ' \n ' }), 'level').label, 'k');
  });

  test("a window's group-by values as field=value, an absent one as (none); without group-by, its time", () => {
    const parent = rule('medium', { windows: [] });
    const window = (group: { field: string; value: string }[]) =>
      itemOf(
        new WindowNode(parent, { index: 3, group, start: '2024-03-05T10:04:00.000Z', end: '2024-03-05T10:07:30.000Z', count: 5 }),
        'level',
      );
    const two = window([
      { field: 'userIdentity.arn', value: 'arn:aws:iam::111122223333:user/mallory' },
      { field: 'sourceIPAddress', value: '' },
    ]);
    assert.equal(two.label, 'userIdentity.arn=arn:aws:iam::111122223333:user/mallory, sourceIPAddress=(none)');
    assert.equal(two.description, '2024-03-05 10:04:00 – 10:07:30 · 5');
    assert.equal(
      two.tooltip,
      [
        'T',
        'userIdentity.arn=arn:aws:iam::111122223333:user/mallory',
        'sourceIPAddress=(none)',
        '2024-03-05 10:04:00 – 10:07:30 UTC',
        '5 records',
      ].join('\n'),
    );
    const none = window([]);
    assert.equal(none.label, '2024-03-05 10:04:00 – 10:07:30');
    assert.equal(none.description, '5');
  });

  // prettier-ignore
  const spans: [start: string, end: string, shown: string][] = [
    ['2024-03-05T10:04:00.000Z', '2024-03-05T10:07:30.000Z', '2024-03-05 10:04:00 – 10:07:30'],
    ['2024-03-05T23:59:00.000Z', '2024-03-06T00:01:00.000Z', '2024-03-05 23:59:00 – 2024-03-06 00:01:00'],
    ['2024-03-05T10:04:00.000Z', '2024-03-05T10:04:00.000Z', '2024-03-05 10:04:00'],
    ['2024-03-05T10:04:00.250Z', '2024-03-05T10:04:00.750Z', '2024-03-05 10:04:00'],
    ['', '', ''],
    ['', '2024-03-05T10:04:00.000Z', '2024-03-05 10:04:00'],
  ];
  for (const [start, end, shown] of spans)
    test(`window span ${JSON.stringify([start, end])}`, () => {
      assert.equal(windowSpan({ start, end }), shown);
    });

  test('a record under a rule: shown, clicked and opened as under its event', async () => {
    const { model } = await modelOf(DETECTION_LOG, FOUND);
    const rules = model.children(detectionsOf(model)) as RuleNode[];
    const [record] = (await model.children(rules[1]!)) as EventNode[];
    const item = itemOf(record!, 'level');
    assert.equal(item.contextValue, 'record');
    assert.equal(item.id, `${URI}#detections#root-use#0`);
    assert.ok(
      item.tooltip?.startsWith('ConsoleLogin · by root\nConsoleLogin (signin.amazonaws.com)\nTime: 2024-03-05T10:00:00Z\nIdentity: root'),
      item.tooltip,
    );
    assert.equal(item.action?.kind === 'reveal' && item.action.uri, URI);
    assert.deepEqual(item.action?.kind === 'reveal' && item.action.record, {
      log: URI,
      index: 0,
      eventName: 'ConsoleLogin',
      eventTime: '2024-03-05T10:00:00Z',
    });
  });
});
