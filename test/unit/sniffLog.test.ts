/**
 * Detection by content: the first few KB of every shape of CloudTrail log, minified and pretty, cut
 * anywhere, are recognised; JSON that is not a log, including JSON that looks much like one, is not.
 * Every document the sniffer calls a log is one the server reads as a log.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { readJsonPrefix } from '../../client/src/languageSniff/jsonPrefix';
import { SNIFF_CHARS, sniffLog, type SniffedShape } from '../../client/src/languageSniff/sniffLog';
import type { LogShape } from '../../server/src/cloudtrail/logShape';
import { parseLog } from '../../server/src/parse/parseLog';
import { cleanRecord } from '../support/cleanRecord';
import { type LogShapeName, shapedLogs } from '../support/logShapes';
import { fixturePath, repoPath } from '../support/paths';

const LOGS = shapedLogs();

/** The server's name for each shape the sniffer tells apart. */
const SERVER_SHAPE: Readonly<Record<SniffedShape, LogShape>> = {
  records: 'records',
  array: 'array',
  lines: 'lines',
  record: 'record',
  'lookup-events': 'embedded',
  'cloudwatch-export': 'embedded',
  digest: 'digest',
};

/** Where a prefix may be cut: every 61st character from 4 KB to 8 KB, and every character of a stretch at 4 KB. */
const CUTS = [
  ...Array.from({ length: Math.ceil(4096 / 61) }, (_, i) => 4096 + i * 61),
  ...Array.from({ length: 160 }, (_, i) => 4096 + i),
  SNIFF_CHARS,
];

describe('every shape of CloudTrail log is recognised from its first few KB', () => {
  test('the generated logs are larger than what is read', () => {
    for (const log of LOGS) if (log.shape !== 'record') assert.ok(log.text.length > 2 * SNIFF_CHARS, log.name);
  });

  for (const log of LOGS) {
    test(`${log.name}: whole, and cut at any place between 4 and 8 KB`, () => {
      assert.equal(sniffLog(log.text.slice(0, SNIFF_CHARS)), log.shape);
      for (const cut of CUTS) assert.equal(sniffLog(log.text.slice(0, cut)), log.shape, `cut at ${cut}: …${log.text.slice(cut - 30, cut)}`);
    });

    test(`${log.name}: after a byte-order mark, blank lines and indentation, and with CRLF line ends`, () => {
      for (const text of [`\uFEFF${log.text}`, `\n\n   ${log.text}`, `\uFEFF\r\n\t${log.text}`, log.text.replace(/\n/g, '\r\n')]) {
        assert.equal(sniffLog(text.slice(0, SNIFF_CHARS)), log.shape);
      }
    });

    test(`${log.name}: the server reads it as a log of that shape`, () => {
      const parsed = parseLog(log.text);
      assert.equal(parsed.shape, SERVER_SHAPE[log.shape]);
      if (log.shape !== 'digest') assert.ok(parsed.records.length > 0);
    });
  }

  test('a first record larger than what is read, cut inside it anywhere between 4 and 8 KB', () => {
    for (const log of shapedLogs(2, true)) {
      const second = log.text.indexOf('eventVersion', log.text.indexOf('eventVersion') + 1);
      const large = second > SNIFF_CHARS || (second < 0 && log.text.length > SNIFF_CHARS);
      assert.ok(large || log.shape === 'digest', `${log.name}: its first record is large`);
      // One line of JSON Lines, cut short, cannot say whether another follows: it is a record, and a log.
      const shape = log.shape === 'lines' ? 'record' : log.shape;
      for (const cut of CUTS)
        assert.equal(sniffLog(log.text.slice(0, cut)), shape, `${log.name}, cut at ${cut}: …${log.text.slice(cut - 30, cut)}`);
    }
  });

  const FIXTURES: [string, SniffedShape][] = [
    ['records.jsonl', 'lines'],
    ['bare-array.json', 'array'],
    ['single-record.json', 'record'],
    ['lookup-events.json', 'lookup-events'],
    ['cloudwatch-export.json', 'cloudwatch-export'],
    ['digest.json', 'digest'],
  ];
  test('the hand-written files of every shape (fields in alphabetical order in the bare array)', () => {
    for (const [name, shape] of FIXTURES) assert.equal(sniffLog(readFileSync(fixturePath('shapes', name), 'utf8')), shape, name);
    assert.equal(sniffLog(readFileSync(fixturePath('seed-sample.json'), 'utf8')), 'records', 'the seed sample, with its two JSON faults');
  });

  test('a log with a JSON fault inside its first record is still a log', () => {
    const text = LOGS.find((l) => l.name === 'delivered log, pretty')!.text;
    const broken = text.replace(/"eventTime"/, '"eventTime" ').replace(/,(\s*"eventSource")/, '$1');
    assert.notEqual(broken, text);
    assert.equal(sniffLog(broken.slice(0, SNIFF_CHARS)), 'records');
  });
});

const record = (overrides: Record<string, unknown> = {}) => JSON.stringify(cleanRecord(overrides));

/** JSON (and not) that is no CloudTrail log, each with why it might be taken for one. */
const NEAR_MISSES: [string, string][] = [
  ['this package.json', readFileSync(repoPath('package.json'), 'utf8')],
  ['this tsconfig.json', readFileSync(repoPath('tsconfig.json'), 'utf8')],
  ['the grammar', readFileSync(repoPath('syntaxes', 'cloudtrail.tmLanguage.json'), 'utf8')],
  ['an array of numbers', '[1, 2, 3]'],
  ['an array of arrays', '[[1, 2], [3, 4]]'],
  ['an empty array', '[]'],
  ['an empty object', '{}'],
  ['nothing', ''],
  ['white space', ' \n\t'],
  ['a string', '"eventVersion"'],
  ['null', 'null'],
  ['an empty Records array', '{"Records":[]}'],
  ['Records of numbers', '{"Records":[1,2]}'],
  ['a Records entry without eventVersion', '{"Records":[{"eventName":"GetObject"}]}'],
  ['a record-like object without CloudTrail keys', '{"id":1,"name":"GetObject","time":"2024-03-05T10:00:00Z","source":"s3"}'],
  ['a record without eventVersion', record({ eventVersion: undefined })],
  ['eventVersion and nothing that happened', record({ eventName: undefined, eventSource: undefined })],
  ['eventVersion alone', '{"eventVersion":"1.08"}'],
  [
    "Lambda's S3 event notification (eventVersion, eventSource aws:s3)",
    '{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventTime":"2024-03-05T10:00:00.000Z","eventName":"ObjectCreated:Put","userIdentity":{"principalId":"AWS:AIDAEXAMPLE"},"s3":{"bucket":{"name":"b"},"object":{"key":"k"}}}]}',
  ],
  [
    "Lambda's DynamoDB stream event",
    '{"Records":[{"eventID":"1","eventName":"INSERT","eventVersion":"1.0","eventSource":"aws:dynamodb","awsRegion":"us-east-1","dynamodb":{"Keys":{"Id":{"N":"101"}}}}]}',
  ],
  [
    'an EventBridge event carrying a CloudTrail record',
    `{"version":"0","id":"6a7e8feb","detail-type":"AWS API Call via CloudTrail","source":"aws.s3","account":"111122223333","time":"2024-03-05T10:00:00Z","region":"us-west-2","resources":[],"detail":${record()}}`,
  ],
  [
    'a JSON schema of CloudTrail records',
    '{"$schema":"http://json-schema.org/draft-07/schema#","properties":{"eventVersion":{"type":"string"},"eventName":{"type":"string"}}}',
  ],
  [
    'lookup-events whose CloudTrailEvent is not a record',
    '{"Events":[{"EventId":"x","EventName":"GetObject","CloudTrailEvent":"not JSON"}]}',
  ],
  ['lookup-events whose CloudTrailEvent is an object, not a string', `{"Events":[{"EventId":"x","CloudTrailEvent":${record()}}]}`],
  [
    "a CloudWatch Logs export of a Lambda function's log",
    '{"events":[{"timestamp":1709632801000,"message":"START RequestId: 8f5c Version: $LATEST\\n"}]}',
  ],
  [
    'a CloudWatch Logs export of JSON application logs',
    '{"events":[{"timestamp":1709632801000,"message":"{\\"level\\":\\"info\\",\\"msg\\":\\"ok\\"}"}]}',
  ],
  ['digestStartTime alone', '{"digestStartTime":"2024-03-05T09:00:12Z"}'],
  ['a digest-like object with no log files', '{"digestStartTime":"2024-03-05T09:00:12Z","digestEndTime":"2024-03-05T10:00:12Z"}'],
  ['JSON Lines of application logs', '{"level":"info","msg":"started"}\n{"level":"warn","msg":"slow"}\n'],
  ['Athena JSON Lines, lower-case column names', '{"eventversion":"1.08","eventname":"GetObject","eventsource":"s3.amazonaws.com"}\n'],
  ['a CSV export', 'eventVersion,eventTime,eventSource,eventName\n1.08,2024-03-05T10:00:00Z,s3.amazonaws.com,GetObject\n'],
  ['YAML', 'Records:\n  - eventVersion: "1.08"\n    eventSource: s3.amazonaws.com\n    eventName: GetObject\n'],
  ['a text log line before the record', `2024-03-05T10:00:00Z ${record()}`],
  ['200,000 nested arrays', '['.repeat(200_000)],
  ['a prefix too short to show more than eventVersion', '{"Records":[{"eventVersion":"1.0'],
];

describe('JSON that is not a CloudTrail log is not taken for one', () => {
  for (const [name, text] of NEAR_MISSES) {
    test(name, () => assert.equal(sniffLog(text.slice(0, SNIFF_CHARS)), undefined));
  }

  test('every near miss the server would read as a log is one the sniffer must refuse on purpose', () => {
    // The server checks whatever a Records array holds; Lambda's event payloads have Records with eventVersion too.
    const readByServer = NEAR_MISSES.filter(([, text]) => text.length < 10_000 && parseLog(text).records.length > 0).map(([name]) => name);
    assert.deepEqual(readByServer, [
      'a Records entry without eventVersion',
      "Lambda's S3 event notification (eventVersion, eventSource aws:s3)",
      "Lambda's DynamoDB stream event",
      // A whole document this short is a broken log; as a prefix, it says too little.
      'a prefix too short to show more than eventVersion',
    ]);
  });
});

describe('the JSON prefix reader', () => {
  const read = (text: string) => readJsonPrefix(text, 2);

  test('keeps what it read of a string, an object and an array cut short', () => {
    assert.deepEqual(read('{"a":["x","yz'), [
      {
        kind: 'object',
        closed: false,
        entries: [
          {
            key: 'a',
            value: {
              kind: 'array',
              closed: false,
              items: [
                { kind: 'string', text: 'x', closed: true },
                { kind: 'string', text: 'yz', closed: false },
              ],
            },
          },
        ],
      },
    ]);
  });

  test('decodes escapes, and drops one cut short', () => {
    assert.deepEqual(read('"a\\"b\\u0041\\n"'), [{ kind: 'string', text: 'a"bA\n', closed: true }]);
    for (const cut of ['"ab\\', '"ab\\u00', '"ab\\u004']) assert.deepEqual(read(cut), [{ kind: 'string', text: 'ab', closed: false }]);
  });

  test('reads values one after another, as JSON Lines has them', () => {
    const values = read('{"a":1}\n{"b":2}\n{"c":3}');
    assert.deepEqual(
      values.map((v) => v.kind === 'object' && v.entries.map((e) => e.key)),
      [['a'], ['b']],
    );
  });

  test('skips containers deeper than a record, brackets inside their strings included', () => {
    const [top] = read('{"Records":[{"userIdentity":{"arn":"a]}b","x":[{}]},"eventVersion":"1.08"}]}');
    assert.equal(top?.kind === 'object' && top.closed, true);
    assert.deepEqual(sniffLog('{"Records":[{"userIdentity":{"arn":"a]}b"},"eventVersion":"1.08","eventName":"X"}]}'), 'records');
  });
});

test('the shapes the sniffer names are the ones the shared log builders make', () => {
  const names: readonly LogShapeName[] = [...new Set(LOGS.map((l) => l.shape))];
  assert.deepEqual([...names].sort(), Object.keys(SERVER_SHAPE).sort());
});
