/** Which fixes answer which reported problems, by code and offset: the choice the editor's light bulb shows. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { fixAll, fixAllEdits, quickFixes } from '../../server/src/features/fixes';
import { collectProblems } from '../../server/src/features/validate';
import { parseLog } from '../../server/src/parse/parseLog';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures');
const seed = readFileSync(path.join(FIXTURES, 'seed-sample.json'), 'utf8');
const problems = parseLog(seed).syntax;
const reported = problems.map((p) => ({ code: p.code as string, start: p.start }));

describe('quick fix selection', () => {
  test('a reported problem gets its certain fix, preferred, tied to that report', () => {
    const [first] = problems;
    const [action] = quickFixes(problems, [reported[0]!]);
    assert.equal(action!.title, first!.fix!.title);
    assert.deepEqual(action!.edits, first!.fix!.edits);
    assert.equal(action!.preferred, true);
    assert.equal(action!.fixes, reported[0]);
  });

  test('the whole-file fix is offered beside a single fix only when it repairs more', () => {
    assert.equal(problems.length, 2);
    const one = quickFixes(problems, [reported[0]!]);
    assert.deepEqual(
      one.map((a) => a.title),
      [problems[0]!.fix!.title, 'Fix all JSON problems in this file'],
    );
    assert.deepEqual(one[1]!.edits, fixAllEdits(problems));
    assert.equal(one[1]!.fixes, undefined);
    const both = quickFixes(problems, reported);
    assert.deepEqual(
      both.map((a) => a.fixes),
      reported,
    );
  });

  test('a problem reported where the current text has none, or under another code, gets nothing', () => {
    assert.deepEqual(quickFixes(problems, [{ code: reported[0]!.code, start: reported[0]!.start + 1 }]), []);
    assert.deepEqual(quickFixes(problems, [{ code: 'trailing-comma', start: reported[0]!.start }]), []);
  });

  test('a suggestion that changes data is offered, never preferred, and brings no whole-file fix', () => {
    const text = '{"Records":[{"eventSource":"s3.amazonaws.com","eventName":"PutBuckAcl"}]}';
    const all = collectProblems(parseLog(text));
    const misspelt = all.find((p) => p.code === 'unknown-s3-event')!;
    const actions = quickFixes(all, [{ code: misspelt.code, start: misspelt.start }]);
    assert.deepEqual(
      actions.map((a) => [a.title, a.preferred]),
      [['Change to PutBucketAcl', false]],
    );
    assert.equal(fixAll(all), null);
  });

  test('a gzipped file: the client opens it decompressed', () => {
    const text = '\u001f\ufffd\b\u0000' + '\ufffd'.repeat(50);
    const all = parseLog(text).syntax;
    const report = { code: 'compressed', start: 0 };
    assert.deepEqual(quickFixes(all, [report]), [
      { title: 'Open decompressed', kind: 'quickfix', command: 'cloudtrail.openDecompressed', preferred: true, fixes: report },
    ]);
  });

  test('fix all: every certain edit, as the source action', () => {
    assert.deepEqual(fixAll(problems), { title: 'Fix all JSON problems', kind: 'source.fixAll.cloudtrail', edits: fixAllEdits(problems) });
  });
});
