/** Diagnostics' positions (lsp/positions.ts): the same as the editor's own for every offset, asked in any order. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Positions } from '../../server/src/lsp/positions';

test('every offset, asked in any order, is where TextDocument puts it, whatever the line breaks', () => {
  const piece = fc.constantFrom('a', 'bc', '\n', '\r\n', '\r', '{"x":1}', '€', '\r\r\n');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 20 }), (pieces, picks) => {
      const text = pieces.join('');
      const document = TextDocument.create('file:///p.json', 'cloudtrail', 1, text);
      const positions = new Positions(text);
      for (const pick of picks) {
        const offset = pick % (text.length + 2);
        assert.deepEqual(positions.at(offset), document.positionAt(offset), `${JSON.stringify(text)} at ${offset}`);
      }
    }),
    { numRuns: 500 },
  );
});
