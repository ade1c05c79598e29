/** The document cache: one analysis per open document, a bounded number of them, each version made from the last. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache } from '../../server/src/lsp/documentCache';
import { parseLog } from '../../server/src/parse/parseLog';
import { generateLog } from '../support/generateLog';
import { snapshot } from '../support/snapshot';

const TEXT = generateLog({ seed: 12, records: 30, pretty: true });

function open(name: string, text = TEXT): TextDocument {
  return TextDocument.create(`file:///${name}.json`, 'cloudtrail', 1, text);
}

/** Types `insert` at `offset`, telling the cache as the server does. */
function type(cache: DocumentCache, document: TextDocument, offset: number, insert: string): TextDocument {
  const version = document.version + 1;
  cache.noteEdit(document, version, { start: offset, end: offset, text: insert });
  const at = document.positionAt(offset);
  return TextDocument.update(document, [{ range: { start: at, end: at }, text: insert }], version);
}

test('a document asked for again gets the analysis already made, until it is closed', () => {
  const cache = new DocumentCache();
  const a = open('a');
  const first = cache.get(a);
  assert.equal(cache.get(a), first);
  cache.delete(a.uri);
  assert.notEqual(cache.get(a), first);
});

test('past its bound the cache drops the least recently used document', () => {
  const cache = new DocumentCache({ maxEntries: 2 });
  const [a, b, c] = [open('a'), open('b'), open('c')];
  const analyses = new Map([a, b].map((d) => [d.uri, cache.get(d)]));
  assert.equal(cache.get(a), analyses.get(a.uri)); // a used after b
  void cache.get(c); // b goes
  assert.equal(cache.get(a), analyses.get(a.uri));
  assert.notEqual(cache.get(b), analyses.get(b.uri));
});

test('an edit inside a record is read from the cached version, which stays as it was', () => {
  const cache = new DocumentCache();
  let document = open('edited');
  const before = cache.get(document);
  const first = before.parsed.records[0]!;
  void first.fields;
  const third = before.parsed.records[2]!;
  document = type(cache, document, third.start + 20, 'x');
  const after = cache.get(document);
  assert.equal(after.version, 2);
  assert.equal(after.parsed.records[0], first, 'the record before the edit is shared');
  assert.deepEqual(snapshot(after.parsed), snapshot(parseLog(document.getText())));
  assert.deepEqual(snapshot(before.parsed), snapshot(parseLog(TEXT)), 'the version before still describes its text');
});

test('an edit the cache cannot follow (several changes at once) is read whole', () => {
  const cache = new DocumentCache();
  let document = open('whole');
  const before = cache.get(document);
  cache.noteEdit(document, 2, undefined);
  document = TextDocument.update(document, [{ text: TEXT.replace('GetObject', 'PutObject') }], 2);
  const after = cache.get(document);
  assert.notEqual(after.parsed.records[0], before.parsed.records[0]);
  assert.deepEqual(snapshot(after.parsed), snapshot(parseLog(document.getText())));
});
