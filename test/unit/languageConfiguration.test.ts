/** The language configuration: what VS Code treats as comments, brackets, words and indentation in a log. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { repoPath } from '../support/paths';

test('language configuration: no comments, JSON brackets, words that keep ARNs and IPs whole', () => {
  const config = JSON.parse(readFileSync(repoPath('language-configuration.json'), 'utf8'));
  assert.equal(config.comments, undefined);
  assert.deepEqual(config.brackets, [
    ['{', '}'],
    ['[', ']'],
  ]);
  const words = (s: string) => s.match(new RegExp(config.wordPattern, 'g'));
  assert.deepEqual(words('{"arn":"arn:aws:iam::123456789012:user/Alice","ip":"2001:db8::1","at":"2019-02-01T03:18:19Z"}'), [
    'arn',
    'arn:aws:iam::123456789012:user/Alice',
    'ip',
    '2001:db8::1',
    'at',
    '2019-02-01T03:18:19Z',
  ]);
  assert.deepEqual(words('"192.0.2.1","arn:aws:s3:::b/*", "n": -1.5'), ['192.0.2.1', 'arn:aws:s3:::b/*', 'n', '-1.5']);
  const increase = new RegExp(config.indentationRules.increaseIndentPattern);
  const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
  assert.ok(increase.test('    "userIdentity": {') && increase.test('"Records": ['));
  assert.ok(!increase.test('"a": {},'));
  assert.ok(decrease.test('    },') && decrease.test(']') && !decrease.test('"a": 1'));
});
