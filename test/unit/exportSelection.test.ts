/** What Export… takes from the events view: each node's records as the server selects them, as many as the view counts, and a safe file name. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  columnChoices,
  exportCount,
  exportFileName,
  exportSelection,
  isExportNode,
  mappingLocation,
} from '../../client/src/eventsView/exportSelection';
import { EventTreeModel } from '../../client/src/eventsView/model';
import type { EventNode } from '../../client/src/eventsView/nodes';
import { columnPaths, MAX_COLUMNS, usableColumns } from '../../common/exportColumns';
import type { GroupBy } from '../../common/protocol';
import { DETECTION_FINDINGS, DETECTION_LOG, DETECTION_RULES } from '../support/detectionLog';
import { generateLog } from '../support/generateLog';
import { inProcessServer } from '../support/inProcessServer';

const URI = 'file:///logs/export.json';

/** Every node of the tree, expanded all the way (records left out). */
async function nodesOf(model: EventTreeModel): Promise<EventNode[]> {
  const found: EventNode[] = [];
  const walk = async (nodes: EventNode[]): Promise<void> => {
    for (const node of nodes) {
      if (node.kind === 'record' || node.kind === 'more') continue;
      found.push(node);
      await walk(await model.children(node));
    }
  };
  await walk(model.children() as EventNode[]);
  return found;
}

describe('Export… from the events view', () => {
  for (const [groupBy, filter] of [
    ['level', undefined],
    ['level', 'Object'],
    ['identity', 'Get'],
    ['eventSource', undefined],
    ['errorCode', 'alice'],
  ] as [GroupBy, string | undefined][]) {
    test(`each node exports the records the view counts under it (by ${groupBy}${filter ? `, filter ${filter}` : ''})`, async () => {
      const text = `${generateLog({ seed: 31, records: 400 }).slice(0, -2)},${DETECTION_LOG.slice(DETECTION_LOG.indexOf('[') + 1)}`;
      const server = inProcessServer(text, {
        rules: DETECTION_RULES,
        findings: DETECTION_FINDINGS.map((f) => ({ ...f, records: f.records.map((r) => r + 400) })),
      });
      const model = new EventTreeModel(server, () => undefined);
      model.groupBy = groupBy;
      model.filter = filter;
      await model.show(URI);
      const nodes = (await nodesOf(model)).filter(isExportNode);
      const kinds = filter ? ['group', 'event'] : ['group', 'event', 'rule', 'window'];
      assert.ok(
        kinds.every((kind) => nodes.some((n) => n.kind === kind)),
        'every kind of node',
      );
      for (const node of [undefined, ...nodes]) {
        const selection = exportSelection(node, groupBy, filter);
        const page = await server.records(URI, { ...selection, limit: 100_000 });
        assert.equal(page?.total, exportCount(node, model.result), `${node?.kind ?? 'the view'} ${JSON.stringify(selection)}`);
      }
      assert.equal(exportCount(undefined, model.result), model.result?.shown);
    });
  }

  test('a file name says what is exported, in letters, digits, dots and dashes only', () => {
    assert.equal(exportFileName(undefined, 'cloudtrail', false), 'cloudtrail-events.json');
    assert.equal(exportFileName(undefined, 'csv', true), 'cloudtrail-events-redacted.csv');
    const rule = {
      kind: 'rule',
      rule: { key: 'k', title: '../../etc/passwd\n$(rm -rf ~) \u202e', level: 'high', count: 1 },
    } as unknown as Parameters<typeof exportFileName>[0];
    assert.equal(exportFileName(rule, 'jsonl', false), 'cloudtrail-etc-passwd-rm-rf.jsonl');
  });

  test('a redacted export’s file name names no group, whose label may be an identity or an address', () => {
    const group = { kind: 'group', group: { key: 'k', label: 'arn:aws:iam::111122223333:user/alice', count: 3 } };
    const event = { kind: 'event', group, event: { eventName: 'GetObject', eventSource: 's3.amazonaws.com', count: 2 } };
    const [groupNode, eventNode] = [group, event] as unknown as Parameters<typeof exportFileName>[0][];
    assert.equal(exportFileName(groupNode, 'csv', false), 'cloudtrail-arn-aws-iam-111122223333-user-alice.csv');
    assert.equal(exportFileName(groupNode, 'csv', true), 'cloudtrail-group-redacted.csv');
    assert.equal(exportFileName(eventNode, 'jsonl', true), 'cloudtrail-GetObject-redacted.jsonl');
  });

  test('the mapping is offered in the home folder or the workspace’s, never beside the export', () => {
    const home = 'file:///home/me';
    const name = 'cloudtrail-events-redacted.mapping.json';
    assert.equal(mappingLocation('file:///cases/42/out.json', name, [home, 'file:///cases/42']), `${home}/${name}`);
    // Exported into the home folder: the workspace's is offered.
    assert.equal(mappingLocation(`${home}/out.json`, name, [`${home}/`, 'file:///cases/42']), `file:///cases/42/${name}`);
    assert.equal(mappingLocation(`${home}/out.json`, name, [home]), undefined);
  });
});

test("the CSV columns offered: the usual ones, then the setting's paths, chosen at first; no path, no column", () => {
  const choices = columnChoices(['requestParameters.userName', 'eventID', 'not a path', 7, 'requestParameters.userName']);
  const picked = choices.filter((c) => c.picked).map((c) => c.label);
  assert.deepEqual(choices.slice(-1), [{ label: 'requestParameters.userName', picked: true }]);
  assert.ok(picked.includes('eventID') && picked.includes('eventTime'));
  assert.ok(!choices.some((c) => c.label === 'not a path'));
  assert.deepEqual(columnChoices('requestParameters.userName'), columnChoices([]));
});

test('columns typed by a user: dotted paths separated by commas or spaces, and what is not one', () => {
  assert.deepEqual(columnPaths(' requestParameters.userName, resources.0.ARN  __proto__.x,requestParameters.userName '), {
    paths: ['requestParameters.userName', 'resources.0.ARN', '__proto__.x'],
    invalid: [],
  });
  assert.deepEqual(columnPaths('a..b, .c, d., "e"'), { paths: [], invalid: ['a..b', '.c', 'd.', '"e"'] });
  assert.deepEqual(usableColumns(['a', 'a', 3, 'b c']), ['a']);
  assert.equal(usableColumns('eventName'), undefined);
  assert.equal(usableColumns(Array.from({ length: 500 }, (_, i) => `f${i}`))?.length, MAX_COLUMNS);
});
