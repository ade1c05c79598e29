/**
 * A folder's file read whole through the WebAssembly scanner and the records' tapes gives exactly what the text's
 * reading gives (rows: summaries, touched values, places, bytes; counts; the rules' matches; stamps), over generated
 * logs minified and pretty, gzip, a byte-order mark, CRLF, text past ASCII and escapes, the rule pack's own test
 * records, and hostile files. Files the scanner must not read its way (a fault, a key twice, another shape) are
 * read the old way, and the test says which way each file went.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { compileRules } from '../../server/src/detections/compileRules';
import type { RuleSet } from '../../server/src/detections/ruleSet';
import { readWholeFile } from '../../server/src/files/readJobs';
import { readScannedWhole } from '../../server/src/files/scannedWhole';
import { JS_READER_ENV } from '../../server/src/scan/scannerModule';
import { BAD_INPUTS } from '../support/badInputs';
import { fixCases } from '../support/brokenLogs';
import { generateLog } from '../support/generateLog';
import { shapedLogs } from '../support/logShapes';
import { packFiles, packRecords } from '../support/rulePack';

/** A rule no value indexes (every record is asked), beside the pack (most records are not). */
const UNINDEXED = `title: Anything in an east region
id: 0d6c2f4e-6a51-4c1e-9d0a-3b1f5e7a9c21
logsource: { product: aws, service: cloudtrail }
detection:
  selection:
    awsRegion|endswith: 'east-1'
  condition: selection
level: low
`;

let dir: string;
let sets: Record<string, RuleSet | undefined>;
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-scanned-whole-'));
  const pack = packFiles().map((f) => ({ file: f.file, text: f.text }));
  sets = {
    'no rules': undefined,
    'the pack': compileRules(pack).set,
    'the pack and an unindexed rule': compileRules([...pack, { file: '/rules/unindexed.yml', text: UNINDEXED }]).set,
  };
});
after(() => rmSync(dir, { recursive: true, force: true }));

const delivered = (records: readonly unknown[], pretty = false) => JSON.stringify({ Records: records }, null, pretty ? 2 : undefined);

/** Files the scanner reads its way: delivered logs as CloudTrail writes them, and as a hand or a shipper may. */
function cleanFiles(): [string, string | Buffer][] {
  const withText = generateLog({ seed: 31, records: 40 })
    .replace(/"userAgent":"/g, '"userAgent":"é日🚀 \\"q\\" \\u00e9 ')
    .replace(/"bucketName":"/g, '"bucketName":"\\ud83d\\ude80');
  const packLog = delivered(packFiles().flatMap((f) => [...packRecords(f.stem).match, ...packRecords(f.stem).noMatch]));
  // Written by hand: an object literal would reorder the keys and drop `__proto__`. Object.values puts index keys first.
  const odd = `{"Records":[${[
    '{"eventName":"__proto__","eventSource":"constructor","requestParameters":{"__proto__":"x","b":"first","2":"two","1":["one",{"b":"b"}],"01":"not an index","a":"a"}}',
    '{"eventName":"Numbers","requestParameters":{"n":[0,-0,1.5e300,12345678901234567890]},"responseElements":null,"resources":{}}',
    '{"eventTime":"2024-03-05T00:00:00Z","resources":[{"ARN":"arn:aws:s3:::b"},"x",{"ARN":7}],"responseElements":{"ARN":"y","4294967295":"big","4294967294":"last index"}}',
  ].join(',')}]}`;
  return [
    ['minified.json', generateLog({ seed: 30, records: 120 })],
    ['pretty.json', generateLog({ seed: 32, records: 50, pretty: true })],
    ['crlf.json', generateLog({ seed: 33, records: 20, pretty: true }).replace(/\n/g, '\r\n')],
    ['bom.json', `\ufeff${generateLog({ seed: 34, records: 20 })}`],
    ['text past ASCII and escapes.json', withText],
    ['replacement character.json', generateLog({ seed: 35, records: 5 }).replace('"eventName":"', '"eventName":"\uFFFD')],
    ['gzip.json.gz', gzipSync(generateLog({ seed: 36, records: 200 }))],
    ['pack records.json', packLog],
    ['odd values.json', odd],
    // Taped in batches: more than a megabyte of records, and more nodes than one batch holds.
    ['two megabytes.json.gz', gzipSync(generateLog({ seed: 38, records: 1800 }))],
    [
      'many nodes.json',
      delivered(
        Array.from({ length: 300 }, (_, i) => ({ eventName: `N${i}`, requestParameters: { n: Array.from({ length: 600 }, (_, k) => k) } })),
      ),
    ],
    ['spaced wrapper.json', ` {\n "Records" :\t[ ${generateLog({ seed: 37, records: 3 }).slice(12, -2)} ] } \n`],
  ];
}

/** Files read the old way: the scanner answers undefined for each. */
function refusedFiles(): [string, string | Buffer][] {
  const log = generateLog({ seed: 40, records: 6 });
  const hostile: [string, string | Buffer][] = [
    ['repeated key.json', log.replace('"eventName":', '"eventName":"First","eventName":')],
    ['repeated nested key.json', log.replace('"userIdentity":{', '"userIdentity":{"type":"Root",')],
    ['fault inside a record.json', log.replace('"awsRegion":', '"awsRegion"')],
    ['trailing comma.json', log.replace(/\]\}$/, ',]}')],
    ['another root key.json', log.replace(/\]\}$/, '],"x":1}')],
    ['empty.json', '{"Records":[]}'],
    ['not UTF-8.json', Buffer.concat([Buffer.from(log.slice(0, 100)), Buffer.from([0xff, 0xfe]), Buffer.from(log.slice(100))])],
    ['record over a megabyte.json', delivered([{ eventName: 'Big', requestParameters: { v: 'x'.repeat(1_100_000) } }])],
    ['broken gzip.json.gz', gzipSync(log).subarray(0, 200)],
  ];
  const shapes = shapedLogs(8)
    .filter((l) => l.shape !== 'records')
    .map((l): [string, string] => [`${l.name}.json`, l.text]);
  const broken = fixCases().map((c): [string, string] => [`${c.code} ${c.name}.json`, c.broken]);
  return [...hostile, ...shapes, ...broken];
}

async function readBoth(name: string, content: string | Buffer, rules: RuleSet | undefined) {
  const file = path.join(dir, name.replace(/[^a-z0-9.]+/gi, '-'));
  writeFileSync(file, content);
  const read = async (forceJs: boolean) => {
    if (forceJs) process.env[JS_READER_ENV] = '1';
    try {
      return await readWholeFile({ path: file, validate: false }, rules);
    } finally {
      delete process.env[JS_READER_ENV];
    }
  };
  const bytes = readFileSync(file);
  const text = name.endsWith('.gz')
    ? (() => {
        try {
          return gunzipSync(bytes);
        } catch {
          return undefined;
        }
      })()
    : bytes;
  return {
    js: await read(true),
    scanned: await read(false),
    tookScanner: text !== undefined && readScannedWhole(text, rules) !== undefined,
  };
}

describe('a folder file read whole through the scanner', () => {
  for (const [setName] of [['no rules'], ['the pack'], ['the pack and an unindexed rule']] as const) {
    test(`clean delivered logs take the scanner and give the text's answers (${setName})`, async (t) => {
      let records = 0;
      let flagged = 0;
      for (const [name, content] of cleanFiles()) {
        const { js, scanned, tookScanner } = await readBoth(name, content, sets[setName]);
        assert.ok(tookScanner, `${name} was not read by the scanner`);
        assert.deepEqual(scanned, js, name);
        if ('parsed' in scanned) {
          records += scanned.parsed.rows.rows.length > 0 ? scanned.parsed.recordLike : 0;
          flagged += scanned.parsed.detected?.rows.length ?? 0;
        }
      }
      t.diagnostic(`${cleanFiles().length} files, ${records} records, ${flagged} flagged: the same both ways`);
    });
  }

  test('files the scanner must not read its way are read the old way, with the same answers', async (t) => {
    t.diagnostic(`${refusedFiles().length} files read the old way`);
    for (const [name, content] of refusedFiles()) {
      const { js, scanned, tookScanner } = await readBoth(name, content, sets['the pack']);
      assert.equal(tookScanner, false, `${name} was read by the scanner`);
      assert.deepEqual(scanned, js, name);
    }
  });

  test('bad inputs give the same answers, whichever way each is read', async (t) => {
    let scanned = 0;
    for (const [name, make] of Object.entries(BAD_INPUTS)) {
      const both = await readBoth(`${name}.json`, make(), sets['the pack']);
      assert.deepEqual(both.scanned, both.js, name);
      if (both.tookScanner) scanned++;
    }
    // A byte-order mark or white space is no fault: such files are still the scanner's.
    assert.ok(scanned > 0 && scanned < Object.keys(BAD_INPUTS).length);
    t.diagnostic(`${Object.keys(BAD_INPUTS).length} bad inputs, ${scanned} read by the scanner`);
  });
});
