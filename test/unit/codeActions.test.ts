import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { createScanner, SyntaxKind } from 'jsonc-parser';
import type { Problem } from '../../server/src/cloudtrail/problems';
import { fixAllEdits } from '../../server/src/features/fixes';
import { getLanguageService } from '../../server/src/languageService';
import { reportedProblems, toCodeAction, toDiagnostic } from '../../server/src/lsp/convert';
import { Positions } from '../../server/src/lsp/positions';
import { parseLog } from '../../server/src/parse/parseLog';
import { collectProblems } from '../../server/src/features/validate';
import { applyEdits } from '../support/applyEdits';
import { generateLog } from '../support/generateLog';
import { fixturePath } from '../support/paths';

const seed = readFileSync(fixturePath('seed-sample.json'), 'utf8');

const service = getLanguageService();

/** The quick fixes the server answers for these diagnostics, as the editor receives them. */
function quickFixes(document: TextDocument, problems: readonly Problem[], diagnostics: readonly Diagnostic[]): CodeAction[] {
  return service.quickFixes(problems, reportedProblems(document, diagnostics)).map((a) => toCodeAction(document, a));
}

/** The "fix all" source action as the editor receives it. */
function fixAllAction(document: TextDocument, problems: readonly Problem[]): CodeAction | null {
  const action = service.fixAll(problems);
  return action && toCodeAction(document, action);
}

/** What a fix may change: punctuation and white space. Everything else must survive byte for byte. */
function data(text: string): string {
  return text.replace(/[\s,:]/g, '');
}

function eventNames(text: string): unknown[] {
  return (JSON.parse(text) as { Records: { eventName: string }[] }).Records.map((r) => r.eventName);
}

describe('fixes: the seed sample', () => {
  const document = TextDocument.create('file:///seed.json', 'cloudtrail', 1, seed);
  const problems = parseLog(seed).syntax;
  const diagnostics = problems.map((p) => toDiagnostic(new Positions(document.getText()), p));

  test('each fault has one preferred quick fix, found from its diagnostic', () => {
    for (const diagnostic of diagnostics) {
      const actions = quickFixes(document, problems, [diagnostic]).filter((a) => a.diagnostics);
      assert.equal(actions.length, 1);
      assert.equal(actions[0]!.isPreferred, true);
      assert.deepEqual(actions[0]!.diagnostics, [diagnostic]);
    }
  });

  test('the two quick fixes, applied one after the other, give valid JSON with the same three records', () => {
    let text = seed;
    for (;;) {
      const doc = TextDocument.create('file:///seed.json', 'cloudtrail', 1, text);
      const current = parseLog(text).syntax;
      if (current.length === 0) break;
      const [action] = quickFixes(doc, current, [toDiagnostic(new Positions(doc.getText()), current[0]!)]);
      const edits = action!.edit!.changes![doc.uri]!;
      text = TextDocument.applyEdits(doc, edits);
    }
    assert.deepEqual(eventNames(text), ['ListBuckets', 'PutBucketAcl', 'GetBucketVersioning']);
    assert.equal(data(text), data(seed));
  });

  test('fix all alone gives the same valid JSON in one edit', () => {
    const action = fixAllAction(document, problems)!;
    assert.equal(action.kind, 'source.fixAll.cloudtrail');
    const fixed = TextDocument.applyEdits(document, action.edit!.changes![document.uri]!);
    assert.deepEqual(eventNames(fixed), ['ListBuckets', 'PutBucketAcl', 'GetBucketVersioning']);
    assert.equal(data(fixed), data(seed));
    assert.deepEqual(parseLog(fixed).syntax, []);
  });

  test('a quick fix for a diagnostic from an older version of the file is not offered', () => {
    const moved = { ...diagnostics[0]!, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
    assert.deepEqual(quickFixes(document, problems, [moved]), []);
  });

  test('fixes are found by code, not by message', () => {
    const reworded = { ...diagnostics[0]!, message: 'something else entirely' };
    const fixesFor = (d: Diagnostic) => quickFixes(document, problems, [d]).filter((a) => a.diagnostics);
    assert.equal(fixesFor(reworded).length, 1);
    const otherCode = { ...diagnostics[0]!, code: 'trailing-comma' };
    assert.equal(fixesFor(otherCode).length, 0);
  });
});

describe('fixes as the editor receives them', () => {
  test('only our own diagnostics are answered', () => {
    const document = TextDocument.create('file:///seed.json', 'cloudtrail', 1, seed);
    const problems = parseLog(seed).syntax;
    const other = { ...toDiagnostic(new Positions(document.getText()), problems[0]!), source: 'json' };
    assert.deepEqual(quickFixes(document, problems, [other]), []);
  });

  test('a gzipped file: a preferred action that runs the client command on this document', () => {
    const text = '\u001f\ufffd\b\u0000' + '\ufffd'.repeat(50);
    const document = TextDocument.create('file:///gz/log.json', 'cloudtrail', 1, text);
    const problems = parseLog(text).syntax;
    const diagnostic = toDiagnostic(new Positions(document.getText()), problems[0]!);
    assert.deepEqual(quickFixes(document, problems, [diagnostic]), [
      {
        title: 'Open decompressed',
        kind: 'quickfix',
        command: { title: 'Open decompressed', command: 'cloudtrail.openDecompressed', arguments: ['file:///gz/log.json'] },
        diagnostics: [diagnostic],
        isPreferred: true,
      },
    ]);
  });
});

describe('fixes: suggestions that change data', () => {
  test('a suggested event name is offered on request, not preferred, and never part of fix all', () => {
    const text = '{"Records":[{"eventSource":"s3.amazonaws.com","eventName":"PutBuckAcl"},]}';
    const document = TextDocument.create('file:///t.json', 'cloudtrail', 1, text);
    const problems = collectProblems(parseLog(text));
    const misspelt = problems.find((p) => p.code === 'unknown-s3-event')!;
    const [action] = quickFixes(document, problems, [toDiagnostic(new Positions(document.getText()), misspelt)]);
    assert.equal(action!.title, 'Change to PutBucketAcl');
    assert.equal(action!.isPreferred, false);
    const fixed = applyEdits(text, fixAllEdits(problems));
    assert.equal(fixed, '{"Records":[{"eventSource":"s3.amazonaws.com","eventName":"PutBuckAcl"}]}');
  });
});

describe('fixes: fix all', () => {
  test('never applies two edits to the same place', () => {
    const text = '{"Records":[{"a":1 "b":2,},';
    const edits = fixAllEdits(parseLog(text).syntax);
    for (let i = 1; i < edits.length; i++) assert.ok(edits[i]!.start >= edits[i - 1]!.end);
    const fixed = applyEdits(text, edits);
    assert.deepEqual(JSON.parse(fixed), { Records: [{ a: 1, b: 2 }] });
  });

  test('offers nothing when nothing is certain', () => {
    const text = '{"Records":[{"eventName":"Get';
    const document = TextDocument.create('file:///t.json', 'cloudtrail', 1, text);
    assert.equal(fixAllAction(document, parseLog(text).syntax), null);
  });
});

/** Offsets of the commas between values (not those inside strings). */
function structuralCommas(text: string): number[] {
  const scanner = createScanner(text, true);
  const commas: number[] = [];
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.CommaToken) commas.push(scanner.getTokenOffset());
  }
  return commas;
}

describe('fixes: property', () => {
  const logs = [false, true].flatMap((pretty) => [1, 2, 3].map((seedValue) => generateLog({ seed: seedValue, records: 12, pretty })));

  test('deleting any one comma of a valid log is diagnosed, and fix all restores the original exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: logs.length - 1 }), fc.nat(), (which, pick) => {
        const original = logs[which]!;
        const commas = structuralCommas(original);
        const at = commas[pick % commas.length]!;
        const broken = original.slice(0, at) + original.slice(at + 1);
        const problems = parseLog(broken).syntax;
        assert.ok(problems.length > 0, 'the missing comma is reported');
        const fixed = applyEdits(broken, fixAllEdits(problems));
        assert.equal(fixed, original);
      }),
      { numRuns: 300 },
    );
  });
});
