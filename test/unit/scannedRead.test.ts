/**
 * A log read from disk with the WebAssembly scanner under it gives exactly what the JavaScript reader gives:
 * records (names, summaries, places, bytes, order), problems with their places, counts, errors, stamps and
 * the rules' findings, over generated logs of every shape, gzip, broken and hostile files, text that is not
 * ASCII, and the test corpora; read in one piece and cut at small sizes. Files the scanner leaves to the
 * JavaScript reader (a comment, a line break in a string) are read by it, whole, with the same answers.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { compileRules } from '../../server/src/detections/compileRules';
import type { RuleSet } from '../../server/src/detections/ruleSet';
import { DiskDetections } from '../../server/src/files/diskDetections';
import { PlaceTable } from '../../server/src/files/diskRecord';
import { InlineRunner } from '../../server/src/files/readJobs';
import { Interner } from '../../server/src/files/recordColumns';
import { onJsReader, readStreamed, type StreamedFile } from '../../server/src/files/streamedLog';
import { JS_READER_ENV } from '../../server/src/scan/scannerModule';
import { BAD_INPUTS } from '../support/badInputs';
import { everyFaultAtOnce, fixCases } from '../support/brokenLogs';
import { generateLog } from '../support/generateLog';
import { shapedLogs } from '../support/logShapes';
import { fixturePath } from '../support/paths';

const RULES = `title: Calls by mallory
id: 6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a11
logsource: { product: aws, service: cloudtrail }
detection:
  selection:
    eventSource: s3.amazonaws.com
  condition: selection
level: low
`;

let dir: string;
let set: RuleSet;
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-scanned-'));
  set = compileRules([{ file: '/rules/test.yml', text: RULES }]).set;
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Everything a read yields, as plain values. */
function yielded(read: StreamedFile) {
  const records = read.records.map((r) => ({
    ...r,
    table: undefined,
    places: [r.index, r.start, r.end, r.fromLine, r.fromCharacter, r.toLine, r.toCharacter, r.byteStart, r.byteEnd, r.uri],
    identity: [r.userName, r.roleName, r.arn, r.accessKeyId, r.accountId],
  }));
  const findings = read.detections?.findings().map((f) => ({ ...f, records: f.records.map((r) => r.index) }));
  const names = read.records.map((r) => read.detections?.names.get(r));
  const { path: _path, ...stamp } = read.stamp;
  return {
    records,
    problems: read.problems.limited(1_000_000),
    total: read.problems.total(),
    errors: read.errors,
    syntaxErrors: read.syntaxErrors,
    textBytes: read.textBytes,
    stamp,
    findings,
    names,
  };
}

async function readBoth(
  name: string,
  content: string | Uint8Array,
  pieceChars?: number,
  validate = true,
  rules: RuleSet | undefined = set,
) {
  const file = path.join(dir, name.replace(/[^a-z0-9.]+/gi, '-'));
  writeFileSync(file, content);
  const read = async (jsReader: boolean) => {
    const detections = rules && new DiskDetections(rules);
    const uri = pathToFileURL(file).toString();
    const options = {
      runner: new InlineRunner(rules),
      uri,
      interner: new Interner(),
      table: new PlaceTable(),
      validate,
      ...(detections ? { detections } : {}),
    };
    return (await readStreamed(file, { ...options, jsReader, ...(pieceChars ? { pieceChars } : {}) }))!;
  };
  // The JavaScript reader throughout: its splitter, and records parsed by JSON.parse rather than read from their tapes.
  process.env[JS_READER_ENV] = '1';
  const js = await read(true).finally(() => delete process.env[JS_READER_ENV]);
  const scanned = await read(false);
  assert.equal(js.readBy, 'javascript');
  assert.deepEqual(yielded(scanned), yielded(js), name);
  return { scanned, js };
}

/** Non-ASCII in names, values and between records: two-, three- and four-byte characters. */
const unicode = (text: string) =>
  text.replaceAll('"us-east-1"', '"us-ëast-1 東京 😀"').replaceAll('"userAgent":', '"userAgént 😀":').replace('[', '[ \u00a0');

const generated = (): [string, string][] => [
  ['minified', generateLog({ seed: 3, records: 300 })],
  ['pretty', generateLog({ seed: 4, records: 120, pretty: true })],
  ['pretty CRLF', generateLog({ seed: 5, records: 60, pretty: true }).replace(/\n/g, '\r\n')],
  ['non-ASCII', unicode(generateLog({ seed: 6, records: 200 }))],
  ['non-ASCII pretty', unicode(generateLog({ seed: 7, records: 80, pretty: true }))],
  ['byte-order mark', `\ufeff${generateLog({ seed: 8, records: 50 })}`],
  ...shapedLogs(9).map((s): [string, string] => [`shape ${s.name}`, s.text]),
  ...shapedLogs(10, true).map((s): [string, string] => [`shape ${s.name} (large first)`, s.text]),
];

const broken = (): [string, string][] => {
  const log = generateLog({ seed: 14, records: 40 });
  const pretty = generateLog({ seed: 15, records: 30, pretty: true });
  return [
    ...fixCases().map(({ code, name, broken }): [string, string] => [`${code} ${name}`, broken]),
    ['every fault at once', everyFaultAtOnce().broken],
    ...Object.entries(BAD_INPUTS).map(([name, make]): [string, string] => [name, make()]),
    ['missing comma between records', log.replace('},{', '}{')],
    ['junk between records', log.replace('},{', '}, garbage 42 ,{')],
    ['truncated mid-string', log.slice(0, Math.floor(log.length / 2) + 3)],
    ['truncated pretty', pretty.slice(0, Math.floor(pretty.length * 0.7))],
    ['a string left open at a line end', pretty.replace('"eventName": "', '"eventName": "open\n')],
    ['content after the end', `${log}\n{"x": 1}\n[2]`],
    ['JSON Lines then junk', shapedLogs(16).find((s) => s.shape === 'lines')!.text + '\n not json {'],
    ['a lone high surrogate in a string', log.replace('"eventName":"', '"eventName":"\\ud800 \ud83d\ude00')],
    ['long junk between records, over chunks', log.replace('},{', `}, ${'junk '.repeat(60_000)},{`)],
    ['a megabyte of NUL', '\u0000'.repeat(1024 * 1024)],
    ['bytes that are not UTF-8', log.replace('"us-east-1"', '"us-\udc80east-1"')],
  ];
};

describe('the scanner under a disk read gives the answers of the JavaScript reader', () => {
  test('generated logs of every shape, whole and cut into small pieces, plain and gzip', async (t) => {
    let scanner = 0;
    let records = 0;
    for (const [name, text] of generated()) {
      const { scanned } = await readBoth(name, text);
      if (scanned.readBy === 'scanner') scanner++;
      records += scanned.records.length;
      await readBoth(`${name}.gz`, gzipSync(text));
      for (const piece of [1, 7, 64]) await readBoth(`${name} in ${piece}`, text, piece);
    }
    t.diagnostic(`${generated().length} logs, ${records} records; read by the scanner: ${scanner}`);
    // Clean logs are the scanner's: none of them needs the JavaScript reader.
    assert.equal(scanner, generated().length);
  });

  test('broken and hostile files, and gzip cut off', async (t) => {
    const cases = broken();
    let scanner = 0;
    let problems = 0;
    for (const [name, text] of cases) {
      const { scanned } = await readBoth(name, text);
      if (scanned.readBy === 'scanner') scanner++;
      problems += scanned.problems.total();
      await readBoth(`${name} in 5`, text, 5);
    }
    const gz = gzipSync(generateLog({ seed: 17, records: 200 }));
    for (const cut of [0.3, 0.6, 0.95]) await readBoth(`cut gzip ${cut}`, gz.subarray(0, Math.floor(gz.length * cut)));
    t.diagnostic(`${cases.length} broken files, ${problems} problems; read by the scanner: ${scanner}`);
    assert.ok(scanner > cases.length / 2, `${scanner} of ${cases.length}`);
  });

  test('a file with a comment is read by the JavaScript reader, with the same answers, and the server says so once', async () => {
    const said: string[] = [];
    onJsReader((message) => said.push(message));
    const log = generateLog({ seed: 18, records: 30, pretty: true }).replace('"eventName"', '/* why */ "eventName"');
    const { scanned } = await readBoth('comment.json', log);
    assert.equal(scanned.readBy, 'javascript');
    assert.equal(scanned.records.length, 30);
    await readBoth('comment again.json', log.replace('"eventName"', '"eventName" // again\n'));
    assert.equal(said.length, 1);
    assert.match(said[0]!, /JavaScript reader.*a comment/);
  });

  test("a folder's large file, nothing checked: records read from their tapes give what JSON.parse gives, with rules and without", async () => {
    for (const [name, text] of [...generated(), ...broken()]) {
      await readBoth(`${name} unchecked`, text, undefined, false);
      await readBoth(`${name} unchecked, no rules`, text, undefined, false, undefined);
    }
  });

  test('a read the scanner gives up midway leaves none of its rows behind', async () => {
    const log = generateLog({ seed: 19, records: 4000 });
    // The comment comes after enough batches for the scanner's pass to have taken records in.
    const at = log.lastIndexOf('},{') + 2;
    const file = path.join(dir, 'late comment.json');
    writeFileSync(file, `${log.slice(0, at)}/* late */${log.slice(at)}`);
    const table = new PlaceTable();
    const options = { runner: new InlineRunner(set), uri: 'file:///late', interner: new Interner(), table, validate: true, inFlight: 1 };
    const read = (await readStreamed(file, options))!;
    assert.equal(read.readBy, 'javascript');
    assert.equal(read.records.length, 4000);
    assert.equal(table.rows, 4000);
    assert.equal(read.records[3999]!.start > read.records[0]!.start, true);
  });

  test('the test corpora', async () => {
    const files = [...readdirSync(fixturePath('shapes')).map((name) => fixturePath('shapes', name)), fixturePath('seed-sample.json')];
    for (const file of files) {
      const text = readFileSync(file);
      await readBoth(path.basename(file), text);
      await readBoth(`${path.basename(file)} in 3`, text, 3);
    }
  });
});
