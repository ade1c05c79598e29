/**
 * An open document read with the WebAssembly scanner (parse/scannedStructure.ts) against the JavaScript pass
 * it replaces (parse/structure.ts): the same ParsedLog, to the records' spans and values, the folds in their
 * order, the problems and the shape, for every generated shape, hostile texts and the test corpora; and the
 * JavaScript pass serving, said once, where the scanner cannot run.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { collectProblems } from '../../server/src/features/validate';
import { countKeys, LazyRecord } from '../../server/src/parse/fastParse';
import type { ParsedLog, RecordInfo } from '../../server/src/parse/parsedLog';
import { parseLog } from '../../server/src/parse/parseLog';
import { scannedStructure } from '../../server/src/parse/scannedStructure';
import { jsStructure, type Structure } from '../../server/src/parse/structure';
import { onJsReader } from '../../server/src/scan/jsReaderNotice';
import { loadScanner, scannerModule } from '../../server/src/scan/scannerModule';
import { BAD_INPUTS } from '../support/badInputs';
import { generateLog } from '../support/generateLog';
import { shapedLogs } from '../support/logShapes';
import { corpora } from '../support/paths';

/** A thread without WebAssembly: the JavaScript pass reads. */
const NO_SCANNER = loadScanner({}, () => new Uint8Array());

/** A record's top-level values (nested ones by their count of keys: a log may nest 100,000 deep, past deepEqual's stack). */
function values(data: Readonly<Record<string, unknown>> | undefined) {
  return data && Object.entries(data).map(([k, v]) => [k, v !== null && typeof v === 'object' ? countKeys(v) : v]);
}

function recordView(r: RecordInfo) {
  const { index, start, end, closed, repeatsKeys } = r;
  return { index, start, end, closed, fields: [...r.fields], values: values(r.data), repeatsKeys };
}

/** Everything a feature reads of a parse, in order (folds unsorted: their order is part of the answer). */
function view(parsed: ParsedLog) {
  return {
    length: parsed.length,
    shape: parsed.shape,
    fast: parsed.records.length > 0 && parsed.records.every((r) => r instanceof LazyRecord),
    records: parsed.records.map(recordView),
    recordsValue: parsed.recordsValue,
    nonObjectRecords: parsed.nonObjectRecords,
    duplicateKeys: parsed.duplicateKeys,
    syntax: parsed.syntax,
    notJson: parsed.notJson,
    folds: Array.from(parsed.folds),
    root: parsed.root && recordView(parsed.root),
    problems: collectProblems(parsed),
  };
}

const record = (seed: number) => JSON.stringify(JSON.parse(generateLog({ seed, records: 1 })).Records[0]);

/** A 4-byte character whose surrogate pair straddles the scanner's 32 KB input, in a log whose records follow it. */
function pairAtChunkEdge(): string {
  const head = '{"Records":[{"eventName":"';
  return `${head}${'x'.repeat(32 * 1024 - 1 - head.length)}🚀"},${record(21)},${record(22)}]}`;
}

/** Delivered logs the scanner answers for alone. */
function delivered(): { name: string; text: string }[] {
  const nonAscii = generateLog({ seed: 5, records: 40, pretty: true })
    .replace(/"userAgent": "/g, '"userAgent": "é日🚀 \\"\\\\\\u00e9 ')
    .replace(/"awsRegion": "/g, '"awsRegion": "{[:,]} ');
  return [
    { name: 'minified', text: generateLog({ seed: 1, records: 80 }) },
    { name: 'pretty', text: generateLog({ seed: 2, records: 80, pretty: true }) },
    { name: 'pretty, CRLF', text: generateLog({ seed: 3, records: 20, pretty: true }).replace(/\n/g, '\r\n') },
    { name: 'pretty, CR alone', text: generateLog({ seed: 3, records: 5, pretty: true }).replace(/\n/g, '\r') },
    {
      name: 'tabs and blank lines',
      text: generateLog({ seed: 4, records: 5, pretty: true }).replace(/ {2}/g, '\t').replace(/,\n/g, ',\n\n'),
    },
    { name: '2-, 3- and 4-byte characters, escapes, brackets in strings', text: nonAscii },
    {
      name: '3-byte characters filling the input before its characters run out',
      text: generateLog({ seed: 6, records: 30 }).replace(/"eventName":"/g, `"eventName":"${'日'.repeat(5000)}`),
    },
    { name: 'a surrogate pair across the input edge', text: pairAtChunkEdge() },
    { name: 'lone surrogates', text: `{"Records":[{"eventName":"\ud800x\udfff"},{"a":{"b":\n1}}]}` },
    { name: 'a valid log nesting 100,000 deep', text: BAD_INPUTS['a valid log nesting 100,000 deep']!() },
    { name: 'pretty, nesting 100,000 deep', text: `{"Records":[{"a":${'[\n'.repeat(100_000)}${']\n'.repeat(100_000)}}]}` },
    { name: 'an empty record and more root keys', text: `{"a":1,"Records":[{},{"b":{}}],"c":"{\\"Records\\":["}` },
  ];
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Texts the fast path refuses, or the scanner leaves to the JavaScript pass. */
function others(): { name: string; text: string }[] {
  const r = record(8);
  return [
    ...shapedLogs(7).map((log) => ({ name: log.name, text: log.text })),
    // Those JSON.parse refuses never reach the scanner: one stands for them (broken JSON, below).
    ...Object.entries(BAD_INPUTS)
      .map(([name, make]) => ({ name, text: make() }))
      .filter((log) => parses(log.text)),
    { name: 'a duplicate Records', text: `{"Records":[${r}],"Records":[${r}]}` },
    { name: 'a key ending in an escaped quote and Records', text: `{"a\\"Records":[{}],"Records":[${r}]}` },
    { name: 'Events before Records', text: `{"Events":[{"x":1}],"Records":[${r}]}` },
    { name: 'a nested value beside Records', text: `{"meta":{"k":1},"Records":[${r}]}` },
    { name: 'white space the scanner does not look back over', text: `{"Records"${' '.repeat(80)}:[${r}]}` },
    { name: 'no records', text: '{"Records":[]}' },
    { name: 'a duplicate key at the root', text: `{"Records":[${r}],"x":1,"x":2}` },
    { name: 'a duplicate key deep in a record', text: `{"Records":[${record(7).replace('"type":', '"type":"x","type":')}]}` },
    { name: 'broken JSON', text: `{"Records":[${r},{"a":]}` },
  ];
}

describe('an open document read with the scanner', () => {
  test('where the scanner cannot run, the JavaScript pass reads the same, and the output channel is told once', () => {
    assert.equal(NO_SCANNER.ok, false);
    const said: string[] = [];
    onJsReader((message) => said.push(message));
    const text = generateLog({ seed: 9, records: 20, pretty: true });
    const fallback = parseLog(text, NO_SCANNER);
    parseLog(generateLog({ seed: 10, records: 5 }), NO_SCANNER);
    assert.ok(
      fallback.records.every((r) => r instanceof LazyRecord),
      'the fast path still reads it',
    );
    assert.deepEqual(view(fallback), view(parseLog(text)));
    assert.equal(said.length, 1, said.join('\n'));
    assert.match(said[0]!, /WebAssembly is not available.*a document opened in the editor/);
  });

  let answered = 0;
  for (const log of delivered()) {
    test(`the scanner reads it alone: ${log.name}`, () => {
      const keys = Object.keys(JSON.parse(log.text)).length;
      const scanned = scannedStructure(log.text, keys, scannerModule());
      assert.equal(typeof scanned, 'object', `the scanner answered: ${String(scanned)}`);
      const reference = jsStructure(log.text)!;
      assert.deepEqual({ ...(scanned as object), folds: Array.from((scanned as Structure).folds) }, reference);
      const parsed = parseLog(log.text);
      assert.ok(parsed.records.length > 0 && parsed.records.every((r) => r instanceof LazyRecord), 'the fast path read it');
      assert.deepEqual(view(parsed), view(parseLog(log.text, NO_SCANNER)));
      answered++;
    });
  }

  for (const log of [...others(), ...corpora()]) {
    test(`the same parse either way: ${log.name}`, () => {
      assert.deepEqual(view(parseLog(log.text)), view(parseLog(log.text, NO_SCANNER)));
    });
  }

  test('every delivered log was read by the scanner', () => assert.equal(answered, delivered().length));
});
