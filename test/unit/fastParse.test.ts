/** The fast path for clean delivered logs must index exactly what the tolerant parser does. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { LazyRecord } from '../../server/src/parse/fastParse';
import { fieldOf } from '../../server/src/parse/parsedLog';
import { parseLog } from '../../server/src/parse/parseLog';
import { parseTolerant } from '../../server/src/parse/tolerantParser';
import { collectProblems } from '../../server/src/features/validate';
import { generateLog } from '../support/generateLog';
import { snapshot } from '../support/snapshot';

const CLEAN = [
  generateLog({ seed: 1, records: 60 }),
  generateLog({ seed: 2, records: 60, pretty: true }),
  generateLog({ seed: 3, records: 30, pretty: true }).replace(/\n/g, '\r\n'),
  '{"Records":[]}',
  '{"Records":[{"eventName":"a\\"}{[:,","eventVersion":"1.08","requestParameters":{"k":"\\\\"}}]}',
];

test('a clean delivered log takes the fast path and indexes the same as the tolerant parser', () => {
  for (const text of CLEAN) {
    const fast = parseLog(text);
    assert.ok(
      fast.records.every((r) => r instanceof LazyRecord),
      'fast path taken',
    );
    const tolerant = parseTolerant(text);
    assert.deepEqual(collectProblems(fast), collectProblems(tolerant));
    assert.deepEqual(snapshot(fast), snapshot(tolerant));
  }
});

test('anything else is read by the tolerant parser', () => {
  const record = JSON.stringify(JSON.parse(generateLog({ seed: 4, records: 1 })).Records[0]);
  for (const text of [
    `{"Records":[${record.replace('"awsRegion"', '"awsRegion":"x","awsRegion"')}]}`, // a duplicate key
    `{"Records":[${record}],"Records":[]}`, // a duplicate Records
    `[${record}]`, // a bare array
    `\ufeff{"Records":[${record}]}`, // a byte-order mark
    `{"Records":[${record},]}`, // a JSON error
    `{"Records":[${record},42]}`, // a record that is not an object
  ]) {
    const parsed = parseLog(text);
    assert.ok(!parsed.records.some((r) => r instanceof LazyRecord), text.slice(0, 40));
    assert.deepEqual(snapshot(parsed), snapshot(parseTolerant(text)));
  }
});

test("both paths keep a long string's value by the same rule", () => {
  // 4,096 decoded characters, longer than that as written: kept by both, or by neither.
  const value = `${'\\"'.repeat(100)}${'a'.repeat(3996)}`;
  const text = `{"Records":[{"eventName":"GetObject","userAgent":"${value}"}]}`;
  const fast = fieldOf(parseLog(text).records[0]!, 'userAgent')?.value; // read from the parsed values
  const tolerant = parseTolerant(text).records[0]!.fields.get('userAgent')?.value;
  assert.equal(typeof fast, 'string');
  assert.equal(fast, tolerant);
});

test('both paths find the same problems in records whose fields are changed at random', () => {
  const records = JSON.parse(generateLog({ seed: 5, records: 20 })).Records as Record<string, unknown>[];
  const paths = [
    'eventTime',
    'eventVersion',
    'eventID',
    'eventType',
    'eventName',
    'eventSource',
    'awsRegion',
    'eventCategory',
    'sourceIPAddress',
    'recipientAccountId',
    'readOnly',
    'resources',
    'requestParameters',
    'userIdentity',
    'userIdentity.type',
    'userIdentity.accountId',
    'userIdentity.sessionContext.sessionIssuer.accountId',
    'requestParameters.bucketName',
    'constructor',
    '__proto__',
  ];
  const value = fc.oneof(
    fc.constant(undefined), // the field removed
    fc.constantFrom(
      '',
      'yesterday',
      '2019-02-30T00:00:00Z',
      '1.5',
      'anonymous',
      'GetObjet',
      's3.amazonaws.com',
      'AwsApiCall',
      'x'.repeat(5000),
    ),
    fc.string({ maxLength: 12 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant({}),
    fc.constant([]),
  );
  fc.assert(
    fc.property(fc.nat(records.length - 1), fc.array(fc.tuple(fc.constantFrom(...paths), value), { maxLength: 4 }), (index, changes) => {
      const record = structuredClone(records[index]!);
      for (const [path, v] of changes) {
        const keys = path.split('.');
        let target: Record<string, unknown> = record;
        for (const key of keys.slice(0, -1)) {
          if (target[key] === null || typeof target[key] !== 'object' || Array.isArray(target[key])) target[key] = {};
          target = target[key] as Record<string, unknown>;
        }
        if (v === undefined) delete target[keys.at(-1)!];
        // A copy: fast-check hands out the same {} and [] again, and a later change must not write into it.
        else
          Object.defineProperty(target, keys.at(-1)!, { value: structuredClone(v), enumerable: true, configurable: true, writable: true });
      }
      const text = JSON.stringify({ Records: [record] });
      const fast = parseLog(text);
      assert.ok(fast.records[0] instanceof LazyRecord, 'fast path taken');
      assert.deepEqual(collectProblems(fast), collectProblems(parseTolerant(text)));
    }),
    { numRuns: 300 },
  );
});
