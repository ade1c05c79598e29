/** Writing an export: the three layouts, records that are not JSON left out, nothing left behind when cancelled; disk records read back in any order. */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { diskRecordTexts } from '../../server/src/export/diskTexts';
import { writeExport } from '../../server/src/export/exportFile';
import type { RecordSummary } from '../../server/src/features/recordSummary';
import { readStreamed } from '../../server/src/files/streamedLog';
import { PlaceTable } from '../../server/src/files/diskRecord';
import { InlineRunner } from '../../server/src/files/readJobs';
import { Interner } from '../../server/src/files/recordColumns';
import { generateRecords } from '../support/generateLog';

async function* each<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

describe('writing an export', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-export-unit-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const texts = ['{"eventName":"A", "n" : 1.50}', '{"eventName": "B,\\"x\\""}'];
  const summaries = texts.map(() => ({ sourceIPAddress: '' }) as RecordSummary);

  test('a CloudTrail log, JSON Lines and CSV, with their heads and tails', async () => {
    const file = path.join(dir, 'out');
    const write = async (format: 'csv' | 'jsonl' | 'cloudtrail', from: readonly string[]) => {
      const result = await writeExport(summaries.slice(0, from.length), each(from), { format, path: file, columns: ['eventName', 'n'] });
      return { result, text: readFileSync(file, 'utf8') };
    };
    const log = await write('cloudtrail', texts);
    assert.equal(log.text, '{"Records":[\n{"eventName":"A","n":1.50},\n{"eventName":"B,\\"x\\""}\n]}\n');
    assert.deepEqual(log.result, { records: 2, bytes: Buffer.byteLength(log.text) });
    assert.equal((await write('jsonl', texts)).text, '{"eventName":"A","n":1.50}\n{"eventName":"B,\\"x\\""}\n');
    assert.equal((await write('csv', texts)).text, 'eventName,n\r\nA,1.50\r\n"B,""x""",\r\n');
  });

  test("CSV columns a user names: any dotted path, a record's own fields only, whatever the request holds", async () => {
    const file = path.join(dir, 'columns.csv');
    const record =
      '{"eventName":"CreateUser","requestParameters":{"userName":"=evil,\\"x\\""},"__proto__":{"polluted":"yes"},"resources":[{"ARN":"arn:1"}]}';
    // A request is hostile too: a number, an object, a path with a space or one far too long is no column.
    const columns = [
      'requestParameters.userName',
      '__proto__.polluted',
      'constructor',
      'toString',
      'resources.0.ARN',
      42,
      { a: 1 },
      'a b',
      'x'.repeat(500),
      'eventName',
      'eventName',
    ];
    await writeExport([{} as RecordSummary], each([record]), { format: 'csv', path: file, columns: columns as string[] });
    assert.equal(
      readFileSync(file, 'utf8'),
      'requestParameters.userName,__proto__.polluted,constructor,toString,resources.0.ARN,eventName\r\n' +
        `"'=evil,""x""",yes,,,arn:1,CreateUser\r\n`,
    );
    assert.equal(({} as { polluted?: string }).polluted, undefined);
  });

  test('a record that is not a JSON object, or could not be read, is left out and counted', async () => {
    const file = path.join(dir, 'skipped.jsonl');
    const from = ['{"eventName":"A"}', '{"eventName": "cut', undefined, '[1]'];
    const result = await writeExport(
      from.map(() => ({}) as RecordSummary),
      each(from),
      { format: 'jsonl', path: file },
    );
    assert.deepEqual(result, { records: 1, skipped: 3, bytes: 18 });
  });

  test('an export of no record, or of none that could be read, fails and leaves the file it would replace as it was', async () => {
    const file = path.join(dir, 'empty.json');
    writeFileSync(file, 'before');
    await assert.rejects(writeExport([], each([]), { format: 'cloudtrail', path: file }), /no record to export/);
    await assert.rejects(writeExport(summaries, each([undefined, '{"cut']), { format: 'csv', path: file }), /none of the 2 records/);
    assert.equal(readFileSync(file, 'utf8'), 'before');
    assert.deepEqual(
      readdirSync(dir).filter((name) => name.includes('empty')),
      ['empty.json'],
    );
  });

  test('the file an export replaces keeps its permissions: a 0600 file stays 0600, a 0640 one 0640', async () => {
    for (const mode of [0o600, 0o640]) {
      const file = path.join(dir, `mode-${mode.toString(8)}.jsonl`);
      writeFileSync(file, 'before');
      chmodSync(file, mode);
      await writeExport(summaries, each(texts), { format: 'jsonl', path: file });
      assert.equal(readFileSync(file, 'utf8').split('\n').length, 3);
      assert.equal((statSync(file).mode & 0o777).toString(8), mode.toString(8));
    }
  });

  test('cancelled halfway, or failing, it leaves neither the file nor a temporary one, and an old file stays as it was', async () => {
    const file = path.join(dir, 'kept.jsonl');
    writeFileSync(file, 'before');
    const many = Array.from({ length: 5000 }, (_, i) => `{"i":${i},"pad":"${'x'.repeat(500)}"}`);
    let seen = 0;
    async function* counted(): AsyncGenerator<string> {
      for (const text of many) {
        seen++;
        yield text;
      }
    }
    const cancelled = await writeExport(
      many.map(() => ({}) as RecordSummary),
      counted(),
      { format: 'jsonl', path: file, isCancelled: () => seen > 3000 },
    );
    assert.equal(cancelled, undefined);
    assert.equal(readFileSync(file, 'utf8'), 'before');
    async function* failing(): AsyncGenerator<string> {
      yield* many.slice(0, 3000);
      throw new Error('the disk went away');
    }
    await assert.rejects(writeExport([], failing(), { format: 'jsonl', path: file }), /the disk went away/);
    assert.deepEqual(
      readdirSync(dir).filter((name) => name.includes('kept')),
      ['kept.jsonl'],
    );
  });
});

describe('reading records back from disk for an export', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-export-disk-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const read = async (file: string, table: PlaceTable, interner: Interner) => {
    const uri = pathToFileURL(file).toString();
    const log = await readStreamed(file, { runner: new InlineRunner(), uri, interner, table, validate: false });
    assert.ok(log);
    return log;
  };

  test('records of two files, asked for in any order, come back in that order, each its own text', async () => {
    const table = new PlaceTable();
    const interner = new Interner();
    const logs = [generateRecords(1, 300), generateRecords(2, 300)];
    const files = [path.join(dir, 'a.json.gz'), path.join(dir, 'b.json')];
    writeFileSync(files[0]!, gzipSync(Buffer.from(`\ufeff${JSON.stringify({ Records: logs[0] }, null, 2)}`)));
    writeFileSync(files[1]!, JSON.stringify({ Records: logs[1] }));
    const reads = await Promise.all(files.map((f) => read(f, table, interner)));
    const stamps = new Map(reads.map((r, i) => [pathToFileURL(files[i]!).toString(), r.stamp]));
    // Interleaved, backwards within each file: every file is still read to the end only a few times.
    const order = Array.from({ length: 300 }, (_, i) => [reads[0]!.records[299 - i]!, reads[1]!.records[(i * 7) % 300]!]).flat();
    const texts: (string | undefined)[] = [];
    for await (const text of diskRecordTexts(order, (uri) => stamps.get(uri))) texts.push(text);
    assert.equal(texts.length, 600);
    texts.forEach((text, i) => {
      const record = order[i]!;
      const expected = (record.uri.endsWith('a.json.gz') ? logs[0] : logs[1])![record.index]!;
      assert.deepEqual(JSON.parse(text!), expected, `record ${i}`);
    });
  });

  test('a file changed since it was read gives no records', async () => {
    const file = path.join(dir, 'changed.json');
    writeFileSync(file, JSON.stringify({ Records: generateRecords(3, 5) }));
    const log = await read(file, new PlaceTable(), new Interner());
    utimesSync(file, new Date(), new Date(Date.now() + 60_000));
    const texts: (string | undefined)[] = [];
    for await (const text of diskRecordTexts(log.records, () => log.stamp)) texts.push(text);
    assert.deepEqual(texts, [undefined, undefined, undefined, undefined, undefined]);
  });
});
