/** Small hand-checked files of every shape a log arrives in: each reads as its records, with no problem. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { hoverAt } from '../../server/src/features/hover';
import { fieldOf, type LogShape } from '../../server/src/parse/parsedLog';
import { parseLog } from '../../server/src/parse/parseLog';
import { collectProblems } from '../../server/src/features/validate';
import { fixturePath } from '../support/paths';

const read = (name: string) => readFileSync(fixturePath('shapes', name), 'utf8');

const CASES: readonly [string, LogShape][] = [
  ['records.jsonl', 'lines'],
  ['bare-array.json', 'array'],
  ['single-record.json', 'record'],
  ['lookup-events.json', 'embedded'],
  ['cloudwatch-export.json', 'embedded'],
];

for (const [name, shape] of CASES) {
  test(`${name} reads as a log of its records`, () => {
    const text = read(name);
    const parsed = parseLog(text);
    assert.equal(parsed.shape, shape);
    const names = parsed.records.map((r) => fieldOf(r, 'eventName')?.value);
    assert.deepEqual(names, name === 'single-record.json' ? ['GetObject'] : ['GetObject', 'PutBucketPolicy']);
    assert.deepEqual(collectProblems(parsed), []);
  });
}

test('a digest file is recognised as one: no problems, and hovers for its own fields', () => {
  const text = read('digest.json');
  const parsed = parseLog(text);
  assert.equal(parsed.shape, 'digest');
  assert.deepEqual(collectProblems(parsed), []);
  const hover = (needle: string) => hoverAt(text, parsed, text.indexOf(needle) + 2)?.markdown ?? '';
  assert.match(hover('"digestPublicKeyFingerprint"'), /public key/);
  assert.match(hover('"hashValue"'), /hash of the log file/);
  assert.match(hover('"previousDigestSignature"'), /previous digest/);
});
