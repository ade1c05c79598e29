/**
 * One log file read from disk by cloudtrail/openLog: its records are at its URI in the events view, and
 * its problems are published for it, exactly as when the same text is opened as a document.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CancellationTokenSource, type Diagnostic } from 'vscode-languageserver-protocol/node';
import {
  CloseFolderNotification,
  CloseLogNotification,
  EventTreeRequest,
  FolderProgressNotification,
  OpenFolderRequest,
  OpenLogRequest,
  RecordsRequest,
  type RecordItem,
  TimelineRequest,
} from '../../common/protocol';
import { cleanRecord, logOf } from '../support/cleanRecord';
import { generateLog } from '../support/generateLog';
import { DETECTIONS_OFF, TestClient } from '../support/lspClient';
import { fixturePath } from '../support/paths';

/** Every shape the server reads, and a few texts that are hard to place right. */
function shapes(): { name: string; text: string }[] {
  const fixture = (name: string) => readFileSync(fixturePath('shapes', name), 'utf8');
  const pretty = generateLog({ seed: 7, records: 30, pretty: true });
  const records = JSON.parse(pretty) as { Records: Record<string, unknown>[] };
  // Characters of two and four UTF-8 bytes and of two UTF-16 units, before records.
  records.Records[3]!.userAgent = 'naïve 日本 🚀 agent';
  return [
    { name: 'delivered.json', text: generateLog({ seed: 5, records: 40 }) },
    { name: 'pretty.json', text: pretty },
    { name: 'crlf-multibyte.json', text: JSON.stringify(records, null, 2).replace(/\n/g, '\r\n') },
    { name: 'bare-array.json', text: fixture('bare-array.json') },
    { name: 'records.jsonl', text: fixture('records.jsonl') },
    { name: 'lookup-events.json', text: fixture('lookup-events.json') },
    { name: 'cloudwatch-export.json', text: fixture('cloudwatch-export.json') },
    { name: 'single-record.json', text: fixture('single-record.json') },
    { name: 'digest.json', text: fixture('digest.json') },
    { name: 'broken.json', text: generateLog({ seed: 9, records: 20 }).replace('},"eventTime"', '} "eventTime"').replace('}]}', '}') },
  ];
}

/** Diagnostics as compared: what a user sees of each. */
function seen(diagnostics: readonly Diagnostic[]) {
  return diagnostics.map((d) => ({ range: d.range, code: d.code, message: d.message, severity: d.severity }));
}

describe('a log file read from disk over LSP', () => {
  let client: TestClient;
  let root: string;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'cloudtrail-file-'));
    client = new TestClient();
    // A file's JSON problems and records, without findings: those have their own suite (detections.test.ts).
    client.settings = DETECTIONS_OFF;
    await client.initialize();
  });

  after(async () => {
    await client.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  /** Writes a file and reads it with cloudtrail/openLog; resolves with the answer and the file's first diagnostics. */
  async function readFromDisk(name: string, bytes: Uint8Array | string) {
    const file = path.join(root, name);
    writeFileSync(file, bytes);
    const uri = pathToFileURL(file).toString();
    const published = client.nextDiagnostics(uri, () => true);
    const result = (await client.connection.sendRequest(OpenLogRequest, { uri }))!;
    return { uri, result, diagnostics: (await published).diagnostics };
  }

  const treeOf = (uri: string) => client.connection.sendRequest(EventTreeRequest, { textDocument: { uri } });

  test('cloudtrail/openLog and closeLog take { uri }; openFolder and closeFolder, their first names, still take { folder }', async () => {
    const text = generateLog({ seed: 16, records: 6 }).replace('},"eventTime"', '} "eventTime"');
    const byNew = await readFromDisk('by-new-name.json', text);
    assert.equal(byNew.result.records, 6);
    assert.equal((await treeOf(byNew.uri))?.total, 6);
    const clearedNew = client.nextDiagnostics(byNew.uri, () => true);
    await client.connection.sendNotification(CloseLogNotification, { uri: byNew.uri });
    assert.deepEqual((await clearedNew).diagnostics, []);
    assert.equal(await treeOf(byNew.uri), null);

    const file = path.join(root, 'by-first-name.json');
    writeFileSync(file, text);
    const uri = pathToFileURL(file).toString();
    const published = client.nextDiagnostics(uri, () => true);
    assert.equal((await client.connection.sendRequest(OpenFolderRequest, { folder: uri }))?.records, 6);
    assert.deepEqual(seen((await published).diagnostics), seen(byNew.diagnostics));
    assert.equal((await treeOf(uri))?.total, 6);
    const cleared = client.nextDiagnostics(uri, () => true);
    await client.connection.sendNotification(CloseFolderNotification, { folder: uri });
    assert.deepEqual((await cleared).diagnostics, []);
    assert.equal(await treeOf(uri), null);
  });

  async function allRecords(uri: string): Promise<RecordItem[]> {
    const tree = (await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri }, groupBy: 'eventSource' }))!;
    const items: RecordItem[] = [];
    for (const group of tree.groups) {
      const page = await client.connection.sendRequest(RecordsRequest, {
        textDocument: { uri },
        groupBy: 'eventSource',
        group: group.key,
        limit: 1000,
      });
      items.push(...page!.items);
    }
    return items.sort((a, b) => a.index - b.index);
  }

  for (const { name, text } of shapes()) {
    test(`${name}: the same records, ranges and problems as the text opened as a document`, async () => {
      const disk = await readFromDisk(name, text);
      const documentUri = `file:///as-document/${name}`;
      const documentDiagnostics = await client.open(documentUri, text);
      assert.deepEqual(seen(disk.diagnostics), seen(documentDiagnostics));
      const fromDisk = await allRecords(disk.uri);
      const fromDocument = await allRecords(documentUri);
      assert.equal(disk.result.records, fromDocument.length);
      assert.deepEqual(
        fromDisk.map(({ uri: _uri, ...item }) => item),
        fromDocument,
      );
      const tree = (await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri: disk.uri } }))!;
      const documentTree = (await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri: documentUri } }))!;
      assert.deepEqual({ ...tree, version: 0 }, { ...documentTree, version: 0 });
      await client.close(documentUri);
    });
  }

  test('a shipper’s export with @timestamp for eventTime: timed, in the timeline, no "missing eventTime" warning', async () => {
    const shipped = (time: string, eventName: string) => ({ '@timestamp': time, ...cleanRecord({ eventTime: undefined, eventName }) });
    const text = logOf(
      shipped('2024-03-05T10:00:02.250Z', 'Second'),
      cleanRecord({ eventTime: '2024-03-05T10:00:01Z', eventName: 'First', eventID: '0e6b5a0c-2f7d-4a44-9a51-3c1d2e4f5a6b' }),
    );
    const disk = await readFromDisk('shipped.json.gz', gzipSync(Buffer.from(text)));
    assert.deepEqual(
      disk.diagnostics.map((d) => d.code),
      [],
    );
    assert.deepEqual(
      (await allRecords(disk.uri)).map((r) => [r.eventName, r.eventTime]),
      [
        ['Second', '2024-03-05T10:00:02.250Z'],
        ['First', '2024-03-05T10:00:01Z'],
      ],
    );
    const timeline = (await client.connection.sendRequest(TimelineRequest, { textDocument: { uri: disk.uri }, stack: 'outcome' }))!;
    assert.deepEqual([timeline.total, timeline.untimed], [2, 0]);
  });

  test('a gzipped log is read decompressed, with byte progress', async () => {
    const text = generateLog({ seed: 11, records: 50 });
    const progress: { done: number; total: number; unit?: string }[] = [];
    const listening = client.connection.onNotification(FolderProgressNotification, (p) => {
      progress.push(p);
    });
    const disk = await readFromDisk('delivered.json.gz', gzipSync(Buffer.from(text)));
    listening.dispose();
    assert.equal(disk.result.records, 50);
    assert.deepEqual(disk.result.failed, []);
    assert.deepEqual(disk.diagnostics, []);
    const last = progress.at(-1)!;
    assert.equal(last.unit, 'bytes');
    assert.equal(last.done, last.total);
  });

  test('a truncated .json.gz gives the records it holds and says why the rest is missing', async () => {
    const whole = gzipSync(Buffer.from(generateLog({ seed: 12, records: 60 })));
    const disk = await readFromDisk('cut.json.gz', whole.subarray(0, Math.floor(whole.length / 2)));
    assert.ok(disk.result.records > 5 && disk.result.records < 60, `${disk.result.records} records`);
    assert.equal(disk.result.failed.length, 1);
    assert.match(disk.result.failed[0]!.message, /ends early/);
    assert.ok(
      disk.diagnostics.some((d) => d.code === 'unexpected-end'),
      'the cut-off text ends early',
    );
  });

  test('problems are capped by cloudtrail.maxProblems', async () => {
    client.settings = { ...DETECTIONS_OFF, maxProblems: 3 };
    await client.changeSettings(client.settings);
    try {
      const text = generateLog({ seed: 13, records: 20 }).replace(/"eventID":"[^"]*",/g, '');
      const disk = await readFromDisk('many-problems.json', text);
      assert.deepEqual(
        disk.diagnostics.map((d) => d.code),
        ['missing-field', 'missing-field', 'missing-field', 'too-many-problems'],
      );
    } finally {
      client.settings = DETECTIONS_OFF;
      await client.changeSettings(client.settings);
    }
  });

  test('an open document of the same URI wins; closing it shows the file from disk again; closing the file clears its problems', async () => {
    const text = generateLog({ seed: 14, records: 10 }).replace('},"eventTime"', '} "eventTime"');
    const disk = await readFromDisk('shared.json', text);
    assert.equal(disk.diagnostics.length, 1);
    const edited = generateLog({ seed: 15, records: 4 });
    assert.deepEqual(await client.open(disk.uri, edited), []);
    const tree = (await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri: disk.uri } }))!;
    assert.equal(tree.total, 4);
    const republished = client.nextDiagnostics(disk.uri, (p) => p.diagnostics.length > 0);
    await client.close(disk.uri);
    assert.deepEqual(seen((await republished).diagnostics), seen(disk.diagnostics));
    assert.equal((await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri: disk.uri } }))!.total, 10);
    const cleared = client.nextDiagnostics(disk.uri, () => true);
    await client.connection.sendNotification(CloseFolderNotification, { folder: disk.uri });
    assert.deepEqual((await cleared).diagnostics, []);
    assert.equal(await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri: disk.uri } }), null);
  });

  test('a large log broken in several places, read on the reading threads: every fault where the document has it', async () => {
    // Broken after the given offset: the next record not separated, junk, a missing comma, a string cut by its line.
    const breakAfter = (text: string, at: number, find: string, put: string) => {
      const found = text.indexOf(find, at);
      return text.slice(0, found) + put + text.slice(found + find.length);
    };
    let text = generateLog({ seed: 16, targetBytes: 1_500_000 });
    text = breakAfter(text, 1000, '},{"eventVersion"', '}{"eventVersion"');
    text = breakAfter(text, 400_000, '},{"eventVersion"', '}, junk {"eventVersion"');
    text = breakAfter(text, 800_000, ',"eventTime"', ' "eventTime"');
    text = breakAfter(text, 1_100_000, '"awsRegion":"', '"awsRegion":"\n');
    const cut = text.slice(0, text.length - 700);
    const disk = await readFromDisk('large-broken.json', cut);
    assert.ok(disk.result.records > 500, `${disk.result.records} records`);
    const documentUri = 'file:///as-document/large-broken.json';
    const documentDiagnostics = await client.open(documentUri, cut);
    assert.ok(documentDiagnostics.filter((d) => d.severity === 1).length >= 5, 'the faults are errors');
    assert.deepEqual(seen(disk.diagnostics), seen(documentDiagnostics));
    await client.close(documentUri);
  });

  test('reading a large file can be cancelled: the answer is null and nothing is shown', async () => {
    const file = path.join(root, 'cancelled.json');
    writeFileSync(file, generateLog({ seed: 17, targetBytes: 4_000_000 }));
    const uri = pathToFileURL(file).toString();
    const source = new CancellationTokenSource();
    const cancelling = client.connection.onNotification(FolderProgressNotification, (p) => {
      if (p.folder === uri) source.cancel();
    });
    const result = await client.connection.sendRequest(OpenFolderRequest, { folder: uri }, source.token);
    cancelling.dispose();
    assert.equal(result, null);
    assert.equal(await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri } }), null);
  });

  test('a file that does not exist is reported as failed, and nothing is shown for it', async () => {
    const uri = pathToFileURL(path.join(root, 'missing.json')).toString();
    const result = (await client.connection.sendRequest(OpenFolderRequest, { folder: uri }))!;
    assert.equal(result.records, 0);
    assert.match(result.failed[0]!.message, /ENOENT|no such file/);
    assert.equal(await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri } }), null);
  });
});
