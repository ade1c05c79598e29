/** Format Document declines above the limit, and offers a read-only pretty-printed copy of the log instead. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FORMAT_LIMIT, formatDeclined } from '../../common/formatLimit';
import { TWO_SPACES } from '../../common/prettyPrint';
import { declinedMessage, prettyCopyParts, prettyCopyText, sourceOfCopy } from '../../client/src/format/prettyCopy';
import { SHARE_LIMIT } from '../../client/src/largeFiles/largeFile';
import { generateLog } from '../support/generateLog';

const MB = 1024 * 1024;

test('formatting is declined above the limit, in characters, and only there', () => {
  assert.ok(!formatDeclined(0));
  assert.ok(!formatDeclined(FORMAT_LIMIT));
  assert.ok(formatDeclined(FORMAT_LIMIT + 1));
  // The log of the report: 42 MB on one line, which crashed the workbench.
  assert.ok(formatDeclined(42 * MB));
  // A limit with a margin below what was measured to work, and well under what VS Code shares with extensions.
  assert.ok(FORMAT_LIMIT >= 1 * MB && FORMAT_LIMIT < SHARE_LIMIT);
});

test('the message says the log’s size and the limit, and that the log is left as it is', () => {
  const message = declinedMessage(42 * MB);
  assert.match(message, /42\.0 MB/);
  assert.ok(message.includes(`at most ${FORMAT_LIMIT / MB}`), message);
  assert.match(message, /left as it is/);
});

test('the copy names its log in its query, whatever the log’s URI holds', () => {
  const uri = 'file:///logs/a%20b/111122223333_CloudTrail_x.json?x=1&log=other#frag';
  const parts = prettyCopyParts({ path: '/logs/a b/111122223333_CloudTrail_x.json', uri });
  assert.equal(parts.path, '/logs/a b/111122223333_CloudTrail_x.json');
  assert.equal(sourceOfCopy(parts.query), uri);
  assert.equal(sourceOfCopy(''), undefined);
  assert.equal(sourceOfCopy('log='), undefined);
});

test('the copy is the log laid out as Format Document would, and none when it is more than VS Code shares', () => {
  const text = generateLog({ seed: 9, records: 30 });
  assert.equal(prettyCopyText(text, TWO_SPACES), JSON.stringify(JSON.parse(text), null, 2));
  // Pretty-printing a one-line log about doubles it: 40 MB of it lays out past 50 MB.
  const large = generateLog({ seed: 10, targetBytes: 40 * MB });
  assert.ok(prettyCopyText(large, { tabSize: 4, insertSpaces: true }) === undefined, 'no copy of 40 MB laid out');
  assert.ok(prettyCopyText('x'.repeat(SHARE_LIMIT + 1), TWO_SPACES) === undefined);
});
