/** The events view's requests, the outline and folding, as the client asks for them. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DocumentSymbolRequest, FoldingRangeRequest } from 'vscode-languageserver-protocol/node';
import { EventTreeRequest, GROUP_BY_VALUES, RecordAtRequest, RecordsRequest } from '../../common/protocol';
import { catalogueLog } from '../support/catalogueLog';
import { generateLog } from '../support/generateLog';
import { ACCESS_DENIED, expectedGroups, KNOWN_LOG, KNOWN_RECORDS } from '../support/knownLog';
import { DETECTIONS_OFF, TestClient } from '../support/lspClient';

describe('events view requests over LSP', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient();
    // The groups and their order, without findings: the Detections group has its own suite (detections.test.ts).
    client.settings = DETECTIONS_OFF;
    const init = await client.initialize();
    assert.ok(init.capabilities.documentSymbolProvider && init.capabilities.foldingRangeProvider);
  });
  after(async () => {
    await client.dispose();
  });

  test('cloudtrail/eventTree: every catalogue event at its level, counts summing to the records', async () => {
    const { text, cases } = catalogueLog();
    const uri = 'file:///tree/catalogue.json';
    await client.open(uri, text);
    const tree = (await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri } }))!;
    assert.equal(tree.total, cases.length);
    assert.equal(
      tree.groups.reduce((n, g) => n + g.count, 0),
      cases.length,
    );
    for (const c of cases) {
      const group = tree.groups.find((g) => g.level === c.level)!;
      assert.ok(
        group.events.some((e) => e.eventName === c.event.name && e.eventSource === 's3.amazonaws.com'),
        `${c.event.name} at ${c.level}`,
      );
    }
    await client.close(uri);
  });

  const NEW_SINCE = '2024-03-06T20:12:00.000Z';

  test('the known log: for every grouping, the groups, labels, counts and failed counts, and the records behind each', async () => {
    const uri = 'file:///tree/known.json';
    await client.open(uri, KNOWN_LOG);
    const total = KNOWN_RECORDS.length;
    for (const groupBy of GROUP_BY_VALUES) {
      const tree = await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri }, groupBy });
      // The start of the last tenth of the known log's 38 hours: 2024-03-05 10:00 to 2024-03-07 00:00.
      assert.deepEqual(tree, { version: 1, groups: expectedGroups(groupBy), total, shown: total, newSince: NEW_SINCE }, groupBy);
      for (const group of tree!.groups) {
        const all = await client.connection.sendRequest(RecordsRequest, { textDocument: { uri }, groupBy, group: group.key });
        assert.equal(all!.total, group.count, `${groupBy} ${group.label}`);
        for (const { eventName, eventSource, count, errors } of group.events) {
          const query = { textDocument: { uri }, groupBy, group: group.key, eventName, eventSource };
          const page = (await client.connection.sendRequest(RecordsRequest, query))!;
          assert.equal(page.total, count, `${groupBy} ${group.label} ${eventName}`);
          assert.equal(page.items.filter((i) => i.errorCode).length, errors, `${groupBy} ${group.label} ${eventName} failed`);
        }
      }
    }
    const filtered = await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri }, filter: ACCESS_DENIED.filter });
    assert.deepEqual(filtered, { version: 1, groups: ACCESS_DENIED.groups(), total, shown: ACCESS_DENIED.shown, newSince: NEW_SINCE });
    const denied = await client.connection.sendRequest(RecordsRequest, { textDocument: { uri }, filter: ACCESS_DENIED.filter });
    assert.equal(denied!.total, ACCESS_DENIED.shown);
    await client.close(uri);
  });

  test('opening a file and asking for its tree at once, as the editor does: the problems come first', async () => {
    // A record with a bad timestamp, so the diagnostics are not empty.
    const text = generateLog({ seed: 32, records: 3000 }).replace(/"eventTime":"[^"]*"/, '"eventTime":"yesterday"');
    const uri = 'file:///tree/order.json';
    const order: string[] = [];
    const opened = client.open(uri, text).then((diagnostics) => order.push(`diagnostics ${diagnostics.length}`));
    const tree = client.connection.sendRequest(EventTreeRequest, { textDocument: { uri } }).then((t) => order.push(`tree ${t?.total}`));
    await Promise.all([opened, tree]);
    assert.deepEqual(order, ['diagnostics 1', 'tree 3000']);
    await client.close(uri);
  });

  test('cloudtrail/records: pages, filters and ranges that select the record', async () => {
    const text = generateLog({ seed: 31, records: 2500 });
    const uri = 'file:///tree/big.json';
    await client.open(uri, text);
    const document = client.document(uri);
    const tree = (await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri } }))!;
    const object = tree.groups.find((g) => g.level === 'object')!;
    const top = object.events[0]!;
    const page = (await client.connection.sendRequest(RecordsRequest, {
      textDocument: { uri },
      level: 'object',
      eventName: top.eventName,
      eventSource: top.eventSource,
      limit: 5,
    }))!;
    assert.equal(page.total, top.count);
    assert.equal(page.items.length, 5);
    for (const item of page.items) {
      const record = JSON.parse(document.getText(item.range)) as { eventName: string; eventTime: string };
      assert.equal(record.eventName, top.eventName);
      assert.equal(record.eventTime, item.eventTime);
    }
    const next = (await client.connection.sendRequest(RecordsRequest, {
      textDocument: { uri },
      level: 'object',
      eventName: top.eventName,
      eventSource: top.eventSource,
      offset: 5,
      limit: 5,
    }))!;
    assert.ok(next.items[0]!.index > page.items[4]!.index);

    const filtered = (await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri }, filter: 'AccessDenied' }))!;
    assert.ok(filtered.shown > 0 && filtered.shown < filtered.total);
    const denied = (await client.connection.sendRequest(RecordsRequest, { textDocument: { uri }, filter: 'AccessDenied', limit: 1000 }))!;
    assert.equal(denied.total, filtered.shown);
    assert.ok(denied.items.every((i) => i.errorCode === 'AccessDenied'));

    const byIdentity = (await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri }, groupBy: 'identity' }))!;
    assert.equal(
      byIdentity.groups.reduce((n, g) => n + g.count, 0),
      2500,
    );
    assert.equal(byIdentity.groups[0]!.level, undefined);
    await client.close(uri);
  });

  test('cloudtrail/recordAt: the record under the cursor and where the tree shows it', async () => {
    const text = generateLog({ seed: 32, records: 400, pretty: true });
    const uri = 'file:///tree/cursor.json';
    await client.open(uri, text);
    const document = client.document(uri);
    const offset = text.indexOf('"eventName"', Math.floor(text.length / 2));
    const at = (await client.connection.sendRequest(RecordAtRequest, { textDocument: { uri }, position: document.positionAt(offset) }))!;
    assert.ok(document.offsetAt(at.item.range.start) <= offset && offset <= document.offsetAt(at.item.range.end));
    const page = (await client.connection.sendRequest(RecordsRequest, {
      textDocument: { uri },
      level: at.item.level,
      eventName: at.eventName,
      eventSource: at.eventSource,
      offset: at.position,
      limit: 1,
    }))!;
    assert.equal(page.items[0]!.index, at.item.index);
    assert.equal(
      await client.connection.sendRequest(RecordAtRequest, { textDocument: { uri }, position: { line: 0, character: 0 } }),
      null,
    );
    await client.close(uri);
  });

  test('a broken file: the records that parse, and an entry for the first error', async () => {
    const text = generateLog({ seed: 33, records: 30 });
    const uri = 'file:///tree/broken.json';
    const broken = text.replace('},{', '}{');
    await client.open(uri, broken);
    const tree = (await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri } }))!;
    assert.equal(tree.total, 30);
    assert.equal(tree.syntaxErrors!.count, 1);
    assert.equal(tree.syntaxErrors!.first.start.character, broken.indexOf('}{') + 1);
    await client.close(uri);
  });

  test('outline: one symbol per record named by time and event name; records fold', async () => {
    const text = generateLog({ seed: 34, records: 20, pretty: true });
    const uri = 'file:///tree/outline.json';
    await client.open(uri, text);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as { name: string }[];
    const records = (JSON.parse(text) as { Records: { eventTime: string; eventName: string }[] }).Records;
    assert.deepEqual(
      symbols.map((s) => s.name),
      records.map((r) => `${r.eventTime} ${r.eventName}`),
    );
    const folds = (await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } }))!;
    const document = client.document(uri);
    const recordLines = [...text.matchAll(/\{\n\s*"eventVersion"/g)].map((m) => document.positionAt(m.index).line);
    assert.equal(recordLines.length, records.length);
    assert.ok(folds.length > records.length, 'records and their objects fold');
    assert.ok(recordLines.every((line) => folds.some((f) => f.startLine === line)));
    await client.close(uri);
  });
});
