/** A folder's records keep line-and-character ranges; they must be the ones the editor computes for the same text. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../server/src/files/lineIndex';

describe('line index', () => {
  test('lines end at \\n, \\r\\n and a lone \\r; characters count UTF-16 units', () => {
    const text = 'ab\ncd\r\nef\rg😀h';
    const lines = new LineIndex(text);
    assert.equal(lines.lineCount, 4);
    assert.deepEqual(lines.positionAt(text.indexOf('c')), { line: 1, character: 0 });
    assert.deepEqual(lines.positionAt(text.indexOf('f')), { line: 2, character: 1 });
    assert.deepEqual(lines.positionAt(text.indexOf('h')), { line: 3, character: 3 });
    assert.deepEqual(lines.rangeOf({ start: 0, end: text.length }), { start: { line: 0, character: 0 }, end: { line: 3, character: 4 } });
  });

  test('an offset inside a line break, or outside the text, is placed where the editor places it', () => {
    const text = 'ab\r\ncd';
    const lines = new LineIndex(text);
    assert.deepEqual(lines.positionAt(3), { line: 0, character: 2 });
    assert.deepEqual(lines.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(lines.positionAt(99), { line: 1, character: 2 });
  });

  test('every offset of any text: the same position as the editor document', () => {
    const piece = fc.constantFrom('a', '{', '"', '\n', '\r', '\r\n', '😀', 'é', ' ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        const document = TextDocument.create('file:///t.json', 'cloudtrail', 1, text);
        const lines = new LineIndex(text);
        assert.equal(lines.lineCount, document.lineCount);
        for (let offset = -1; offset <= text.length + 1; offset++) assert.deepEqual(lines.positionAt(offset), document.positionAt(offset));
      }),
      { numRuns: 500 },
    );
  });
});
