/** The `cloudtrail.*` settings (lsp/settingsStore.ts, settings/serverSettings.ts): asked once per change, read one way for every use. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLanguageService } from '../../server/src/languageService';
import { SettingsStore } from '../../server/src/lsp/settingsStore';

const RAW = {
  maxProblems: 7,
  problems: { ignore: ['missing-field', 'noSuchCode'] },
  detections: { minimumLevel: 'high', rules: ['./mine', 3, ' '] },
  accounts: ['111122223333', 'not an account'],
  athena: { database: ' audit ', partitioning: 'yearMonthDay' },
  lake: { eventDataStore: 'eds-1' },
};

function store(answer: (uri: string | undefined) => Promise<unknown>) {
  const asked: (string | undefined)[] = [];
  const notes: string[] = [];
  const settings = new SettingsStore(
    getLanguageService(),
    (uri) => {
      asked.push(uri);
      return answer(uri);
    },
    (m) => notes.push(m),
  );
  settings.enabled = true;
  return { settings, asked, notes };
}

test('one read of the cloudtrail section gives the checks, the detections and the SQL target alike', async () => {
  const { settings, notes } = store(async () => RAW);
  const read = await settings.get('file:///a.json');
  assert.equal(read.maxProblems, 7);
  assert.deepEqual([...read.ignoredProblems], ['missing-field']);
  assert.deepEqual(notes.length, 1);
  assert.match(notes[0]!, /noSuchCode/);
  assert.equal(read.detections.minimumLevel, 'high');
  assert.deepEqual(read.detections.rules, ['./mine']);
  assert.deepEqual(read.detections.accounts, ['111122223333']);
  assert.deepEqual(read.sql, {
    athena: { database: 'audit', table: 'cloudtrail_logs', partitioning: 'yearMonthDay' },
    lake: { eventDataStore: 'eds-1' },
  });
});

test('the client is asked once per document and once for the window until the settings change', async () => {
  const { settings, asked, notes } = store(async () => RAW);
  await settings.get('file:///a.json');
  await settings.get('file:///a.json');
  await settings.window();
  await settings.window();
  assert.deepEqual(asked, ['file:///a.json', undefined]);
  settings.clear();
  await settings.window();
  await settings.get('file:///a.json');
  assert.deepEqual(asked, ['file:///a.json', undefined, undefined, 'file:///a.json']);
  // The same note is written once, however many reads meet the same unknown code.
  assert.equal(notes.length, 1);
});

test('a client that fails to answer, or cannot, gets the defaults', async () => {
  const failing = store(() => Promise.reject(new Error('no configuration')));
  const defaults = getLanguageService().readSettings(undefined);
  assert.deepEqual(await failing.settings.get('file:///a.json'), defaults);
  assert.deepEqual(await failing.settings.window(), defaults);
  const unable = store(async () => RAW);
  unable.settings.enabled = false;
  assert.deepEqual(await unable.settings.window(), defaults);
  assert.deepEqual(unable.asked, []);
});

test('settings of the wrong type are the defaults, never a widened read', () => {
  const read = getLanguageService().readSettings({
    maxProblems: -1,
    detections: { enable: 'yes', exclude: 'all' },
    athena: { partitioning: 'x' },
  });
  assert.equal(read.maxProblems, 500);
  assert.equal(read.detections.enable, true);
  assert.ok(Array.isArray(read.detections.exclude) && read.detections.exclude.length > 0);
  assert.equal(read.sql.athena.partitioning, 'projection');
});
