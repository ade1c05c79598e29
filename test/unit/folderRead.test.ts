/**
 * A folder of logs read from disk (server/src/files/folderIndex.ts): its records in time order across files,
 * the same whether each file is read whole or streamed, on worker threads or not; and what the events view
 * shows for a folder or a file read from disk gives each record's text back from its file.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { indexFolder } from '../../server/src/files/folderIndex';
import { LogSource } from '../../server/src/files/logSource';
import { PlaceTable } from '../../server/src/files/diskRecord';
import { readerThreads } from '../../server/src/files/readerPool';
import { InlineRunner, type JobRunner, readWholeFile } from '../../server/src/files/readJobs';
import { Interner } from '../../server/src/files/recordColumns';
import { readStreamed } from '../../server/src/files/streamedLog';
import { getLanguageService } from '../../server/src/languageService';
import { ShownLogs } from '../../server/src/lsp/shownLogs';
import { cleanRecord, logOf } from '../support/cleanRecord';
import { generateLog } from '../support/generateLog';
import { repoPath } from '../support/paths';

let root: string;
before(() => {
  root = mkdtempSync(path.join(tmpdir(), 'cloudtrail-folder-read-'));
  const day = path.join(root, 'AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', '2024', '03', '05');
  mkdirSync(day, { recursive: true });
  // Record j of log i is at 10j + (i mod 3) seconds: the files' records interleave, logs i and i+3 at the same times.
  for (let i = 0; i < 6; i++) {
    const log = JSON.parse(generateLog({ seed: 50 + i, records: 30 })) as { Records: Record<string, unknown>[] };
    log.Records.forEach(
      (r, j) => (r.eventTime = new Date(Date.UTC(2024, 2, 5, 10, 0, 10 * j + (i % 3))).toISOString().replace('.000', '')),
    );
    writeFileSync(path.join(day, `log${i}.json.gz`), gzipSync(JSON.stringify(log)));
  }
  const noTime = JSON.parse(generateLog({ seed: 60, records: 3 })) as { Records: Record<string, unknown>[] };
  delete noTime.Records[1]!.eventTime;
  noTime.Records[0]!.eventTime = noTime.Records[2]!.eventTime = '2024-03-05T11:00:00Z';
  writeFileSync(path.join(day, 'plain.json'), JSON.stringify(noTime, null, 2));
});
after(() => rmSync(root, { recursive: true, force: true }));

function textOf(uri: string): string {
  const bytes = readFileSync(new URL(uri));
  return (uri.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

async function read(runner: JobRunner, wholeFileLimit?: number, folder = root, wholeTextLimit?: number) {
  try {
    const limits = {
      ...(wholeFileLimit !== undefined ? { wholeFileLimit } : {}),
      ...(wholeTextLimit !== undefined ? { wholeTextLimit } : {}),
    };
    return (await indexFolder(folder, { runner, ...limits }))!;
  } finally {
    runner.close();
  }
}

const WORKER = repoPath('server', 'out', 'readWorker.js');

describe('a folder read from disk', () => {
  test('records are in time order across files, those of the same second in file order, those with no time last', async () => {
    const index = await read(new InlineRunner());
    assert.equal(index.files, 7);
    assert.equal(index.records.length, 6 * 30 + 3);
    const times = index.records.map((r) => r.eventTime);
    assert.equal(times.at(-1), '', 'the record with no eventTime is last');
    const timed = times.slice(0, -1);
    assert.deepEqual(timed, [...timed].sort());
    // The first records: each log's first, log0 and log3 (same second) in file order, then log1 and log4, log2 and log5.
    assert.deepEqual(
      index.records.slice(0, 6).map((r) => path.basename(new URL(r.uri).pathname)),
      ['log0.json.gz', 'log3.json.gz', 'log1.json.gz', 'log4.json.gz', 'log2.json.gz', 'log5.json.gz'],
    );
    assert.deepEqual(
      index.records.map((r) => r.index),
      index.records.map((_, i) => i),
    );
    // Each record's range selects it in its file.
    for (const record of index.records.filter((_, i) => i % 17 === 0)) {
      const document = TextDocument.create(record.uri, 'cloudtrail', 0, textOf(record.uri));
      const range = {
        start: { line: record.fromLine, character: record.fromCharacter },
        end: { line: record.toLine, character: record.toCharacter },
      };
      assert.equal((JSON.parse(document.getText(range)) as { eventName: string }).eventName, record.eventName);
    }
  });

  test('files streamed, or read on worker threads, give the same records', async () => {
    const seen = (index: Awaited<ReturnType<typeof read>>) =>
      index.records.map((r) => [
        r.uri,
        r.eventName,
        r.eventTime,
        r.fromLine,
        r.fromCharacter,
        r.toLine,
        r.toCharacter,
        r.byteStart,
        r.byteEnd,
      ]);
    const whole = seen(await read(new InlineRunner()));
    assert.deepEqual(seen(await read(new InlineRunner(), 0)), whole);
    assert.deepEqual(seen(await read(readerThreads(undefined, WORKER, 2))), whole);
  });
});

describe("a folder's time order where text order and time order differ", () => {
  let dir: string;
  // Each file's time is later than the next file's, though its text sorts after (across a month's end) or before it
  // (a fraction of a second: "." sorts before "Z"). Hand-written: one record a file, named for its place in time.
  const FILES: [file: string, eventTime: string, eventName: string][] = [
    ['a.json', '2024-02-01T00:00:00Z', 'Third'],
    ['b.json', '2024-01-31T23:59:59.999Z', 'Second'],
    ['c.json', '2024-01-31T23:59:59Z', 'First'],
    ['d.json', '2024-02-01T00:00:05.123Z', 'Fifth'],
    ['e.json', '2024-02-01T00:00:05Z', 'Fourth'],
  ];
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-time-order-'));
    for (const [file, eventTime, eventName] of FILES) writeFileSync(path.join(dir, file), logOf(cleanRecord({ eventTime, eventName })));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("records sort by the time they name: across a month's end, and a whole second before its fractions", async () => {
    const index = await read(new InlineRunner(), undefined, dir);
    assert.deepEqual(
      index.records.map((r) => r.eventName),
      ['First', 'Second', 'Third', 'Fourth', 'Fifth'],
    );
  });
});

describe('a folder as evidence may have shaped it', { skip: process.platform === 'win32' && 'pipes and /dev/zero are POSIX' }, () => {
  let dir: string;
  const pipes: string[] = [];
  const at = (name: string) => path.join(dir, name);
  const log = generateLog({ seed: 80, records: 12 });
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-hostile-read-'));
    writeFileSync(at('log.json'), log);
    symlinkSync('/dev/zero', at('zero.json'));
    symlinkSync(at('log.json'), at('link.json'));
    // A link to a folder is not walked (it could lead anywhere, or round in circles).
    symlinkSync(root, at('elsewhere'));
    for (const name of ['p1.json', 'p2.json.gz', 'p3.json', 'p4.json', 'p5.json']) {
      pipes.push(at(name));
      execFileSync('mkfifo', [at(name)]);
    }
  });
  after(() => {
    // A reader stuck opening a pipe (as the old code was) goes on, so the test process can end.
    for (const pipe of pipes) {
      try {
        closeSync(openSync(pipe, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        // No reader waits on it.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test('only regular files are read: links, pipes and devices named like logs are skipped, each said', { timeout: 20_000 }, async () => {
    for (const runner of [new InlineRunner(), readerThreads(undefined, WORKER, 2)]) {
      const index = await read(runner, undefined, dir);
      assert.equal(index.files, 1);
      assert.equal(index.records.length, 12);
      assert.deepEqual(index.failed, []);
      assert.deepEqual(
        index.skipped.map((s) => `${path.basename(new URL(s.uri).pathname)}: ${s.message}`),
        [
          'link.json: not a regular file (a symbolic link, which is not followed)',
          'p1.json: not a regular file (a pipe)',
          'p2.json.gz: not a regular file (a pipe)',
          'p3.json: not a regular file (a pipe)',
          'p4.json: not a regular file (a pipe)',
          'p5.json: not a regular file (a pipe)',
          'zero.json: not a regular file (a symbolic link, which is not followed)',
        ],
      );
    }
  });

  test(
    'a file swapped for a pipe or a link after the walk is refused when opened, without waiting on it',
    { timeout: 20_000 },
    async () => {
      const runner = new InlineRunner();
      // A file the user opens is read through a link, to a regular file only.
      await assert.rejects(LogSource.open(at('zero.json')), /not a regular file \(a device\)/);
      const options = { runner, uri: 'file:///x', interner: new Interner(), table: new PlaceTable(), validate: false };
      await assert.rejects(readStreamed(at('p2.json.gz'), options), /not a regular file \(a pipe\)/);
      await assert.rejects(readStreamed(at('zero.json'), { ...options, follow: false }), /a symbolic link/);
      await assert.rejects(runner.file({ path: at('p1.json'), validate: false }), /not a regular file \(a pipe\)/);
      await assert.rejects(runner.file({ path: at('zero.json'), validate: false }), /not a regular file \(a symbolic link/);
      assert.equal((await readStreamed(at('link.json'), options))!.records.length, 12);
      // Node's file threads are all free: a pipe opened without blocking took none.
      assert.equal((await read(new InlineRunner(), undefined, dir)).records.length, 12);
    },
  );

  test('a gzip file whose text is over the limit, by its trailer or found by zlib, is streamed, with the same records', async () => {
    const bombs = mkdtempSync(path.join(tmpdir(), 'cloudtrail-bombs-'));
    try {
      const text = generateLog({ seed: 81, records: 40 });
      writeFileSync(path.join(bombs, 'honest.json.gz'), gzipSync(text));
      // Concatenated members read as one text; the trailer is the last member's, one byte.
      writeFileSync(path.join(bombs, 'liar.json.gz'), Buffer.concat([gzipSync(text), gzipSync('\n')]));
      const cut = Buffer.concat([gzipSync(text), gzipSync('\n')]);
      writeFileSync(path.join(bombs, 'cut.json.gz'), cut.subarray(0, cut.length - 30));
      const limit = 1000;
      for (const name of ['honest', 'liar', 'cut']) {
        const file = path.join(bombs, `${name}.json.gz`);
        assert.deepEqual(await readWholeFile({ path: file, validate: false, textLimit: limit }), { tooLarge: true }, name);
        assert.ok('parsed' in (await readWholeFile({ path: file, validate: false })), name);
      }
      const records = (index: Awaited<ReturnType<typeof read>>) =>
        index.records.map((r) => [r.uri, r.eventName, r.eventTime, r.byteStart, r.byteEnd]);
      const whole = await read(new InlineRunner(), undefined, bombs);
      const streamed = await read(readerThreads(undefined, WORKER, 2), undefined, bombs, limit);
      assert.equal(whole.records.length, 120);
      assert.deepEqual(records(streamed), records(whole));
      assert.deepEqual(streamed.failed, whole.failed);
    } finally {
      rmSync(bombs, { recursive: true, force: true });
    }
  });
});

describe('what the events view shows for a log read from disk', () => {
  const service = getLanguageService();
  const logs = new ShownLogs(
    service,
    () => undefined,
    () => {
      throw new Error('no open documents here');
    },
  );

  test("a folder's record text is read back from its own file, by the index the view numbers it with", async () => {
    const uri = pathToFileURL(root).toString();
    logs.addFolder(uri, await read(new InlineRunner()));
    const shown = (await logs.get(uri))!;
    for (const index of [0, 50, 120, 182]) {
      const item = shown.item(shown.summaries[index]!);
      assert.equal(item.index, index);
      const document = TextDocument.create(item.uri!, 'cloudtrail', 0, textOf(item.uri!));
      assert.equal(await shown.recordText!(index), document.getText(item.range));
    }
    assert.equal(await shown.recordText!(10_000), undefined);
  });

  test("a file's record text too, and none for a file that changed since", async () => {
    const file = path.join(root, 'single.json');
    const text = generateLog({ seed: 70, records: 5, pretty: true });
    writeFileSync(file, text);
    const uri = pathToFileURL(file).toString();
    const read = (await service.readLogFile(file, { runner: new InlineRunner(), uri }))!;
    logs.addFile(uri, read);
    const shown = (await logs.get(uri))!;
    const document = TextDocument.create(uri, 'cloudtrail', 0, text);
    for (let i = 0; i < 5; i++) assert.equal(await shown.recordText!(i), document.getText(shown.item(shown.summaries[i]!).range));
    writeFileSync(file, `${text}\n`);
    assert.equal(await shown.recordText!(0), undefined);
  });
});
