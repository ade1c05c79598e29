/**
 * cloudtrail/verifyIntegrity over LSP: a folder's digest chain, made and signed by the tests, checked with the key file
 * the request names or the one `cloudtrail.integrity.publicKeys` names; a folder that is none answers null.
 */
import assert from 'node:assert/strict';
import { rmSync, unlinkSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { integrityCounts, VerifyIntegrityRequest } from '../../common/integrityProtocol';
import { OpenLogRequest } from '../../common/protocol';
import { ReportRequest } from '../../common/reportProtocol';
import { type DigestChain, makeDigestChain, writeKeyFile } from '../support/digestChain';
import { TestClient } from '../support/lspClient';

describe('cloudtrail/verifyIntegrity', () => {
  let client: TestClient;
  let chain: DigestChain;
  let keys: string;
  before(async () => {
    chain = makeDigestChain({ hours: 5 });
    keys = writeKeyFile(chain);
    unlinkSync(chain.digests[2]!);
    client = new TestClient();
    await client.initialize();
  });
  after(async () => {
    await client.dispose();
    rmSync(chain.root, { recursive: true, force: true });
  });

  const ask = (publicKeys?: string) =>
    client.connection.sendRequest(VerifyIntegrityRequest, {
      folder: pathToFileURL(chain.root).href,
      ...(publicKeys ? { publicKeys: pathToFileURL(publicKeys).href } : {}),
    });

  test('with the key file it names: the deleted digest missing, its hour a gap, its logs unlisted, the rest checked', async () => {
    const result = await ask(keys);
    assert.ok(result);
    const counts = integrityCounts(result);
    assert.deepEqual(counts.digests, { valid: 2, invalid: 0, unverified: 2, missing: 1 });
    // The deleted digest's two logs are still in the folder, and no digest vouches for them.
    assert.deepEqual(counts.logs, { valid: chain.logs.length - 2, modified: 0, missing: 0, unlisted: 2 });
    assert.deepEqual(result.gaps, [{ after: chain.ends[1], before: chain.ends[2] }]);
    assert.equal(result.digests.find((d) => d.status === 'missing')?.uri, pathToFileURL(chain.digests[2]!).href);
  });

  test('with no key file, no signature is valid; with the key file the setting names, they are', async () => {
    const unkeyed = integrityCounts((await ask())!);
    assert.equal(unkeyed.digests.valid, 0);
    client.settings = { integrity: { publicKeys: keys } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    assert.equal(integrityCounts((await ask())!).digests.valid, 2);
  });

  test('a folder that is not one, or not on disk, answers null', async () => {
    const file = pathToFileURL(path.join(chain.root, 'nothing-here')).href;
    assert.equal(await client.connection.sendRequest(VerifyIntegrityRequest, { folder: file }), null);
    assert.equal(await client.connection.sendRequest(VerifyIntegrityRequest, { folder: 'untitled:Untitled-1' }), null);
    assert.equal(await client.connection.sendRequest(VerifyIntegrityRequest, { folder: pathToFileURL(chain.digests[0]!).href }), null);
    assert.deepEqual(client.loggedErrors, []);
  });
});

describe('an investigation report of a checked folder', () => {
  test('says "not checked" until the folder is checked, and then shows the last check\'s counts', async () => {
    const chain = makeDigestChain({ hours: 3 });
    const client = new TestClient();
    try {
      await client.initialize();
      const folder = pathToFileURL(chain.root).href;
      await client.connection.sendRequest(OpenLogRequest, { uri: folder });
      const report = async () =>
        (await client.connection.sendRequest(ReportRequest, { textDocument: { uri: folder }, format: 'html' }))!.text;
      assert.match(await report(), /data-integrity="not-checked"/);
      const result = await client.connection.sendRequest(VerifyIntegrityRequest, {
        folder,
        publicKeys: pathToFileURL(writeKeyFile(chain)).href,
      });
      const valid = integrityCounts(result!).logs.valid;
      assert.ok(valid > 0);
      const checked = await report();
      assert.doesNotMatch(checked, /not-checked/);
      assert.match(checked, new RegExp(`data-count="logs-valid"[^>]*>${valid}<`));
    } finally {
      await client.dispose();
      rmSync(chain.root, { recursive: true, force: true });
    }
  });
});
