/** Bad input is normal input: nothing here may throw, hang or produce a page of noise. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { fixAllEdits } from '../../server/src/features/fixes';
import { parseLog } from '../../server/src/parse/parseLog';
import { applyEdits } from '../support/applyEdits';
import { BAD_INPUTS } from '../support/badInputs';
import { validateLog } from '../support/validateLog';

function check(text: string) {
  const parsed = parseLog(text);
  const problems = validateLog(parsed, { maxProblems: 500 });
  for (const p of problems) {
    assert.ok(p.start >= 0 && p.end >= p.start && p.end <= text.length, `${p.code} range inside the text`);
  }
  return { parsed, problems };
}

describe('bad input', () => {
  for (const [name, make] of Object.entries(BAD_INPUTS)) {
    test(name, () => {
      const text = make();
      const { problems } = check(text);
      assert.ok(problems.length <= 501);
      // Any fix that is offered touches punctuation, white space and comments only.
      for (const edit of fixAllEdits(problems)) {
        assert.match(edit.text, /^[\s,:\]}"]*$/);
        assert.match(text.slice(edit.start, edit.end), /^([\s,:]*|\/\/.*|\/\*[\s\S]*\*\/)$/);
      }
    });
  }

  test('deep nesting is reported once, at the end, with a fix that closes everything', () => {
    const text = '{"Records":' + '['.repeat(200_000);
    const { parsed } = check(text);
    assert.equal(parsed.syntax.length, 1);
    assert.equal(parsed.syntax[0]!.code, 'unexpected-end');
    const fixed = applyEdits(text, parsed.syntax[0]!.fix!.edits);
    assert.equal(fixed, text + ']'.repeat(200_000) + '}');
    assert.deepEqual(parseLog(fixed).syntax, []);
  });

  test('binary garbage is one problem, not thousands', () => {
    const bytes = Array.from({ length: 20_000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
    const { problems } = check(bytes);
    assert.ok(problems.length <= 3, `${problems.length} problems`);
  });

  test('arbitrary text never throws and every range is inside it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        check(text);
      }),
      { numRuns: 500 },
    );
  });

  test('arbitrary JSON-ish text never throws', () => {
    const piece = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"a"',
      '"',
      '1',
      'true',
      'null',
      ' ',
      '\n',
      '//',
      '/*',
      '*/',
      '\\',
      '"Records"',
      '"eventName"',
      'x',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 200 }), (pieces) => {
        check(pieces.join(''));
      }),
      { numRuns: 1000 },
    );
  });
});
