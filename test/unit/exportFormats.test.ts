/** An export's formats: the record trees that keep every value's text, and CSV cells, quoted and never formulas. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { csvCell, csvHeader, csvRow } from '../../server/src/export/csv';
import { readJson, valueAt, writeJson } from '../../server/src/export/jsonTree';
import { generateLog, generateRecords } from '../support/generateLog';

const tree = (text: string) => {
  const node = readJson(text);
  assert.ok(node, text);
  return node;
};

describe('record trees', () => {
  test('written back, a record is its text without its white space, numbers and escapes as written', () => {
    const text =
      '{ "a" : 1.0e+2 , "big": 12345678901234567890123, "s": "\\u00e9\\/ x", "n": [ null, true, false, -0 ], "o": {} , "a": "dup" }';
    assert.equal(
      writeJson(tree(text)),
      '{"a":1.0e+2,"big":12345678901234567890123,"s":"\\u00e9\\/ x","n":[null,true,false,-0],"o":{},"a":"dup"}',
    );
    for (const record of generateRecords(3, 50)) assert.equal(writeJson(tree(JSON.stringify(record, null, 2))), JSON.stringify(record));
    const log = generateLog({ seed: 9, records: 20, pretty: true });
    assert.equal(writeJson(tree(log)), JSON.stringify(JSON.parse(log)));
  });

  test('text that is not one JSON value reads as nothing, however deep or broken', () => {
    for (const bad of ['', '{', '{"a":1,}', '{"a" 1}', '[1 2]', '{"a":01}', '"raw\ttab"', '"\\x"', '{} {}', 'nul', '{"a":1}x']) {
      assert.equal(readJson(bad), undefined, bad);
    }
    assert.equal(readJson('['.repeat(100_000) + ']'.repeat(100_000)), undefined);
    assert.ok(readJson('['.repeat(200) + ']'.repeat(200)));
  });

  test('a dotted path reads members (the first of duplicates, as the view reads them) and array items', () => {
    const node = tree('{"a":{"b":[{"c":"x"},{"c":"y"}]},"d":1,"d":2}');
    assert.deepEqual(valueAt(node, 'a.b.1.c'), { kind: 'string', value: 'y', text: '"y"' });
    assert.deepEqual(valueAt(node, 'd'), { kind: 'literal', text: '1' });
    assert.equal(valueAt(node, 'a.b.c'), undefined);
    assert.equal(valueAt(node, 'a.x.y'), undefined);
  });
});

describe('CSV', () => {
  test('cells with commas, quotes or line breaks are quoted, quotes doubled (RFC 4180)', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell('cr\rhere'), '"cr\rhere"');
    assert.equal(csvCell(''), '');
  });

  test('a cell a spreadsheet would run as a formula is made text', () => {
    for (const formula of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx', '\uff1d1+1']) {
      const cell = csvCell(formula);
      assert.match(cell, /^"?'/, `${JSON.stringify(formula)} → ${cell}`);
    }
    assert.equal(csvCell('=1,2'), `"'=1,2"`);
    assert.equal(csvCell('a=b'), 'a=b');
  });

  test('a row: strings as text, numbers and literals as written, containers as JSON, absent fields empty', () => {
    const record = tree(
      '{"eventName":"=cmd|\' /C calc\'!A0","n":-1.50,"ok":false,"nothing":null,"p":{"bucketName":"b","k":[1,"x"]},"msg":"a \\"quoted\\", text"}',
    );
    assert.equal(
      csvHeader(['eventName', 'n', 'ok', 'nothing', 'p', 'p.bucketName', 'missing', 'msg']),
      'eventName,n,ok,nothing,p,p.bucketName,missing,msg\r\n',
    );
    assert.equal(
      csvRow(record, ['eventName', 'n', 'ok', 'nothing', 'p', 'p.bucketName', 'missing', 'msg']),
      `'=cmd|' /C calc'!A0,-1.50,false,null,"{""bucketName"":""b"",""k"":[1,""x""]}",b,,"a ""quoted"", text"\r\n`,
    );
  });
});
