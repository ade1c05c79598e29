/** What the events view follows, for each state of the editor area a user can leave it in. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type EditorState, folderAfter, inFolder, type Target, targetOf } from '../../client/src/eventsView/target';
import type { LargeFile } from '../../client/src/largeFiles/largeFile';

const URI = 'file:///logs/export.json';
const big = (log: boolean, gzip = false): LargeFile => ({ bytes: 60 * 1024 * 1024, gzip, log });
const state = (over: Partial<EditorState>): EditorState => ({
  tab: undefined,
  document: undefined,
  probe: undefined,
  forced: false,
  ...over,
});

test('every editor closed: nothing, because there is no editor (not the last log)', () => {
  assert.deepEqual(targetOf(state({})), { kind: 'none', why: 'noEditor' });
});

test('a shared document: its log when it is CloudTrail, nothing when it is another language', () => {
  const tab = { uri: URI, editor: 'text' as const };
  assert.deepEqual(targetOf(state({ tab, document: { uri: URI, languageId: 'cloudtrail' } })), { kind: 'document', uri: URI });
  assert.deepEqual(targetOf(state({ tab, document: { uri: URI, languageId: 'json' } })), { kind: 'none', why: 'notLog' });
});

test('right after "Treat this file as a CloudTrail log" the reopened document is CloudTrail: it is shown', () => {
  const tab = { uri: URI, editor: 'text' as const };
  const before = targetOf(state({ tab, document: { uri: URI, languageId: 'json' } }));
  const after = targetOf(state({ tab, document: { uri: URI, languageId: 'cloudtrail' } }));
  assert.equal(before.kind, 'none');
  assert.deepEqual(after, { kind: 'document', uri: URI });
});

test('a large file VS Code does not share: read from disk when it looks like a log, or the user said it is one', () => {
  const tab = { uri: URI, editor: 'text' as const };
  assert.deepEqual(targetOf(state({ tab, probe: { kind: 'large', file: big(true) } })), { kind: 'disk', uri: URI, file: big(true) });
  assert.deepEqual(targetOf(state({ tab, probe: { kind: 'large', file: big(false) } })), { kind: 'none', why: 'notLog' });
  assert.deepEqual(targetOf(state({ tab, probe: { kind: 'large', file: big(false) }, forced: true })), {
    kind: 'disk',
    uri: URI,
    file: big(false),
  });
});

test("a large gzip file in the extension's gzip editor is read from disk too", () => {
  const gz = 'file:///logs/export.json.gz';
  const tab = { uri: gz, editor: 'gzip' as const };
  assert.deepEqual(targetOf(state({ tab, probe: { kind: 'large', file: big(true, true) } })), {
    kind: 'disk',
    uri: gz,
    file: big(true, true),
  });
});

test('a small file whose document has not arrived yet, or the gzip editor about to open the text: nothing yet', () => {
  assert.deepEqual(targetOf(state({ tab: { uri: URI, editor: 'text' }, probe: { kind: 'small' } })), { kind: 'none', why: 'pending' });
  assert.deepEqual(targetOf(state({ tab: { uri: URI, editor: 'gzip' }, probe: { kind: 'small' } })), { kind: 'none', why: 'pending' });
  assert.deepEqual(targetOf(state({ tab: { uri: 'untitled:Untitled-1', editor: 'text' } })), { kind: 'none', why: 'pending' });
});

test('a file that cannot be read, or another kind of editor with no text editor: not a log', () => {
  assert.deepEqual(targetOf(state({ tab: { uri: URI, editor: 'text' }, probe: { kind: 'unreadable', message: 'EACCES' } })), {
    kind: 'none',
    why: 'notLog',
  });
  assert.deepEqual(targetOf(state({ tab: { uri: '', editor: 'other' } })), { kind: 'none', why: 'notLog' });
});

test("a diff of a log: the active text editor's document decides", () => {
  const tab = { uri: URI, editor: 'other' as const };
  assert.deepEqual(targetOf(state({ tab, document: { uri: URI, languageId: 'cloudtrail' } })), { kind: 'document', uri: URI });
});

test('a file is in a folder when its path is under the folder, decompressed twin included', () => {
  const folder = 'file:///cases/AWSLogs';
  assert.ok(inFolder(folder, 'file:///cases/AWSLogs/111122223333/CloudTrail/a.json'));
  assert.ok(inFolder(`${folder}/`, 'cloudtrail-gz:/cases/AWSLogs/111122223333/CloudTrail/a.json.gz'));
  assert.ok(!inFolder(folder, 'file:///cases/AWSLogs-old/a.json'));
  assert.ok(!inFolder(folder, 'file:///cases/export.json'));
  assert.ok(!inFolder(folder, folder));
});

test('a folder shown stays while its files, records or no log are active, and gives way to a log from elsewhere', () => {
  const folder = 'file:///cases/AWSLogs';
  const log = (uri: string): Target => ({ kind: 'document', uri });
  const chosen = { folder, beside: 'file:///cases/open-before.json' };
  // The log active when the folder was opened: the user chose the folder over it.
  assert.deepEqual(folderAfter(chosen, log('file:///cases/open-before.json')), chosen);
  assert.deepEqual(folderAfter(chosen, { kind: 'none', why: 'pending' }), chosen);
  // A file of the folder, its decompressed twin, an editor of something else, every editor closed: the folder stays.
  const cleared = { folder, beside: undefined };
  assert.deepEqual(folderAfter(chosen, log('cloudtrail-gz:/cases/AWSLogs/1/a.json.gz')), cleared);
  assert.deepEqual(folderAfter(chosen, { kind: 'none', why: 'notLog' }), cleared);
  assert.deepEqual(folderAfter(chosen, { kind: 'none', why: 'noEditor' }), cleared);
  // Another log becomes active, or the one from before once something else was: the view follows it.
  assert.equal(folderAfter(chosen, log('file:///cases/other.json')), 'leave');
  assert.equal(folderAfter(cleared, log('file:///cases/open-before.json')), 'leave');
  const large = { bytes: 60 * 1024 * 1024, gzip: false, log: true };
  assert.equal(folderAfter(cleared, { kind: 'disk', uri: 'file:///cases/big.json', file: large }), 'leave');
  assert.deepEqual(folderAfter(cleared, { kind: 'disk', uri: `${folder}/big.json`, file: large }), cleared);
});
