/** The filter's input: the typed filter first, keys completing the word typed, the log's values, past filters, and what it cannot read. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inputTitle, MAX_HISTORY, remember, suggestions, valueTyping } from '../../client/src/eventsView/filterInput';

const labels = (value: string, history: string[] = [], values: { value: string; count: number }[] = []) =>
  suggestions(value, history, values).map((s) => `${s.kind} ${s.label}`);

describe('the filter input', () => {
  test('offers the filter as typed first, then the keys that complete the word being typed, negated too', () => {
    assert.deepEqual(labels('user:alice e'), ['apply user:alice e', 'key event:', 'key error:']);
    assert.deepEqual(
      suggestions('user:alice e', []).map((s) => s.value),
      ['user:alice e', 'user:alice event:', 'user:alice error:'],
    );
    assert.deepEqual(labels('-a'), ['apply -a', 'key -account:', 'key -actor:']);
    assert.deepEqual(labels('event:Pu'), ['apply event:Pu']);
    assert.equal(labels('').length, 14);
    assert.deepEqual(labels('res'), ['apply res', 'key resource:']);
    assert.equal(labels('')[0], 'apply No filter');
  });

  test("offers the log's values of the key being typed, each completing the term, quoted when it must be", () => {
    assert.deepEqual(valueTyping('error:AccessDenied -user:al'), { key: 'user', prefix: 'al', negated: true, head: 'error:AccessDenied ' });
    assert.equal(valueTyping('after:2026'), undefined);
    assert.equal(valueTyping('user:al '), undefined);
    const values = [
      { value: 'alice', count: 3 },
      { value: 'al pha', count: 1 },
    ];
    assert.deepEqual(
      suggestions('error:AccessDenied -user:al', [], values).map((s) => [s.kind, s.value, 'description' in s ? s.description : '']),
      [
        ['apply', 'error:AccessDenied -user:al', 'Apply this filter'],
        ['value', 'error:AccessDenied -user:alice ', '3 records'],
        ['value', 'error:AccessDenied -user:"al pha" ', '1 record'],
      ],
    );
  });

  test('offers the values most frequent first, labelled so that the Quick Pick keeps that order', () => {
    const values = [
      { value: 'benjamin', count: 98 },
      { value: 'bert-jan', count: 2613 },
      { value: 'ben', count: 7 },
    ];
    const offered = suggestions('error:AccessDenied user:be', ['user:bert-jan'], values);
    assert.deepEqual(
      offered.map((s) => [s.kind, s.label, 'description' in s ? s.description : '']),
      [
        ['apply', 'error:AccessDenied user:be', 'Apply this filter'],
        ['value', 'bert-jan', '2,613 records'],
        ['value', 'benjamin', '98 records'],
        ['value', 'ben', '7 records'],
      ],
    );
    // The Quick Pick sorts the labels holding what is typed first, shortest first (ben, benjamin, bert-jan): none of them does.
    for (const typed of ['user:be', 'error:AccessDenied user:be', '-user:b'])
      for (const s of suggestions(typed, [], values).filter((s) => s.kind !== 'apply'))
        assert.ok(!s.label.toLowerCase().includes(typed.toLowerCase()), `${s.label} holds ${typed}`);
  });

  test('offers past filters apart, after the completions, and none while a key or a value is being completed', () => {
    const history = ['error:AccessDenied user:alice', 'event:PutObject'];
    assert.deepEqual(labels('', history).slice(-3), ['key before:', 'history error:AccessDenied user:alice', 'history event:PutObject']);
    assert.deepEqual(labels('error:AccessDenied ', history).slice(-2), ['key before:', 'history error:AccessDenied user:alice']);
    assert.deepEqual(
      labels('error:AccessDenied us', history).filter((l) => l.startsWith('history')),
      [],
    );
    assert.deepEqual(
      labels('error:AccessDenied user:', history, [{ value: 'alice', count: 2 }]).filter((l) => l.startsWith('history')),
      [],
    );
    // A word that completes no key: the past filters that hold it.
    assert.deepEqual(labels('AccessDenied', history), ['apply AccessDenied', 'history error:AccessDenied user:alice']);
  });

  test('offers past filters that contain what is typed, most recent first', () => {
    let history: string[] = [];
    for (const f of ['event:PutObject', 'user:alice', ' event:PutObject ', '']) history = remember(history, f);
    assert.deepEqual(history, ['event:PutObject', 'user:alice']);
    assert.deepEqual(
      suggestions('user:al ', history)
        .filter((s) => s.kind === 'history')
        .map((s) => s.value),
      ['user:alice'],
    );
    assert.deepEqual(
      suggestions('user:alice', history).filter((s) => s.kind === 'history'),
      [],
    );
    for (let i = 0; i < 30; i++) history = remember(history, `ip:10.0.0.${i}`);
    assert.equal(history.length, MAX_HISTORY);
    assert.equal(history[0], 'ip:10.0.0.29');
  });

  test('says which terms it cannot read', () => {
    assert.match(inputTitle('evnt:PutObject'), /^Cannot read evnt:PutObject: no key "evnt:"/);
    assert.match(inputTitle('event:PutObject'), /^Filter CloudTrail events/);
  });
});
