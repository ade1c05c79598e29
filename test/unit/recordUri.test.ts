/** A record opened on its own is named by its URI: readable for people, exact for the server, and safe from what a log holds. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseRecordQuery, recordPath, recordQuery, type RecordRef } from '../../client/src/records/recordUri';

const ref: RecordRef = {
  log: 'file:///logs/111122223333_CloudTrail_us-west-2_20190201T0320Z_abcd.json',
  index: 11,
  eventName: 'PutBucketAcl',
  eventTime: '2019-02-01T03:18:19Z',
};

describe('record URIs', () => {
  test('the path names the file, the record, and its event and time; the tab title is the last part', () => {
    assert.equal(recordPath(ref), '/111122223333_CloudTrail_us-west-2_20190201T0320Z_abcd.json/record 12/PutBucketAcl 03:18:19');
    assert.equal(
      recordPath({ ...ref, eventTime: 'yesterday' })
        .split('/')
        .pop(),
      'PutBucketAcl',
    );
    assert.equal(
      recordPath({ ...ref, eventName: '' })
        .split('/')
        .pop(),
      'record 03:18:19',
    );
  });

  test('what a log or a file name holds cannot add a path segment, a query, a link or a control character', () => {
    for (const eventName of [
      '../../etc/passwd',
      'a?log=file:///x&index=0#y',
      '[x](command:workbench.action.terminal.new)',
      'a\nb\u202e\u0000',
      'x'.repeat(10_000),
    ]) {
      const path = recordPath({ ...ref, log: 'file:///a/..%2F..%2Fb%3Fc.json', eventName });
      const [empty, file, record, title, ...rest] = path.split('/');
      assert.deepEqual([empty, record, rest], ['', 'record 12', []], path);
      assert.match(`${file}/${title}`, /^[A-Za-z0-9._ :/-]{1,200}$/, path);
    }
  });

  test('the query gives back the log and the index exactly, whatever characters the log URI has', () => {
    for (const log of [
      ref.log,
      'file:///a%20b/c&d=e%23f.json',
      'cloudtrail-gz:/logs/x.json.gz',
      'untitled:Untitled-1',
      'file:///AWSLogs',
    ]) {
      const query = recordQuery({ log, index: 7 });
      // As VS Code's URI writes and reads it back: the query percent-encoded, then decoded.
      assert.deepEqual(parseRecordQuery(decodeURIComponent(encodeURIComponent(query))), { log, index: 7 });
    }
    assert.equal(parseRecordQuery(''), undefined);
    assert.equal(parseRecordQuery('log=file%3A%2F%2F%2Fa.json'), undefined);
    assert.equal(parseRecordQuery('log=file%3A%2F%2F%2Fa.json&index=-1'), undefined);
    assert.equal(parseRecordQuery('index=3'), undefined);
  });
});
