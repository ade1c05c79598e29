/** The words beside and above the events view: what it shows, grouped how, filtered by what, keeping how many, and what works at that size. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { folderName, folderReadLine, viewDescription, viewMessage, type ViewSource } from '../../client/src/eventsView/viewText';
import type { LargeFile } from '../../client/src/largeFiles/largeFile';

const DOCUMENT: ViewSource = { kind: 'document' };
const MB = 1024 * 1024;

test("the view's description: the grouping, then the filter", () => {
  assert.equal(viewDescription({ groupBy: 'level', filter: undefined }), 'Event level');
  assert.equal(viewDescription({ groupBy: 'identity', filter: 'AccessDenied' }), 'Identity · filter: AccessDenied');
  assert.equal(viewDescription({ groupBy: 'sourceIPAddress', filter: undefined }), 'Source IP');
});

test("a folder's or a large file's name comes first while the view shows one", () => {
  assert.equal(viewDescription({ groupBy: 'hour', filter: undefined, name: 'AWSLogs' }), 'AWSLogs · Hour');
  assert.equal(viewDescription({ groupBy: 'errorCode', filter: 'deny', name: 'AWSLogs' }), 'AWSLogs · Error code · filter: deny');
  assert.equal(viewDescription({ groupBy: 'level', filter: undefined, name: 'export.json' }), 'export.json · Event level');
});

test('the folder is called by the last name in its path', () => {
  assert.equal(folderName('/home/ana/incident-42/AWSLogs'), 'AWSLogs');
  assert.equal(folderName('/c:/Users/ana/My Logs'), 'My Logs');
  assert.equal(viewDescription({ groupBy: 'level', filter: undefined, name: folderName('/srv/trail/2024') }), '2024 · Event level');
});

test("an editor's log: the message says how many records the filter kept, and only while one is on", () => {
  const result = { version: 3, groups: [], total: 300, shown: 12 };
  assert.equal(viewMessage(DOCUMENT, result, 'AccessDenied'), '12 of 300 records match the filter.');
  assert.equal(viewMessage(DOCUMENT, result, undefined), undefined);
  assert.equal(viewMessage(DOCUMENT, null, 'AccessDenied'), undefined);
});

test('no log shown: no message, so the welcome view says so', () => {
  assert.equal(viewMessage({ kind: 'none' }, null, undefined), undefined);
  assert.equal(viewMessage({ kind: 'none' }, null, 'AccessDenied'), undefined);
});

test('a folder: nothing to add, unless the active editor shows a log outside it', () => {
  const result = { version: 0, groups: [], total: 120, shown: 120 };
  assert.equal(viewMessage({ kind: 'folder', name: 'AWSLogs', activeElsewhere: false }, result, undefined), undefined);
  assert.equal(
    viewMessage({ kind: 'folder', name: 'AWSLogs', activeElsewhere: true }, result, undefined),
    `Showing the folder AWSLogs, not the active editor's log: "Show the active log's events" in the title bar goes back to it.`,
  );
});

test("a folder's entries that were not read are named above the tree, the first few, with what they are", () => {
  const result = { version: 0, groups: [], total: 12, shown: 12 };
  const pipe = (i: number) => ({ name: `p${i}.json`, message: 'not a regular file (a pipe)' });
  const folder = (skipped: { name: string; message: string }[], activeElsewhere = false): ViewSource => ({
    kind: 'folder',
    name: 'evidence',
    activeElsewhere,
    skipped,
  });
  assert.equal(
    viewMessage(folder([{ name: 'zero.json', message: 'not a regular file (a symbolic link, which is not followed)' }]), result, undefined),
    '1 entry was not read (zero.json: not a regular file (a symbolic link, which is not followed)).',
  );
  assert.equal(
    viewMessage(folder([1, 2, 3, 4, 5, 6, 7].map(pipe)), result, undefined),
    '7 entries were not read (p1.json: not a regular file (a pipe); p2.json: not a regular file (a pipe); p3.json: not a regular file (a pipe); ' +
      'p4.json: not a regular file (a pipe); p5.json: not a regular file (a pipe); and 2 more).',
  );
  assert.match(
    viewMessage(folder([pipe(1)], true), result, undefined)!,
    /^1 entry was not read .*\. Showing the folder evidence, not the active/,
  );
});

const json: LargeFile = { bytes: 60 * MB + 123, gzip: false, log: true };
const gz: LargeFile = { bytes: 212 * MB, gzip: true, log: true };
const disk = (file: LargeFile, status: Extract<ViewSource, { kind: 'disk' }>['status']): ViewSource => ({
  kind: 'disk',
  name: file.gzip ? 'export.json.gz' : 'export.json',
  file,
  status,
});

test('a large file, read: one line on what works at that size and why', () => {
  const message = viewMessage(
    disk(json, { kind: 'read', records: 53078 }),
    { version: 0, groups: [], total: 53078, shown: 53078 },
    undefined,
  );
  assert.equal(
    message,
    'Read from disk (60.0 MB): events, filters and problems work; hovers, completion and fixes need VS Code to share the file, which it does not above 50 MB.',
  );
  assert.ok(!message.includes('\n'));
  assert.equal(
    viewMessage(disk(gz, { kind: 'read', records: 10 }), null, undefined),
    'Read from disk (212 MB decompressed): events, filters and problems work; hovers, completion, fixes and opening a record need VS Code to share the text, which it does not above 50 MB.',
  );
});

test("a large file with a filter: the filter's count, then the file's line", () => {
  const message = viewMessage(disk(json, { kind: 'read', records: 300 }), { version: 0, groups: [], total: 300, shown: 12 }, 'deny');
  assert.match(message ?? '', /^12 of 300 records match the filter\. Read from disk \(60\.0 MB\): events, filters and problems work;/);
});

test('a large file being read, failed, cancelled, or read only in part', () => {
  assert.equal(viewMessage(disk(json, { kind: 'reading' }), null, undefined), 'Reading export.json from disk (60.0 MB)…');
  assert.equal(
    viewMessage(disk(json, { kind: 'reading', done: 12 * MB, total: 60 * MB }), null, undefined),
    'Reading export.json from disk: 12.0 MB of 60.0 MB…',
  );
  assert.equal(
    viewMessage(disk(json, { kind: 'failed', message: 'EACCES: permission denied, open\n/logs/export.json' }), null, 'deny'),
    'Could not read export.json: EACCES: permission denied, open /logs/export.json.',
  );
  assert.equal(
    viewMessage(disk(json, { kind: 'cancelled' }), null, undefined),
    'Reading export.json was cancelled: Refresh reads it again.',
  );
  assert.match(
    viewMessage(disk(gz, { kind: 'read', records: 10, incomplete: 'the file ends early (a truncated download?)' }), null, undefined) ?? '',
    / which it does not above 50 MB\. Not all of it could be read: the file ends early \(a truncated download\?\)\.$/,
  );
});

test("a folder's read, once done, says how many records from how many files, and what could not be read (counted)", () => {
  assert.deepEqual(folderReadLine({ files: 3, records: 2613, failed: [] }), { text: 'Read 2,613 records from 3 files.', warn: false });
  assert.deepEqual(folderReadLine({ files: 1, records: 1, failed: [] }), { text: 'Read 1 record from 1 file.', warn: false });
  const failed = [{ uri: 'file:///t/a.json.gz', message: 'unexpected end' }];
  const skipped = [{ uri: 'file:///t/[x](command:y).json', message: 'a pipe' }];
  const said = folderReadLine({ files: 4, records: 90, failed, skipped });
  assert.equal(
    said.text,
    'Read 90 records from 4 files. 1 of 4 files could not be read whole. 1 entry is not a regular file and was not read (the events view names it).',
  );
  assert.match(
    folderReadLine({ files: 0, records: 0, failed: [], skipped: [...skipped, ...skipped] }).text,
    / 2 entries are not regular files/,
  );
  assert.equal(said.warn, true);
  assert.ok(!said.text.includes('command:'), "an entry's name is not said in the notification");
});
