/** The shape decision: which kind of file a parse is, from what its top level holds. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logShapeOf, looksGzipped, type TopLevel } from '../../server/src/cloudtrail/logShape';

const fields = (...names: string[]): ReadonlyMap<string, unknown> => new Map(names.map((n) => [n, true]));
const object = (...names: string[]): TopLevel => ({ lines: false, recordsProperty: false, kind: 'object', fields: fields(...names) });

test('a top-level object is one record when it has eventVersion and says what happened', () => {
  assert.equal(logShapeOf(object('eventVersion', 'eventName')), 'record');
  assert.equal(logShapeOf(object('eventVersion', 'eventSource')), 'record');
  assert.equal(logShapeOf(object('eventVersion')), 'other');
  assert.equal(logShapeOf(object('eventName', 'eventSource')), 'other');
});

test('a digest file is told apart from a log and from other JSON', () => {
  assert.equal(logShapeOf(object('digestStartTime', 'logFiles', 'digestSignatureAlgorithm')), 'digest');
  assert.equal(logShapeOf(object('digestStartTime')), 'other');
  assert.equal(logShapeOf(object('logFiles')), 'other');
});

test('a Records property makes a delivered log, whatever else the object holds', () => {
  assert.equal(logShapeOf({ ...object('Records', 'eventVersion', 'eventName'), recordsProperty: true }), 'records');
  assert.equal(logShapeOf({ ...object('Records', 'digestStartTime', 'logFiles'), recordsProperty: true }), 'records');
});

test('records one after another are JSON Lines, and a bare array is a list of records', () => {
  assert.equal(logShapeOf({ ...object('eventVersion', 'eventName', 'Records'), lines: true, recordsProperty: true }), 'lines');
  assert.equal(logShapeOf({ lines: false, recordsProperty: false, kind: 'array', fields: undefined }), 'array');
});

test('a scalar document is no log', () => {
  for (const kind of ['string', 'number', 'boolean', 'null'] as const) {
    assert.equal(logShapeOf({ lines: false, recordsProperty: false, kind, fields: undefined }), 'other');
  }
});

test("gzip's magic bytes are recognised however the second byte was decoded", () => {
  assert.ok(looksGzipped('\u001f\u008b\u0008\u0000'), 'read as Latin-1');
  assert.ok(looksGzipped('\u001f\ufffd\u0008'), 'read as UTF-8, the byte replaced');
  assert.ok(!looksGzipped('\u001f{"Records":[]}'));
  assert.ok(!looksGzipped('\u008b\u001f'));
  assert.ok(!looksGzipped('\u001f'));
  assert.ok(!looksGzipped(''));
});
