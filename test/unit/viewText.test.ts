/** The words beside and above the events view: what it shows, grouped how, filtered by what, keeping how many. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { folderName, viewDescription, viewMessage } from '../../client/src/eventsView/viewText';

test("the view's description: the grouping, then the filter", () => {
  assert.equal(viewDescription({ groupBy: 'level', filter: undefined }), 'Event level');
  assert.equal(viewDescription({ groupBy: 'identity', filter: 'AccessDenied' }), 'Identity · filter: AccessDenied');
  assert.equal(viewDescription({ groupBy: 'sourceIPAddress', filter: undefined }), 'Source IP');
});

test("a folder's name comes first while the view shows a folder", () => {
  assert.equal(viewDescription({ groupBy: 'hour', filter: undefined, folderName: 'AWSLogs' }), 'AWSLogs · Hour');
  assert.equal(viewDescription({ groupBy: 'errorCode', filter: 'deny', folderName: 'AWSLogs' }), 'AWSLogs · Error code · filter: deny');
});

test('the folder is called by the last name in its path', () => {
  assert.equal(folderName('/home/ana/incident-42/AWSLogs'), 'AWSLogs');
  assert.equal(folderName('/c:/Users/ana/My Logs'), 'My Logs');
  assert.equal(viewDescription({ groupBy: 'level', filter: undefined, folderName: folderName('/srv/trail/2024') }), '2024 · Event level');
});

test("the view's message says how many records the filter kept, and only while one is on", () => {
  const result = { version: 3, groups: [], total: 300, shown: 12 };
  assert.equal(viewMessage(result, 'AccessDenied'), '12 of 300 records match the filter.');
  assert.equal(viewMessage(result, undefined), undefined);
  assert.equal(viewMessage(null, 'AccessDenied'), undefined);
});
