/**
 * The splitter of logs read from disk: whatever the chunk boundaries (inside strings, escapes, \r\n pairs,
 * comments or multi-byte characters), it finds the same record units, at the places and byte offsets an
 * editor and the file give them.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PieceLines } from '../../server/src/files/textPoint';
import { type Unit, UnitSplitter } from '../../server/src/files/unitSplitter';

/** Splits `text` fed in pieces cut at `cuts` (offsets, in any order). */
function split(text: string, cuts: readonly number[] = []): { units: Unit[]; splitter: UnitSplitter } {
  const units: Unit[] = [];
  const splitter = new UnitSplitter({ unit: (u) => units.push(u) });
  const at = [...new Set(cuts.map((c) => Math.max(0, Math.min(text.length, c))))].sort((a, b) => a - b);
  let from = 0;
  for (const cut of [...at, text.length]) {
    splitter.write(text.slice(from, cut));
    from = cut;
  }
  splitter.end();
  return { units, splitter };
}

/** What each unit should be: its text, where it starts in the editor, and its bytes in the file. */
function expected(text: string, starts: readonly number[], ends: readonly number[]) {
  const document = TextDocument.create('file:///x.json', 'cloudtrail', 0, text);
  return starts.map((start, i) => ({
    text: text.slice(start, ends[i]),
    from: document.positionAt(start),
    byteStart: Buffer.byteLength(text.slice(0, start)),
    byteEnd: Buffer.byteLength(text.slice(0, ends[i])),
  }));
}

function seen(units: readonly Unit[]) {
  return units.map((u) => ({ text: u.text, from: u.from, byteStart: u.byteStart, byteEnd: u.byteEnd }));
}

/** String values that make splitting hard: quotes, backslashes, escapes, brackets, line breaks (escaped), and characters of 2 to 4 bytes. */
const hardString = fc
  .array(fc.constantFrom('a', '"', '\\', '{', '}', '[', ']', ',', '\n', '\r', '\r\n', '/*', '//', 'é', '日', '🚀', '\u2028', ' ', 'x:y'), {
    maxLength: 12,
  })
  .map((parts) => parts.join(''));

const record = fc.record({
  eventVersion: fc.constant('1.09'),
  eventName: hardString,
  requestParameters: fc.dictionary(hardString, hardString, { maxKeys: 3 }),
});

/** A log of records in one of the shapes a file comes in, and where each record is in it. */
const shapedLog = fc
  .tuple(fc.array(record, { minLength: 1, maxLength: 5 }), fc.constantFrom('records', 'pretty', 'array', 'lines', 'crlf-lines'))
  .map(([records, shape]) => {
    const texts = records.map((r) => (shape === 'pretty' ? JSON.stringify(r, null, 2) : JSON.stringify(r)));
    const [open, separator, close] = {
      records: ['{"Records":[', ',', ']}'],
      pretty: ['{\n  "Records": [\n', ',\n', '\n  ]\n}\n'],
      array: ['[ ', ' , ', ' ]'],
      lines: ['', '\n', '\n'],
      'crlf-lines': ['', '\r\n', '\r\n'],
    }[shape]!;
    const starts: number[] = [];
    const ends: number[] = [];
    let at = open.length;
    for (const t of texts) {
      starts.push(at);
      ends.push(at + t.length);
      at += t.length + separator.length;
    }
    return { text: open + texts.join(separator) + close, starts, ends };
  });

describe('splitting a log read in chunks', () => {
  test('every record of every shape is one unit, at its place and bytes, wherever the chunks end', () => {
    fc.assert(
      fc.property(shapedLog, fc.array(fc.nat(), { maxLength: 40 }), ({ text, starts, ends }, cuts) => {
        const { units } = split(
          text,
          cuts.map((c) => c % (text.length + 1)),
        );
        assert.deepEqual(seen(units), expected(text, starts, ends));
      }),
      { numRuns: 300 },
    );
  });

  test('chunks of one character give the same units as the whole text', () => {
    fc.assert(
      fc.property(shapedLog, ({ text }) => {
        const whole = seen(split(text).units);
        const byCharacter = seen(
          split(
            text,
            Array.from({ length: text.length }, (_, i) => i),
          ).units,
        );
        assert.deepEqual(byCharacter, whole);
      }),
      { numRuns: 100 },
    );
  });

  test('runs of backslashes cut anywhere, twice: every escape is read as in one piece', () => {
    const text = String.raw`{"Records":[{"a":"\\\"\\\\\\\\\"x\\"},{"b":"\"}\\"}]}`;
    const whole = seen(split(text).units);
    assert.equal(whole.length, 2);
    for (let a = 0; a <= text.length; a++) {
      for (let b = a; b <= text.length; b++) assert.deepEqual(seen(split(text, [a, b]).units), whole, `cut at ${a} and ${b}`);
    }
  });

  test('a wrapper is found whichever property it is, after other properties, and its key split across chunks', () => {
    const text = '{"NextToken":"[x]","Events" : [{"CloudTrailEvent":"{}"},{"a":[1]}],"more":{"b":[2]}}';
    for (let cut = 0; cut <= text.length; cut++) {
      const { units, splitter } = split(text, [cut]);
      assert.equal(splitter.wrapper, 'Events');
      assert.deepEqual(
        units.map((u) => u.text),
        ['{"CloudTrailEvent":"{}"}', '{"a":[1]}'],
        `cut at ${cut}`,
      );
    }
  });

  test('a string cut off by its line end, or a bracket of the other kind, ends where the parser ends it', () => {
    const text = '{"Records":[{"a":"open\n,"b":1},{"c":[1,2}]}';
    const { units } = split(text);
    assert.deepEqual(
      units.map((u) => [u.text, u.closed]),
      [
        ['{"a":"open\n,"b":1}', true],
        ['{"c":[1,2}', true],
      ],
    );
  });

  test('a file cut off inside a record gives that record as cut off', () => {
    const { units } = split('{"Records":[{"a":1},{"b":"x');
    assert.deepEqual(
      units.map((u) => [u.text, u.closed, u.cutOff]),
      [
        ['{"a":1}', true, false],
        ['{"b":"x', false, true],
      ],
    );
  });

  test('values after a wrapper or an array are content after the end, not records', () => {
    assert.deepEqual(
      split('{"Records":[{"a":1}]}\n{"b":2}').units.map((u) => u.text),
      ['{"a":1}'],
    );
    assert.deepEqual(
      split('{"eventVersion":"1.0","eventName":"A"}\n{"b":2}').units.map((u) => u.top),
      [true, true],
    );
  });
});

describe('places in a text no editor holds', () => {
  test('lines and UTF-16 characters are counted as the editor counts them', () => {
    const piece = fc.array(fc.constantFrom('a', '\n', '\r', '\r\n', 'é', '🚀', ' '), { maxLength: 60 }).map((p) => p.join(''));
    fc.assert(
      fc.property(piece, fc.nat({ max: 5 }), fc.nat({ max: 30 }), (text, line, character) => {
        const lines = new PieceLines(text, { line, character });
        const document = TextDocument.create('file:///x', 'x', 0, text);
        for (let offset = 0; offset <= text.length; offset++) {
          const p = document.positionAt(offset);
          // A \r\n is one break: the editor puts both of its offsets at the line's end.
          if (offset > 0 && text[offset - 1] === '\r' && text[offset] === '\n') continue;
          assert.deepEqual(lines.pointAt(offset), { line: line + p.line, character: p.line === 0 ? character + p.character : p.character });
        }
      }),
      { numRuns: 300 },
    );
  });
});
