/**
 * The formatter: Format Document and Format Selection change white space only, on clean, broken and hostile
 * logs alike. What "white space only" means is checked by a reader that is not ours: jsonc-parser's scanner,
 * whose tokens (strings and comments whole, white space left out) must be the same before and after.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { createScanner, SyntaxKind } from 'jsonc-parser';
import { laidOutSpan, type LayoutOptions, MAX_LAYOUT_DEPTH, prettyPrint, TWO_SPACES } from '../../common/prettyPrint';
import type { OffsetEdit } from '../../server/src/cloudtrail/problems';
import { formatEdits } from '../../server/src/features/format';
import type { LogShape, Span } from '../../server/src/parse/parsedLog';
import { applyEdits } from '../support/applyEdits';
import { BAD_INPUTS } from '../support/badInputs';
import { generateLog } from '../support/generateLog';

/** Every token jsonc-parser reads, strings and comments whole; white space and line breaks left out. */
function tokens(text: string): string[] {
  const scanner = createScanner(text, false);
  const found: string[] = [];
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind !== SyntaxKind.Trivia && kind !== SyntaxKind.LineBreakTrivia) {
      found.push(`${kind}:${text.substr(scanner.getTokenOffset(), scanner.getTokenLength())}`);
    }
  }
  return found;
}

/** The text with every white space character outside strings removed. */
const withoutWhiteSpace = (text: string) =>
  tokens(text)
    .map((t) => t.slice(t.indexOf(':') + 1))
    .join('');

async function format(text: string, layout: LayoutOptions = TWO_SPACES, range?: Span, shape: LogShape = 'records'): Promise<OffsetEdit[]> {
  const edits = await formatEdits(text, shape, { layout, ...(range ? { range } : {}) });
  assert.ok(edits);
  return edits;
}

/** Checks one formatting's edits: each one replaces white space with white space around the same tokens. */
function assertWhiteSpaceOnly(text: string, edits: readonly OffsetEdit[]): string {
  let last = -1;
  for (const edit of edits) {
    assert.ok(edit.start > last, 'edits in order, apart');
    assert.deepEqual(tokens(edit.text), tokens(text.slice(edit.start, edit.end)));
    last = edit.end;
  }
  const formatted = applyEdits(text, edits);
  assert.deepEqual(tokens(formatted), tokens(text));
  assert.equal(withoutWhiteSpace(formatted), withoutWhiteSpace(text));
  return formatted;
}

/** A clean log, minified or pretty, with white space of any kind between its tokens. */
const anyLayoutLog = fc
  .record({ seed: fc.integer({ min: 1, max: 10_000 }), records: fc.integer({ min: 0, max: 4 }), pretty: fc.boolean() })
  .chain(({ seed, records, pretty }) => {
    const text = generateLog({ seed, records, pretty });
    return fc.array(fc.tuple(fc.nat(text.length), fc.constantFrom(' ', '\n', '\t', '\r\n', '   \n  ')), { maxLength: 40 }).map((spaces) => {
      // White space goes only where JSON allows it: before a structural character.
      let result = text;
      for (const [at, space] of spaces.sort((a, b) => b[0] - a[0])) {
        if ('{}[]:,'.includes(result[at] ?? '') && !inString(result, at)) result = result.slice(0, at) + space + result.slice(at);
      }
      return result;
    });
  });

function inString(text: string, at: number): boolean {
  let inside = false;
  for (let i = 0; i < at; i++) {
    if (text[i] === '\\' && inside) i++;
    else if (text[i] === '"') inside = !inside;
  }
  return inside;
}

/** A log broken by hand: characters deleted, typed or replaced anywhere, strings and comments included. */
const brokenLog = fc.record({ seed: fc.integer({ min: 1, max: 10_000 }), pretty: fc.boolean() }).chain(({ seed, pretty }) => {
  const text = generateLog({ seed, records: 2, pretty });
  const slip = fc.tuple(
    fc.nat(text.length),
    fc.nat(3),
    fc.constantFrom('', ',', ':', '"', '{', '}', '[', ']', '/', '//x', '/*', '*/', '\\', '\n', '\r', ' ', 'x', '1', '\u00a0', '\ufeff'),
  );
  return fc.array(slip, { minLength: 1, maxLength: 8 }).map((slips) => {
    let result = text;
    for (const [at, cut, typed] of slips) result = result.slice(0, at) + typed + result.slice(at + cut);
    return result;
  });
});

describe('formatter', () => {
  test('lays a minified delivered log out exactly as JSON.stringify does, with spaces or tabs', async () => {
    const text = generateLog({ seed: 1, records: 30 });
    const value: unknown = JSON.parse(text);
    assert.equal(applyEdits(text, await format(text)), JSON.stringify(value, null, 2));
    assert.equal(applyEdits(text, await format(text, { tabSize: 4, insertSpaces: false })), JSON.stringify(value, null, '\t'));
    assert.equal(applyEdits(text, await format(text, { tabSize: 4, insertSpaces: true })), JSON.stringify(value, null, 4));
    assert.equal(prettyPrint(text), JSON.stringify(value, null, 2));
  });

  test('a log already laid out gets no edit, and a second formatting changes nothing', async () => {
    const text = generateLog({ seed: 2, records: 10 });
    const once = applyEdits(text, await format(text));
    assert.deepEqual(await format(once), []);
    assert.deepEqual(await format(JSON.stringify(JSON.parse(text), null, 2)), []);
  });

  test('keeps the line break style and the final line break of the file', async () => {
    const text = '{"Records":[\r\n{"eventName":"GetObject"}]}\r\n';
    assert.equal(
      applyEdits(text, await format(text)),
      '{\r\n  "Records": [\r\n    {\r\n      "eventName": "GetObject"\r\n    }\r\n  ]\r\n}\r\n',
    );
    assert.equal(applyEdits('{}', await format('{}', { ...TWO_SPACES, finalNewline: true })), '{}\n');
  });

  test('changes white space only and keeps every value, whatever white space a valid log has (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyLayoutLog,
        fc.constantFrom<LayoutOptions>(TWO_SPACES, { tabSize: 4, insertSpaces: false }),
        async (text, layout) => {
          const formatted = assertWhiteSpaceOnly(text, await format(text, layout));
          assert.deepEqual(JSON.parse(formatted), JSON.parse(text));
          assert.deepEqual(await format(formatted, layout), [], 'formatting is stable');
        },
      ),
      { numRuns: 150 },
    );
  });

  test('on broken logs, loses and changes no character but white space, and never joins two tokens (property)', async () => {
    await fc.assert(
      fc.asyncProperty(brokenLog, async (text) => {
        assertWhiteSpaceOnly(text, await format(text));
      }),
      { numRuns: 300 },
    );
  });

  test('on every bad input, changes white space only', async () => {
    for (const [name, make] of Object.entries(BAD_INPUTS)) {
      const text = make();
      const edits = await format(text);
      // Deep nesting: the layout stops breaking lines, so the text grows by a bounded amount.
      const formatted = assertWhiteSpaceOnly(text, edits);
      assert.ok(formatted.length <= text.length * 2 + 2 * MAX_LAYOUT_DEPTH * MAX_LAYOUT_DEPTH * 2, name);
    }
  });

  test('keeps the line break after a line comment and after a string cut off by one', async () => {
    const text = '{"a": 1 // note\n, "b": "cut\n, "c": [1 /* two */, 2]}';
    const formatted = applyEdits(text, await format(text));
    assert.match(formatted, /\/\/ note\r?\n/);
    assert.match(formatted, /"cut\r?\n/);
    assert.deepEqual(tokens(formatted), tokens(text));
  });

  test('100,000 nested brackets: a bounded indent, and deeper levels on one line', async () => {
    const text = `{"Records":[{"requestParameters":{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}}]}`;
    const formatted = assertWhiteSpaceOnly(text, await format(text));
    const lines = formatted.split('\n');
    assert.ok(lines.length < 4 * MAX_LAYOUT_DEPTH, `${lines.length} lines`);
    assert.ok(Math.max(...lines.map((l) => l.length - l.trimStart().length)) <= 2 * MAX_LAYOUT_DEPTH);
    // Deep inside, tokens that could run together keep a gap, and a line comment its line break.
    const deep = `${'['.repeat(1000)}1 2 /*c*/ true // x\n null "a"   "b"${']'.repeat(1000)}`;
    assertWhiteSpaceOnly(deep, await format(deep));
  });

  test('Format Selection changes only gaps inside the selection', async () => {
    const text = generateLog({ seed: 3, records: 6 });
    const start = text.indexOf('{"eventVersion"', text.indexOf('{"eventVersion"') + 1);
    const end = text.indexOf('{"eventVersion"', start + 1) - 1;
    const edits = await format(text, TWO_SPACES, { start, end });
    assert.ok(edits.length > 0);
    assert.ok(edits.every((e) => e.start >= start && e.end <= end));
    const formatted = assertWhiteSpaceOnly(text, edits);
    const grown = formatted.length - text.length;
    assert.equal(formatted.slice(0, start), text.slice(0, start));
    assert.equal(formatted.slice(end + grown), text.slice(end));
    // The selected record is laid out on lines of its own at its depth in the log (its fields three levels in).
    assert.match(formatted.slice(start, end + grown), /^\n {4}\{\n {6}"eventVersion": /);
  });

  test('JSON Lines keep one record a line under Format Document; a selection is still laid out', async () => {
    const lines = '{"eventVersion":"1.08","eventName":"GetObject"}\n{"eventVersion":"1.08","eventName":"PutObject"}\n';
    assert.deepEqual(await format(lines, TWO_SPACES, undefined, 'lines'), []);
    const edits = await format(lines, TWO_SPACES, { start: 0, end: lines.indexOf('\n') }, 'lines');
    assert.ok(edits.length > 0 && edits.every((e) => e.end <= lines.indexOf('\n')));
  });

  test('a 5 MB one-line log becomes a few hundred edits, not one a gap', async () => {
    const text = generateLog({ seed: 4, targetBytes: 5 * 1024 * 1024 });
    const edits = await format(text);
    assert.ok(edits.length <= Math.ceil(text.length / 32_768), `${edits.length} edits`);
    assert.deepEqual(JSON.parse(applyEdits(text, edits)), JSON.parse(text));
    // One stray space in a laid-out log is one small edit.
    const pretty = JSON.stringify(JSON.parse(text), null, 2);
    const at = pretty.indexOf('"eventName": ') + '"eventName":'.length;
    const [edit, ...rest] = await format(`${pretty.slice(0, at)}   ${pretty.slice(at)}`);
    assert.deepEqual([edit, rest.length], [{ start: at, end: at + 4, text: ' ' }, 0]);
  });

  test('a cancelled formatting stops and answers nothing', async () => {
    const text = generateLog({ seed: 5, targetBytes: 4 * 1024 * 1024 });
    let asked = 0;
    const edits = await formatEdits(text, 'records', { layout: TWO_SPACES, isCancelled: () => ++asked > 0 });
    assert.equal(edits, undefined);
    assert.equal(asked, 1);
  });
});

describe('pretty-printed logs', () => {
  test("a record's range in the log is moved onto the same record in the laid-out text", () => {
    const text = generateLog({ seed: 6, records: 25 });
    const records = (JSON.parse(text) as { Records: unknown[] }).Records;
    const pretty = prettyPrint(text, { tabSize: 4, insertSpaces: false });
    let from = 0;
    for (const record of records) {
      const json = JSON.stringify(record);
      const start = text.indexOf(json, from);
      from = start + json.length;
      const span = laidOutSpan(text, { start, end: from }, { tabSize: 4, insertSpaces: false });
      const shown = pretty.slice(span.start, span.end);
      assert.ok(shown.startsWith('{\n\t\t\t"eventVersion"') && shown.endsWith('\n\t\t}'), shown.slice(0, 40));
      assert.deepEqual(JSON.parse(shown), record);
    }
  });
});
