/** The filter's input: keys completing the word typed, the filters used before, and what it cannot read. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inputTitle, MAX_HISTORY, remember, suggestions } from '../../client/src/eventsView/filterInput';

describe('the filter input', () => {
  test('offers the keys that complete the word being typed, negated too, keeping the words before', () => {
    assert.deepEqual(
      suggestions('user:alice e', []).map((s) => s.value),
      ['user:alice event:', 'user:alice error:'],
    );
    assert.deepEqual(
      suggestions('-a', []).map((s) => s.label),
      ['-account:'],
    );
    assert.deepEqual(suggestions('event:Pu', []), []);
    assert.equal(suggestions('', []).length, 11);
  });

  test('offers past filters that contain what is typed, most recent first', () => {
    let history: string[] = [];
    for (const f of ['event:PutObject', 'user:alice', ' event:PutObject ', '']) history = remember(history, f);
    assert.deepEqual(history, ['event:PutObject', 'user:alice']);
    assert.deepEqual(
      suggestions('alice ', history).map((s) => s.label),
      ['event:', 'source:', 'user:', 'ip:', 'error:', 'region:', 'bucket:', 'key:', 'account:', 'after:', 'before:', 'user:alice'],
    );
    assert.deepEqual(
      suggestions('user:al', history)
        .filter((s) => s.kind === 'history')
        .map((s) => s.value),
      ['user:alice'],
    );
    for (let i = 0; i < 30; i++) history = remember(history, `ip:10.0.0.${i}`);
    assert.equal(history.length, MAX_HISTORY);
  });

  test('says which terms it cannot read', () => {
    assert.match(inputTitle('evnt:PutObject'), /^Cannot read evnt:PutObject: no key "evnt:"/);
    assert.match(inputTitle('event:PutObject'), /^Filter CloudTrail events/);
  });
});
