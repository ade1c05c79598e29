/**
 * A folder evidence may have shaped, read over LSP as cloudtrail/openFolder reads it: links, pipes and devices
 * named like logs, gzip bombs, and a hundred thousand small files. The server answers, says what it did not
 * read, keeps its memory, and still reads the next folder.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { FolderProgressNotification, OpenFolderRequest } from '../../common/protocol';
import { generateLog } from '../support/generateLog';
import { gzipBomb } from '../support/gzipBomb';
import { DETECTIONS_OFF, TestClient } from '../support/lspClient';

const MB = 1024 * 1024;
const POSIX = process.platform !== 'win32';

/** A process's memory from /proc, in MB: now (VmRSS) and at its peak (VmHWM). */
function memory(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / 1024;
  return { now: field('VmRSS'), peak: field('VmHWM') };
}

/** Opens each pipe for writing and closes it: a reader stuck opening one (as the old server was) goes on. */
function releasePipes(pipes: readonly string[]): void {
  for (const pipe of pipes) {
    try {
      closeSync(openSync(pipe, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // No reader waits on it.
    }
  }
}

describe('a folder evidence may have shaped, over LSP', { skip: !POSIX && 'pipes, devices and /proc are POSIX' }, () => {
  let client: TestClient;
  let root: string;
  const pipes: string[] = [];

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'cloudtrail-hostile-'));
    // Reading gzip bombs and thousands of files takes longer than the usual limit on a loaded machine.
    client = new TestClient({ waitLimitMs: 120_000 });
    client.settings = DETECTIONS_OFF;
    await client.initialize();
  });

  after(async () => {
    releasePipes(pipes);
    await client.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  const folderOf = (name: string, logs: number) => {
    const dir = path.join(root, name);
    mkdirSync(dir);
    for (let i = 0; i < logs; i++) writeFileSync(path.join(dir, `log${i}.json`), generateLog({ seed: 300 + i, records: 10 }));
    return dir;
  };

  test('a link to /dev/zero and pipes named like logs are skipped, each said; a later read still works', { timeout: 30_000 }, async () => {
    const dir = folderOf('links-and-pipes', 1);
    symlinkSync('/dev/zero', path.join(dir, 'zero.json'));
    for (let i = 1; i <= 4; i++) {
      pipes.push(path.join(dir, `p${i}.json`));
      execFileSync('mkfifo', [pipes.at(-1)!]);
    }
    const result = (await client.connection.sendRequest(OpenFolderRequest, { folder: pathToFileURL(dir).toString() }))!;
    assert.equal(result.files, 1);
    assert.equal(result.records, 10);
    assert.deepEqual(result.failed, []);
    const skipped = (result.skipped ?? []).map((s) => `${path.basename(new URL(s.uri).pathname)}: ${s.message}`);
    assert.deepEqual(skipped, [
      'p1.json: not a regular file (a pipe)',
      'p2.json: not a regular file (a pipe)',
      'p3.json: not a regular file (a pipe)',
      'p4.json: not a regular file (a pipe)',
      'zero.json: not a regular file (a symbolic link, which is not followed)',
    ]);
    assert.ok(memory(client.pid!).peak < 1024, `the server's peak: ${memory(client.pid!).peak.toFixed(0)} MB`);
    // Node's file threads are all free: the next folder reads.
    const next = (await client.connection.sendRequest(OpenFolderRequest, { folder: pathToFileURL(folderOf('after', 2)).toString() }))!;
    assert.equal(next.records, 20);
  });

  test(
    'gzip bombs, two whose trailers understate their text, are streamed, not decompressed whole; nothing stays',
    { timeout: 120_000 },
    async () => {
      const dir = folderOf('bombs', 1);
      // Over the 16 MB a file's text may have to be read whole; each some 100 KB on disk.
      for (const name of ['bomb1', 'bomb2']) writeFileSync(path.join(dir, `${name}.json.gz`), gzipBomb(96 * MB));
      // A trailer is the last member's: these say 2 bytes.
      for (const name of ['liar1', 'liar2'])
        writeFileSync(path.join(dir, `${name}.json.gz`), Buffer.concat([gzipBomb(96 * MB), gzipSync('{}')]));
      // A first read starts the reading threads, whose memory the process keeps (malloc's arenas): the bombs' is measured from there.
      await client.connection.sendRequest(OpenFolderRequest, { folder: pathToFileURL(folderOf('warm', 20)).toString() });
      const before = memory(client.pid!).now;
      const result = (await client.connection.sendRequest(OpenFolderRequest, { folder: pathToFileURL(dir).toString() }))!;
      const { now, peak } = memory(client.pid!);
      assert.equal(result.files, 5);
      assert.equal(result.records, 10);
      // Each bomb is said to be one, once.
      const said = result.failed.map((f) => `${path.basename(new URL(f.uri).pathname)}: ${f.message}`).sort();
      assert.equal(said.length, 4, said.join('\n'));
      ['bomb1', 'bomb2', 'liar1', 'liar2'].forEach((name, i) =>
        assert.match(said[i]!, new RegExp(`^${name}\\.json\\.gz: .* decompress to 96 MB, .*gzip bomb`)),
      );
      // Read whole, each bomb is 96 MB of bytes and 96 MB of string on a reading thread, and more to parse them.
      assert.ok(peak < before + 250, `the server's peak: ${peak.toFixed(0)} MB, from ${before.toFixed(0)} MB`);
      assert.ok(now < before + 150, `the server holds ${now.toFixed(0)} MB after the read, from ${before.toFixed(0)} MB`);
    },
  );

  test('2,000 small files send a few progress messages, not one each; the last says all are read', { timeout: 60_000 }, async () => {
    const dir = path.join(root, 'many');
    mkdirSync(dir);
    const text = generateLog({ seed: 400, records: 1 });
    for (let i = 0; i < 2000; i++) writeFileSync(path.join(dir, `f${String(i).padStart(4, '0')}.json`), text);
    const progress: number[] = [];
    const listening = client.connection.onNotification(FolderProgressNotification, (p) => {
      progress.push(p.done);
    });
    const result = (await client.connection.sendRequest(OpenFolderRequest, { folder: pathToFileURL(dir).toString() }))!;
    listening.dispose();
    assert.equal(result.records, 2000);
    assert.ok(progress.length < 50, `${progress.length} progress messages`);
    assert.equal(progress.at(-1), 2000);
  });
});
