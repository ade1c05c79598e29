/**
 * Logs read from disk, streamed (server/src/files/): the same records, ranges and problems as the same text
 * opened as a document, however the text is cut into chunks; on worker threads as on the main one; a file
 * changed while read is said to be; a record's text is read back from the file.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LogAnalysis } from '../../server/src/features/logAnalysis';
import { repeatedEventIdMessage, tooManyProblemsMessage } from '../../server/src/features/validate';
import { PlaceTable } from '../../server/src/files/diskRecord';
import { CHANGED_MESSAGE } from '../../server/src/files/logSource';
import { readerThreads } from '../../server/src/files/readerPool';
import { InlineRunner, type JobRunner } from '../../server/src/files/readJobs';
import { Interner } from '../../server/src/files/recordColumns';
import { readRecordText } from '../../server/src/files/recordReadBack';
import { type StreamedFile, readStreamed, type StreamOptions } from '../../server/src/files/streamedLog';
import { generateLog } from '../support/generateLog';
import { fixturePath, repoPath } from '../support/paths';

let dir: string;
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-stream-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function readFile(name: string, content: string | Uint8Array, options: Partial<StreamOptions> = {}): Promise<StreamedFile> {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  const uri = pathToFileURL(file).toString();
  const base = { runner: new InlineRunner(), uri, interner: new Interner(), table: new PlaceTable(), validate: true };
  return (await readStreamed(file, { ...base, ...options }))!;
}

/** Records and problems as the user sees them: names, times, ranges, codes and words. */
function fromDisk(read: StreamedFile) {
  const point = (line: number, character: number) => ({ line, character });
  return {
    records: read.records.map((r) => [r.eventName, r.eventTime, point(r.fromLine, r.fromCharacter), point(r.toLine, r.toCharacter)]),
    problems: read.problems.limited(500).map((p) => [p.code, p.message, p.from, p.to]),
  };
}

function asDocument(text: string) {
  const document = TextDocument.create('file:///x.json', 'cloudtrail', 0, text);
  const analysis = LogAnalysis.of(0, text);
  return {
    records: analysis.summaries.map((s) => [s.eventName, s.eventTime, document.positionAt(s.start), document.positionAt(s.end)]),
    problems: analysis.problems(500).map((p) => [p.code, p.message, document.positionAt(p.start), document.positionAt(p.end)]),
  };
}

const fixture = (name: string) => readFileSync(fixturePath('shapes', name), 'utf8');
const log = (records: number, pretty = false) => generateLog({ seed: 21, records, pretty });

/** Texts of every shape, whole and broken in the ways real files break. */
const TEXTS: Record<string, () => string> = {
  delivered: () => log(12),
  pretty: () => log(6, true),
  crlf: () => log(4, true).replace(/\n/g, '\r\n'),
  'bare array': () => fixture('bare-array.json'),
  'JSON Lines': () => fixture('records.jsonl'),
  'lookup-events': () => fixture('lookup-events.json'),
  'CloudWatch export': () => fixture('cloudwatch-export.json'),
  'one record': () => fixture('single-record.json'),
  digest: () => fixture('digest.json'),
  'missing comma between records': () => log(5).replace('},{"eventVersion"', '}{"eventVersion"'),
  'junk between records': () => log(5).replace('},{"eventVersion"', '}, oops {"eventVersion"'),
  'missing comma inside a record': () => log(5).replace('},"eventTime"', '} "eventTime"'),
  'cut off inside a record': () => log(5).slice(0, 3000),
  'cut off between records': () => log(5).slice(0, log(5).indexOf(',{"eventVersion"', 2000) + 1),
  'content after the end': () => `${log(3)}\n{"more":1}`,
  'a bracket of the other kind': () => log(4).replace('"requestParameters":{', '"requestParameters":['),
  'repeated eventID': () => {
    const parsed = JSON.parse(log(4)) as { Records: { eventID: string }[] };
    parsed.Records[3]!.eventID = parsed.Records[1]!.eventID;
    return JSON.stringify(parsed);
  },
  'a duplicate key': () => log(3).replace('"eventVersion":"', '"eventName":"Twice","eventVersion":"'),
  'JSON Lines after a value that is no record': () => `{"a":1}\n${fixture('records.jsonl')}`,
  'a cut-off JSON line': () => fixture('records.jsonl').slice(0, -50),
  empty: () => '',
  'not JSON': () => 'hello',
};

describe('a log read from disk, streamed', () => {
  for (const [name, make] of Object.entries(TEXTS)) {
    test(`${name}: the records and problems of the same text opened as a document, in chunks of any size`, async () => {
      const text = make();
      const expected = asDocument(text);
      for (const pieceChars of [undefined, 1, 7]) {
        const read = await readFile('shape.json', text, pieceChars ? { pieceChars } : {});
        assert.deepEqual(fromDisk(read), expected, `pieces of ${pieceChars ?? 'any'} characters`);
      }
    });
  }

  test('a log broken anywhere: the same records and problems as the document (fixed seed)', async () => {
    const text = log(6);
    await fc.assert(
      fc.asyncProperty(
        fc.nat(text.length - 1),
        fc.constantFrom('', ',', '{', '}', '"', ']', 'x', '\n'),
        fc.nat(40),
        async (at, insert, pieces) => {
          const broken = text.slice(0, at) + insert + text.slice(at + (insert === '' ? 1 : 0));
          const read = await readFile('broken.json', broken, { pieceChars: pieces + 1 });
          assert.deepEqual(fromDisk(read), asDocument(broken));
        },
      ),
      { numRuns: 80, seed: 12 },
    );
  });

  test('repeated eventIDs are found after thousands of distinct ones, each naming its first record', async () => {
    const parsed = JSON.parse(log(3000)) as { Records: { eventID: string }[] };
    // Repeats of IDs seen early, late and in between, once the set has grown several times over.
    const firsts = [0, 1, 511, 512, 1023, 1024, 2047, 2900];
    firsts.forEach((first, i) => (parsed.Records[2990 + i]!.eventID = parsed.Records[first]!.eventID));
    const text = JSON.stringify(parsed);
    const read = await readFile('many-ids.json', text);
    const repeats = read.problems.limited(500).filter((p) => p.code === 'repeated-event-id');
    assert.deepEqual(
      repeats.map((p) => p.message),
      firsts.map((first) => repeatedEventIdMessage(first)),
    );
    assert.deepEqual(fromDisk(read), asDocument(text));
  });

  test('JSON errors are counted exactly beyond the thousands kept to be listed', async () => {
    // Twelve thousand records, each missing a comma: more JSON errors than the problems kept of one code.
    const record = '{"eventVersion":"1.08" "eventName":"GetObject"}';
    const text = `{"Records":[${Array.from({ length: 12_000 }, () => record).join(',')}]}`;
    const read = await readFile('many-errors.json', text);
    assert.equal(read.problems.syntaxErrors()?.count, 12_000, 'the events view says how many');
    assert.equal(read.syntaxErrors, 12_000, "a folder's read says how many");
    // The note on what is not shown counts every problem: each record's, as the one record alone has them.
    const perRecord = LogAnalysis.of(0, `{"Records":[${record}]}`).problems(100).length;
    const shown = read.problems.limited(100);
    assert.equal(shown.length, 101);
    assert.equal(shown.at(-1)!.message, tooManyProblemsMessage(12_000 * perRecord - 100, 100));
    const unchecked = await readFile('many-errors.json', text, { validate: false });
    assert.equal(unchecked.syntaxErrors, 12_000, 'and so does one whose records are not checked');
  });

  test('on worker threads, a log gives what it gives on the main thread', async () => {
    const text = generateLog({ seed: 3, targetBytes: 1_500_000 }).replace('},{"eventVersion"', '}{"eventVersion"');
    const threads: JobRunner = readerThreads(undefined, repoPath('server', 'out', 'readWorker.js'), 2);
    try {
      const onThreads = await readFile('threads.json', text, { runner: threads });
      assert.deepEqual(fromDisk(onThreads), asDocument(text));
    } finally {
      threads.close();
    }
  });

  test('closed (as a cancelled read closes them), the worker threads drop their jobs and take no more', async () => {
    const threads = readerThreads(undefined, repoPath('server', 'out', 'readWorker.js'), 1);
    const file = path.join(dir, 'stopped.json');
    writeFileSync(file, log(50));
    const pending = threads.file({ path: file, validate: true });
    threads.close();
    await assert.rejects(pending, /stopped/);
    await assert.rejects(threads.file({ path: file, validate: true }), /stopped/);
  });

  test('a gzipped log is read decompressed; a cut-off one gives what it holds and says why', async () => {
    const text = log(40);
    assert.deepEqual(fromDisk(await readFile('log.json.gz', gzipSync(text))), asDocument(text));
    const gz = gzipSync(text);
    const cut = await readFile('cut.json.gz', gz.subarray(0, gz.length >> 1));
    assert.ok(cut.records.length > 3 && cut.records.length < 40);
    assert.match(cut.errors[0]!, /ends early/);
  });

  test('a file that changes on disk while read is reported', async () => {
    const file = path.join(dir, 'changing.json');
    let changed = false;
    const read = await readFile('changing.json', log(300), {
      onBytes: () => {
        if (!changed) appendFileSync(file, ' ');
        changed = true;
      },
    });
    assert.deepEqual(read.errors, [CHANGED_MESSAGE]);
    const still = await readFile('still.json', log(300));
    assert.deepEqual(still.errors, []);
  });

  test('cancelled, the reading stops and gives nothing', async () => {
    let chunks = 0;
    const file = path.join(dir, 'cancel.json');
    writeFileSync(file, generateLog({ seed: 4, targetBytes: 600_000 }));
    const options = { runner: new InlineRunner(), uri: 'file:///c', interner: new Interner(), table: new PlaceTable(), validate: true };
    const read = await readStreamed(file, { ...options, onBytes: () => void chunks++, isCancelled: () => chunks > 0 });
    assert.equal(read, undefined);
  });
});

describe("a record's text read back from disk", () => {
  const text = log(8, true).replace('"eventVersion"', '"note":"naïve 🚀","eventVersion"');

  async function everyRecord(read: StreamedFile, source: string) {
    const document = TextDocument.create('file:///x', 'x', 0, source);
    for (const record of read.records) {
      const range = {
        start: { line: record.fromLine, character: record.fromCharacter },
        end: { line: record.toLine, character: record.toCharacter },
      };
      assert.equal(await readRecordText(read.stamp, record), document.getText(range));
    }
  }

  test('from a plain file, a gzipped one, and one with bytes that are not UTF-8', async () => {
    await everyRecord(await readFile('back.json', text), text);
    await everyRecord(await readFile('back.json.gz', gzipSync(text)), text);
    const bad = Buffer.concat([Buffer.from(text.slice(0, 40)), Buffer.from([0xff, 0xfe]), Buffer.from(text.slice(40))]);
    const read = await readFile('bad.json', bad);
    assert.equal(read.stamp.bytesExact, false);
    await everyRecord(read, bad.toString('utf8'));
  });

  test('nothing once the file has changed', async () => {
    const read = await readFile('gone.json', text);
    writeFileSync(read.stamp.path, `${text} `);
    assert.equal(await readRecordText(read.stamp, read.records[0]!), undefined);
  });
});
