/** A folder of gzipped logs read into the events view, as cloudtrail/openFolder does it. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EventTreeRequest, FolderProgressNotification, OpenFolderRequest, RecordsRequest } from '../../common/protocol';
import { generateLog } from '../support/generateLog';
import { TestClient } from '../support/lspClient';

describe('a folder of logs over LSP', () => {
  let client: TestClient;
  let root: string;
  let folder: string;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'cloudtrail-folder-'));
    const day = path.join(root, 'AWSLogs', '111122223333', 'CloudTrail', 'us-west-2', '2024', '03', '05');
    mkdirSync(day, { recursive: true });
    for (let i = 0; i < 12; i++) {
      const text = generateLog({ seed: 100 + i, records: 25 });
      writeFileSync(
        path.join(day, `111122223333_CloudTrail_us-west-2_20240305T${String(10 + i).padStart(2, '0')}00Z_file${i}.json.gz`),
        gzipSync(Buffer.from(text)),
      );
    }
    const digest = path.join(root, 'AWSLogs', '111122223333', 'CloudTrail-Digest', 'us-west-2');
    mkdirSync(digest, { recursive: true });
    writeFileSync(
      path.join(digest, '111122223333_CloudTrail-Digest_us-west-2_t_us-west-2_20240305T100000Z.json.gz'),
      gzipSync(Buffer.from('{"digestStartTime":"x","logFiles":[]}')),
    );
    const truncated = gzipSync(Buffer.from(generateLog({ seed: 99, records: 25 })));
    writeFileSync(path.join(day, 'zz_truncated.json.gz'), truncated.subarray(0, Math.floor(truncated.length / 2)));
    folder = pathToFileURL(root).toString();
    client = new TestClient();
    await client.initialize();
  });

  after(async () => {
    await client.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  test("every log is read, with progress, and the view counts every record, a cut-off download's too", async () => {
    const progress: number[] = [];
    const listening = client.connection.onNotification(FolderProgressNotification, (p) => {
      progress.push(p.done);
    });
    const result = (await client.connection.sendRequest(OpenFolderRequest, { folder }))!;
    listening.dispose();
    assert.equal(result.files, 13, '12 logs and a truncated one; the digest is left out');
    // Half a compressed file still holds its first records, as when it is opened on its own.
    assert.ok(result.records > 12 * 25 && result.records < 13 * 25, `${result.records} records`);
    assert.equal(result.failed.length, 1);
    assert.match(result.failed[0]!.uri, /zz_truncated/);
    assert.match(result.failed[0]!.message, /ends early/);
    // A few messages at most (they are throttled), counting up to every file read.
    assert.ok(progress.length >= 1 && progress.length <= 13, `${progress.length} progress messages`);
    assert.deepEqual(
      progress,
      [...progress].sort((a, b) => a - b),
    );
    assert.equal(progress.at(-1), 13);
    const tree = (await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri: folder } }))!;
    assert.equal(tree.total, result.records);
    assert.equal(
      tree.groups.reduce((n, g) => n + g.count, 0),
      result.records,
    );
  });

  test('each record says which file it is in, and its range selects it in the decompressed text', async () => {
    const page = (await client.connection.sendRequest(RecordsRequest, { textDocument: { uri: folder }, level: 'object', limit: 1000 }))!;
    assert.ok(page.items.length > 10);
    for (const item of page.items.slice(0, 20)) {
      const file = new URL(item.uri!);
      const text = gunzipSync(readFileSync(file)).toString('utf8');
      const document = TextDocument.create(item.uri!, 'cloudtrail', 0, text);
      const record = JSON.parse(document.getText(item.range)) as { eventName: string; eventTime: string };
      assert.equal(record.eventName, item.eventName);
      assert.equal(record.eventTime, item.eventTime);
    }
  });

  test("a folder's records are listed in time order, whichever file they are in", async () => {
    const page = (await client.connection.sendRequest(RecordsRequest, {
      textDocument: { uri: folder },
      groupBy: 'hour',
      group: '2024-03-05T00:00Z',
      limit: 1000,
    }))!;
    const all = (await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri: folder }, groupBy: 'hour' }))!;
    assert.ok(page.items.length > 50, `${page.items.length} records in the hour`);
    assert.ok(all.groups.length >= 1);
    const times = page.items.map((i) => i.eventTime);
    assert.deepEqual(times, [...times].sort());
    const files = page.items.map((i) => i.uri!).filter((uri, k, list) => k === 0 || list[k - 1] !== uri);
    assert.notDeepEqual(files, [...files].sort(), 'not simply the files one after another');
  });

  test('reading can be cancelled', async () => {
    const source = new CancellationTokenSource();
    const subscription = client.connection.onNotification(FolderProgressNotification, () => source.cancel());
    const result = await client.connection.sendRequest(OpenFolderRequest, { folder }, source.token);
    subscription.dispose();
    assert.equal(result, null);
  });
});
