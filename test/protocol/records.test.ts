/** Reading records over LSP: Format Document and Format Selection, and cloudtrail/recordText, as the client asks for them. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import {
  CancellationTokenSource,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  HoverRequest,
  type MarkupContent,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FORMAT_LIMIT } from '../../common/formatLimit';
import { CloseFolderNotification, OpenFolderRequest, RecordTextRequest } from '../../common/protocol';
import { generateLog } from '../support/generateLog';
import { TestClient, wholeRange } from '../support/lspClient';
import { fixturePath } from '../support/paths';

const FOUR_SPACES = { tabSize: 4, insertSpaces: true };

describe('reading records over LSP', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient();
    const init = await client.initialize();
    assert.ok(init.capabilities.documentFormattingProvider && init.capabilities.documentRangeFormattingProvider);
  });
  after(async () => {
    await client.dispose();
  });

  const applied = (uri: string, edits: TextEdit[] | null) => {
    assert.ok(edits);
    return TextDocument.applyEdits(client.document(uri), edits);
  };

  test('Format Document lays a one-line log out with the editor’s indentation, every value kept', async () => {
    const text = generateLog({ seed: 1, records: 40 });
    const uri = 'file:///format/minified.json';
    await client.open(uri, text);
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: FOUR_SPACES });
    assert.equal(applied(uri, edits), JSON.stringify(JSON.parse(text), null, 4));
    const tabs = await client.connection.sendRequest(DocumentFormattingRequest.type, {
      textDocument: { uri },
      options: { tabSize: 4, insertSpaces: false },
    });
    assert.equal(applied(uri, tabs), JSON.stringify(JSON.parse(text), null, '\t'));
    await client.close(uri);
  });

  test('Format Selection changes nothing outside the selection, and a broken log keeps its characters', async () => {
    const text = `{"Records":[${generateLog({ seed: 2, records: 3 }).slice(12, -2)} {"eventName": "cut`;
    const uri = 'file:///format/broken.json';
    await client.open(uri, text);
    const document = client.document(uri);
    const start = text.indexOf('{"eventVersion"', 20);
    const range = { start: document.positionAt(start), end: document.positionAt(text.length) };
    const edits = await client.connection.sendRequest(DocumentRangeFormattingRequest.type, {
      textDocument: { uri },
      range,
      options: FOUR_SPACES,
    });
    const formatted = applied(uri, edits);
    assert.equal(formatted.slice(0, start), text.slice(0, start));
    assert.equal(formatted.replace(/\s/g, ''), text.replace(/\s/g, ''));
    assert.ok(formatted.endsWith('{\n            "eventName": "cut'), formatted.slice(-60));
    await client.close(uri);
  });

  test('Format Document on a one-line log above the format limit answers no edits; a record of it selected is laid out', async () => {
    const text = generateLog({ seed: 5, targetBytes: FORMAT_LIMIT + 64 * 1024 });
    assert.ok(text.length > FORMAT_LIMIT && !text.includes('\n'));
    const uri = 'file:///format/above-limit.json';
    await client.open(uri, text);
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: FOUR_SPACES });
    assert.equal(edits?.length, 0, 'Format Document answers no edits');
    const all = await client.connection.sendRequest(DocumentRangeFormattingRequest.type, {
      textDocument: { uri },
      range: wholeRange(text),
      options: FOUR_SPACES,
    });
    assert.equal(all?.length, 0, 'Format Selection of all of it answers no edits');
    // A selection within the limit is still laid out, in a log of any size.
    const document = client.document(uri);
    const start = text.indexOf('{"eventVersion"', 20);
    const end = text.indexOf(',{"eventVersion"', start);
    const record = await client.connection.sendRequest(DocumentRangeFormattingRequest.type, {
      textDocument: { uri },
      range: { start: document.positionAt(start), end: document.positionAt(end) },
      options: FOUR_SPACES,
    });
    assert.ok(record && record.length > 0);
    assert.match(applied(uri, record).slice(start, start + 60), /^\s*\{\n {12}"eventVersion": /);
    await client.close(uri);
  });

  test('a cancelled Format Document answers null, and the server goes on answering', async () => {
    // Large, but within the limit: formatted, unless cancelled.
    const text = generateLog({ seed: 3, targetBytes: FORMAT_LIMIT - 64 * 1024 });
    const uri = 'file:///format/large.json';
    await client.open(uri, text);
    const source = new CancellationTokenSource();
    const answer = client.connection.sendRequest(
      DocumentFormattingRequest.type,
      { textDocument: { uri }, options: FOUR_SPACES },
      source.token,
    );
    // A hover asked meanwhile is answered between two slices of the formatting; the cancel, sent after it, stops the rest.
    const hover = client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: client.document(uri).positionAt(text.indexOf('"eventName"') + 2),
    });
    source.cancel();
    assert.ok(await hover);
    assert.equal(await answer, null);
    await client.close(uri);
  });

  test('cloudtrail/recordText: a record by index or by position, pretty-printed, values as in the log', async () => {
    const text = generateLog({ seed: 4, records: 20 });
    const records = (JSON.parse(text) as { Records: unknown[] }).Records;
    const uri = 'file:///records/minified.json';
    await client.open(uri, text);
    const byIndex = await client.connection.sendRequest(RecordTextRequest, { textDocument: { uri }, index: 7 });
    assert.equal(byIndex?.text, JSON.stringify(records[7], null, 2));
    const inside = text.indexOf(JSON.stringify(records[12])) + 40;
    const byPosition = await client.connection.sendRequest(RecordTextRequest, {
      textDocument: { uri },
      position: client.document(uri).positionAt(inside),
      layout: { tabSize: 4, insertSpaces: false },
    });
    assert.equal(byPosition?.text, JSON.stringify(records[12], null, '\t'));
    for (const index of [20, -1, 1.5]) {
      assert.equal(await client.connection.sendRequest(RecordTextRequest, { textDocument: { uri }, index }), null, `index ${index}`);
    }
    assert.equal(
      await client.connection.sendRequest(RecordTextRequest, { textDocument: { uri: 'file:///not/open.json' }, index: 0 }),
      null,
    );
    await client.close(uri);
  });

  test('cloudtrail/recordText: a lookup-events record is the record inside its string, decoded', async () => {
    const text = readFileSync(fixturePath('shapes/lookup-events.json'), 'utf8');
    const events = (JSON.parse(text) as { Events: { CloudTrailEvent: string }[] }).Events;
    const uri = 'file:///records/lookup-events.json';
    await client.open(uri, text);
    const record = await client.connection.sendRequest(RecordTextRequest, { textDocument: { uri }, index: 1 });
    assert.equal(record?.text, JSON.stringify(JSON.parse(events[1]!.CloudTrailEvent), null, 2));
    await client.close(uri);
  });

  test('cloudtrail/recordText: a record of a log read from disk (openFolder on a .json.gz)', async () => {
    const text = generateLog({ seed: 6, records: 30 });
    const records = (JSON.parse(text) as { Records: unknown[] }).Records;
    const root = mkdtempSync(path.join(tmpdir(), 'cloudtrail-records-'));
    try {
      const file = path.join(root, 'delivered.json.gz');
      writeFileSync(file, gzipSync(Buffer.from(text)));
      const uri = pathToFileURL(file).toString();
      assert.equal((await client.connection.sendRequest(OpenFolderRequest, { folder: uri }))?.records, 30);
      const record = await client.connection.sendRequest(RecordTextRequest, { textDocument: { uri }, index: 29 });
      assert.equal(record?.text, JSON.stringify(records[29], null, 2));
      await client.connection.sendNotification(CloseFolderNotification, { folder: uri });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('cloudtrail/recordText: a lookup-events record of a file read from disk is the record inside its string, decoded', async () => {
    const text = readFileSync(fixturePath('shapes/lookup-events.json'), 'utf8');
    const events = (JSON.parse(text) as { Events: { CloudTrailEvent: string }[] }).Events;
    const root = mkdtempSync(path.join(tmpdir(), 'cloudtrail-records-'));
    try {
      const file = path.join(root, 'lookup-events.json');
      writeFileSync(file, text);
      const uri = pathToFileURL(file).toString();
      assert.equal((await client.connection.sendRequest(OpenFolderRequest, { folder: uri }))?.records, events.length);
      const record = await client.connection.sendRequest(RecordTextRequest, { textDocument: { uri }, index: 1 });
      assert.equal(record?.text, JSON.stringify(JSON.parse(events[1]!.CloudTrailEvent), null, 2));
      await client.connection.sendNotification(CloseFolderNotification, { folder: uri });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('a record opened on its own is a CloudTrail document: its problems and hovers', async () => {
    const log = generateLog({ seed: 5, records: 3 }).replace('"eventVersion":"1.', '"eventVersion":"one.');
    const uri = 'file:///records/source.json';
    await client.open(uri, log);
    const { text } = (await client.connection.sendRequest(RecordTextRequest, { textDocument: { uri }, index: 0 }))!;
    const recordUri = 'cloudtrail-record:/source.json/GetObject%2010%3A00%3A00?index%3D0';
    const diagnostics = await client.open(recordUri, text);
    const bad = diagnostics.find((d) => d.code === 'invalid-event-version');
    assert.ok(bad, JSON.stringify(diagnostics));
    const document = client.document(recordUri);
    assert.match(document.getText(bad.range), /"one\./);
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: recordUri },
      position: document.positionAt(text.indexOf('"eventTime"') + 2),
    });
    assert.ok((hover?.contents as MarkupContent | undefined)?.value.length);
    await client.close(recordUri);
    await client.close(uri);
  });
});
