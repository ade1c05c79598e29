/**
 * Fix all, for every kind of fault that has a certain fix: the broken log is repaired, parses clean and
 * keeps every value. The fixable codes are read from the README's problem table and from what the parser
 * offers on broken logs, so a new fix without a case in test/support/brokenLogs.ts fails the suite.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PROBLEM_CODES, type Problem, type ProblemCode } from '../../server/src/cloudtrail/problems';
import { fixAll as fixAllAction, fixAllEdits } from '../../server/src/features/fixes';
import { toCodeAction } from '../../server/src/lsp/convert';
import { collectProblems } from '../../server/src/features/validate';
import { parseLog } from '../../server/src/parse/parseLog';
import { applyEdits } from '../support/applyEdits';
import { BAD_INPUTS } from '../support/badInputs';
import { everyFaultAtOnce, FIX_CASES, fixCases } from '../support/brokenLogs';
import { generateLog } from '../support/generateLog';
import { repoPath } from '../support/paths';

/** Codes whose README quick fix is not an edit of the text, so fix all rightly leaves them alone. */
const NOT_IN_FIX_ALL: Readonly<Partial<Record<ProblemCode, { why: string; text: string }>>> = {
  compressed: { why: 'a command that opens the file decompressed', text: '\u001f\u008b\u0008\u0000\u0000' },
  'unknown-s3-event': {
    why: 'a suggestion that changes data',
    text: '{"Records":[{"eventSource":"s3.amazonaws.com","eventName":"PutBuckAcl"}]}',
  },
};

/** The codes the README's problem table gives a quick fix. */
function documentedFixCodes(): string[] {
  const readme = readFileSync(repoPath('README.md'), 'utf8');
  const codes: string[] = [];
  for (const line of readme.split('\n')) {
    const row = /^\| `([a-z0-9-]+)` \|.*\|([^|]*)\|\s*$/.exec(line);
    if (row && row[1]! in PROBLEM_CODES && row[2]!.trim() !== '') codes.push(row[1]!);
  }
  return codes;
}

/** Slips of the hand on `text` at every `step`-th offset: a character deleted, punctuation typed, a key's quotes lost. */
function nearTexts(text: string, step: number): string[] {
  const texts: string[] = [];
  for (let i = 0; i < text.length; i += step) {
    texts.push(text.slice(0, i) + text.slice(i + 1));
    for (const c of [',', ':', '"', '{', '}', '[', ']', '/', '//x\n', 'x']) texts.push(text.slice(0, i) + c + text.slice(i));
  }
  for (const key of text.matchAll(/"(\w+)"(?=\s*:)/g)) {
    texts.push(text.slice(0, key.index) + key[1] + text.slice(key.index + key[0].length));
  }
  return texts;
}

function problemsOf(text: string): Problem[] {
  return collectProblems(parseLog(text));
}

function fixAll(text: string): string {
  return applyEdits(text, fixAllEdits(problemsOf(text)));
}

const sorted = (codes: Iterable<string>) => [...new Set(codes)].sort();
const fixableCodes = sorted(Object.keys(FIX_CASES));

describe('fix all: every fault kind with a certain fix', () => {
  test('the cases cover exactly the codes the README gives a fix in the text', () => {
    const documented = documentedFixCodes().filter((code) => !(code in NOT_IN_FIX_ALL));
    assert.ok(documented.length >= 8, `${documented.length} documented fixes: is the README table still read?`);
    assert.deepEqual(fixableCodes, sorted(documented));
  });

  test('every code the parser offers a fix for, on logs one character off and on bad input, has a case', () => {
    const offered = new Set<string>();
    const texts = [
      ...nearTexts(generateLog({ seed: 3, records: 2, pretty: true }), 3),
      ...nearTexts(generateLog({ seed: 4, records: 2 }), 3),
      ...Object.values(BAD_INPUTS).map((make) => make()),
    ];
    for (const text of texts) for (const p of problemsOf(text)) if (p.fix) offered.add(p.code);
    assert.deepEqual(
      [...offered].filter((code) => !(code in FIX_CASES)),
      [],
      'a fix with no fix-all case',
    );
    // The sweep must reach every fix it guards, or it guards nothing.
    assert.deepEqual(sorted(offered), fixableCodes);
  });

  for (const c of fixCases()) {
    test(`${c.code}: ${c.name}`, () => {
      const problems = problemsOf(c.broken);
      assert.ok(
        problems.some((p) => p.code === c.code && p.fix),
        `a fixable ${c.code} among ${problems.map((p) => p.code).join(', ')}`,
      );
      const fixed = fixAll(c.broken);
      assert.deepEqual(problemsOf(fixed), [], 'the fixed log has no problem left');
      assert.deepEqual(JSON.parse(fixed), c.expected, 'every value is kept');
    });
  }

  test('every fault at once, each in its own record, is repaired by one fix all', () => {
    const { broken, expected } = everyFaultAtOnce();
    const codes = problemsOf(broken).filter((p) => p.fix);
    assert.deepEqual(sorted(codes.map((p) => p.code)), fixableCodes);
    const fixed = fixAll(broken);
    assert.deepEqual(problemsOf(fixed), []);
    assert.deepEqual(JSON.parse(fixed), expected);
  });

  test('the source.fixAll.cloudtrail action makes the same repair', () => {
    const { broken, expected } = everyFaultAtOnce();
    const document = TextDocument.create('file:///every-fault.json', 'cloudtrail', 1, broken);
    // As the editor receives it: the server's action converted to LSP.
    const action = toCodeAction(document, fixAllAction(problemsOf(broken))!);
    assert.equal(action.kind, 'source.fixAll.cloudtrail');
    const fixed = TextDocument.applyEdits(document, action.edit!.changes![document.uri]!);
    assert.deepEqual(JSON.parse(fixed), expected);
    assert.deepEqual(problemsOf(fixed), []);
  });

  for (const [code, { why, text }] of Object.entries(NOT_IN_FIX_ALL)) {
    test(`${code} is left out of fix all (${why})`, () => {
      const problems = problemsOf(text);
      assert.ok(problems.some((p) => p.code === code));
      assert.deepEqual(fixAllEdits(problems), []);
    });
  }
});
