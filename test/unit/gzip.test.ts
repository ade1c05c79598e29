import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { gunzipLenient, isGzip } from '../../common/gzip';
import { generateLog } from '../support/generateLog';

const log = generateLog({ seed: 8, records: 200 });
const gz = gzipSync(Buffer.from(log));
/** Far more than any text here. */
const CAP = 64 * 1024 * 1024;

test('a gzipped log reads back whole', async () => {
  assert.ok(isGzip(gz));
  assert.deepEqual(await gunzipLenient(gz, CAP), { text: log });
});

test('a truncated download shows what could be read, and says it ends early', async () => {
  const result = await gunzipLenient(gz.subarray(0, Math.floor(gz.length / 2)), CAP);
  assert.ok(result.text.length > 0 && log.startsWith(result.text));
  assert.match(result.error ?? '', /ends early/);
});

test('a file that is not gzip says so', async () => {
  const result = await gunzipLenient(Buffer.from(log), CAP);
  assert.equal(result.text, '');
  assert.match(result.error ?? '', /not a gzip file/);
  assert.ok(!isGzip(Buffer.from(log)));
});

test('two gzip members, as concatenated deliveries, read as one text', async () => {
  const result = await gunzipLenient(Buffer.concat([gzipSync(Buffer.from('ab')), gzipSync(Buffer.from('cd'))]), CAP);
  assert.deepEqual(result, { text: 'abcd' });
});

test('a text longer than the bytes asked for stops decompressing and says it is too large; one within them reads whole', async () => {
  const gz = gzipSync(Buffer.from(log));
  assert.deepEqual(await gunzipLenient(gz, 1000), { text: '', tooLarge: true });
  assert.deepEqual(await gunzipLenient(gz, Buffer.byteLength(log)), { text: log });
});
