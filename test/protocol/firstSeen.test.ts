/** cloudtrail/firstSeen over LSP: the hand-worked log of test/support/firstSeenLog.ts, open and split over a folder's two files. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type FirstSeenParams, FirstSeenRequest } from '../../common/actorProtocol';
import { OpenLogRequest } from '../../common/protocol';
import { TestClient } from '../support/lspClient';
import { logOf } from '../support/cleanRecord';
import { FIRST_SEEN_RECORDS } from '../support/firstSeenLog';
import { ALICE, eventId, time } from '../support/sessionLog';

describe('cloudtrail/firstSeen', () => {
  let client: TestClient;
  const folder = mkdtempSync(path.join(tmpdir(), 'first-seen-'));
  const folderUri = pathToFileURL(folder).href;
  const documentUri = 'file:///first-seen/log.json';
  before(async () => {
    client = new TestClient();
    await client.initialize();
    await client.open(documentUri, logOf(...FIRST_SEEN_RECORDS));
    // alice's AssumeRole in one file, what her session did with it in the other.
    writeFileSync(path.join(folder, 'a.json'), logOf(...FIRST_SEEN_RECORDS.slice(0, 3)));
    writeFileSync(path.join(folder, 'b.json'), logOf(...FIRST_SEEN_RECORDS.slice(3)));
    await client.connection.sendRequest(OpenLogRequest, { uri: folderUri });
  });
  after(async () => {
    await client.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  const ask = (uri: string, params: Omit<FirstSeenParams, 'textDocument'>) =>
    client.connection.sendRequest(FirstSeenRequest, { textDocument: { uri }, ...params });

  for (const uri of [documentUri, folderUri]) {
    test(`new source IPs since 10:50, with the first record's eventID (${uri.startsWith('file:///first') ? 'open' : 'folder'})`, async () => {
      assert.deepEqual(await ask(uri, { since: time(50), field: 'sourceIPAddress' }), {
        items: [
          { actor: ALICE, value: '198.51.100.7', firstTime: time(55), eventID: eventId(55), count: 2 },
          { actor: 'arn:aws:iam::111122223333:user/bob', value: '192.0.2.10', firstTime: time(56), eventID: eventId(56), count: 1 },
        ],
      });
    });
  }

  test('a bad time or field, or an unknown log, answers null', async () => {
    assert.equal(await ask(documentUri, { since: 'yesterday', field: 'eventName' }), null);
    assert.equal(await ask(documentUri, { since: time(50), field: 'nope' as 'eventName' }), null);
    assert.equal(await ask('file:///nowhere.json', { since: time(50), field: 'eventName' }), null);
  });
});
