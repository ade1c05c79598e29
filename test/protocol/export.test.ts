/** Exporting what the events view shows over LSP: the formats, reopened; redaction; a node's records; disk reads; cancellation. */
import assert from 'node:assert/strict';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import {
  type EventTreeResult,
  type ExportParams,
  ExportProgressNotification,
  ExportRequest,
  type ExportResult,
  EventTreeRequest,
  OpenFolderRequest,
  RecordsRequest,
} from '../../common/protocol';
import { type CloudTrailRecord, generateRecords } from '../support/generateLog';
import { TestClient } from '../support/lspClient';
import { RECORDS_DIR } from '../support/rulePack';

const log = (records: readonly unknown[]) => JSON.stringify({ Records: records });

/** A tree's counts by group and event, the records under each: what a reopened export must show again. */
function counts(tree: EventTreeResult | null): string[] {
  assert.ok(tree);
  return tree.groups.flatMap((g) => g.events.map((e) => `${g.key} ${e.eventSource} ${e.eventName} ${e.count} ${e.errors}`)).sort();
}

/** Every identifier a generated record holds: accounts, keys and IDs, IPs, user, role, session and bucket names. */
function identifiersOf(records: readonly CloudTrailRecord[]): Set<string> {
  const found = new Set<string>();
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'string') {
      if (/^(\d{12}|A[KS]IA\w+|AIDA\w+|AROA\w+)$/.test(value)) found.add(value);
      if (key === 'sourceIPAddress' && !value.endsWith('.amazonaws.com')) found.add(value);
      if (['userName', 'roleSessionName', 'bucketName'].includes(key)) found.add(value);
      if (key === 'principalId' || key === 'assumedRoleId') for (const part of value.split(':')) found.add(part);
      const identity = /^arn:aws:(?:iam|sts)::\d{12}:(?:user|role|assumed-role|federated-user)\/(.*)$/.exec(value);
      for (const name of identity?.[1]?.split('/') ?? []) found.add(name);
      const bucket = /^arn:aws:s3:::([^/]+)/.exec(value);
      if (bucket) found.add(bucket[1]!);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, Array.isArray(value) ? key : k);
    }
  };
  walk(records, '');
  // The identity providers' names are kept.
  for (const provider of ['SAMLProviderExample', 'accounts.google.com', '']) found.delete(provider);
  return found;
}

/** Whether a text holds a value as a whole token (not `session` inside `session-1`). */
function holds(text: string, value: string): boolean {
  return new RegExp(`(?<![\\w.-])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(text);
}

describe('exporting what the events view shows', () => {
  let client: TestClient;
  let dir: string;
  const records = generateRecords(41, 400);
  const uri = 'file:///export/shown.json';
  const target = (name: string) => path.join(dir, name);
  const send = (params: Omit<ExportParams, 'textDocument'> & { uri?: string }, token?: CancellationTokenSource) =>
    client.connection.sendRequest(ExportRequest, { textDocument: { uri: params.uri ?? uri }, ...params }, token?.token);
  const exported = async (params: Omit<ExportParams, 'textDocument' | 'target'> & { uri?: string }, name: string) => {
    const result = await send({ ...params, target: pathToFileURL(target(name)).toString() });
    assert.ok(result, 'an answer');
    return { result, text: readFileSync(target(name), 'utf8') };
  };
  const tree = (u: string, filter?: string) =>
    client.connection.sendRequest(EventTreeRequest, { textDocument: { uri: u }, ...(filter ? { filter } : {}) });

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-export-'));
    client = new TestClient();
    client.settings = { detections: { enable: false } };
    await client.initialize();
    await client.open(uri, log(records));
  });

  after(async () => {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a CloudTrail log export reopens with the same counts, every record exactly as the log has it', async () => {
    const { result, text } = await exported({ format: 'cloudtrail' }, 'all.json');
    assert.equal(result.records, 400);
    assert.equal(result.bytes, Buffer.byteLength(text));
    // One record a line, each the log's own text.
    assert.equal(text, `{"Records":[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`);
    const reopened = 'file:///export/reopened.json';
    assert.deepEqual(await client.open(reopened, text), []);
    assert.deepEqual(counts(await tree(reopened)), counts(await tree(uri)));
    await client.close(reopened);
  });

  test('values are written as the log writes them: numbers and escapes are not rewritten', async () => {
    const odd = 'file:///export/odd.json';
    const record = JSON.stringify(records[0]).replace(
      '"eventVersion":"1.',
      '"big":12345678901234567890123,"f":1.0e+2,"esc":"\\u00e9\\/","eventVersion":"1.',
    );
    await client.open(odd, `{ "Records" : [ ${record.replace(/,/g, ' ,\n ')} ] }`);
    const { text } = await exported({ format: 'jsonl', uri: odd }, 'odd.jsonl');
    assert.equal(text, `${record}\n`);
    await client.close(odd);
  });

  test('a redacted export holds none of the log’s identifiers, reads as CloudTrail, and counts the same by event', async () => {
    const { result, text } = await exported({ format: 'cloudtrail', redact: true, keepMapping: true }, 'redacted.json');
    assert.equal(result.records, 400);
    const originals = identifiersOf(records);
    assert.ok(originals.size > 40, `${originals.size} identifiers`);
    const leaked = [...originals].filter((id) => holds(text, id));
    assert.deepEqual(leaked, []);
    // The mapping names each identifier once, and its pseudonym is what the export holds.
    const mapping = result.mapping ?? [];
    for (const id of originals)
      assert.ok(
        mapping.some((m) => m.original === id),
        `${id} is in the mapping`,
      );
    assert.equal(new Set(mapping.map((m) => m.pseudonym)).size, mapping.length);
    const reopened = 'file:///export/redacted.json';
    assert.deepEqual(await client.open(reopened, text), []);
    const byEvent = (t: EventTreeResult | null) => counts(t).map((line) => line.slice(line.indexOf(' ') + 1));
    assert.deepEqual(byEvent(await tree(reopened)), byEvent(await tree(uri)));
    await client.close(reopened);
    // Without keepMapping, no mapping leaves the server.
    const { result: plain } = await exported({ format: 'jsonl', redact: true }, 'redacted.jsonl');
    assert.equal(plain.mapping, undefined);
  });

  test('a filtered view, a group and an event export the records the view lists there', async () => {
    const filter = 'GetObject';
    const shown = (await tree(uri, filter))!;
    const { result, text } = await exported({ format: 'jsonl', filter }, 'filtered.jsonl');
    assert.equal(result.records, shown.shown);
    assert.ok(
      text
        .split('\n')
        .filter(Boolean)
        .every((line) => (JSON.parse(line) as CloudTrailRecord).eventName === 'GetObject' || line.includes('GetObject')),
    );
    const [group] = (await tree(uri))!.groups;
    const event = group!.events[0]!;
    const ofGroup = await exported({ format: 'csv', level: group!.level }, 'group.csv');
    assert.equal(ofGroup.result.records, group!.count);
    assert.equal(ofGroup.text.split('\r\n').length, group!.count + 2, 'a header, the rows and the last line break');
    const ofEvent = await exported(
      {
        format: 'csv',
        level: group!.level,
        eventName: event.eventName,
        eventSource: event.eventSource,
        columns: ['eventName', 'eventTime'],
      },
      'event.csv',
    );
    const page = await client.connection.sendRequest(RecordsRequest, {
      textDocument: { uri },
      level: group!.level,
      eventName: event.eventName,
      eventSource: event.eventSource,
      limit: 1000,
    });
    assert.deepEqual(ofEvent.text.split('\r\n').filter(Boolean), [
      'eventName,eventTime',
      ...page!.items.map((i) => `${i.eventName},${i.eventTime}`),
    ]);
  });

  test('progress is reported up to the last record', async () => {
    const progress: number[] = [];
    const listening = client.connection.onNotification(ExportProgressNotification, (p) => {
      progress.push(p.done);
    });
    await exported({ format: 'jsonl' }, 'progress.jsonl');
    listening.dispose();
    assert.equal(progress.at(-1), 400);
  });

  test('no log, no answer; a target that is not a file is an error that says so', async () => {
    assert.equal(await send({ format: 'csv', uri: 'file:///export/none.json', target: pathToFileURL(target('x.csv')).toString() }), null);
    await assert.rejects(send({ format: 'csv', target: 'untitled:Untitled-1' }), /choose a file on this machine/);
    await assert.rejects(send({ format: 'csv', target: pathToFileURL(path.join(dir, 'missing', 'x.csv')).toString() }), /Cannot write/);
  });
});

describe('exporting Detections nodes', () => {
  let client: TestClient;
  let dir: string;
  const uri = 'file:///export/detections.json';
  const burst = (JSON.parse(readFileSync(path.join(RECORDS_DIR, 'access_denied_burst.json'), 'utf8')) as { match: unknown[] }).match;
  const root = (JSON.parse(readFileSync(path.join(RECORDS_DIR, 'root_account_use.json'), 'utf8')) as { match: unknown[] }).match;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-export-'));
    client = new TestClient();
    await client.initialize();
    await client.open(uri, log([...generateRecords(5, 50), ...burst, ...root]));
  });

  after(async () => {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a rule and a correlation window export the records they flagged', async () => {
    const detections = (await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri } }))?.detections ?? [];
    const correlation = detections.find((d) => d.windows?.length);
    assert.ok(correlation && detections.some((d) => !d.windows), JSON.stringify(detections));
    for (const rule of detections) {
      const file = path.join(dir, `${rule.key.replace(/\W/g, '_')}.jsonl`);
      const result: ExportResult | null = await client.connection.sendRequest(ExportRequest, {
        textDocument: { uri },
        detection: rule.key,
        format: 'jsonl',
        target: pathToFileURL(file).toString(),
      });
      assert.equal(result?.records, rule.count, rule.title);
    }
    const window = correlation.windows![0]!;
    const result = await client.connection.sendRequest(ExportRequest, {
      textDocument: { uri },
      detection: correlation.key,
      finding: window.index,
      format: 'cloudtrail',
      target: pathToFileURL(path.join(dir, 'window.json')).toString(),
    });
    assert.equal(result?.records, window.count);
  });
});

describe('exporting logs read from disk', () => {
  let client: TestClient;
  let root: string;
  const files = Array.from({ length: 6 }, (_, i) => generateRecords(200 + i, 60));

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'cloudtrail-export-disk-'));
    const day = path.join(root, 'logs');
    mkdirSync(day);
    files.forEach((records, i) => writeFileSync(path.join(day, `file${i}.json.gz`), gzipSync(Buffer.from(log(records)))));
    client = new TestClient();
    client.settings = { detections: { enable: false } };
    await client.initialize();
  });

  after(async () => {
    await client.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  test('a folder exports every record in the view’s time order, and reopens with the same counts', async () => {
    const folder = pathToFileURL(path.join(root, 'logs')).toString();
    assert.equal((await client.connection.sendRequest(OpenFolderRequest, { folder }))?.records, 360);
    const file = path.join(root, 'folder.json');
    const result = await client.connection.sendRequest(ExportRequest, {
      textDocument: { uri: folder },
      format: 'cloudtrail',
      target: pathToFileURL(file).toString(),
    });
    assert.equal(result?.records, 360);
    const exported = (JSON.parse(readFileSync(file, 'utf8')) as { Records: CloudTrailRecord[] }).Records;
    const times = exported.map((r) => r.eventTime as string);
    assert.deepEqual(times, [...times].sort());
    assert.deepEqual(new Set(exported.map((r) => r.eventID)), new Set(files.flat().map((r) => r.eventID)));
    const reopened = pathToFileURL(file).toString();
    assert.equal((await client.connection.sendRequest(OpenFolderRequest, { folder: reopened }))?.records, 360);
    const [before, after] = await Promise.all(
      [folder, reopened].map((u) => client.connection.sendRequest(EventTreeRequest, { textDocument: { uri: u } })),
    );
    assert.deepEqual(counts(after!), counts(before!));
  });

  test('an export cancelled halfway answers null and leaves no file behind', async () => {
    const file = path.join(root, 'large.json.gz');
    writeFileSync(file, gzipSync(Buffer.from(log(generateRecords(300, 6000)))));
    const uri = pathToFileURL(file).toString();
    assert.equal((await client.connection.sendRequest(OpenFolderRequest, { folder: uri }))?.records, 6000);
    const out = path.join(root, 'out', 'cancelled.json');
    mkdirSync(path.dirname(out));
    const cancel = new CancellationTokenSource();
    let done = 0;
    const listening = client.connection.onNotification(ExportProgressNotification, (p) => {
      done = p.done;
      cancel.cancel();
    });
    const answer = await client.connection.sendRequest(
      ExportRequest,
      { textDocument: { uri }, format: 'cloudtrail', redact: true, target: pathToFileURL(out).toString() },
      cancel.token,
    );
    listening.dispose();
    assert.equal(answer, null);
    assert.ok(done > 0 && done < 6000, `cancelled after ${done} records`);
    assert.deepEqual(readdirSync(path.dirname(out)), []);
  });

  test('a large file read on its own exports its records in file order, each as the file has it', async () => {
    const file = path.join(root, 'logs', 'file3.json.gz');
    const uri = pathToFileURL(file).toString();
    assert.equal((await client.connection.sendRequest(OpenFolderRequest, { folder: uri }))?.records, 60);
    const out = path.join(root, 'file3.jsonl');
    const result = await client.connection.sendRequest(ExportRequest, {
      textDocument: { uri },
      format: 'jsonl',
      filter: 'Get',
      target: pathToFileURL(out).toString(),
    });
    const page = await client.connection.sendRequest(RecordsRequest, { textDocument: { uri }, filter: 'Get', limit: 1000 });
    assert.ok(page && page.total > 0);
    assert.equal(result?.records, page.total);
    assert.equal(readFileSync(out, 'utf8'), page.items.map((item) => `${JSON.stringify(files[3]![item.index])}\n`).join(''));
  });
});

describe('an export never replaces what it reads', () => {
  let client: TestClient;
  let root: string;
  const text = log(generateRecords(77, 20));
  const send = (uri: string, target: string, filter?: string) =>
    client.connection.sendRequest(ExportRequest, { textDocument: { uri }, format: 'cloudtrail', target, ...(filter ? { filter } : {}) });

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'cloudtrail-export-onto-'));
    mkdirSync(path.join(root, 'real'));
    symlinkSync(path.join(root, 'real'), path.join(root, 'linked'));
    mkdirSync(path.join(root, 'folder'));
    for (const name of ['real/open.json', 'folder/a.json', 'folder/b.json']) writeFileSync(path.join(root, name), text);
    client = new TestClient();
    client.settings = { detections: { enable: false } };
    await client.initialize();
    await client.open(pathToFileURL(path.join(root, 'real', 'open.json')).toString(), text);
  });

  after(async () => {
    await client.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  test('an open log, named with a doubled slash, through a symlinked folder or by a hard link, is refused and kept', async () => {
    const source = pathToFileURL(path.join(root, 'real', 'open.json')).toString();
    linkSync(path.join(root, 'real', 'open.json'), path.join(root, 'real', 'hard-link.json'));
    for (const target of [
      source.replace('/real/', '/real//'),
      pathToFileURL(path.join(root, 'linked', 'open.json')).toString(),
      pathToFileURL(path.join(root, 'real', 'hard-link.json')).toString(),
    ]) {
      await assert.rejects(send(source, target), /Cannot export onto a log the events view shows/, target);
      assert.equal(readFileSync(path.join(root, 'real', 'open.json'), 'utf8'), text, target);
    }
    // Exporting another log onto the open one is refused as well.
    const folder = pathToFileURL(path.join(root, 'folder')).toString();
    assert.equal((await client.connection.sendRequest(OpenFolderRequest, { folder }))?.records, 40);
    await assert.rejects(send(folder, `${source.replace('/real/', '/linked/')}`), /Cannot export onto/);
    assert.deepEqual(readdirSync(path.join(root, 'real')).sort(), ['hard-link.json', 'open.json']);
  });

  test('a folder view exported onto one of its own logs is refused, and the log kept', async () => {
    const folder = pathToFileURL(path.join(root, 'folder')).toString();
    assert.equal((await client.connection.sendRequest(OpenFolderRequest, { folder }))?.records, 40);
    for (const name of ['a.json', 'b.json']) {
      await assert.rejects(send(folder, pathToFileURL(path.join(root, 'folder', name)).toString()), /Cannot export onto/);
      assert.equal(readFileSync(path.join(root, 'folder', name), 'utf8'), text);
    }
    // Another file in the folder is a target like any other.
    const other = path.join(root, 'folder', 'export.out');
    assert.equal((await send(folder, pathToFileURL(other).toString()))?.records, 40);
  });

  test('an export of no record is an error, and the file it would have replaced stays as it was', async () => {
    const source = pathToFileURL(path.join(root, 'real', 'open.json')).toString();
    const target = path.join(root, 'kept.json');
    writeFileSync(target, 'before');
    await assert.rejects(send(source, pathToFileURL(target).toString(), 'NoSuchEventName'), /Nothing exported: no record to export/);
    assert.equal(readFileSync(target, 'utf8'), 'before');
    assert.deepEqual(
      readdirSync(root).filter((name) => name.includes('kept')),
      ['kept.json'],
    );
  });
});
