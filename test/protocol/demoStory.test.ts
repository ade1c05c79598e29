/**
 * The demo workspace's trail folder (npm start), read as the events view reads a folder: the attack in it shows in
 * the Detections group, the trail stopped and the snapshot shared each flagged once by the rule pack.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { EventTreeRequest, OpenFolderRequest } from '../../common/protocol';
import { DEMO, demoTrail, writeDemoTrail } from '../support/demoStory';
import { TestClient } from '../support/lspClient';

/** The pack's rules the story is told for (rules/cloudtrail_logging_stopped.yml, rules/ec2_snapshot_shared_foreign.yml). */
const TRAIL_STOPPED = 'ff73c808-4da6-4a8a-822f-921f172b137f';
const SNAPSHOT_SHARED = '1f73db83-34b8-497f-bc4c-1e38184637e0';

describe("the demo workspace's trail folder", () => {
  let client: TestClient;
  let root: string;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'cloudtrail-demo-'));
    writeDemoTrail(root);
    client = new TestClient();
    await client.initialize();
  });

  after(async () => {
    await client.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  test('is read whole, and shows the trail stopped and the snapshot shared among its findings', async () => {
    const folder = pathToFileURL(root).toString();
    const read = (await client.connection.sendRequest(OpenFolderRequest, { folder }))!;
    assert.equal(read.files, demoTrail().length);
    assert.equal(read.records, DEMO.noise + 4);
    assert.deepEqual(read.failed, []);
    const tree = (await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri: folder } }))!;
    const found = new Map((tree.detections ?? []).map((d) => [d.key, d.count]));
    assert.equal(found.get(TRAIL_STOPPED), 1, JSON.stringify(tree.detections));
    assert.equal(found.get(SNAPSHOT_SHARED), 1, JSON.stringify(tree.detections));
  });
});
