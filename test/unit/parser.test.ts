import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseLog } from '../../server/src/parse/parseLog';
import type { ProblemCode } from '../../server/src/cloudtrail/problems';
import { applyEdits } from '../support/applyEdits';
import { fixturePath } from '../support/paths';

const seed = readFileSync(fixturePath('seed-sample.json'), 'utf8');

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

describe('parser: the seed sample', () => {
  const parsed = parseLog(seed);

  test('finds exactly its two faults: the missing comma before "host" and the trailing comma', () => {
    assert.deepEqual(
      parsed.syntax.map((p) => [p.code, lineOf(seed, p.start), seed.slice(p.start, p.end)]),
      [
        ['missing-comma', 68, '"host"'],
        ['trailing-comma', 115, ','],
      ],
    );
  });

  test('still indexes all three records with their fields', () => {
    assert.equal(parsed.shape, 'records');
    assert.deepEqual(
      parsed.records.map((r) => r.fields.get('eventName')?.value),
      ['ListBuckets', 'PutBucketAcl', 'GetBucketVersioning'],
    );
    assert.equal(parsed.records[1]!.fields.get('userIdentity.userName')?.value, 'myUserName');
    assert.equal(parsed.records[2]!.fields.get('requestParameters.bucketName')?.value, 'DOC-EXAMPLE-BUCKET1');
    for (const record of parsed.records) {
      assert.equal(seed[record.start], '{');
      assert.equal(seed[record.end - 1], '}');
      assert.ok(record.closed);
    }
  });
});

interface SyntaxCase {
  readonly name: string;
  readonly text: string;
  /** The problems, as code and the text under the range. */
  readonly problems: readonly (readonly [ProblemCode, string])[];
  /** The text after applying every fix, when every problem has one. */
  readonly fixed?: string;
}

const CASES: readonly SyntaxCase[] = [
  { name: 'missing comma between properties', text: '{"a":1 "b":2}', problems: [['missing-comma', '"b"']], fixed: '{"a":1, "b":2}' },
  { name: 'missing comma after an object value', text: '{"a":{}\n"b":2}', problems: [['missing-comma', '"b"']], fixed: '{"a":{},\n"b":2}' },
  {
    name: 'missing comma between array elements',
    text: '[{"a":1}{"a":2}]',
    problems: [['missing-comma', '{']],
    fixed: '[{"a":1},{"a":2}]',
  },
  { name: 'trailing comma in an object', text: '{"a":1,\n}', problems: [['trailing-comma', ',']], fixed: '{"a":1\n}' },
  { name: 'trailing comma in an array', text: '[1, 2, ]', problems: [['trailing-comma', ',']], fixed: '[1, 2 ]' },
  { name: 'extra comma in an array', text: '["a",,"b"]', problems: [['extra-comma', ',']], fixed: '["a","b"]' },
  { name: 'leading comma in an object', text: '{,"a":1}', problems: [['extra-comma', ',']], fixed: '{"a":1}' },
  { name: 'missing colon', text: '{"a" "x"}', problems: [['missing-colon', '"a"']], fixed: '{"a": "x"}' },
  {
    name: 'unquoted property name',
    text: '{eventName: "x"}',
    problems: [['property-name-expected', 'eventName']],
    fixed: '{"eventName": "x"}',
  },
  { name: 'property name of the wrong kind', text: '{1: "x"}', problems: [['property-name-expected', '1']] },
  { name: 'value missing after colon', text: '{"a":}', problems: [['value-expected', '"a"']] },
  { name: 'value missing before comma', text: '{"a":,"b":1}', problems: [['value-expected', '"a"']] },
  { name: 'unterminated string is one problem, not a cascade', text: '{"a":"x\n,"b":1}', problems: [['unterminated-string', '"x']] },
  { name: 'unterminated string before the next property', text: '{"a":"x\n"b":1}', problems: [['unterminated-string', '"x']] },
  { name: 'invalid escape', text: '{"a":"\\x"}', problems: [['invalid-escape', '"\\x"']] },
  { name: 'invalid unicode escape', text: '{"a":"\\u12"}', problems: [['invalid-unicode', '"\\u12"']] },
  { name: 'raw control character', text: '{"a":"x\ty"}', problems: [['control-character', '"x\ty"']] },
  { name: 'invalid number', text: '{"a":1.}', problems: [['invalid-number', '1.']] },
  { name: 'a bare word is one problem', text: '{"a":undefined,"b":1}', problems: [['invalid-symbol', 'undefined']] },
  { name: 'a run of junk is one problem', text: '{"a":\u0001\u0002 \u0003,"b":1}', problems: [['invalid-symbol', '\u0001\u0002 \u0003']] },
  { name: 'line comment', text: '{"a":1} // note', problems: [['comment', '// note']], fixed: '{"a":1} ' },
  { name: 'block comment', text: '/* x */{"a":1}', problems: [['comment', '/* x */']], fixed: '{"a":1}' },
  {
    name: 'unterminated block comment',
    text: '{"a":1 /* x',
    problems: [
      ['unterminated-comment', '/* x'],
      ['unexpected-end', '1'],
    ],
  },
  { name: 'content after the end', text: '{"a":1}}', problems: [['content-after-end', '}']] },
  { name: 'bracket of the wrong kind', text: '[{"a":1]', problems: [['mismatched-bracket', ']']] },
  { name: 'truncated after a record', text: '{"Records":[{"a":1}', problems: [['unexpected-end', '}']], fixed: '{"Records":[{"a":1}]}' },
  { name: 'truncated after a comma', text: '{"Records":[{"a":1},', problems: [['unexpected-end', ',']], fixed: '{"Records":[{"a":1}]}' },
  { name: 'truncated inside a string has no certain fix', text: '{"Records":[{"eventNa', problems: [['unexpected-end', '"eventNa']] },
  { name: 'truncated after a colon has no certain fix', text: '{"a":', problems: [['unexpected-end', ':']] },
  { name: 'not JSON at all', text: 'eventName,eventTime\nGetObject,2019', problems: [['not-json', 'eventName']] },
  { name: 'gzip bytes read as text', text: '\u001f\u008b\u0008\u0000\u0000\u0000', problems: [['compressed', '\u001f\u008b']] },
  { name: 'gzip bytes read as UTF-8 text', text: '\u001f\ufffd\u0008\u0000{"a":1}', problems: [['compressed', '\u001f\ufffd']] },
];

describe('parser: JSON syntax problems', () => {
  for (const c of CASES) {
    test(c.name, () => {
      const parsed = parseLog(c.text);
      assert.deepEqual(
        parsed.syntax.map((p) => [p.code, c.text.slice(p.start, p.end)]),
        c.problems.map(([code, under]) => [code, under]),
      );
      if (c.fixed !== undefined) {
        const edits = parsed.syntax.flatMap((p) => p.fix?.edits ?? []);
        const fixed = applyEdits(c.text, edits);
        assert.equal(fixed, c.fixed);
        assert.doesNotThrow(() => JSON.parse(fixed), 'the fixed text is valid JSON');
        assert.deepEqual(parseLog(fixed).syntax, []);
      } else {
        assert.ok(
          parsed.syntax.every((p) => p.fix === undefined),
          'no fix is offered where the repair is not certain',
        );
      }
    });
  }

  test('a valid file has no problems, whatever its line ends and byte-order mark', () => {
    for (const text of ['{"Records":[]}', '\ufeff{"Records":[]}', '{\r\n  "Records": [\r\n  ]\r\n}\r\n', 'null', '42', '"x"', '[]']) {
      assert.deepEqual(parseLog(text).syntax, [], JSON.stringify(text));
    }
  });
});

describe('parser: shapes', () => {
  test('a Records log', () => {
    const parsed = parseLog('{"Records":[{"eventName":"GetObject"},{"eventName":"PutObject"}]}');
    assert.equal(parsed.shape, 'records');
    assert.equal(parsed.records.length, 2);
  });

  test('a bare array of records', () => {
    const parsed = parseLog('[{"eventVersion":"1.08","eventName":"GetObject"}]');
    assert.equal(parsed.shape, 'array');
    assert.equal(parsed.records.length, 1);
  });

  test('a single record', () => {
    const parsed = parseLog('{"eventVersion":"1.08","eventName":"GetObject","eventSource":"s3.amazonaws.com"}');
    assert.equal(parsed.shape, 'record');
    assert.equal(parsed.records[0]!.fields.get('eventName')?.value, 'GetObject');
  });

  test('JSON Lines: one record per line, as CloudWatch Logs and Athena exports write them', () => {
    const lines = [
      { eventVersion: '1.08', eventName: 'GetObject', eventSource: 's3.amazonaws.com' },
      { eventVersion: '1.08', eventName: 'PutObject', eventSource: 's3.amazonaws.com' },
      { eventVersion: '1.08', eventName: 'AssumeRole', eventSource: 'sts.amazonaws.com' },
    ].map((r) => JSON.stringify(r));
    for (const text of [lines.join('\n'), `${lines.join('\r\n')}\r\n`]) {
      const parsed = parseLog(text);
      assert.equal(parsed.shape, 'lines');
      assert.deepEqual(parsed.syntax, []);
      assert.deepEqual(
        parsed.records.map((r) => [r.index, r.fields.get('eventName')?.value, text.slice(r.start, r.end)]),
        lines.map((line, i) => [i, JSON.parse(line).eventName, line]),
      );
    }
  });

  test('JSON Lines with a broken line: the others still read', () => {
    const text =
      '{"eventVersion":"1.08","eventName":"GetObject"}\n{"eventVersion":"1.08" "eventName":"PutObject"}\n{"eventVersion":"1.08","eventName":"HeadObject"}';
    const parsed = parseLog(text);
    assert.equal(parsed.shape, 'lines');
    assert.deepEqual(
      parsed.syntax.map((p) => p.code),
      ['missing-comma'],
    );
    assert.deepEqual(
      parsed.records.map((r) => r.fields.get('eventName')?.value),
      ['GetObject', 'PutObject', 'HeadObject'],
    );
  });

  test('other JSON and the empty file', () => {
    assert.equal(parseLog('{"foo":[1,2]}').shape, 'other');
    assert.equal(parseLog('').shape, 'empty');
    assert.equal(parseLog('  \n ').shape, 'empty');
  });

  test('a cut-off record keeps its fields and is marked as not closed', () => {
    const text = '{"Records":[{"eventName":"GetObject","awsRegion":"us-east-1"';
    const parsed = parseLog(text);
    assert.equal(parsed.records.length, 1);
    assert.equal(parsed.records[0]!.closed, false);
    assert.equal(parsed.records[0]!.end, text.length);
    assert.equal(parsed.records[0]!.fields.get('awsRegion')?.value, 'us-east-1');
  });

  test('duplicate keys are found in any object', () => {
    const parsed = parseLog('{"Records":[{"a":1,"b":{"c":1,"c":2},"a":3}]}');
    assert.deepEqual(
      parsed.duplicateKeys.map((d) => d.key),
      ['c', 'a'],
    );
  });
});
