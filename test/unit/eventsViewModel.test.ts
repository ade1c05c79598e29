/** The events view's state in plain Node: pages of records, the "Show more" node, and finding a record's node. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type EventsServer, EventTreeModel } from '../../client/src/eventsView/model';
import type { EventNameNode, EventNode, GroupNode, RecordNode, SourceNode } from '../../client/src/eventsView/nodes';
import { itemOf } from '../../client/src/eventsView/items';
import type { EventTreeResult, GroupBy } from '../../common/protocol';
import { generateLog } from '../support/generateLog';
import { KNOWN_LOG } from '../support/knownLog';
import { objectReadsLog, inProcessServer } from '../support/inProcessServer';

const URI = 'file:///logs/reads.json';

async function modelOf(text: string) {
  const source = inProcessServer(text);
  const changes: (EventNode | undefined)[] = [];
  const model = new EventTreeModel(source, (node) => changes.push(node));
  await model.show(URI);
  return { model, source, changes };
}

async function objectReads(model: EventTreeModel): Promise<EventNameNode> {
  const object = (model.children() as EventNode[]).find((n): n is GroupNode => n.kind === 'group' && n.group.level === 'object')!;
  return (model.children(object) as EventNameNode[])[0]!;
}

const indexes = (nodes: EventNode[]) => nodes.flatMap((n) => (n.kind === 'record' ? [n.item.index] : []));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('events view: paging an event with 450 records', () => {
  test('the first page holds records 0 to 199, then "Show 200 more of 250…"', async () => {
    const { model, source } = await modelOf(objectReadsLog(450));
    const children = await model.children(await objectReads(model));
    assert.deepEqual(
      source.queries.map((q) => [q.offset, q.limit]),
      [[0, 200]],
    );
    assert.deepEqual(indexes(children), range(0, 200));
    const more = children.at(-1)!;
    assert.equal(more.kind, 'more');
    assert.equal(itemOf(more, 'level').label, 'Show 200 more of 250…');
  });

  test('each "Show more" asks for the page where the last one ended, until every record is there once, in order', async () => {
    const { model, source, changes } = await modelOf(objectReadsLog(450));
    const event = await objectReads(model);
    await model.children(event);
    await model.loadMore(event);
    let children = await model.children(event);
    assert.deepEqual(indexes(children), range(0, 400));
    assert.equal(itemOf(children.at(-1)!, 'level').label, 'Show 50 more of 50…');
    await model.loadMore(event);
    children = await model.children(event);
    assert.deepEqual(indexes(children), range(0, 450));
    assert.ok(
      children.every((n) => n.kind === 'record'),
      'no "Show more" once every record is loaded',
    );
    assert.deepEqual(
      source.queries.map((q) => q.offset),
      [0, 200, 400],
    );
    // VS Code asks the event for its children again only when told that node changed.
    assert.deepEqual(changes.slice(-2), [event, event]);
  });

  test('two askers at once load the first page once', async () => {
    const { model, source } = await modelOf(objectReadsLog(300));
    const event = await objectReads(model);
    const [a, b] = await Promise.all([model.children(event), model.children(event)]);
    assert.equal(source.queries.length, 1);
    assert.deepEqual(indexes(a), indexes(b));
  });

  test("loaded pages survive VS Code asking for a group's children again", async () => {
    const { model } = await modelOf(objectReadsLog(450));
    const event = await objectReads(model);
    await model.children(event);
    await model.loadMore(event);
    const again = await objectReads(model);
    assert.equal(again, event);
    assert.equal(again.records.length, 400);
  });

  test('a page asks with the grouping, group and filter the tree shows', async () => {
    const { model, source } = await modelOf(objectReadsLog(450, 3));
    model.groupBy = 'errorCode';
    model.filter = 'denied';
    await model.refresh();
    const [group] = model.children() as GroupNode[];
    const [event] = model.children(group) as EventNameNode[];
    const records = (await model.children(event!)) as RecordNode[];
    assert.deepEqual(source.queries, [
      {
        groupBy: 'errorCode',
        group: 'AccessDenied',
        eventName: 'GetObject',
        eventSource: 's3.amazonaws.com',
        filter: 'denied',
        offset: 0,
        limit: 200,
      },
    ]);
    assert.equal(records.length, 150);
    assert.ok(records.every((r) => r.item.errorCode === 'AccessDenied'));
  });
});

describe('events view: the node of a record the server placed', () => {
  test('deep in an event: pages load until the record is there', async () => {
    const { model, source } = await modelOf(objectReadsLog(450));
    const node = await model.nodeFor({ group: 'object', eventName: 'GetObject', eventSource: 's3.amazonaws.com', position: 420 });
    assert.equal(node?.item.index, 420);
    assert.deepEqual(
      source.queries.map((q) => q.offset),
      [0, 200, 400],
    );
    assert.equal(model.parent(node!), await objectReads(model));
  });

  test("the first record of a page not loaded yet: that page is loaded, and the record is the page's first", async () => {
    for (const position of [200, 400]) {
      const { model, source } = await modelOf(objectReadsLog(450));
      const node = await model.nodeFor({ group: 'object', eventName: 'GetObject', eventSource: 's3.amazonaws.com', position });
      assert.equal(node?.item.index, position, `record ${position}`);
      assert.deepEqual(
        source.queries.map((q) => q.offset),
        range(0, position / 200 + 1).map((page) => page * 200),
      );
    }
  });

  test('the last record of a loaded page asks for no more', async () => {
    const { model, source } = await modelOf(objectReadsLog(450));
    const node = await model.nodeFor({ group: 'object', eventName: 'GetObject', eventSource: 's3.amazonaws.com', position: 199 });
    assert.equal(node?.item.index, 199);
    assert.equal(source.queries.length, 1);
  });

  test('under Other services, through its event source', async () => {
    const { model } = await modelOf(generateLog({ seed: 9, records: 400 }));
    const other = (model.children() as GroupNode[]).find((g) => g.group.level === 'other')!;
    const [source] = model.children(other) as SourceNode[];
    const [event] = model.children(source) as EventNameNode[];
    const place = { group: 'other', eventName: event!.event.eventName, eventSource: source!.eventSource, position: event!.event.count - 1 };
    const node = await model.nodeFor(place);
    assert.ok(node);
    assert.equal(node.item.eventName, place.eventName);
    assert.equal(node.parent, event);
    assert.equal(model.parent(node.parent), source);
  });

  test('a group the tree does not show: no node', async () => {
    const { model } = await modelOf(objectReadsLog(10));
    assert.equal(await model.nodeFor({ group: 'bucket', eventName: 'GetObject', eventSource: 's3.amazonaws.com', position: 0 }), undefined);
  });
});

/** The server answers each tree request from the text the log had when it was asked, but only once the test lets it through. */
function heldSource(texts: Map<string, string>) {
  const held: { readonly uri: string; readonly groupBy: GroupBy; answer(): void }[] = [];
  const source: EventsServer = {
    eventTree: (uri, groupBy, filter) => {
      const server = inProcessServer(texts.get(uri)!);
      return new Promise<EventTreeResult | null>((resolve) =>
        held.push({ uri, groupBy, answer: () => resolve(server.eventTree(uri, groupBy, filter)) }),
      );
    },
    records: (uri, query) => inProcessServer(texts.get(uri)!).records(uri, query),
  };
  return { source, held };
}

const groupLabels = (model: EventTreeModel) => (model.children() as GroupNode[]).map((g) => g.group.label);

describe('events view: a tree that arrives after a newer one was asked for is dropped', () => {
  const READS = 'file:///logs/reads.json';
  const KNOWN = 'file:///logs/known.json';

  test("another log shown meanwhile: the view keeps the newer log's tree", async () => {
    const { source, held } = heldSource(
      new Map([
        [READS, objectReadsLog(3)],
        [KNOWN, KNOWN_LOG],
      ]),
    );
    const model = new EventTreeModel(source, () => undefined);
    const first = model.show(READS);
    const second = model.show(KNOWN);
    held[1]!.answer();
    await second;
    held[0]!.answer();
    await first;
    assert.equal(model.uri, KNOWN);
    assert.equal(model.result?.total, 11);
    assert.deepEqual(groupLabels(model), ['Account-level', 'Bucket-level', 'Object-level', 'Other services']);
  });

  test('the grouping changed meanwhile: the tree is of the new grouping, not of the one its description no longer names', async () => {
    const { source, held } = heldSource(new Map([[KNOWN, KNOWN_LOG]]));
    const model = new EventTreeModel(source, () => undefined);
    const byLevel = model.show(KNOWN);
    model.groupBy = 'identity';
    const byIdentity = model.refresh();
    assert.deepEqual(
      held.map((h) => h.groupBy),
      ['level', 'identity'],
    );
    held[1]!.answer();
    await byIdentity;
    held[0]!.answer();
    await byLevel;
    assert.deepEqual(groupLabels(model), ['alice', 'bob', 'Admin/carol', 'anonymous', 'root', 's3.amazonaws.com']);
    assert.ok((model.children() as GroupNode[]).every((g) => itemOf(g, model.groupBy).id.startsWith(`${KNOWN}#identity#`)));
  });

  test("the grouping changed before any answer: the old grouping's tree never shows, not even until the new one arrives", async () => {
    const { source, held } = heldSource(new Map([[KNOWN, KNOWN_LOG]]));
    const changes: (EventNode | undefined)[] = [];
    const model = new EventTreeModel(source, (node) => changes.push(node));
    const byLevel = model.show(KNOWN);
    model.groupBy = 'identity';
    held[0]!.answer();
    await byLevel;
    assert.deepEqual(groupLabels(model), []);
    assert.equal(model.result, null);
    assert.equal(changes.length, 0);
    const byIdentity = model.refresh();
    held[1]!.answer();
    await byIdentity;
    assert.deepEqual(groupLabels(model), ['alice', 'bob', 'Admin/carol', 'anonymous', 'root', 's3.amazonaws.com']);
  });

  test('the filter changed before any answer: the unfiltered tree never shows under the filter', async () => {
    const { source, held } = heldSource(new Map([[KNOWN, KNOWN_LOG]]));
    const model = new EventTreeModel(source, () => undefined);
    const unfiltered = model.show(KNOWN);
    model.filter = 'accessdenied';
    held[0]!.answer();
    await unfiltered;
    assert.deepEqual(groupLabels(model), []);
    const filtered = model.refresh();
    held[1]!.answer();
    await filtered;
    assert.deepEqual(groupLabels(model), ['Bucket-level', 'Object-level', 'Other services']);
    assert.equal(model.result?.shown, 5);
  });

  test('the log edited meanwhile: the tree of the older text does not replace that of the newer', async () => {
    const texts = new Map([[KNOWN, objectReadsLog(3)]]);
    const { source, held } = heldSource(texts);
    const model = new EventTreeModel(source, () => undefined);
    const before = model.show(KNOWN);
    texts.set(KNOWN, KNOWN_LOG);
    const after = model.refresh();
    held[1]!.answer();
    await after;
    held[0]!.answer();
    await before;
    assert.equal(model.result?.total, 11);
  });

  test('answers in order while typing outpaces the server: each is shown as it arrives', async () => {
    const texts = new Map([[KNOWN, objectReadsLog(3)]]);
    const { source, held } = heldSource(texts);
    const changes: (EventNode | undefined)[] = [];
    const model = new EventTreeModel(source, (node) => changes.push(node));
    const before = model.show(KNOWN);
    texts.set(KNOWN, KNOWN_LOG);
    const after = model.refresh();
    held[0]!.answer();
    await before;
    assert.equal(model.result?.total, 3);
    held[1]!.answer();
    await after;
    assert.equal(model.result?.total, 11);
    assert.equal(changes.length, 2);
  });
});
